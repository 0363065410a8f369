// A live window exported as a trace file and opened again (site/live/trace-file.ts): the base world
// comes back equal — Maps and the queues (FIFO entries, listener buffers) rebuilt as such — and the
// events replay from it exactly as the full fold does, even when the window slid mid-backlog.
import { beforeAll, describe, expect, it } from "vitest";
import { runScenario } from "../../src/scenario/run-scenario.js";
import { foldTrace, HeadQueue, WorldReplay } from "../../src/sim/view.js";
import type { TraceEvent } from "../../src/sim/trace.js";
import { exportTrace, parseTraceFile } from "../../site/live/trace-file.js";
import scenario from "../../lessons/11-slow-handlers/scenario.js";
import solution from "../../lessons/11-slow-handlers/solution.js";

const live = { context: "kind-kind", server: "https://127.0.0.1:6443", resource: "pods", namespace: "default", exportedAt: "2026-12-06T12:00:00Z", dropped: 0 };

describe("trace file round trip", () => {
  let trace: TraceEvent[] = [];
  const cuts: number[] = [];
  beforeAll(async () => {
    trace = (await runScenario(scenario, solution)).trace;
    // Cuts where a listener buffer, and where the FIFO, holds items: the base then carries queues.
    const all = new WorldReplay(trace);
    const at = (pred: (i: number) => boolean) => { for (let i = 1; i <= trace.length; i++) if (pred(i)) return i; return 0; };
    const infs = (i: number) => [...all.seek(i).informers.values()];
    cuts.push(at((i) => infs(i).some((inf) => [...inf.listeners.values()].some((l) => l.buffer.length > 1))));
    cuts.push(at((i) => infs(i).some((inf) => inf.fifo.entries.length > 1)));
  });

  it("brings back the base with its queues and replays the rest like the full fold", () => {
    expect(cuts.every((c) => c > 0)).toBe(true);
    for (const cut of cuts) {
      const r = new WorldReplay(trace);
      r.dropFirst(cut);
      const text = exportTrace({ live: { ...live, dropped: cut }, base: r.baseWorld(), trace: r.events.slice() });
      const f = parseTraceFile(text);
      expect(f.base).toEqual(foldTrace(trace, cut));
      for (const inf of f.base.informers.values()) {
        expect(inf.fifo.entries).toBeInstanceOf(HeadQueue);
        for (const l of inf.listeners.values()) expect(l.buffer).toBeInstanceOf(HeadQueue);
      }
      const replay = new WorldReplay(f.trace, { base: f.base });
      for (const n of [0, 1, Math.floor(replay.length / 2), replay.length]) expect(replay.seek(n)).toEqual(foldTrace(trace, cut + n));
    }
  });

  it("refuses what is not a trace file, saying what is wrong", () => {
    expect(() => parseTraceFile("{")).toThrow(/not JSON/);
    expect(() => parseTraceFile(JSON.stringify({ format: "other" }))).toThrow(/not an Informer Playground trace/);
    const good = JSON.parse(exportTrace({ live, base: foldTrace(trace, cuts[0]), trace: trace.slice(cuts[0], cuts[0]! + 10) })) as { base: { informers: { __map__: [string, { fifo: { entries: unknown } }][] } } };
    good.base.informers.__map__[0]![1].fifo.entries = "nope";
    expect(() => parseTraceFile(JSON.stringify(good))).toThrow(/has no FIFO entries/);
    // Events are decoded where they enter (known kinds from their own component, consecutive seqs).
    const events = (mutate: (es: Array<Record<string, unknown>>) => void): string => {
      const f = JSON.parse(exportTrace({ live, base: foldTrace(trace, cuts[0]), trace: trace.slice(cuts[0], cuts[0]! + 10) })) as { trace: Array<Record<string, unknown>> };
      mutate(f.trace);
      return JSON.stringify(f);
    };
    expect(parseTraceFile(events(() => undefined)).trace).toHaveLength(10);
    expect(() => parseTraceFile(events((es) => { es[3]!["kind"] = "made.up"; }))).toThrow(/trace: event 4: an unknown kind "made.up"/);
    expect(() => parseTraceFile(events((es) => { es.splice(5, 1); }))).toThrow(/trace: event 6: seq/);
    expect(() => parseTraceFile(events((es) => { es[0]!["component"] = "server"; es[0]!["kind"] = "fifo.queued"; }))).toThrow(/trace: event 1: kind fifo.queued from component/);
  });
});
