// The page's check of the live worker's requests (site/live/learner/request-check.ts) against the live
// proxy's policy: what is sent, what is refused before sending, and the reasons a learner reads.
import { describe, expect, it } from "vitest";
import { checkLiveRequest } from "../../site/live/learner/request-check.js";
import { checkLiveMessage } from "../../site/runner/worker/live/live-protocol.js";

const readOnly = { allowWrites: false, namespace: "default" };
const writes = { allowWrites: true, namespace: "default" };
const json = "application/json";

describe("checkLiveRequest", () => {
  it("lets reads of allowlisted resources through, read-only or not", () => {
    for (const policy of [readOnly, writes]) {
      expect(checkLiveRequest({ method: "GET", path: "/api/v1/namespaces/default/pods" }, policy)).toBeUndefined();
      expect(checkLiveRequest({ method: "GET", path: "/api/v1/namespaces/default/pods/web-1" }, policy)).toBeUndefined();
      expect(checkLiveRequest({ method: "GET", path: "/apis/apps/v1/namespaces/other/deployments?labelSelector=app%3Dweb" }, policy)).toBeUndefined();
      expect(checkLiveRequest({ method: "GET", path: "/api/v1/nodes" }, policy)).toBeUndefined();
    }
  });

  it("refuses every write when the proxy is read-only, saying how to allow them", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(checkLiveRequest({ method, path: "/api/v1/namespaces/default/pods", contentType: json }, readOnly)).toMatch(/read-only .*--allow-writes/);
    }
  });

  it("with --allow-writes, lets JSON writes in the namespace through and refuses others with the namespace named", () => {
    expect(checkLiveRequest({ method: "POST", path: "/api/v1/namespaces/default/configmaps", contentType: json }, writes)).toBeUndefined();
    expect(checkLiveRequest({ method: "PUT", path: "/api/v1/namespaces/default/pods/web-1", contentType: json }, writes)).toBeUndefined();
    expect(checkLiveRequest({ method: "DELETE", path: "/api/v1/namespaces/default/pods/web-1" }, writes)).toBeUndefined();
    expect(checkLiveRequest({ method: "POST", path: "/api/v1/namespaces/kube-system/configmaps", contentType: json }, writes))
      .toBe('writes are limited to namespace "default"');
    expect(checkLiveRequest({ method: "POST", path: "/api/v1/nodes", contentType: json }, writes)).toBe('writes are limited to namespace "default"');
    expect(checkLiveRequest({ method: "POST", path: "/api/v1/namespaces/default/configmaps", contentType: "text/plain" }, writes)).toMatch(/Content-Type application\/json/);
  });

  it("refuses secrets, exec, logs and resources off the allowlist, whatever the method", () => {
    expect(checkLiveRequest({ method: "GET", path: "/api/v1/namespaces/default/secrets" }, writes)).toMatch(/secrets is never served/);
    expect(checkLiveRequest({ method: "POST", path: "/api/v1/namespaces/default/pods/web-1/exec", contentType: json }, writes)).toMatch(/exec is never served/);
    expect(checkLiveRequest({ method: "GET", path: "/api/v1/namespaces/default/pods/web-1/log" }, writes)).toMatch(/log is never served/);
    expect(checkLiveRequest({ method: "GET", path: "/apis/rbac.authorization.k8s.io/v1/clusterroles" }, writes)).toMatch(/not in the live proxy's resource allowlist/);
  });

  it("refuses watches (the page's informer watches) and anything that is not an API path", () => {
    expect(checkLiveRequest({ method: "GET", path: "/api/v1/namespaces/default/pods?watch=true" }, writes)).toMatch(/watch from your code is not carried/);
    expect(checkLiveRequest({ method: "GET", path: "/api/v1/watch/namespaces/default/pods" }, writes)).toMatch(/watch from your code/);
    expect(checkLiveRequest({ method: "GET", path: "/api/v1/namespaces/default/pods?watch=false" }, writes)).toBeUndefined();
    expect(checkLiveRequest({ method: "GET", path: "https://evil.example/api/v1/pods" }, writes)).toMatch(/not an API path/);
    expect(checkLiveRequest({ method: "GET", path: "//evil.example/api/v1/pods" }, writes)).toMatch(/not an API path/);
    expect(checkLiveRequest({ method: "GET", path: "/api/v1/namespaces/default/../secrets" }, writes)).toBeDefined();
    expect(checkLiveRequest({ method: "GET", path: "/live/info" }, writes)).toMatch(/not a Kubernetes API path/);
  });
});

describe("checkLiveMessage (the page trusts no live worker message)", () => {
  it("accepts the protocol's messages and keeps only their known fields", () => {
    expect(checkLiveMessage({ type: "done", id: 3, extra: "x" })).toEqual({ ok: true, message: { type: "done", id: 3 } });
    expect(checkLiveMessage({ type: "log", text: "added web-1", call: 7 })).toEqual({ ok: true, message: { type: "log", text: "added web-1", call: 7 } });
    expect(checkLiveMessage({ type: "request", rid: 1, method: "POST", path: "/api/v1/namespaces/default/pods", body: "{}", contentType: json }).ok).toBe(true);
    expect(checkLiveMessage({ type: "attached", resources: [{ resource: "pods", fns: ["add", "delete"] }] }).ok).toBe(true);
  });

  it("refuses wrong shapes, unknown types, bad methods and over-long text", () => {
    for (const bad of [null, 3, "done", { type: "nope" }, { type: "done" }, { type: "done", id: -1 }, { type: "done", id: 1.5 },
      { type: "log", text: "x".repeat(20_000) }, { type: "request", rid: 1, method: "TRACE", path: "/api" },
      { type: "request", rid: 1, method: "GET", path: "api/v1" }, { type: "attached", resources: [{ resource: "pods", fns: ["eval"] }] },
      { type: "threw", message: 5 }]) {
      expect(checkLiveMessage(bad).ok, JSON.stringify(bad)?.slice(0, 80)).toBe(false);
    }
  });
});
