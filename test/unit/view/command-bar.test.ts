import { describe, expect, it } from "vitest";
import type { ServerObjectView } from "../../../src/sim/view.js";
import { parseCommand, tokenize } from "../../../site/views/command-bar-parse.js";

const obj = (resource: string, ns: string | undefined, name: string, rv: string, labels: Record<string, string> = {}, extra: object = {}): ServerObjectView => ({
  resource, key: ns === undefined ? name : `${ns}/${name}`, rv, deleting: false,
  object: { apiVersion: "v1", kind: "Pod", metadata: { name, ...(ns === undefined ? {} : { namespace: ns }), resourceVersion: rv, labels }, ...extra },
});
const objects = [
  obj("pods", "default", "web-1", "11", { app: "web" }),
  obj("pods", "default", "web-2", "12"),
  obj("pods", "kube-system", "dns", "5"),
  obj("deployments", "default", "web", "20", {}, { spec: { replicas: 2 } }),
];
const ctx = { at: 1500, objects };

describe("command bar: get answers from the server objects at the current step", () => {
  it("lists the namespace's pods with their RVs", () => {
    const r = parseCommand("get pods", ctx);
    expect(r.ok && r.op === undefined ? r.output : "").toMatch(/NAME\s+RESOURCEVERSION\s+LABELS\nweb-1\s+11\s+app=web\nweb-2\s+12\s+<none>$/);
  });
  it("supports -A, a name, aliases, kubectl prefix and -o yaml", () => {
    const all = parseCommand("kubectl get po -A", ctx);
    expect(all.ok && all.op === undefined ? all.output : "").toContain("kube-system");
    const one = parseCommand("get pod web-2 -o yaml", ctx);
    expect(one.ok && one.op === undefined ? one.output : "").toContain("resourceVersion: \"12\"");
    expect(parseCommand("get pods -n nowhere", ctx)).toEqual({ ok: true, output: "No resources found in nowhere namespace." });
  });
  it("explains unknown resources and missing names, and never emits an op", () => {
    expect(parseCommand("get widgets", ctx)).toEqual({ ok: false, error: 'the server doesn\'t have a resource type "widgets"' });
    expect(parseCommand("get pod nope", ctx)).toEqual({ ok: false, error: 'pods "nope" not found in namespace default' });
  });
});

describe("command bar: writes become one TimedOp at the current step's virtual time", () => {
  it("create pod", () => {
    const r = parseCommand("create pod web-9 --image=busybox", ctx);
    expect(r).toMatchObject({ ok: true, op: { op: "create", resource: "pods", at: 1500,
      object: { kind: "Pod", metadata: { name: "web-9", namespace: "default" }, spec: { containers: [{ image: "busybox" }] } } } });
  });
  it("create configmap --from-literal and deployment --replicas", () => {
    expect(parseCommand("create cm cfg --from-literal=a=1 --from-literal=b=2", ctx)).toMatchObject({ ok: true,
      op: { op: "create", resource: "configmaps", object: { data: { a: "1", b: "2" } } } });
    expect(parseCommand("create deployment api --replicas=3 -n prod", ctx)).toMatchObject({ ok: true,
      op: { resource: "deployments", object: { metadata: { namespace: "prod" }, spec: { replicas: 3 } } } });
  });
  it("apply -f with inline YAML (flow style, or \\n for newlines) and create -f with JSON", () => {
    expect(parseCommand("apply -f {apiVersion: v1, kind: Pod, metadata: {name: web-7, labels: {app: web}}}", ctx)).toMatchObject({
      ok: true, op: { op: "apply", resource: "pods", at: 1500, object: { kind: "Pod", metadata: { name: "web-7", namespace: "default", labels: { app: "web" } } } } });
    expect(parseCommand("apply -f kind: ConfigMap\\nmetadata:\\n  name: c1\\n  namespace: x\\ndata:\\n  k: v", ctx)).toMatchObject({
      ok: true, op: { op: "apply", resource: "configmaps", object: { apiVersion: "v1", metadata: { name: "c1", namespace: "x" }, data: { k: "v" } } } });
    expect(parseCommand('create -f {"kind":"Namespace","metadata":{"name":"team-a"}}', ctx)).toMatchObject({
      ok: true, op: { op: "create", resource: "namespaces", object: { metadata: { name: "team-a" } } } });
  });
  it("delete, label and scale an existing object", () => {
    expect(parseCommand("delete pod web-1 --grace-period=0", ctx)).toMatchObject({ ok: true,
      op: { op: "delete", resource: "pods", namespace: "default", name: "web-1", gracePeriodSeconds: 0, at: 1500 } });
    expect(parseCommand("delete pods/web-2", ctx)).toMatchObject({ ok: true, op: { op: "delete", name: "web-2" } });
    expect(parseCommand("label pod web-1 tier=front app- ", ctx)).toMatchObject({ ok: true,
      op: { op: "label", name: "web-1", namespace: "default", labels: { tier: "front", app: null } } });
    expect(parseCommand("scale deployment web --replicas=5", ctx)).toMatchObject({ ok: true,
      op: { op: "update", resource: "deployments", object: { metadata: { name: "web", resourceVersion: "20" }, spec: { replicas: 5 } } } });
  });
});

