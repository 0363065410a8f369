import { describe, expect, it } from "vitest";
import { Scheduler } from "../../../src/sim/scheduler.js";
import { Recorder, asKnown } from "../../../src/sim/trace.js";
import { WorkQueue } from "../../../src/workqueue/index.js";
import { drive } from "./helpers.js";

function newQueue(): { q: WorkQueue<string>; s: Scheduler; rec: Recorder } {
  const s = new Scheduler();
  const rec = new Recorder(s);
  return { q: new WorkQueue<string>({ scheduler: s, tracer: rec, name: "q" }), s, rec };
}

describe("WorkQueue — spec §12.F", () => {
  it("101 TestLen: duplicates collapse in Len", () => {
    const { q } = newQueue();
    q.add("foo");
    expect(q.len()).toBe(1);
    q.add("bar");
    expect(q.len()).toBe(2);
    q.add("foo");
    expect(q.len()).toBe(2);
  });

  it("102 TestReinsert: an add while processing re-queues at done", () => {
    const { q } = newQueue();
    q.add("foo");
    expect(q.get()).toEqual(["foo", false]);
    q.add("foo");
    expect(q.len()).toBe(0);
    q.done("foo");
    expect(q.len()).toBe(1);
    expect(q.get()).toEqual(["foo", false]);
    q.done("foo");
    expect(q.len()).toBe(0);
  });

  it("103 TestCollapse: two adds, one get; the second add is traced as deduplicated", () => {
    const { q, rec } = newQueue();
    q.add("bar");
    q.add("bar");
    expect(q.get()).toEqual(["bar", false]);
    q.done("bar");
    expect(q.len()).toBe(0);
    expect(q.get()).toEqual([undefined, false]);
    const adds = rec.events.map(asKnown).filter((e) => e.kind === "workqueue.add");
    expect(adds.map((e) => e.kind === "workqueue.add" && e.deduplicated)).toEqual([false, true]);
  });

  it("104 TestCollapseWhileProcessing: a second worker waits until done, then gets foo exactly once", async () => {
    const { q, s } = newQueue();
    q.add("foo");
    expect(q.get(1)).toEqual(["foo", false]);
    q.add("foo");
    q.add("foo");
    // Worker 2 finds nothing ready (Go would block) and waits to be woken.
    expect(q.get(2)).toEqual([undefined, false]);
    const got: Array<[string | undefined, boolean]> = [];
    q.onReady(() => got.push(q.get(2)));
    await drive(s, 100);
    expect(got).toEqual([]);
    q.done("foo");
    await drive(s, 0);
    expect(got).toEqual([["foo", false]]);
    expect(q.get(1)).toEqual([undefined, false]);
    q.done("foo");
    expect(q.len()).toBe(0);
  });

  it("105 TestQueueDrainageUsingShutDownWithDrain: drain waits for every done", async () => {
    const { q, s } = newQueue();
    q.add("foo");
    q.add("bar");
    q.get();
    q.get();
    let drained = false;
    void q.shutDownWithDrain().then(() => { drained = true; });
    expect(q.get()).toEqual([undefined, true]);
    await drive(s, 1000);
    expect(drained).toBe(false);
    q.done("foo");
    await drive(s, 1000);
    expect(drained).toBe(false);
    q.done("bar");
    expect(drained).toBe(false); // settles from a scheduled task, not synchronously
    await drive(s, 0);
    expect(drained).toBe(true);
  });

  it("106 TestNoQueueDrainageUsingShutDown: shutDown returns at once without any done", () => {
    const { q } = newQueue();
    q.add("foo");
    q.add("bar");
    q.get();
    q.get();
    q.shutDown();
    expect(q.shuttingDown()).toBe(true);
    expect(q.get()).toEqual([undefined, true]);
  });

  it("107 TestForceQueueShutdownUsingShutDown: a later shutDown releases a blocked drain", async () => {
    const { q, s } = newQueue();
    q.add("foo");
    q.get();
    let drained = false;
    void q.shutDownWithDrain().then(() => { drained = true; });
    await drive(s, 1000);
    expect(drained).toBe(false);
    q.shutDown();
    await drive(s, 0);
    expect(drained).toBe(true);
  });

  it("108 TestQueueDrainageUsingShutDownWithDrainWithDirtyItem: done re-queues the dirty item, which a worker still gets", async () => {
    const { q, s } = newQueue();
    q.add("foo");
    expect(q.get()).toEqual(["foo", false]);
    q.add("foo");
    let drained = false;
    void q.shutDownWithDrain().then(() => { drained = true; });
    expect(q.get()).toEqual([undefined, true]);
    q.done("foo");
    await drive(s, 0);
    // the drain waits for processing only (queue.go ShutDownWithDrain); the re-queued item does not hold it
    expect(drained).toBe(true);
    expect(q.get()).toEqual(["foo", false]);
    q.done("foo");
    expect(q.get()).toEqual([undefined, true]);
    await drive(s, 0);
    expect(drained).toBe(true);
  });

  it("109 TestBasic: adds after shutdown are ignored, workers drain and exit", async () => {
    const { q, s } = newQueue();
    const processed: string[] = [];
    let exited = 0;
    const worker = (id: number): void => {
      const [item, shutdown] = q.get(id);
      if (shutdown) { exited++; return; }
      if (item === undefined) { q.onReady(() => worker(id)); return; }
      processed.push(item);
      q.done(item);
      s.setTimeout(() => worker(id), 1);
    };
    for (let w = 0; w < 3; w++) s.setTimeout(() => worker(w), 0);
    for (let i = 0; i < 10; i++) s.setTimeout(() => q.add(`item-${i % 4}-${i}`), i * 2);
    s.setTimeout(() => {
      q.shutDown();
      q.add("added after shutdown!");
    }, 25);
    await drive(s, 1000);
    expect(exited).toBe(3);
    expect(processed).not.toContain("added after shutdown!");
    expect(new Set(processed).size).toBe(10);
    expect(q.len()).toBe(0);
  });
});

describe("WorkQueue — details", () => {
  it("onReady wakes one waiter per queued item and all of them at shutdown", async () => {
    const { q, s } = newQueue();
    const woken: number[] = [];
    for (let i = 0; i < 3; i++) q.onReady(() => woken.push(i));
    q.add("a");
    await drive(s, 0);
    expect(woken).toEqual([0]);
    q.shutDown();
    await drive(s, 0);
    expect(woken).toEqual([0, 1, 2]);
  });

  it("traces get with the worker and done with requeued", () => {
    const { q, rec } = newQueue();
    q.add("k");
    q.get(7);
    q.add("k");
    q.done("k");
    const evs = rec.events.map(asKnown);
    const get = evs.find((e) => e.kind === "workqueue.get");
    const done = evs.find((e) => e.kind === "workqueue.done");
    expect(get).toMatchObject({ key: "k", worker: 7, queue: "q" });
    expect(done).toMatchObject({ key: "k", requeued: true, length: 1 });
    const secondAdd = evs.filter((e) => e.kind === "workqueue.add")[1];
    expect(secondAdd).toMatchObject({ deduplicated: false, processing: true });
  });

  it("works without a scheduler (drain settles from a microtask)", async () => {
    const q = new WorkQueue<number>();
    q.add(1);
    q.get();
    let drained = false;
    void q.shutDownWithDrain().then(() => { drained = true; });
    q.done(1);
    await Promise.resolve();
    await Promise.resolve();
    expect(drained).toBe(true);
  });
});
