// The HTTP layer with Node's fetch and raw node:http (wire.md §1–§3): discovery Content-Types, flushed
// watch headers, one event per line, watch=True, Tables, every PATCH type, apply-lite, subresources,
// dryRun, Strict field validation, and each bad input of issue 17 (real code and reason, nothing stored).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "node:http";
import { connect } from "node:net";
import { api, testCluster, waitFor, type TestCluster } from "./harness.js";
import { startCluster } from "../../server/cluster-server.js";

const AGG = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";
const TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";
const pod = (name: string, extra: Record<string, unknown> = {}) => ({ apiVersion: "v1", kind: "Pod", metadata: { name, labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "nginx" }] }, ...extra });

let c: TestCluster;
beforeAll(async () => { c = await testCluster(); });
afterAll(async () => { await c.close(); });

/** Opens a watch with node:http; resolves at the response headers (before any event). */
function openWatch(path: string, accept = "application/json"): Promise<{ lines: string[]; status: number; headers: Record<string, unknown>; close(): void; ended: () => boolean }> {
  return new Promise((resolve, reject) => {
    const req = request(`${c.url}${path}`, { headers: { Accept: accept } }, (res) => {
      const lines: string[] = [];
      let buf = "";
      let ended = false;
      res.setEncoding("utf8");
      res.on("data", (d: string) => { buf += d; let i; while ((i = buf.indexOf("\n")) >= 0) { lines.push(buf.slice(0, i)); buf = buf.slice(i + 1); } });
      res.on("end", () => { ended = true; });
      res.on("error", () => { ended = true; });
      resolve({ lines, status: res.statusCode ?? 0, headers: res.headers, close: () => req.destroy(), ended: () => ended });
    });
    req.on("error", reject);
    req.end();
  });
}

