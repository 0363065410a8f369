import { describe, expect, it } from "vitest";
import { Scheduler } from "../../../src/sim/scheduler.js";
import { Recorder, asKnown, type KnownTraceEvent } from "../../../src/sim/trace.js";
import {
  ItemExponentialFailureRateLimiter, RateLimitingQueue, newController, type ReconcileResult,
} from "../../../src/workqueue/index.js";
import { drive } from "./helpers.js";

function setup(workers: number, reconcile: (key: string, worker: number) => ReconcileResult | Promise<ReconcileResult>,
               extra?: { maxRetries?: number }) {
  const s = new Scheduler();
  const rec = new Recorder(s);
  const c = newController<string>({ name: "ctl", workers, reconcile, scheduler: s, tracer: rec, ...extra });
  const stop = new AbortController();
  return { s, rec, c, stop, events: (): KnownTraceEvent[] => rec.events.map(asKnown) };
}

const sleep = (s: Scheduler, ms: number): Promise<void> => new Promise((r) => s.setTimeout(r, ms));

describe("controller helper", () => {
  it("runs the canonical loop: get → reconcile → forget → done, workers taking turns", async () => {
    const seen: Array<[string, number]> = [];
    const { s, c, stop, events } = setup(2, (key, worker) => { seen.push([key, worker]); });
    c.run(stop.signal);
    c.queue.add("a");
    c.queue.add("b");
    c.queue.add("c");
    await drive(s, 10);
    expect(seen.map(([k]) => k)).toEqual(["a", "b", "c"]);
    expect(new Set(seen.map(([, w]) => w))).toEqual(new Set([0, 1]));
    const kinds = events().filter((e) => e.component === "worker" || e.kind === "workqueue.forget"
      || e.kind === "workqueue.done").filter((e) => "key" in e && e.key === "a").map((e) => e.kind);
    expect(kinds).toEqual(["worker.reconcile", "worker.result", "workqueue.forget", "workqueue.done"]);
  });

  it("idle workers wait for an add instead of polling", async () => {
    const { s, c, stop, rec } = setup(3, () => undefined);
    c.run(stop.signal);
    await drive(s, 5);
    const before = rec.events.length;
    expect(s.pending()).toBe(0);
    await drive(s, 60_000);
    expect(rec.events.length).toBe(before);
    c.queue.add("late");
    await drive(s, 0);
    expect(rec.events.map(asKnown).some((e) => e.kind === "worker.reconcile" && e.key === "late")).toBe(true);
  });

  it("retries a failing key with the default limiter's delays, then forgets it on success", async () => {
    let attempts = 0;
    const times: number[] = [];
    const { s, c, stop, events } = setup(1, () => {
      times.push(s.now());
      attempts++;
      if (attempts <= 3) throw new Error(`boom ${attempts}`);
    });
    c.run(stop.signal);
    c.queue.add("k");
    await drive(s, 1000);
    expect(times).toEqual([0, 5, 15, 35]);
    const results = events().flatMap((e) => (e.kind === "worker.result" ? [e.result] : []));
    expect(results).toEqual(["error", "error", "error", "success"]);
    const rl = events().flatMap((e) => (e.kind === "workqueue.rateLimited" ? [[e.delayMs, e.requeues]] : []));
    expect(rl).toEqual([[5, 1], [10, 2], [20, 3]]);
    expect(c.queue.numRequeues("k")).toBe(0);
    expect(events().find((e) => e.kind === "worker.result")).toMatchObject({ message: "boom 1" });
  });

  it("holds a key during an async reconcile: a re-add runs again only after done", async () => {
    const spans: Array<[string, number, number]> = [];
    const { s, c, stop } = setup(3, async (key) => {
      const start = s.now();
      await sleep(s, 50);
      spans.push([key, start, s.now()]);
    });
    c.run(stop.signal);
    c.queue.add("k");
    s.setTimeout(() => c.queue.add("k"), 10);
    s.setTimeout(() => c.queue.add("k"), 20);
    await drive(s, 500);
    expect(spans).toEqual([["k", 0, 50], ["k", 50, 100]]);
  });

  it("a rejected promise counts as an error; requeueAfter and requeue: true requeue", async () => {
    let n = 0;
    const times: number[] = [];
    const { s, c, stop, events } = setup(1, async (): Promise<ReconcileResult> => {
      times.push(s.now());
      n++;
      await Promise.resolve();
      if (n === 1) throw new Error("async boom");
      if (n === 2) return { requeueAfter: 1000 };
      if (n === 3) return { requeue: true };
      return undefined;
    });
    c.run(stop.signal);
    c.queue.add("k");
    await drive(s, 5000);
    // error → 5 ms; requeueAfter forgets then waits 1000 ms; requeue:true is rate limited again from 0 failures.
    expect(times).toEqual([0, 5, 1005, 1010]);
    const results = events().flatMap((e) => (e.kind === "worker.result" ? [e.result] : []));
    expect(results).toEqual(["error", "requeue", "requeue", "success"]);
    expect(events().find((e) => e.kind === "worker.result" && e.result === "requeue"))
      .toMatchObject({ requeueAfterMs: 1000 });
  });

  it("drops a key after maxRetries failures", async () => {
    let calls = 0;
    const { s, c, stop, events } = setup(1, () => { calls++; throw new Error("always"); }, { maxRetries: 2 });
    c.run(stop.signal);
    c.queue.add("k");
    await drive(s, 10_000);
    expect(calls).toBe(3);
    const last = events().filter((e) => e.kind === "worker.result").at(-1);
    expect(last).toMatchObject({ result: "error" });
    expect(last?.kind === "worker.result" && last.message).toContain("dropped after 2 retries");
    expect(s.pending()).toBe(0);
  });

  it("drops after 5 retries by default (client-go's example)", async () => {
    let calls = 0;
    const { s, c, stop } = setup(1, () => { calls++; throw new Error("always"); });
    c.run(stop.signal);
    c.queue.add("k");
    await drive(s, 100_000);
    expect(calls).toBe(6);
  });

  it("leaves a reconcile's own retry bookkeeping alone", async () => {
    const times: number[] = [];
    let n = 0;
    const { s, c, stop, events } = setup(1, (key) => {
      times.push(s.now());
      n++;
      if (n === 1) { c.queue.addAfter(key, 300); return; }          // manual requeue on "success"
      if (n === 2) { c.queue.addRateLimited(key); throw new Error("x"); } // manual retry on error
    });
    c.run(stop.signal);
    c.queue.add("k");
    await drive(s, 5000);
    // n=1 → +300 (no automatic forget needed); n=2 → one rate-limited retry (5 ms), not two.
    expect(times).toEqual([0, 300, 305]);
    expect(events().filter((e) => e.kind === "workqueue.rateLimited")).toHaveLength(1);
    expect(events().filter((e) => e.kind === "workqueue.forget")).toHaveLength(1); // only after n=3
  });

  it("stop shuts the queue down and every worker stops", async () => {
    const { s, c, stop, events } = setup(2, () => undefined);
    c.run(stop.signal);
    c.queue.add("a");
    await drive(s, 1);
    stop.abort();
    await drive(s, 1);
    expect(events().filter((e) => e.kind === "worker.stopped")).toHaveLength(2);
    expect(c.activeWorkers()).toBe(0);
    expect(c.queue.shuttingDown()).toBe(true);
  });

  it("uses a given queue and rejects zero workers", () => {
    const s = new Scheduler();
    const q = new RateLimitingQueue<string>(new ItemExponentialFailureRateLimiter<string>(1, 10), s);
    const c = newController<string>({ workers: 1, reconcile: () => undefined, scheduler: s, queue: q });
    expect(c.queue).toBe(q);
    expect(() => newController<string>({ workers: 0, reconcile: () => undefined, scheduler: s })).toThrow(RangeError);
  });
});
