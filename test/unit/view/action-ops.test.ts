import { describe, expect, it } from "vitest";
import { asKnownTrace } from "../../../src/sim/trace.js";
import { foldTrace } from "../../../src/sim/view.js";
import { ACTIONS, actionOp, actionTarget } from "../../../site/views/action-ops.js";
import { demoTrace } from "../../fixtures/demo-trace.js";
import { pipelineLayout } from "../../../site/views/pipeline-layout.js";

describe("action buttons as ops at the current step", () => {
  const trace = demoTrace({ seed: 2 });
  const step = trace.findIndex((e) => e.kind === "handler.called") + 1;
  const view = foldTrace(trace, step);

  it("every action yields one TimedOp at the step's virtual time", () => {
    for (const a of ACTIONS) {
      const r = actionOp(a, view, null);
      expect(r.ok, a).toBe(true);
      if (r.ok) expect(r.op.at).toBe(view.time);
    }
  });

  it("object actions target the selected object, else the current event's key", () => {
    const key = (view.event as { key: string }).key;
    expect(actionTarget(view, null)?.key).toBe(key);
    const other = [...view.server.objects.values()].find((o) => o.key !== key)!;
    expect(actionTarget(view, `${other.resource}|${other.key}`)?.key).toBe(other.key);
    expect(actionTarget(view, other.key)?.key).toBe(other.key);
    const del = actionOp("delete", view, other.key);
    expect(del).toMatchObject({ ok: true, op: { op: "delete", resource: "pods", name: other.object.metadata.name, namespace: "default" } });
  });

  it("create picks an unused name; update drops the RV and marks the object; faults and slow handler", () => {
    const created = actionOp("create", view, null);
    const names = new Set([...view.server.objects.values()].map((o) => o.object.metadata.name));
    expect(created.ok && created.op.op === "create" && !names.has(created.op.object.metadata.name)).toBe(true);
    const upd = actionOp("update", view, null);
    expect(upd.ok && upd.op.op === "update" ? upd.op.object.metadata : undefined).toMatchObject({ annotations: { "playground/touched": `step-${step}` } });
    expect(upd.ok && upd.op.op === "update" ? upd.op.object.metadata.resourceVersion : "x").toBeUndefined();
    expect(actionOp("compact", view, null)).toMatchObject({ ok: true, op: { op: "fault", fault: "compact" } });
    expect(actionOp("slow-handler", view, null)).toMatchObject({ ok: true, op: { op: "slowHandler", delayMs: 2000 } });
  });

  it("both kinds of partition, and bind (the pods/binding subresource) for the selected pod", () => {
    expect(actionOp("partition", view, null)).toMatchObject({ ok: true, op: { op: "fault", fault: "partition" } });
    const refused = actionOp("partition", view, null);
    expect(refused.ok && refused.op.op === "fault" ? refused.op.mode : "x").toBeUndefined();
    expect(actionOp("partition-timeout", view, null)).toMatchObject({ ok: true, op: { op: "fault", fault: "partition", mode: "timeout" } });
    const target = actionTarget(view, null)!;
    expect(actionOp("bind", view, null)).toMatchObject({ ok: true, op: { op: "bind", name: target.object.metadata.name, namespace: "default", node: "node-1" } });
  });

  it("object actions need an object", () => {
    const empty = foldTrace(trace, 1);
    expect(actionOp("delete", empty, null)).toEqual({ ok: false, error: "no object to delete" });
    expect(actionOp("update", empty, null).ok).toBe(false);
    expect(actionOp("label", empty, null).ok).toBe(false);
  });
});

describe("pipeline layout", () => {
  it("has one box per stage, a lane per listener, and a workqueue row only when asked", () => {
    for (const compact of [false, true]) {
      const l = pipelineLayout([0, 1, 2], [0, 1], true, compact);
      const count = (s: string) => l.nodes.filter((n) => n.stage === s).length;
      expect([count("apiserver"), count("reflector"), count("deltafifo"), count("indexer"), count("processor")]).toEqual([1, 1, 1, 1, 1]);
      expect([count("listener"), count("handler"), count("workqueue"), count("worker")]).toEqual([3, 3, 1, 2]);
      expect(new Set(l.nodes.map((n) => n.id)).size).toBe(l.nodes.length);
      for (const e of l.edges) {
        expect(l.nodes.some((n) => n.id === e.from) && l.nodes.some((n) => n.id === e.to)).toBe(true);
      }
      const plain = pipelineLayout([0], [], false, compact);
      expect(plain.nodes.some((n) => n.stage === "workqueue" || n.stage === "worker")).toBe(false);
    }
  });
});

describe("Create never collides with the run's objects (#21 item 1)", () => {
  it("names the object my-<kind>-<n>, free now and anywhere later in the run", async () => {
    const { runScenario } = await import("../../../src/scenario/index.js");
    const { runNames } = await import("../../../site/views/action-ops.js");
    const scenario = (await import("../../../lessons/05-indexer-and-listers/scenario.js")).default;
    const solution = (await import("../../../lessons/05-indexer-and-listers/solution.js")).default;
    // The learner already created my-pod-1 at 9 s (an earlier Create), and the scenario creates web-4 at 3 s.
    const earlier = { op: "create" as const, resource: "pods", object: { apiVersion: "v1", kind: "Pod", metadata: { name: "my-pod-1", namespace: "default" } }, at: 9_000 };
    const run = await runScenario(scenario, solution, [earlier]);
    const step = run.trace.findIndex((e) => e.time >= 2_000);
    const view = foldTrace(run.trace, step);
    expect([...view.server.objects.values()].some((o) => o.key === "default/my-pod-1")).toBe(false);
    const names = runNames(asKnownTrace(run.trace));
    expect(names.has("pods|web-4") && names.has("pods|my-pod-1")).toBe(true);
    const pod = [...view.server.objects.values()].find((o) => o.resource === "pods")!;
    const selected = `${pod.resource}|${pod.key}`;
    const created = actionOp("create", view, selected, { runNames: names });
    expect(created).toMatchObject({ ok: true, op: { op: "create", resource: "pods", object: { metadata: { name: "my-pod-2" } } } });
    // Without the run's names only the current view is free of it: the later my-pod-1 would be a 409.
    expect(actionOp("create", view, selected)).toMatchObject({ ok: true, op: { object: { metadata: { name: "my-pod-1" } } } });
    // Never the scenario's "<app>-<n>" names, on any seed.
    expect(created.ok && created.op.op === "create" ? created.op.object.metadata.name : "").not.toMatch(/^(web|api|cart|shop|auth|mail|feed|search)-\d/);
  });
});
