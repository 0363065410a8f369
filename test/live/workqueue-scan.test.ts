// WorkqueueScan (site/views/run-shape.ts): the stage's "does this run touch a workqueue" for a followed
// live window — scans only where the window grew, and still finds a workqueue event that arrives later,
// whatever was dropped from the front.
import { describe, expect, it } from "vitest";
import type { TraceEvent } from "../../src/sim/index.js";
import { WorkqueueScan } from "../../site/views/run-shape.js";

const ev = (seq: number, component: string): TraceEvent => ({ seq, time: seq, component, kind: `${component}.x` } as unknown as TraceEvent);

describe("WorkqueueScan", () => {
  it("finds a workqueue event in a sliding window, looking at each event once", () => {
    const all = Array.from({ length: 100 }, (_, i) => ev(i + 1, i === 77 ? "workqueue" : "fifo"));
    const scan = new WorkqueueScan();
    let looked = 0;
    const counted = (w: TraceEvent[]) => new Proxy(w, { get: (t, p) => { if (typeof p === "string" && /^\d+$/.test(p) && Number(p) > 0) looked++; return Reflect.get(t, p); } });
    for (let end = 10; end <= 70; end += 10) expect(scan.grown(counted(all.slice(Math.max(0, end - 25), end)))).toBe(false);
    expect(looked).toBeLessThan(90);                     // 70 events scanned once each (+ the end reads), not 7 × 25
    expect(scan.grown(all.slice(60, 80))).toBe(true);   // seq 78 arrived
    expect(new WorkqueueScan().grown(all.slice(0, 50))).toBe(false);
    expect(new WorkqueueScan().grown([ev(1, "worker")])).toBe(true);
    expect(new WorkqueueScan().grown([])).toBe(false);
  });
});
