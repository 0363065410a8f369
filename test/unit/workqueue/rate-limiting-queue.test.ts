import { describe, expect, it } from "vitest";
import { Scheduler } from "../../../src/sim/scheduler.js";
import { Recorder, asKnown } from "../../../src/sim/trace.js";
import { ItemExponentialFailureRateLimiter, RateLimitingQueue } from "../../../src/workqueue/index.js";

describe("RateLimitingQueue — spec §12.F", () => {
  it("115 TestRateLimitingQueue: each addRateLimited waits as the limiter says", () => {
    const s = new Scheduler();
    const rec = new Recorder(s);
    const q = new RateLimitingQueue<string>(new ItemExponentialFailureRateLimiter<string>(1, 1000), s,
      { tracer: rec, name: "rl" });
    const readyAt = (key: string): number | undefined => q.waitingItems().find((w) => w.item === key)?.readyAt;

    q.addRateLimited("one");
    expect(readyAt("one")).toBe(1);
    q.addRateLimited("one");
    expect(readyAt("one")).toBe(1); // still the earlier time: +2 ms does not postpone
    expect(q.numRequeues("one")).toBe(2);
    const oneDelays = rec.events.map(asKnown)
      .flatMap((e) => (e.kind === "workqueue.rateLimited" && e.key === "one" ? [e.delayMs] : []));
    expect(oneDelays).toEqual([1, 2]);

    q.addRateLimited("two");
    expect(readyAt("two")).toBe(1);
    q.addRateLimited("two");
    expect(q.numRequeues("two")).toBe(2);

    q.forget("one");
    expect(q.numRequeues("one")).toBe(0);
    q.addRateLimited("one");
    const last = rec.events.map(asKnown).filter((e) => e.kind === "workqueue.rateLimited").at(-1);
    expect(last).toMatchObject({ key: "one", delayMs: 1, requeues: 1 });

    s.advance(1);
    expect(q.len()).toBe(2);
  });

  it("forget does not remove the item from the queue", () => {
    const s = new Scheduler();
    const q = new RateLimitingQueue<string>(new ItemExponentialFailureRateLimiter<string>(1, 1000), s);
    q.add("a");
    q.forget("a");
    expect(q.len()).toBe(1);
  });
});
