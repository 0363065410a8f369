// ApiServer.patch / dry run / delete's answer / scale (src/apiserver/patch.ts, registry.ts): the patch goes
// through the update path (RV bump, 409 on a stale RV, no-op short-circuit, generation), a dry run commits
// nothing, DELETE answers the (terminating) object, and /scale sets spec.replicas through update.
import { describe, expect, it } from "vitest";
import { ApiServer } from "../../../src/apiserver/index.js";
import { Scheduler } from "../../../src/sim/scheduler.js";
import { Recorder } from "../../../src/sim/trace.js";
import type { KubeObject } from "../../../src/types.js";

function setup() {
  const scheduler = new Scheduler({ seed: 1 });
  const tracer = new Recorder(scheduler);
  const api = new ApiServer(scheduler, { tracer });
  const events: string[] = [];
  api.watch("pods", {}, { onEvent: (e) => events.push(`${e.type} ${(e.object as KubeObject).metadata.name}`), onClose: () => undefined });
  api.create("pods", { metadata: { name: "a", labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "nginx" }] } } as KubeObject);
  scheduler.flush();
  events.length = 0;
  return { scheduler, tracer, api, events };
}

describe("ApiServer.patch", () => {
  it("goes through the update path: RV, generation, no-op, 409 on a stale RV; traced as verb patch", () => {
    const { scheduler, tracer, api, events } = setup();
    const before = api.get<KubeObject>("pods", "default", "a");
    const r = api.patch("pods", "default", "a", "merge", JSON.stringify({ metadata: { labels: { x: "1" } } }));
    expect(r.created).toBe(false);
    expect(Number(r.object.metadata.resourceVersion)).toBe(Number(before.metadata.resourceVersion) + 1);
    expect(r.object.metadata.generation).toBe(1);
    const same = api.patch("pods", "default", "a", "merge", JSON.stringify({ metadata: { labels: { x: "1" } } }));
    expect(same.object.metadata.resourceVersion).toBe(r.object.metadata.resourceVersion);
    const spec = api.patch("pods", "default", "a", "strategic", JSON.stringify({ spec: { containers: [{ name: "c", image: "nginx:2" }] } }));
    expect(spec.object.metadata.generation).toBe(2);
    expect(() => api.patch("pods", "default", "a", "merge", JSON.stringify({ metadata: { resourceVersion: before.metadata.resourceVersion } }))).toThrow(/modified/);
    expect(() => api.patch("pods", "default", "nope", "merge", "{}")).toThrow(/not found/);
    expect(() => api.patch("pods", "default", "a", "json", '[{"op":"test","path":"/metadata/name","value":"b"}]')).toThrow(expect.objectContaining({ code: 422 }));
    expect(() => api.patch("pods", "default", "a", "merge", '{"metadata":{"name":"b"}}')).toThrow(expect.objectContaining({ code: 400 }));
    scheduler.flush();
    expect(events).toEqual(["MODIFIED a", "MODIFIED a"]);
    expect(tracer.events.some((e) => e.kind === "server.request" && e["verb"] === "patch")).toBe(true);
  });
  it("an apply patch creates an absent object (created, 201 in the trace)", () => {
    const { api } = setup();
    const r = api.patch("configmaps", "default", "cfg", "apply", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  k: v\n");
    expect(r.created).toBe(true);
    expect(api.get<KubeObject & { data: unknown }>("configmaps", "default", "cfg").data).toEqual({ k: "v" });
  });
  it("status subresource: only .status is kept", () => {
    const { api } = setup();
    const r = api.patch<KubeObject & { status?: { phase?: string }; spec: { containers: unknown[] } }>("pods", "default", "a", "merge",
      JSON.stringify({ status: { phase: "Running" }, spec: { containers: [] } }), { subresource: "status" });
    expect(r.object.status?.phase).toBe("Running");
    expect(r.object.spec.containers).toHaveLength(1);
  });
});

describe("dry run, delete's answer, scale", () => {
  it("dry-run create/update/patch/delete commit nothing and send no event", () => {
    const { scheduler, api, events } = setup();
    const rv = api.currentResourceVersion();
    const c = api.create("pods", { metadata: { name: "b" }, spec: { containers: [] } } as unknown as KubeObject, { dryRun: true });
    expect(c.metadata.resourceVersion).toBeUndefined();
    expect(() => api.create("pods", { metadata: { name: "a" } } as KubeObject, { dryRun: true })).toThrow(/already exists/);
    const p = api.patch("pods", "default", "a", "merge", '{"metadata":{"labels":{"d":"1"}}}', { dryRun: true });
    expect(p.object.metadata.labels).toEqual({ app: "web", d: "1" });
    const d = api.delete("pods", "default", "a", { dryRun: true });
    expect(d.metadata.deletionTimestamp).toBeUndefined();
    scheduler.flush();
    expect(api.currentResourceVersion()).toBe(rv);
    expect(events).toEqual([]);
    expect(() => api.get("pods", "default", "b")).toThrow(/not found/);
  });
  it("delete answers the terminating pod when graceful, the last state otherwise", () => {
    const { api } = setup();
    api.create("pods", { metadata: { name: "bound" }, spec: { nodeName: "n", containers: [] } } as unknown as KubeObject);
    const t = api.delete("pods", "default", "bound", { gracePeriodSeconds: 10 });
    expect(t.metadata.deletionGracePeriodSeconds).toBe(10);
    api.create("configmaps", { metadata: { name: "cm" } });
    expect(api.delete("configmaps", "default", "cm").metadata.name).toBe("cm");
  });
  it("scale: get and update spec.replicas through update (generation bump, RV precondition, 422)", () => {
    const { api } = setup();
    api.create("deployments", { metadata: { name: "web" }, spec: { replicas: 1, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [] } } } } as unknown as KubeObject);
    const s = api.getScale("deployments", "default", "web");
    expect(s).toMatchObject({ kind: "Scale", spec: { replicas: 1 }, status: { replicas: 0, selector: "app=web" } });
    const s2 = api.updateScale("deployments", "default", "web", 3);
    expect(s2.spec.replicas).toBe(3);
    expect(api.get<KubeObject>("deployments", "default", "web").metadata.generation).toBe(2);
    expect(() => api.updateScale("deployments", "default", "web", 2, { resourceVersion: s.metadata.resourceVersion! })).toThrow(/modified/);
    expect(() => api.updateScale("deployments", "default", "web", -1)).toThrow(expect.objectContaining({ code: 422 }));
    expect(() => api.getScale("pods", "default", "a")).toThrow(expect.objectContaining({ code: 404 }));
  });
});
