/**
 * Honest blame (#21 item 1): every request of a run says who made it (`server.request.origin`), and the
 * goals never count a stage action or the scenario as the learner's code.
 */
import { describe, expect, it } from "vitest";
import { asKnown, type KnownTraceEvent, type RequestOrigin } from "../../../src/sim/trace.js";
import { checkGoals, runScenario, type Playground, type Scenario, type TimedOp } from "../../../src/scenario/index.js";
import type { Pod } from "../../../src/types.js";
import { learnerRequests } from "../../../lessons/_lib/goal-kit.js";
import scenario05 from "../../../lessons/05-indexer-and-listers/scenario.js";
import solution05 from "../../../lessons/05-indexer-and-listers/solution.js";
import goals05 from "../../../lessons/05-indexer-and-listers/goals.js";
import { informers } from "../../../src/playground.js";

const pod = (name: string): Pod => ({
  apiVersion: "v1", kind: "Pod", metadata: { namespace: "default", name, labels: { app: "web" } },
  spec: { containers: [{ name: "c", image: "nginx" }] },
});

const scenario: Scenario = {
  seed: 7,
  durationMs: 3_000,
  initial: [{ resource: "pods", object: pod("web-1") }],
  timeline: [
    { at: 500, op: "label", resource: "pods", namespace: "default", name: "web-1", labels: { tier: "a" } },
    { at: 900, op: "delete", resource: "pods", namespace: "default", name: "web-1", gracePeriodSeconds: 1 },
  ],
};

/** Learner code: an informer, one GET and one create of its own. */
async function main({ clientset, stop, sleep }: Playground): Promise<void> {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  factory.core().v1().pods().informer().addEventHandler({ addFunc: () => {} });
  factory.start(stop);
  await sleep(200);
  await clientset.coreV1().pods("default").get("web-1");
  await clientset.coreV1().pods("default").create(pod("mine"));
}

const requests = (trace: readonly unknown[]) =>
  (trace as Parameters<typeof asKnown>[0][]).map(asKnown)
    .filter((e): e is Extract<KnownTraceEvent, { kind: "server.request" }> => e.kind === "server.request");

describe("server.request origin", () => {
  const actions: TimedOp[] = [{ at: 1_500, op: "label", resource: "pods", namespace: "default", name: "mine", labels: { touched: "yes" } }];

  it("says who made every request: scenario, code, action, informer, cluster", async () => {
    const run = await runScenario(scenario, main, actions);
    const reqs = requests(run.trace);
    expect(reqs.every((r) => r.origin !== undefined)).toBe(true);
    const by = (o: RequestOrigin) => reqs.filter((r) => r.origin === o).map((r) => `${r.verb} ${r.resource}${r.name === undefined ? "" : ` ${r.name}`}`);
    // The initial object and the timeline's label (read-modify-write) and graceful delete.
    expect(by("scenario")).toEqual(["create pods web-1", "get pods web-1", "update pods web-1", "delete pods web-1"]);
    // The learner's own calls, and nothing else.
    expect(by("code")).toEqual(["get pods web-1", "create pods mine"]);
    // The stage action's label is a read-modify-write too, and it is the action's, not the code's.
    expect(by("action")).toEqual(["get pods mine", "update pods mine"]);
    // The reflector's LIST and WATCH, by its client.
    expect(by("informer").length).toBeGreaterThanOrEqual(2);
    expect(reqs.filter((r) => r.origin === "informer").every((r) => (r.client ?? "").startsWith("reflector"))).toBe(true);
    // The kubelet finishes the graceful delete (web-1 was never bound, so it may be deleted at once).
    for (const r of reqs.filter((x) => x.origin === "cluster")) expect(r.client).toBe("kubelet");
  });

  it("goal-kit's learnerRequests are exactly the code's", async () => {
    const run = await runScenario(scenario, main, actions);
    expect(learnerRequests(run).map((r) => `${r.verb} ${r.name ?? ""}`)).toEqual(["get web-1", "create mine"]);
  });

  it("is deterministic: same inputs, byte-identical trace", async () => {
    const a = await runScenario(scenario, main, actions);
    const b = await runScenario(scenario, main, actions);
    expect(JSON.stringify(a.trace)).toBe(JSON.stringify(b.trace));
  });

  it("lesson 05: a Label action on a node (a GET + UPDATE by the stage) is not the learner's read", async () => {
    // The review's case: the solution passes, then the learner labels node-a from the stage.
    const labelNode: TimedOp[] = [{ at: 4_000, op: "label", resource: "nodes", name: "node-a", labels: { touched: "step-38" } }];
    const report = await checkGoals(scenario05, solution05, goals05.goals, goals05.seeds, labelNode);
    const reqs = requests(report.runs[0]!.run.trace);
    const get = reqs.find((r) => r.verb === "get" && r.resource === "nodes");
    expect(get?.origin).toBe("action");
    expect(report.runs.flatMap((r) => r.goals.filter((g) => !g.pass).map((g) => `${r.seed} ${g.id}: ${g.message ?? ""}`))).toEqual([]);
  });
});
