// WorldReplay's sizeAware spacing (src/sim/world/replay.ts; live mode's window over a 10k-object world):
// snapshots are spaced by the world's size, so the copies stay O(1) per appended event, and every seek
// and peek still equals the full fold.
import { describe, expect, it } from "vitest";
import { SharedIndexInformer, type KubeObject } from "../../src/index.js";
import { Scheduler, type TraceEvent, type TraceInput } from "../../src/sim/index.js";
import { foldTrace, WorldReplay, worldSize } from "../../src/sim/view.js";
import { FakeListerWatcher, pod } from "../unit/informer/fakes.js";

/** The trace of an informer listing `n` pods (live mode's initial list, in small). */
function listTrace(n: number): TraceEvent[] {
  const items = Array.from({ length: n }, (_, i) => pod(`p${i}`, i + 1));
  const scheduler = new Scheduler({ seed: 1 });
  const trace: TraceEvent[] = [];
  const tracer = { emit: (e: TraceInput) => { trace.push({ ...e, seq: trace.length + 1, time: scheduler.now() } as TraceEvent); } };
  const inf = new SharedIndexInformer<KubeObject>(new FakeListerWatcher(scheduler, () => ({ items, rv: "9999" })) as never, { scheduler, tracer, name: "pods", maxPerTask: 64 });
  inf.addEventHandler({ onAdd: () => undefined, onUpdate: () => undefined, onDelete: () => undefined });
  inf.run(new AbortController().signal);
  for (let i = 0; i < 10_000 && !inf.hasSynced(); i++) scheduler.step();
  for (let i = 0; i < 200 && scheduler.nextDue() !== undefined && scheduler.nextDue()! <= scheduler.now(); i++) scheduler.step();
  return trace;
}

describe("WorldReplay sizeAware", () => {
  const N = 1_500;
  const trace = listTrace(N);

  it("the trace lists every pod into the cache (a big world to copy)", () => {
    expect(foldTrace(trace).informers.get("pods")!.indexer.objects.size).toBe(N);
    expect(worldSize(foldTrace(trace))).toBeGreaterThanOrEqual(N);
  });

  it("spaces snapshots by the world's size: far fewer copies than one every K events", () => {
    const k = 16;
    const fixed = new WorldReplay(trace, { snapshotEvery: k });
    const aware = new WorldReplay(trace, { snapshotEvery: k, sizeAware: true });
    expect(fixed.snapshotCount).toBe(1 + Math.floor(trace.length / k));
    // The world reaches ~2·N entries; spacing ≥ size/2 over the list: a few dozen copies, not hundreds.
    expect(aware.snapshotCount).toBeLessThan(fixed.snapshotCount / 8);
    expect(aware.snapshotCount).toBeGreaterThan(1);
  });

  it("every seek and peek equals the full fold, also after sliding", () => {
    const r = new WorldReplay([], { snapshotEvery: 16, sizeAware: true });
    for (let i = 0; i < trace.length; i++) {
      r.append(trace[i]!);
      if (i % 997 === 0) expect(r.peek(r.length)).toEqual(foldTrace(trace, i + 1));
    }
    for (const n of [0, 1, 700, 3_001, Math.floor(r.length / 2), r.length - 5, r.length]) expect(r.seek(n)).toEqual(foldTrace(trace, n));
    r.dropFirst(2_345);
    for (const n of [0, 10, Math.floor(r.length / 3), r.length]) expect(r.seek(n)).toEqual(foldTrace(trace, 2_345 + n));
    expect(r.fork().seek(r.length)).toEqual(foldTrace(trace));
  });
});
