// LiveWindow (site/live/live-window.ts): bounded by count and by age, nothing lost silently, settling
// in budgeted slices, and its incremental replay equals the world folded from the whole trace.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { LiveWindow } from "../../site/live/live-window.js";
import { runScenario } from "../../src/scenario/run-scenario.js";
import { foldTrace, WorldReplay } from "../../src/sim/view.js";
import type { TraceEvent } from "../../src/sim/trace.js";
import scenario from "../../lessons/10-reflector-under-stress/scenario.js";
import solution from "../../lessons/10-reflector-under-stress/solution.js";

describe("LiveWindow", () => {
  let trace: TraceEvent[] = [];
  beforeAll(async () => { trace = (await runScenario(scenario, solution)).trace; });

  it("keeps at most maxEvents + chunk events, counts the rest as dropped, keeps the newest in order", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 64 }), (maxEvents, chunk) => {
      const w = new LiveWindow({ maxEvents, chunk, maxAgeMs: Number.MAX_SAFE_INTEGER });
      for (const e of trace) {
        w.append(e);
        expect(w.appended).toBe(w.events.length + w.pending + w.dropped);
        w.settle();
        expect(w.pending).toBe(0);
        expect(w.events.length).toBeLessThan(maxEvents + chunk);
        expect(w.appended).toBe(w.events.length + w.dropped);
      }
      expect(w.events).toEqual(trace.slice(trace.length - w.events.length));
    }), { numRuns: 30 });
  });

  it("replaying the window from its base gives the same world as the whole trace, at every kept step", () => {
    expect(trace.length).toBeGreaterThan(150);
    const w = new LiveWindow({ maxEvents: 60, chunk: 16, maxAgeMs: Number.MAX_SAFE_INTEGER });
    for (const e of trace) { w.append(e); w.settle(); }
    expect(w.dropped).toBeGreaterThan(0);
    const replay = new WorldReplay(w.events, { base: w.baseWorld() });
    for (const n of [0, 1, Math.floor(w.events.length / 2), w.events.length]) {
      expect(replay.seek(n)).toEqual(foldTrace(trace, w.dropped + n));
      expect(w.replay.seek(n)).toEqual(foldTrace(trace, w.dropped + n));
    }
  });

  it("drops by age: no kept event is older than maxAgeMs (beyond one chunk) behind the newest", () => {
    const w = new LiveWindow({ maxEvents: 1_000_000, chunk: 4, maxAgeMs: 50 });
    const evs: TraceEvent[] = Array.from({ length: 1000 }, (_, i) => ({ component: "fault", kind: "fault.injected", fault: "compact", seq: i + 1, time: i }));
    for (const e of evs) { w.append(e); w.settle(); }
    expect(w.events.length).toBeLessThanOrEqual(51 + 4);
    expect(w.appended).toBe(w.events.length + w.dropped);
    expect(w.events.at(-1)!.seq).toBe(1000);
  });

  it("settles a burst in budgeted slices: what is older than the window goes straight to the base, the rest is replayable", () => {
    // One burst that stays under the self-settling threshold (4 × maxEvents): the window is smaller than
    // the trace but over a quarter of it (the fixture's length moves when lesson 10's scenario does).
    const least = Math.max(50, Math.floor(trace.length / 4) + 1);
    expect(least).toBeLessThan(trace.length * 0.6);
    fc.assert(fc.property(fc.integer({ min: least, max: least + 70 }), fc.integer({ min: 1, max: 32 }), fc.integer({ min: 1, max: 300 }), (maxEvents, chunk, slice) => {
      const w = new LiveWindow({ maxEvents, chunk, maxAgeMs: Number.MAX_SAFE_INTEGER, snapshotEvery: 8 });
      for (const e of trace) w.append(e);                     // one burst (under 4 × maxEvents), nothing settled yet
      expect(w.pending).toBe(trace.length);
      let slices = 0;
      for (;;) {
        let calls = 0;
        const done = w.settle(() => ++calls * 64 < slice);   // at most ~slice events per call
        expect(w.appended).toBe(w.events.length + w.pending + w.dropped);
        slices++;
        if (done) break;
      }
      if (slice < trace.length / 2) expect(slices).toBeGreaterThan(1);
      expect(w.events.length).toBeLessThanOrEqual(maxEvents);
      expect(w.events).toEqual(trace.slice(trace.length - w.events.length));
      expect(w.replay.seek(w.events.length)).toEqual(foldTrace(trace));
      expect(w.replay.seek(0)).toEqual(foldTrace(trace, w.dropped));
    }), { numRuns: 25 });
  });

  it("a window nobody settles still stays bounded (it settles itself at 4 × maxEvents pending)", () => {
    const w = new LiveWindow({ maxEvents: 20, chunk: 4 });
    for (const e of trace) { w.append(e); expect(w.pending).toBeLessThan(80); }
    expect(w.appended).toBe(trace.length);
    expect(w.appended).toBe(w.events.length + w.pending + w.dropped);
  });
});
