// The server slice's "what the clients saw" counters (src/sim/world/server.ts, ServerView.seen): the
// only server facts a live run has (its cluster's writes and store are never traced), counted from the
// trace alone, RVs kept as the opaque strings they are, and kept across the live window's slide.
import { beforeAll, describe, expect, it } from "vitest";
import { runScenario } from "../../src/scenario/run-scenario.js";
import { foldTrace, WorldReplay } from "../../src/sim/view.js";
import type { TraceEvent } from "../../src/sim/trace.js";
import scenario from "../../lessons/14-write-a-controller/scenario.js";
import solution from "../../lessons/14-write-a-controller/solution.js";

function expected(trace: readonly TraceEvent[], n: number) {
  let requests = 0, watches = 0, events = 0, lastEventRV = "";
  for (const e of trace.slice(0, n)) {
    if (e.kind === "server.request") requests++;
    if (e.kind === "server.watch.opened") watches++;
    if (e.kind === "server.watch.event") {
      events++;
      const x = e as TraceEvent & { type: string; resourceVersion: string };
      if (x.type !== "ERROR") lastEventRV = x.resourceVersion;
    }
  }
  return { requests, watches, events, lastEventRV };
}

describe("ServerView.seen", () => {
  let trace: TraceEvent[] = [];
  beforeAll(async () => { trace = (await runScenario(scenario, solution)).trace; });

  it("counts requests, watches and watch events at every step, and keeps the last event's RV verbatim", () => {
    expect(expected(trace, trace.length).events).toBeGreaterThan(5);
    for (let n = 0; n <= trace.length; n += Math.max(1, Math.floor(trace.length / 40))) {
      expect(foldTrace(trace, n).server.seen).toEqual(expected(trace, n));
    }
    expect(foldTrace(trace).server.seen).toEqual(expected(trace, trace.length));
  });

  it("an RV that is not a number stays the string it was", () => {
    const events: TraceEvent[] = [
      { seq: 1, time: 0, component: "server", kind: "server.watch.opened", watchId: 1, resource: "pods", resourceVersion: "abc-1" },
      { seq: 2, time: 1, component: "server", kind: "server.watch.event", watchId: 1, resource: "pods", type: "ADDED", key: "default/a", resourceVersion: "CgQIARAB/0042" },
      { seq: 3, time: 2, component: "server", kind: "server.watch.event", watchId: 1, resource: "pods", type: "ERROR", resourceVersion: "", code: 410 },
    ] as unknown as TraceEvent[];
    expect(foldTrace(events).server.seen).toEqual({ requests: 0, watches: 1, events: 2, lastEventRV: "CgQIARAB/0042" });
  });

  it("survives the live window's slide: a replay that dropped its oldest events still counts them", () => {
    const r = new WorldReplay([]);
    for (const e of trace) r.append(e);
    r.dropFirst(Math.floor(trace.length / 2));
    expect(r.seek(r.length).server.seen).toEqual(expected(trace, trace.length));
    expect(r.seek(0).server.seen).toEqual(expected(trace, Math.floor(trace.length / 2)));
  });
});
