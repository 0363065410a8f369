// Live mode's main-thread slicing: the engine bounds its own tasks (SharedIndexInformerOptions.maxPerTask:
// FIFO pops and handler calls per task) and the RealTimeDriver with `sliceMs` yields between tasks.
// Both keep every result; only how the work is cut into tasks changes.
import { describe, expect, it } from "vitest";
import { RealTimeDriver, Scheduler } from "../../src/sim/index.js";
import { pod } from "../unit/informer/fakes.js";
import { tracedInformer } from "./traced-informer.js";

const N = 100;
const items = Array.from({ length: N }, (_, i) => pod(`p${i}`, i + 1));

const informer = (maxPerTask: number | undefined) => tracedInformer(items, "500", maxPerTask);

describe("maxPerTask", () => {
  it("pops at most maxPerTask FIFO entries and handles at most maxPerTask notifications per task, and loses nothing", () => {
    const { scheduler, trace, inf, seen } = informer(7);
    inf.run(new AbortController().signal);
    let maxPops = 0, maxCalls = 0, tasks = 0;
    while (scheduler.nextDue() !== undefined && scheduler.nextDue()! <= scheduler.now() + 1000) {
      const before = trace.length;
      scheduler.step();
      tasks++;
      const mine = trace.slice(before);
      maxPops = Math.max(maxPops, mine.filter((e) => e.kind === "fifo.popped").length);
      maxCalls = Math.max(maxCalls, mine.filter((e) => e.kind === "handler.called").length);
      if (tasks > 10_000) break;
    }
    expect(maxPops).toBe(7);
    expect(maxCalls).toBe(7);
    expect(seen).toEqual(items.map((p) => p.metadata.name));
    expect(inf.hasSynced()).toBe(true);
    expect(inf.getStore().list().length).toBe(N);
  });

  it("without it one task drains everything (simulated runs unchanged)", () => {
    const { scheduler, trace, inf } = informer(undefined);
    inf.run(new AbortController().signal);
    let maxPops = 0;
    for (let i = 0; i < 200 && scheduler.nextDue() !== undefined && scheduler.nextDue()! <= 1000; i++) {
      const before = trace.length;
      scheduler.step();
      maxPops = Math.max(maxPops, trace.slice(before).filter((e) => e.kind === "fifo.popped").length);
    }
    expect(maxPops).toBe(N);
  });
});

describe("RealTimeDriver sliceMs", () => {
  function fakeClock() {
    let now = 0;
    const timers: Array<{ fn: () => void; at: number }> = [];
    return {
      clock: { now: () => now, setTimer: (fn: () => void, ms: number) => { const t = { fn, at: now + ms }; timers.push(t); return t; },
        clearTimer: (h: unknown) => { const i = timers.indexOf(h as never); if (i >= 0) timers.splice(i, 1); } },
      tick: (ms: number) => { now += ms; },
      fire: () => { timers.sort((a, b) => a.at - b.at); const t = timers.shift(); if (t === undefined) return false; now = Math.max(now, t.at); t.fn(); return true; },
      pendingTimers: () => timers.map((t) => t.at - now),
    };
  }

  it("runs due tasks for about sliceMs, then yields on a 0 ms timer and finishes them in order", () => {
    const f = fakeClock();
    const s = new Scheduler({ seed: 1 });
    const d = new RealTimeDriver(s, f.clock, 1, { sliceMs: 10 });
    const ran: number[] = [];
    for (let i = 0; i < 20; i++) s.setTimeout(() => { ran.push(i); f.tick(3); }, 0);   // each task costs 3 ms
    d.sync();
    expect(ran).toEqual([0, 1, 2, 3]);            // 0, 3, 6, 9 < 10 ms: the fifth would start at 12
    expect(f.pendingTimers()).toEqual([0]);
    let slices = 1;
    while (ran.length < 20 && f.fire()) slices++;
    expect(ran).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(slices).toBe(5);
  });

  it("without sliceMs one sync runs everything due", () => {
    const f = fakeClock();
    const s = new Scheduler({ seed: 1 });
    const d = new RealTimeDriver(s, f.clock);
    let ran = 0;
    for (let i = 0; i < 20; i++) s.setTimeout(() => { ran++; f.tick(3); }, 0);
    d.sync();
    expect(ran).toBe(20);
  });

  it("a yielded driver still keeps later timers on the wall clock", () => {
    const f = fakeClock();
    const s = new Scheduler({ seed: 1 });
    const d = new RealTimeDriver(s, f.clock, 1, { sliceMs: 5 });
    const at: number[] = [];
    s.setTimeout(() => f.tick(20), 0);            // a long task: the slice is over after it
    s.setTimeout(() => at.push(f.clock.now()), 0);
    s.setTimeout(() => at.push(f.clock.now()), 100);
    d.sync();
    expect(at).toEqual([]);
    while (f.fire()) { /* run timers */ }
    expect(at).toEqual([20, 100]);
    expect(() => new RealTimeDriver(s, f.clock, 1, { sliceMs: 0 })).toThrow(/sliceMs/);
  });
});
