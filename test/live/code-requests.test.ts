// The learner's live clientset requests on the page's side (site/live/learner/code-requests.ts): read
// as the apiserver routes them, traced as server.request/response (origin "code", remote, src) around the
// fetch, refused ones neither sent nor traced; and the worker's source positions checked on the way in.
import { afterEach, describe, expect, it, vi } from "vitest";
import { decodeTraceEvent, type TraceInput } from "../../src/sim/index.js";
import { CodeRequests, requestOf } from "../../site/live/learner/code-requests.js";
import { checkLiveMessage } from "../../site/runner/worker/live/live-protocol.js";

describe("requestOf", () => {
  it("reads verb, resource, namespace and name as the apiserver routes the path", () => {
    const r = (m: string, p: string) => { const { query: _q, ...rest } = requestOf(m, p); return rest; };
    expect(r("GET", "/api/v1/namespaces/default/pods")).toEqual({ verb: "list", resource: "pods", namespace: "default" });
    expect(r("GET", "/api/v1/namespaces/default/pods/web-1")).toEqual({ verb: "get", resource: "pods", namespace: "default", name: "web-1" });
    expect(r("POST", "/api/v1/namespaces/default/pods/web-1/binding")).toEqual({ verb: "create", resource: "pods", namespace: "default", name: "web-1" });
    expect(r("PUT", "/apis/apps/v1/namespaces/shop/deployments/web")).toEqual({ verb: "update", resource: "deployments", namespace: "shop", name: "web" });
    expect(r("DELETE", "/api/v1/namespaces/a%20b/configmaps/x")).toEqual({ verb: "delete", resource: "configmaps", namespace: "a b", name: "x" });
    expect(r("GET", "/api/v1/nodes")).toEqual({ verb: "list", resource: "nodes" });
    // A namespace is itself cluster-scoped: /api/v1/namespaces/default names the object "default".
    expect(r("GET", "/api/v1/namespaces/default")).toEqual({ verb: "get", resource: "namespaces", name: "default" });
    expect(requestOf("GET", "/api/v1/pods?labelSelector=app%3Dweb&limit=5").query.get("labelSelector")).toBe("app=web");
  });
});

describe("CodeRequests", () => {
  afterEach(() => { vi.unstubAllGlobals(); });

  function setup(allowWrites: boolean) {
    const traced: TraceInput[] = [];
    let id = 40;
    const fetched: string[] = [];
    vi.stubGlobal("fetch", async (url: string, init: { method: string }) => {
      fetched.push(`${init.method} ${url}`);
      return init.method === "POST"
        ? new Response(JSON.stringify({ kind: "ConfigMap", metadata: { name: "x", resourceVersion: "77" } }), { status: 201 })
        : new Response(JSON.stringify({ kind: "Status", code: 404, reason: "NotFound", message: 'pods "nope" not found' }), { status: 404 });
    });
    const requests = new CodeRequests({ policy: { allowWrites, namespace: "default" }, base: "http://proxy/k8s", trace: (e) => traced.push(e), nextRequestId: () => ++id });
    return { traced, fetched, requests };
  }

  it("traces an allowed request as the learner's, with its line, then its answer, and passes the answer on", async () => {
    const { traced, fetched, requests } = setup(true);
    const answers: Array<[number, string]> = [];
    await requests.forward({ type: "request", rid: 1, method: "POST", path: "/api/v1/namespaces/default/configmaps", body: "{}", contentType: "application/json", src: { line: 12, col: 7 } },
      (s, b) => answers.push([s, b]));
    await requests.forward({ type: "request", rid: 2, method: "GET", path: "/api/v1/namespaces/default/pods/nope" }, (s, b) => answers.push([s, b]));
    expect(fetched).toEqual(["POST http://proxy/k8s/api/v1/namespaces/default/configmaps", "GET http://proxy/k8s/api/v1/namespaces/default/pods/nope"]);
    expect(answers.map(([s]) => s)).toEqual([201, 404]);
    expect(traced).toEqual([
      { component: "server", kind: "server.request", requestId: 41, verb: "create", resource: "configmaps", namespace: "default", origin: "code", client: "your code", remote: true, src: { line: 12, col: 7 } },
      { component: "server", kind: "server.response", requestId: 41, verb: "create", resource: "configmaps", code: 201, resourceVersion: "77" },
      { component: "server", kind: "server.request", requestId: 42, verb: "get", resource: "pods", namespace: "default", name: "nope", origin: "code", client: "your code", remote: true },
      { component: "server", kind: "server.response", requestId: 42, verb: "get", resource: "pods", code: 404, reason: "NotFound", message: 'pods "nope" not found' },
    ]);
    // The app's decoder accepts what was traced (the stage and the editor read these).
    traced.forEach((e, i) => expect(typeof decodeTraceEvent({ ...e, seq: i + 1, time: 0 }, i + 1)).toBe("object"));
  });

  it("refuses a write the proxy would refuse: answered 403 with the reason, never sent, never traced", async () => {
    const { traced, fetched, requests } = setup(false);
    const answers: Array<[number, string]> = [];
    await requests.forward({ type: "request", rid: 1, method: "POST", path: "/api/v1/namespaces/default/configmaps", body: "{}", contentType: "application/json" },
      (s, b) => answers.push([s, b]));
    expect(fetched).toEqual([]);
    expect(traced).toEqual([]);
    expect(answers[0]![0]).toBe(403);
    expect(answers[0]![1]).toMatch(/refused by the page and not sent: .*read-only/);
  });
});

describe("checkLiveMessage: source positions", () => {
  it("keeps well-formed positions on log, request and attached, and refuses malformed ones", () => {
    expect(checkLiveMessage({ type: "log", text: "x", src: { line: 3, col: 5 } })).toEqual({ ok: true, message: { type: "log", text: "x", src: { line: 3, col: 5 } } });
    expect(checkLiveMessage({ type: "request", rid: 1, method: "GET", path: "/api/v1/pods", src: { line: 9, col: 1 } }))
      .toEqual({ ok: true, message: { type: "request", rid: 1, method: "GET", path: "/api/v1/pods", src: { line: 9, col: 1 } } });
    expect(checkLiveMessage({ type: "attached", resources: [{ resource: "pods", fns: ["add", "update"], src: { add: { line: 4, col: 14 } } }] }))
      .toEqual({ ok: true, message: { type: "attached", resources: [{ resource: "pods", fns: ["add", "update"], src: { add: { line: 4, col: 14 } } }] } });
    for (const bad of [{ line: 0, col: 1 }, { line: 1.5, col: 1 }, { line: 1, col: 1, extra: 1 }, "3:5", [3, 5]]) {
      expect(checkLiveMessage({ type: "log", text: "x", src: bad }).ok).toBe(false);
      expect(checkLiveMessage({ type: "request", rid: 1, method: "GET", path: "/api/v1/pods", src: bad }).ok).toBe(false);
      expect(checkLiveMessage({ type: "attached", resources: [{ resource: "pods", fns: ["add"], src: { add: bad } }] }).ok).toBe(false);
    }
    expect(checkLiveMessage({ type: "attached", resources: [{ resource: "pods", fns: ["add"], src: { onAdd: { line: 1, col: 1 } } }] }).ok).toBe(false);
  });
});
