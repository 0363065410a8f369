/**
 * Two informers are two informers (#21 item 2): a run with several informers of one resource traces each
 * under its own name ("pods", "pods-2", …) and the world folds them apart: a reflector, a LIST, a watch,
 * a cache and listeners each. Lesson 09's starter (two factories) is the review's case.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldTrace, WorldReplay } from "../../../src/sim/view.js";
import { asKnown, informerOfClient, type KnownTraceEvent } from "../../../src/sim/trace.js";
import { runScenario, type Playground, type Scenario } from "../../../src/scenario/index.js";
import { cache, informers } from "../../../src/playground.js";
import type { Pod } from "../../../src/types.js";
import scenario09 from "../../../lessons/09-sharing-informers/scenario.js";
import starter09 from "../../../lessons/09-sharing-informers/starter.js";
import solution09 from "../../../lessons/09-sharing-informers/solution.js";

/** The informer's reflector reached "watching" (at the end of a run every reflector is stopped). */
const watched = (trace: KnownTraceEvent[], name: string) =>
  trace.some((e) => e.kind === "reflector.state" && e.name === name && e.state === "watching");
const known = (trace: readonly unknown[]): KnownTraceEvent[] => (trace as Parameters<typeof asKnown>[0][]).map(asKnown);

describe("lesson 09: two factories, two informers", () => {
  it("the starter's two Pod informers trace as pods and pods-2, each with its own LIST, watch and handler", async () => {
    const run = await runScenario(scenario09, starter09);
    const trace = known(run.trace);
    const names = new Set(trace.filter((e) => e.component === "reflector").map((e) => (e as { name: string }).name));
    expect([...names]).toEqual(["pods", "pods-2"]);
    for (const name of names) {
      const lists = trace.filter((e) => e.kind === "server.request" && e.verb === "list" && informerOfClient(e.client) === name);
      const watches = trace.filter((e) => e.kind === "server.watch.opened" && informerOfClient(e.client) === name);
      expect(lists.length, name).toBe(1);
      expect(watches.length, name).toBeGreaterThanOrEqual(1);
    }
    const end = foldTrace(run.trace, run.trace.length);
    expect([...end.informers.keys()]).toEqual(["pods", "pods-2"]);
    for (const inf of end.informers.values()) {
      expect(inf.listeners.size, inf.name).toBe(1);
      expect(inf.indexer.objects.size, inf.name).toBeGreaterThan(0);
      expect(watched(trace, inf.name), inf.name).toBe(true);
    }
    // Both informers' handler calls, each under its own informer, both as listener #0.
    const calls = trace.filter((e) => e.kind === "handler.called");
    expect(new Set(calls.map((c) => (c as { name: string }).name))).toEqual(new Set(["pods", "pods-2"]));
    // Before the run ends, two watches are open on the server, one per reflector.
    const beforeEnd = foldTrace(run.trace, trace.findIndex((e) => e.component === "server" && e.kind === "server.watch.closed" && e.reason === "stopped"));
    expect([...beforeEnd.server.watches.values()].map((w) => w.client).sort()).toEqual(["reflector:pods", "reflector:pods-2"]);
  });

  it("the solution's one shared informer stays one, named pods", async () => {
    const run = await runScenario(scenario09, solution09);
    const end = foldTrace(run.trace, run.trace.length);
    expect([...end.informers.keys()]).toEqual(["pods"]);
    expect(end.informers.get("pods")!.listeners.size).toBe(2);
  });

  it("the focus follows the reflector whose request or watch event it is", async () => {
    const run = await runScenario(scenario09, starter09);
    const replay = new WorldReplay(run.trace);
    const trace = known(run.trace);
    const secondList = trace.find((e) => e.kind === "server.request" && e.client === "reflector:pods-2")!;
    expect(replay.seek(secondList.seq).focus).toBe("pods-2");
    const reply = trace.find((e) => e.kind === "server.response" && e.requestId === (secondList as { requestId: number }).requestId)!;
    expect(replay.seek(reply.seq).focus).toBe("pods-2");
    // A later watch event of the first informer's watch moves the focus back to it.
    const firstWatch = trace.find((e) => e.kind === "server.watch.opened" && e.client === "reflector:pods")!;
    const wid = (firstWatch as { watchId: number }).watchId;
    const later = trace.find((e) => e.seq > reply.seq && e.kind === "server.watch.event" && e.watchId === wid);
    if (later !== undefined) expect(replay.seek(later.seq).focus).toBe("pods");
  });
});