describe("command bar: bad input gives a clear error and no op", () => {
  it.each([
    ["", "type a command"],
    ["frobnicate pods", 'unknown command "frobnicate"'],
    ["create pod Web_1", 'invalid name "Web_1"'],
    ["create pod web-1", 'pods "web-1" already exists'],
    ["delete pod ghost", 'pods "ghost" not found'],
    ["delete pod", "delete: say what and its name"],
    ["label pod web-1 app=db", "already has a value (web), and --overwrite is false"],
    ["label pod web-1 bad=val/ue", 'invalid label value "val/ue"'],
    ["scale deployment web", "--replicas is required"],
    ["scale pod web-1 --replicas=2", "only deployments and replicasets"],
    ["scale deployment web --replicas=-1", "whole number"],
    ["apply -f {kind: Pod, metadata: {name: [}", "could not parse the YAML"],
    ["apply -f {kind: Gadget, metadata: {name: g}}", 'unknown kind "Gadget"'],
    ["apply -f {kind: Pod}", "no metadata"],
    ["apply pods", "apply needs -f"],
    ["get pods --bogus", "unknown flag --bogus"],
    ["get pods -n", "flag -n needs a value"],
    ["get pods 'open", "unterminated ' quote"],
  ])("%j → %s", (line, message) => {
    const r = parseCommand(line, ctx);
    expect(r.ok).toBe(false);
    expect(r.ok ? "" : r.error).toContain(message);
    expect("op" in r && r.op !== undefined).toBe(false);
  });

  it("accepts the stage's namespace/name keys, and refuses a key that contradicts -n", () => {
    expect(parseCommand("delete pod kube-system/dns", ctx)).toMatchObject({ ok: true,
      op: { op: "delete", resource: "pods", namespace: "kube-system", name: "dns" } });
    expect(parseCommand("label pod default/web-1 tier=db", ctx)).toMatchObject({ ok: true,
      op: { op: "label", namespace: "default", name: "web-1", labels: { tier: "db" } } });
    const r = parseCommand("delete pod kube-system/dns -n default", ctx);
    expect(r.ok).toBe(false);
    expect(r.ok ? "" : r.error).toContain("namespace kube-system");
    expect(parseCommand("delete pod default/ghost", ctx)).toEqual({ ok: false, error: 'pods "ghost" not found in namespace default' });
  });

  it("label --overwrite replaces an existing value", () => {
    expect(parseCommand("label pod web-1 app=db --overwrite", ctx)).toMatchObject({ ok: true, op: { labels: { app: "db" } } });
  });

  it("tokenizes quotes", () => {
    expect(tokenize(`label pod "a b" 'c'`)).toEqual(["label", "pod", "a b", "c"]);
  });
});