describe("discovery, version, OpenAPI", () => {
  it("aggregated discovery carries its exact Content-Type; a plain Accept gets legacy discovery", async () => {
    const r = await fetch(`${c.url}/api`, { headers: { Accept: AGG } });
    expect(r.headers.get("content-type")).toBe("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
    const body = await r.json() as any;
    expect(body.kind).toBe("APIGroupDiscoveryList");
    expect(body.items[0].metadata).toEqual({});                       // the core group has no name (omitempty)
    const pods = body.items[0].versions[0].resources.find((x: any) => x.resource === "pods");
    // responseKind's group/version are empty for the resource's own group version, as the real server sends.
    expect(pods).toMatchObject({ scope: "Namespaced", shortNames: ["po"], responseKind: { kind: "Pod", version: "", group: "" } });
    expect(pods.subresources.map((s: any) => s.subresource)).toEqual(["binding", "status"]);   // alphabetical
    const apis = await (await fetch(`${c.url}/apis`, { headers: { Accept: AGG } })).json() as any;
    expect(apis.items.map((i: any) => i.metadata.name)).toEqual(["apps"]);
    const legacy = await fetch(`${c.url}/api`);
    expect(legacy.headers.get("content-type")).toBe("application/json");
    expect((await legacy.json() as any).versions).toEqual(["v1"]);
    expect((await api(c, "GET", "/apis")).json.groups[0].preferredVersion.groupVersion).toBe("apps/v1");
    const rl = (await api(c, "GET", "/apis/apps/v1")).json;
    // sorted by name, as kube-apiserver v1.37 answers (test/realapi/fixtures/discovery.json)
    expect(rl.resources.map((x: any) => x.name)).toEqual(["deployments", "deployments/scale", "deployments/status", "replicasets", "replicasets/scale", "replicasets/status"]);
  });
  it("/version, /openapi/v3 index and per-group documents; /openapi/v2 is 404", async () => {
    expect((await api(c, "GET", "/version")).json).toMatchObject({ major: "1", minor: "32", gitVersion: "v1.32.0" });
    const idx = (await api(c, "GET", "/openapi/v3")).json;
    expect(Object.keys(idx.paths)).toEqual(["api/v1", "apis/apps/v1"]);
    const doc = (await api(c, "GET", idx.paths["apis/apps/v1"].serverRelativeURL)).json;
    const op = doc.paths["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"].patch;
    expect(op["x-kubernetes-group-version-kind"]).toEqual({ group: "apps", version: "v1", kind: "Deployment" });
    expect(op.parameters.map((p: any) => p.name)).toContain("fieldValidation");
    expect((await api(c, "GET", "/openapi/v2")).status).toBe(404);
  });
  it("answers JSON to a protobuf-first Accept (never 406)", async () => {
    const r = await fetch(`${c.url}/api/v1/namespaces/default/pods`, { headers: { Accept: "application/vnd.kubernetes.protobuf,application/json" } });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("application/json");
  });
});

describe("watch wire format", () => {
  it("flushes 200 headers before any event, then one compact event per line; watch=True counts", async () => {
    const w = await openWatch("/api/v1/namespaces/default/pods?watch=True&resourceVersion=0");
    expect(w.status).toBe(200);                       // resolved with no event sent yet
    expect(w.headers["transfer-encoding"]).toBe("chunked");
    expect(w.lines).toEqual([]);
    await api(c, "POST", "/api/v1/namespaces/default/pods", pod("w1"));
    await api(c, "PATCH", "/api/v1/namespaces/default/pods/w1", { metadata: { labels: { x: "1" } } }, "application/merge-patch+json");
    await waitFor(() => w.lines.length >= 2, "two events");
    const evs = w.lines.map((l) => JSON.parse(l));
    expect(evs.map((e) => e.type)).toEqual(["ADDED", "MODIFIED"]);
    for (const l of w.lines) { expect(l).not.toContain("\n"); expect(l.startsWith('{"type":')).toBe(true); }
    w.close();
  });
  it("a watch from a compacted RV gets 200 and an ERROR 410 event, then the stream ends", async () => {
    const rv = (await api(c, "GET", "/api/v1/namespaces/default/pods")).json.metadata.resourceVersion;
    await api(c, "POST", "/api/v1/namespaces/default/configmaps", { metadata: { name: "bump" } });
    await api(c, "POST", "/playground/v1/faults/compact");
    const w = await openWatch(`/api/v1/namespaces/default/pods?watch=1&resourceVersion=${Number(rv) - 1}`);
    await waitFor(() => w.ended(), "the stream to end");
    expect(w.status).toBe(200);
    const ev = JSON.parse(w.lines[0]!);
    expect(ev).toMatchObject({ type: "ERROR", object: { kind: "Status", code: 410, reason: "Expired" } });
  });
  it("bookmarks, sendInitialEvents with the initial-events-end bookmark, timeoutSeconds", async () => {
    const w = await openWatch("/api/v1/namespaces/default/pods?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=1");
    await waitFor(() => w.ended(), "timeoutSeconds=1 to end the watch", 5000);
    const evs = w.lines.map((l) => JSON.parse(l));
    expect(evs.filter((e) => e.type === "ADDED").map((e) => e.object.metadata.name)).toContain("w1");
    const bm = evs.find((e) => e.type === "BOOKMARK");
    expect(bm.object.metadata.annotations["k8s.io/initial-events-end"]).toBe("true");
  });
  it("a Table watch sends column definitions on its first event only", async () => {
    const w = await openWatch("/api/v1/namespaces/default/pods?watch=true", TABLE);
    await api(c, "POST", "/api/v1/namespaces/default/pods", pod("t2"));
    await waitFor(() => w.lines.length >= 2, "initial + new");
    const evs = w.lines.map((l) => JSON.parse(l));
    expect(evs[0].object.kind).toBe("Table");
    expect(evs[0].object.columnDefinitions.map((x: any) => x.name)).toEqual(["Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates"]);
    expect(evs[1].object.columnDefinitions).toBeNull();
    expect(evs[1].object.rows[0].object.kind).toBe("PartialObjectMetadata");
    w.close();
  });
});

describe("Tables", () => {
  it("list and get as Table with real columns, priority 1 for -o wide, PartialObjectMetadata rows", async () => {
    const r = await fetch(`${c.url}/api/v1/namespaces/default/pods?limit=500`, { headers: { Accept: TABLE } });
    const t = await r.json() as any;
    expect(t.kind).toBe("Table");
    expect(t.columnDefinitions.filter((x: any) => x.priority === 1).map((x: any) => x.name)).toEqual(["IP", "Node", "Nominated Node", "Readiness Gates"]);
    const row = t.rows.find((x: any) => x.cells[0] === "w1");
    expect(row.cells.slice(1, 4)).toEqual(["0/1", "Pending", "0"]);   // PrepareForCreate: phase Pending; RESTARTS a string column
    expect(row.cells[4]).toMatch(/^\d+s$/);
    expect(row.object).toMatchObject({ kind: "PartialObjectMetadata", metadata: { name: "w1", namespace: "default" } });
    const none = await (await fetch(`${c.url}/api/v1/namespaces/default/pods/w1?includeObject=None`, { headers: { Accept: TABLE } })).json() as any;
    expect(none.rows[0].object).toBeNull();
  });
});

describe("writes and PATCH", () => {
  it("merge, JSON, strategic and apply patches go through the update path (RV, generation, no-op)", async () => {
    await api(c, "POST", "/api/v1/namespaces/default/pods", pod("p1"));
    const p0 = (await api(c, "GET", "/api/v1/namespaces/default/pods/p1")).json;
    const merge = await api(c, "PATCH", "/api/v1/namespaces/default/pods/p1", { metadata: { labels: { a: "b" } } }, "application/merge-patch+json");
    expect(merge.status).toBe(200);
    expect(Number(merge.json.metadata.resourceVersion)).toBeGreaterThan(Number(p0.metadata.resourceVersion));
    expect(merge.json.metadata.generation).toBe(1);
    const noop = await api(c, "PATCH", "/api/v1/namespaces/default/pods/p1", { metadata: { labels: { a: "b" } } }, "application/merge-patch+json");
    expect(noop.json.metadata.resourceVersion).toBe(merge.json.metadata.resourceVersion);
    const images = (p: { spec: { containers: Array<{ name: string; image: string }> } }) => p.spec.containers.map((x) => `${x.name}=${x.image}`);
    const smp = await api(c, "PATCH", "/api/v1/namespaces/default/pods/p1", { spec: { containers: [{ name: "c", image: "nginx:2" }] } }, "application/strategic-merge-patch+json");
    expect(images(smp.json)).toEqual(["c=nginx:2"]);               // merged by name; the image is mutable
    expect(smp.json.metadata.generation).toBe(2);
    const added = await api(c, "PATCH", "/api/v1/namespaces/default/pods/p1", { spec: { "$setElementOrder/containers": [{ name: "c" }, { name: "s" }], containers: [{ name: "s", image: "busybox" }] } }, "application/strategic-merge-patch+json");
    expect(added.status).toBe(422);                                 // ValidatePodUpdate: no added containers
    expect(added.json.message).toContain("pod updates may not add or remove containers");
    const jp = await api(c, "PATCH", "/api/v1/namespaces/default/pods/p1", [{ op: "test", path: "/metadata/labels/a", value: "b" }, { op: "replace", path: "/spec/containers/0/image", value: "nginx:3" }], "application/json-patch+json");
    expect(images(jp.json)).toEqual(["c=nginx:3"]);
    const failing = await api(c, "PATCH", "/api/v1/namespaces/default/pods/p1", [{ op: "test", path: "/metadata/labels/a", value: "zzz" }, { op: "remove", path: "/spec" }], "application/json-patch+json");
    expect(failing.status).toBe(422);
    expect(failing.json).toMatchObject({ kind: "Status", code: 422, reason: "Invalid" });
    const stale = await api(c, "PATCH", "/api/v1/namespaces/default/pods/p1", { metadata: { resourceVersion: p0.metadata.resourceVersion, labels: { z: "1" } } }, "application/merge-patch+json");
    expect(stale.status).toBe(409);
    expect(stale.json.reason).toBe("Conflict");
    const ssa = await api(c, "PATCH", "/api/v1/namespaces/default/configmaps/cfg?fieldManager=me&force=false", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: '1'\n", "application/apply-patch+yaml");
    expect(ssa.status).toBe(201);
    const ssa2 = await api(c, "PATCH", "/api/v1/namespaces/default/configmaps/cfg?fieldManager=me", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg" }, data: { b: "2" } }, "application/apply-patch+yaml");
    expect(ssa2.status).toBe(200);
    expect(ssa2.json.data).toEqual({ a: "1", b: "2" });     // apply-lite: no field ownership, a is kept
  });
  it("status, scale and binding subresources", async () => {
    const st = await api(c, "PATCH", "/api/v1/namespaces/default/pods/p1/status", { status: { phase: "Running" } }, "application/merge-patch+json");
    expect(st.json.status.phase).toBe("Running");
    const main = await api(c, "PATCH", "/api/v1/namespaces/default/pods/p1", { status: { phase: "Failed" } }, "application/merge-patch+json");
    expect(main.json.status.phase).toBe("Running");            // the main endpoint ignores status
    await api(c, "POST", "/apis/apps/v1/namespaces/default/deployments", { metadata: { name: "d" }, spec: { replicas: 1, selector: { matchLabels: { app: "d" } }, template: { metadata: { labels: { app: "d" } }, spec: { containers: [{ name: "c", image: "x" }] } } } });
    const sc = await api(c, "GET", "/apis/apps/v1/namespaces/default/deployments/d/scale");
    expect(sc.json).toMatchObject({ kind: "Scale", apiVersion: "autoscaling/v1", spec: { replicas: 1 }, status: { selector: "app=d" } });
    const sp = await api(c, "PATCH", "/apis/apps/v1/namespaces/default/deployments/d/scale", { spec: { replicas: 4 } }, "application/merge-patch+json");
    expect(sp.json.spec.replicas).toBe(4);
    const put = await api(c, "PUT", "/apis/apps/v1/namespaces/default/deployments/d/scale", { ...sp.json, spec: { replicas: 2 }, metadata: { ...sp.json.metadata, resourceVersion: "1" } });
    expect(put.status).toBe(409);
    await api(c, "POST", "/api/v1/namespaces/default/pods", pod("unbound"));
    const b = await api(c, "POST", "/api/v1/namespaces/default/pods/unbound/binding", { apiVersion: "v1", kind: "Binding", metadata: { name: "unbound" }, target: { kind: "Node", name: "node-1" } });
    expect(b.status).toBe(201);
    expect((await api(c, "GET", "/api/v1/namespaces/default/pods/unbound")).json.spec.nodeName).toBe("node-1");
    const b2 = await api(c, "POST", "/api/v1/namespaces/default/pods/unbound/binding", { target: { kind: "Node", name: "node-2" } });
    expect(b2.status).toBe(409);
  });
  it("dryRun=All checks and answers without storing", async () => {
    const rv = (await api(c, "GET", "/api/v1/namespaces/default/pods")).json.metadata.resourceVersion;
    expect((await api(c, "POST", "/api/v1/namespaces/default/pods?dryRun=All", pod("dry"))).status).toBe(201);
    expect((await api(c, "PATCH", "/api/v1/namespaces/default/pods/p1?dryRun=All", { metadata: { labels: { dry: "1" } } }, "application/merge-patch+json")).json.metadata.labels.dry).toBe("1");
    expect((await api(c, "DELETE", "/api/v1/namespaces/default/pods/p1?dryRun=All")).status).toBe(200);
    expect((await api(c, "POST", "/api/v1/namespaces/default/pods?dryRun=All", pod("p1"))).status).toBe(409);
    expect((await api(c, "GET", "/api/v1/namespaces/default/pods")).json.metadata.resourceVersion).toBe(rv);
    expect((await api(c, "GET", "/api/v1/namespaces/default/pods/dry")).status).toBe(404);
    expect((await api(c, "POST", "/api/v1/namespaces/default/pods?dryRun=Some", pod("dry"))).status).toBe(400);
  });
  it("fieldValidation=Strict rejects unknown fields with the real message; Ignore accepts", async () => {
    const bad = { ...pod("strict"), spec: { containers: [{ name: "c", image: "x", imagee: "typo" }], foo: 1 } };
    const r = await api(c, "POST", "/api/v1/namespaces/default/pods?fieldValidation=Strict", bad);
    expect(r.status).toBe(400);
    expect(r.json.message).toBe('Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagee", unknown field "spec.foo"');
    expect((await api(c, "GET", "/api/v1/namespaces/default/pods/strict")).status).toBe(404);
    // Ignore and Warn (the default) store the object without the unknown fields; Warn says so in Warning headers.
    const ignored = await api(c, "POST", "/api/v1/namespaces/default/pods?fieldValidation=Ignore", bad);
    expect(ignored.status).toBe(201);
    expect(ignored.json.spec.foo).toBeUndefined();
    expect(ignored.json.spec.containers[0]).toMatchObject({ name: "c", image: "x" });
    expect(ignored.json.spec.containers[0].imagee).toBeUndefined();
    const warned = await fetch(`${c.url}/api/v1/namespaces/default/configmaps`, { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ metadata: { name: "warned" }, data: { a: "1" }, bogus: 1 }) });
    expect(warned.status).toBe(201);
    expect(warned.headers.get("warning")).toBe('299 - "unknown field \\"bogus\\""');
    expect((await warned.json() as any).bogus).toBeUndefined();
  });
  it("DELETE takes DeleteOptions: preconditions (409), grace period; returns the (terminating) pod", async () => {
    await api(c, "POST", "/api/v1/namespaces/default/pods", pod("g", { spec: { nodeName: "n", containers: [{ name: "c", image: "x" }] } }));
    const pre = await api(c, "DELETE", "/api/v1/namespaces/default/pods/g", { kind: "DeleteOptions", apiVersion: "v1", preconditions: { uid: "nope" } });
    expect(pre.status).toBe(409);
    const del = await api(c, "DELETE", "/api/v1/namespaces/default/pods/g", { propagationPolicy: "Background", gracePeriodSeconds: 60 });
    expect(del.status).toBe(200);
    expect(del.json.metadata.deletionGracePeriodSeconds).toBe(60);
    const cm = await api(c, "DELETE", "/api/v1/namespaces/default/configmaps/cfg", { propagationPolicy: "Background" });
    expect(cm.json).toMatchObject({ kind: "Status", status: "Success", details: { name: "cfg", kind: "configmaps" } });
  });
  it("events: an empty list; get is 404", async () => {
    const ev = await api(c, "GET", "/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dx");
    expect(ev.json).toMatchObject({ kind: "EventList", items: [] });
    expect((await api(c, "POST", "/api/v1/namespaces/default/events", {})).status).toBe(405);
  });
});

describe("bad input: a Status with the real code, the server keeps serving, nothing stored", () => {
  const cases: Array<[string, string, string, unknown, string | undefined, number, string]> = [
    ["malformed JSON", "POST", "/api/v1/namespaces/default/pods", "{not json", undefined, 400, "BadRequest"],
    ["kind mismatch", "POST", "/api/v1/namespaces/default/pods", { ...pod("k1"), kind: "ConfigMap" }, undefined, 400, "BadRequest"],
    ["apiVersion mismatch", "POST", "/api/v1/namespaces/default/pods", { ...pod("k2"), apiVersion: "apps/v1" }, undefined, 400, "BadRequest"],
    ["namespace mismatch", "POST", "/api/v1/namespaces/default/pods", { ...pod("k3"), metadata: { name: "k3", namespace: "other" } }, undefined, 400, "BadRequest"],
    ["name mismatch on PUT", "PUT", "/api/v1/namespaces/default/pods/p1", pod("other"), undefined, 400, "BadRequest"],
    ["unknown resource", "GET", "/api/v1/namespaces/default/widgets", undefined, undefined, 404, "NotFound"],
    ["unsupported method", "PUT", "/api/v1/namespaces/default/pods", "{}", "application/json", 405, "MethodNotAllowed"],
    ["unsupported patch type", "PATCH", "/api/v1/namespaces/default/pods/p1", "{}", "application/json", 415, "UnsupportedMediaType"],
    ["invalid label selector", "GET", "/api/v1/pods?labelSelector=a%3D%3D%3Db", undefined, undefined, 400, "BadRequest"],
    ["invalid field selector", "GET", "/api/v1/pods?fieldSelector=spec.nope%3Dx", undefined, undefined, 400, "BadRequest"],
    ["invalid resourceVersion", "GET", "/api/v1/pods?resourceVersion=abc", undefined, undefined, 400, "BadRequest"],
    ["invalid continue", "GET", "/api/v1/pods?limit=1&continue=garbage", undefined, undefined, 400, "BadRequest"],
    ["malformed JSON patch", "PATCH", "/api/v1/namespaces/default/pods/p1", '{"op":"add"}', "application/json-patch+json", 400, "BadRequest"],
    ["JSON patch test fails", "PATCH", "/api/v1/namespaces/default/pods/p1", '[{"op":"test","path":"/metadata/name","value":"x"}]', "application/json-patch+json", 422, "Invalid"],
  ];
  for (const [what, method, path, body, ct, code, reason] of cases) {
    it(`${what} → ${code} ${reason}`, async () => {
      const before = (await api(c, "GET", "/api/v1/pods")).json.metadata.resourceVersion;
      const r = await api(c, method, path, body, ct);
      expect(r.status).toBe(code);
      expect(r.json).toMatchObject({ kind: "Status", apiVersion: "v1", status: "Failure", code, reason });
      expect((await api(c, "GET", "/api/v1/pods")).json.metadata.resourceVersion).toBe(before);
    });
  }
  it("outside the API groups: a plain-text 404 (the real server's non-API mux); an Accept without JSON: 406", async () => {
    const r = await fetch(`${c.url}/apis/batch/v1/jobs`);
    expect(r.status).toBe(404);
    expect(r.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await r.text()).toBe("404 page not found\n");
    const na = await fetch(`${c.url}/api/v1/namespaces/default/pods`, { headers: { Accept: "application/x-unknown" } });
    expect(na.status).toBe(406);
    expect((await na.json() as any).reason).toBe("NotAcceptable");
  });
  it("invalid options are a 422 with causes, as the real server's (resourceVersionMatch, propagationPolicy, apply without fieldManager)", async () => {
    const m = await api(c, "GET", "/api/v1/namespaces/default/configmaps?resourceVersion=1&resourceVersionMatch=Newest");
    expect(m.status).toBe(422);
    expect(m.json.message).toBe('ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Unsupported value: "Newest": supported values: "Exact", "NotOlderThan", ""');
    expect(m.json.details.causes[0]).toMatchObject({ field: "resourceVersionMatch", reason: "FieldValueNotSupported" });
    await api(c, "POST", "/api/v1/namespaces/default/configmaps", { metadata: { name: "pp" } });
    expect((await api(c, "DELETE", "/api/v1/namespaces/default/configmaps/pp", { propagationPolicy: "Sideways" })).status).toBe(422);
    const noManager = await api(c, "PATCH", "/api/v1/namespaces/default/configmaps/pp", "data: {a: '1'}", "application/apply-patch+yaml");
    expect(noManager.status).toBe(422);
    expect(noManager.json.message).toBe('PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
  });
  it("an expired continue token is a 410 (after compaction)", async () => {
    const first = (await api(c, "GET", "/api/v1/pods?limit=1")).json;
    expect(first.metadata.continue).toBeTruthy();
    await api(c, "POST", "/api/v1/namespaces/default/configmaps", { metadata: { name: "c410" } });
    await api(c, "POST", "/playground/v1/faults/compact");
    const r = await api(c, "GET", `/api/v1/pods?limit=1&continue=${encodeURIComponent(first.metadata.continue)}`);
    expect(r.status).toBe(410);
    expect(r.json.reason).toBe("Expired");
  });
  it("a body over 3 MiB → 413 RequestEntityTooLarge", async () => {
    const big = JSON.stringify({ ...pod("big"), data: "x".repeat(3 * 1024 * 1024 + 10) });
    const r = await api(c, "POST", "/api/v1/namespaces/default/configmaps", big);
    expect(r.status).toBe(413);
    expect(r.json.reason).toBe("RequestEntityTooLarge");
    expect((await api(c, "GET", "/api/v1/namespaces/default/configmaps/big")).status).toBe(404);
  });
  it("a request that never finishes its headers is closed after the headers timeout", async () => {
    const slow = await startCluster({ port: 0, headersTimeoutMs: 300 });
    try {
      const sock = connect(slow.port, "127.0.0.1");
      let answer = "";
      sock.on("data", (d: Buffer) => { answer += d.toString(); });
      const closed = new Promise<void>((resolve) => sock.on("close", () => resolve()));
      sock.write("GET /api HTTP/1.1\r\nHost: x\r\n");          // never the final CRLF
      const t0 = Date.now();
      await closed;
      expect(Date.now() - t0).toBeLessThan(5000);
      expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout/);
      expect((await fetch(`${slow.url}/version`)).status).toBe(200);   // still serving
    } finally { await slow.close(); }
  });
  it("too many requests in flight → 429 with Retry-After (watches exempt)", async () => {
    const small = await startCluster({ port: 0, maxInFlight: 2 });
    try {
      const held = [0, 1].map(() => {
        const r = request(`${small.url}/api/v1/namespaces/default/configmaps`, { method: "POST", headers: { "Content-Type": "application/json", "Content-Length": "100" } });
        r.on("error", () => undefined);
        r.write("{");                                          // body never completes: in flight
        return r;
      });
      await new Promise((r) => setTimeout(r, 100));
      const r = await fetch(`${small.url}/api/v1/pods`);
      expect(r.status).toBe(429);
      expect(r.headers.get("retry-after")).toBe("1");
      expect((await r.json() as any).reason).toBe("TooManyRequests");
      const w = await fetch(`${small.url}/api/v1/pods?watch=true&timeoutSeconds=1`);
      expect(w.status).toBe(200);
      await w.body?.cancel();
      for (const h of held) h.destroy();
    } finally { await small.close(); }
  });
  it("faults: unknown fault 404, GET lists them", async () => {
    expect((await api(c, "POST", "/playground/v1/faults/meteor")).status).toBe(404);
    expect((await api(c, "GET", "/playground/v1/faults")).json.faults).toContain("partition");
  });
});