const pod = (name: string): Pod => ({
  apiVersion: "v1", kind: "Pod", metadata: { namespace: "default", name, labels: { app: "web" } },
  spec: { containers: [{ name: "c", image: "nginx" }] },
});
const small: Scenario = {
  seed: 3,
  durationMs: 2_000,
  initial: [{ resource: "pods", object: pod("web-1") }, { resource: "pods", object: pod("web-2") }],
  timeline: [{ at: 700, op: "create", resource: "pods", object: pod("web-3") }],
};

/** One way to get an informer in learner code. */
type Maker = { kind: "factory"; resource: "pods" | "configmaps"; handlers: number } | { kind: "raw"; handlers: number };

describe("property: n informers of a run are n informers of the world", () => {
  it("every informer created (factories and cache.newSharedIndexInformer, any mix) has its own name, reflector and listeners", async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.oneof(
        fc.record({ kind: fc.constant("factory" as const), resource: fc.constantFrom("pods" as const, "configmaps" as const), handlers: fc.integer({ min: 1, max: 3 }) }),
        fc.record({ kind: fc.constant("raw" as const), handlers: fc.integer({ min: 1, max: 3 }) }),
      ), { minLength: 1, maxLength: 5 }),
      async (makers: Maker[]) => {
        const main = async ({ clientset, stop }: Playground) => {
          for (const m of makers) {
            const inf = m.kind === "factory"
              ? informers.newSharedInformerFactory(clientset, 0).forResource(m.resource).informer()
              : cache.newSharedIndexInformer(cache.newListWatchFromClient(clientset, "pods"), 0);
            for (let h = 0; h < m.handlers; h++) inf.addEventHandler({ addFunc: () => {} });
            inf.run(stop);
          }
        };
        const run = await runScenario(small, main);
        const end = foldTrace(run.trace, run.trace.length);
        // Expected names: per resource, "r", "r-2", "r-3" … in creation order.
        const seen = new Map<string, number>();
        const want = makers.map((m) => {
          const r = m.kind === "factory" ? m.resource : "pods";
          const n = (seen.get(r) ?? 0) + 1;
          seen.set(r, n);
          return n === 1 ? r : `${r}-${n}`;
        });
        expect([...end.informers.keys()].sort()).toEqual([...want].sort());
        makers.forEach((m, i) => {
          const inf = end.informers.get(want[i]!)!;
          expect(inf.listeners.size).toBe(m.handlers);
          expect(watched(known(run.trace), inf.name)).toBe(true);
        });
        // One initial LIST per informer, each from its own reflector client.
        const lists = known(run.trace).filter((e) => e.kind === "server.request" && e.verb === "list" && e.origin === "informer");
        expect(lists.map((e) => informerOfClient((e as { client?: string }).client)).sort()).toEqual([...want].sort());
      },
    ), { numRuns: 25 });
  });
});

describe("the reflector's last error reads as a person would say it", () => {
  it("a connection that never answered (code 0) shows its text, not '0 …'", async () => {
    const { record, SAMPLES } = await import("./samples.js");
    const lost = record([
      { ...SAMPLES["reflector.list.error"], code: 0, reason: "ConnectionLost", message: "dial tcp: connection refused" },
    ]);
    expect(foldTrace(lost, 1).informers.get("pods")!.reflector.lastError).toBe("ConnectionLost");
    const watchLost = record([{ ...SAMPLES["reflector.watch.end"], reason: "error", code: 0, message: "http2: client connection lost" }]);
    expect(foldTrace(watchLost, 1).informers.get("pods")!.reflector.lastError).toBe("http2: client connection lost");
    const expired = record([SAMPLES["reflector.list.error"]]);
    expect(foldTrace(expired, 1).informers.get("pods")!.reflector.lastError).toBe("410 Expired");
  });
});
