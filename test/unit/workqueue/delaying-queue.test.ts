import { describe, expect, it } from "vitest";
import { Scheduler } from "../../../src/sim/scheduler.js";
import { Recorder, asKnown } from "../../../src/sim/trace.js";
import { DelayingQueue } from "../../../src/workqueue/index.js";

function setup(): { q: DelayingQueue<string>; s: Scheduler; rec: Recorder } {
  const s = new Scheduler();
  const rec = new Recorder(s);
  return { q: new DelayingQueue<string>(s, { tracer: rec, name: "dq" }), s, rec };
}

function getDone(q: DelayingQueue<string>): string | undefined {
  const [item] = q.get();
  if (item !== undefined) q.done(item);
  return item;
}

describe("DelayingQueue — spec §12.F", () => {
  it("116 TestSimpleQueue: ready after the delay, nothing more at the heartbeat", () => {
    const { q, s } = setup();
    q.addAfter("foo", 50);
    expect(q.len()).toBe(0);
    s.advance(60);
    expect(q.len()).toBe(1);
    expect(getDone(q)).toBe("foo");
    s.advance(10_000);
    expect(q.len()).toBe(0);
  });

  it("117 TestDeduping: a later request is merged, an earlier one wins", () => {
    const { q, s } = setup();
    q.addAfter("foo", 50);
    q.addAfter("foo", 70);
    s.advance(60);
    expect(q.len()).toBe(1);
    expect(getDone(q)).toBe("foo");
    s.advance(20);
    expect(q.len()).toBe(0);

    q.addAfter("foo", 50);
    q.addAfter("foo", 30);
    s.advance(40);
    expect(q.len()).toBe(1);
    expect(getDone(q)).toBe("foo");
    s.advance(20);
    expect(q.len()).toBe(0);
  });

  it("118 TestAddTwoFireEarly: each item fires at its own time", () => {
    const { q, s } = setup();
    q.addAfter("foo", 1000);
    q.addAfter("bar", 50);
    s.advance(60);
    expect(getDone(q)).toBe("bar");
    q.addAfter("baz", 2000);
    s.advance(1000);
    expect(getDone(q)).toBe("foo");
    expect(q.len()).toBe(0);
    s.advance(2000);
    expect(getDone(q)).toBe("baz");
  });

  it("119 TestCopyShifting: items come out in ready-time order", () => {
    const { q, s } = setup();
    q.addAfter("foo", 1000);
    q.addAfter("bar", 500);
    q.addAfter("baz", 250);
    s.advance(2000);
    expect(q.len()).toBe(3);
    expect([getDone(q), getDone(q), getDone(q)]).toEqual(["baz", "bar", "foo"]);
  });
});

describe("DelayingQueue — details", () => {
  it("delay ≤ 0 adds at once", () => {
    const { q } = setup();
    q.addAfter("now", 0);
    q.addAfter("past", -5);
    expect(q.len()).toBe(2);
  });

  it("addAfter after shutdown is ignored and shutdown drops waiting entries", () => {
    const { q, s } = setup();
    q.addAfter("a", 10);
    q.shutDown();
    q.addAfter("b", 0);
    s.advance(100);
    expect(q.len()).toBe(0);
    expect(s.pending()).toBe(0);
  });

  it("traces addAfter with the effective ready time", () => {
    const { q, s, rec } = setup();
    s.advance(5);
    q.addAfter("x", 50);
    q.addAfter("x", 100);
    const evs = rec.events.map(asKnown).filter((e) => e.kind === "workqueue.addAfter");
    expect(evs).toHaveLength(2);
    expect(evs[0]).toMatchObject({ key: "x", delayMs: 50, readyAt: 55 });
    expect(evs[1]).toMatchObject({ key: "x", delayMs: 100, readyAt: 55 });
  });
});