describe("command bar: bind and the playground faults", () => {
  it("bind pod <name> --node=<node> is one bind op (the pods/binding subresource)", () => {
    expect(parseCommand("bind pod web-1 --node=node-a", ctx)).toMatchObject({ ok: true, op: { op: "bind", namespace: "default", name: "web-1", node: "node-a", at: 1500 } });
    expect(parseCommand("bind pod default/web-2 --node node-b", ctx)).toMatchObject({ ok: true, op: { op: "bind", name: "web-2", node: "node-b" } });
    expect(parseCommand("bind pod web-1", ctx)).toEqual({ ok: false, error: "bind: --node=<node name> is required" });
    expect(parseCommand("bind deployment web --node=n", ctx)).toEqual({ ok: false, error: "bind: only pods are bound to nodes, not deployments" });
    expect(parseCommand("bind pod ghost --node=n", ctx)).toEqual({ ok: false, error: 'pods "ghost" not found in namespace default' });
  });
  it("partition takes refused (the default) or timeout; heal, compact, drop-watches, restart", () => {
    const refused = parseCommand("partition", ctx);
    expect(refused).toMatchObject({ ok: true, op: { op: "fault", fault: "partition", at: 1500 } });
    expect(refused.ok && refused.op?.op === "fault" ? refused.op.mode : "x").toBeUndefined();
    expect(parseCommand("partition timeout", ctx)).toMatchObject({ ok: true, op: { op: "fault", fault: "partition", mode: "timeout" } });
    expect(parseCommand("partition sometimes", ctx)).toMatchObject({ ok: false });
    expect(parseCommand("heal", ctx)).toMatchObject({ ok: true, op: { op: "fault", fault: "heal" } });
    expect(parseCommand("drop-watches", ctx)).toMatchObject({ ok: true, op: { op: "fault", fault: "dropWatches" } });
    expect(parseCommand("heal now", ctx)).toEqual({ ok: false, error: 'heal: unexpected argument "now"' });
  });
  it("partition takes a duration with a unit (it heals itself), in any order with its mode", () => {
    expect(parseCommand("partition 4s", ctx)).toMatchObject({ ok: true, op: { op: "fault", fault: "partition", durationMs: 4000, at: 1500 } });
    const r = parseCommand("partition timeout 1500ms", ctx);
    expect(r).toMatchObject({ ok: true, op: { op: "fault", fault: "partition", mode: "timeout", durationMs: 1500 } });
    expect(r.ok && r.op !== undefined ? r.message : "").toBe("partition (timeout, heals after 1.5 s) at t = 1.5 s");
    expect(parseCommand("partition 2.5s refused", ctx)).toMatchObject({ ok: true, op: { durationMs: 2500 } });
    expect(parseCommand("partition 4", ctx)).toEqual({ ok: false, error: "partition: give the duration a unit, e.g. 4s or 4ms" });
    expect(parseCommand("partition 0s", ctx)).toMatchObject({ ok: false });
    expect(parseCommand("partition 2h", ctx)).toMatchObject({ ok: false });
  });
  it("slow-handler <handler> <delay>: which listener, and how long per notification", () => {
    expect(parseCommand("slow-handler 1 3000", ctx)).toMatchObject({ ok: true, op: { op: "slowHandler", handler: 1, delayMs: 3000, at: 1500 } });
    expect(parseCommand("slow-handler 0 2s", ctx)).toMatchObject({ ok: true, op: { op: "slowHandler", handler: 0, delayMs: 2000 } });
    expect(parseCommand("slow-handler", ctx)).toMatchObject({ ok: false });
    expect(parseCommand("slow-handler 1", ctx)).toMatchObject({ ok: false });
    expect(parseCommand("slow-handler x 100", ctx)).toMatchObject({ ok: false, error: expect.stringContaining('not "x"') });
    expect(parseCommand("slow-handler 1 soon", ctx)).toMatchObject({ ok: false, error: expect.stringContaining('not "soon"') });
    expect(parseCommand("slow-handler 1 100 2", ctx)).toMatchObject({ ok: false });
  });
});
