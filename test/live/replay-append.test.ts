// WorldReplay as an appending, sliding replay (src/sim/world/replay.ts, live mode's window): after any
// sequence of append / dropFirst / skip, seek(n) and peek(n) equal the fold of the whole history up to
// dropped + n — appending equals the full fold, and sliding never re-folds or loses state.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { runScenario } from "../../src/scenario/run-scenario.js";
import { emptyWorld, foldTrace, WorldReplay, type WorldView } from "../../src/sim/view.js";
import type { TraceEvent } from "../../src/sim/trace.js";
import scenario03 from "../../lessons/10-reflector-under-stress/scenario.js";
import solution03 from "../../lessons/10-reflector-under-stress/solution.js";
import scenario14 from "../../lessons/14-write-a-controller/scenario.js";
import solution14 from "../../lessons/14-write-a-controller/solution.js";

type Op = { op: "append"; count: number } | { op: "drop"; count: number } | { op: "skip"; count: number } | { op: "look"; at: number; peek: boolean };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant("append" as const), count: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("drop" as const), count: fc.integer({ min: 0, max: 50 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("skip" as const), count: fc.integer({ min: 1, max: 20 }) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant("look" as const), at: fc.double({ min: 0, max: 1, noNaN: true }), peek: fc.boolean() }) },
);

describe("WorldReplay append / dropFirst / skip", () => {
  const traces: TraceEvent[][] = [];
  beforeAll(async () => {
    traces.push((await runScenario(scenario03, solution03)).trace);
    traces.push((await runScenario(scenario14, solution14)).trace);
  });

  it("the traces are long enough to slide through and reach a workqueue", () => {
    expect(traces[0]!.length).toBeGreaterThan(150);
    expect(traces[1]!.some((e) => e.component === "workqueue")).toBe(true);
  });

  it("equals the full fold at every step looked at, whatever was appended, dropped or skipped", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 1, max: 16 }), fc.array(opArb, { minLength: 1, maxLength: 60 }), fc.boolean(),
      (which, k, ops, sizeAware) => {
        const trace = traces[which]!;
        const r = new WorldReplay([], { snapshotEvery: k, sizeAware });
        let next = 0;     // events of `trace` fed so far
        const check = (n: number, w: Readonly<WorldView>) => expect(w).toEqual(foldTrace(trace, r.dropped + n));
        for (const o of ops) {
          if (o.op === "append") for (let i = 0; i < o.count && next < trace.length; i++) r.append(trace[next++]!);
          else if (o.op === "drop") r.dropFirst(o.count);
          else if (o.op === "skip") {
            if (r.length > 0) r.dropFirst(r.length);
            for (let i = 0; i < o.count && next < trace.length; i++) r.skip(trace[next++]!);
          } else {
            const n = Math.round(o.at * r.length);
            check(n, o.peek ? r.peek(n) : r.seek(n));
          }
          expect(r.dropped + r.length).toBe(next);
          expect(r.events).toEqual(trace.slice(r.dropped, next));
        }
        check(r.length, r.seek(r.length));
        check(0, r.seek(0));
        expect(r.baseWorld()).toEqual(foldTrace(trace, r.dropped));
      }), { numRuns: 150 });
  });

  it("peek walking forwards over a growing, sliding replay shows each step's fold", () => {
    const trace = traces[1]!;
    const r = new WorldReplay([], { snapshotEvery: 8 });
    for (let i = 0; i < trace.length; i++) {
      r.append(trace[i]!);
      if (r.length > 50) r.dropFirst(13);
      if (i % 7 === 0) expect(r.peek(r.length)).toEqual(foldTrace(trace, i + 1));
    }
    expect(r.dropped).toBeGreaterThan(0);
  });

  it("peek at the last step copies nothing however far it jumps (live follow), and a step behind it is still its own fold", () => {
    const trace = traces[1]!;
    const r = new WorldReplay([], { snapshotEvery: 4 });
    for (let i = 0; i < 40; i++) r.append(trace[i]!);
    const first = r.peek(r.length);
    for (let i = 40; i < 140; i++) r.append(trace[i]!);   // 25 snapshots further on
    const second = r.peek(r.length);
    expect(second).toBe(first);                            // the tip itself: no copy of the world per jump
    expect(second).toEqual(foldTrace(trace, 140));
    expect(r.peek(r.length - 3)).toEqual(foldTrace(trace, 137));
    expect(r.peek(r.length)).toEqual(foldTrace(trace, 140));   // the step behind did not move the tip
    r.dropFirst(30);
    expect(r.peek(r.length)).toEqual(foldTrace(trace, 140));
  });

  it("the constructor with events is the same as appending them one by one, and a base is respected", () => {
    const trace = traces[0]!;
    const base = foldTrace(trace, 40);
    const a = new WorldReplay(trace.slice(40), { base, snapshotEvery: 5 });
    const b = new WorldReplay([], { base, snapshotEvery: 5 });
    for (const e of trace.slice(40)) b.append(e);
    for (const n of [0, 1, 17, a.length]) expect(a.seek(n)).toEqual(b.seek(n));
    expect(a.seek(a.length)).toEqual(foldTrace(trace));
    expect(new WorldReplay([]).seek(0)).toEqual(emptyWorld());
  });

  it("a fork is frozen: the original's later appends and drops never change it, and it replays like the original did", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 120 }), fc.integer({ min: 0, max: 60 }), fc.boolean(), fc.boolean(),
      (k, first, dropped, skipFirst, sizeAware) => {
        const trace = traces[1]!;
        const r = new WorldReplay([], { snapshotEvery: k, sizeAware });
        let next = 0;
        if (skipFirst) for (; next < 5; next++) r.skip(trace[next]!);
        for (let i = 0; i < first && next < trace.length; i++) r.append(trace[next++]!);
        r.dropFirst(dropped);
        const f = r.fork();
        const at = { dropped: r.dropped, length: r.length };
        for (; next < trace.length; next++) { r.append(trace[next]!); if (r.length > 40) r.dropFirst(9); }
        expect(f.dropped).toBe(at.dropped);
        expect(f.length).toBe(at.length);
        for (const n of [0, Math.floor(at.length / 3), at.length]) {
          expect(f.seek(n)).toEqual(foldTrace(trace, at.dropped + n));
          expect(f.peek(n)).toEqual(foldTrace(trace, at.dropped + n));
        }
        expect(r.seek(r.length)).toEqual(foldTrace(trace));
      }), { numRuns: 60 });
  });

  it("skip refuses while events are held", () => {
    const r = new WorldReplay(traces[0]!.slice(0, 3));
    expect(() => r.skip(traces[0]![3]!)).toThrow(/empty replay/);
  });
});
