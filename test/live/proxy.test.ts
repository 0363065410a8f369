// The live proxy's security checklist (wire.md §7.6), one test per item, against the simulated cluster
// (server/cluster-server.ts) and a recording upstream that shows exactly what reaches the cluster.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, request, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCluster, type Cluster } from "../../server/cluster-server.js";
import { startLiveProxy, type LiveProxy } from "../../server/live/proxy.js";
import { checkApi, isLocalContext } from "../../server/live/policy.js";

interface Answer { status: number; headers: IncomingHttpHeaders; body: string }
function raw(port: number, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, method, path, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => { text += c; });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}
const waitFor = async (cond: () => boolean, what: string, ms = 5000): Promise<void> => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

function kubeConfigFor(server: string, context = "playground-embedded", token?: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: "c", server, skipTLSVerify: true }],
    users: [{ name: "u", ...(token !== undefined ? { token } : {}) }],
    contexts: [{ name: context, cluster: "c", user: "u", namespace: "default" }],
    currentContext: context,
  });
  return kc;
}

const dist = mkdtempSync(join(tmpdir(), "live-dist-"));
writeFileSync(join(dist, "index.html"), "<!doctype html><title>app</title>");

describe("live proxy over the simulated cluster", () => {
  let cluster: Cluster;
  let ro: LiveProxy;
  let rw: LiveProxy;
  beforeAll(async () => {
    cluster = await startCluster({ port: 0 });
    ro = await startLiveProxy({ kubeConfig: kubeConfigFor(cluster.url), distDir: dist, namespace: "default", allowWrites: false, port: 0, embedded: true });
    rw = await startLiveProxy({ kubeConfig: kubeConfigFor(cluster.url), distDir: dist, namespace: "default", allowWrites: true, port: 0, embedded: true });
  });
  afterAll(async () => { await ro.close(); await rw.close(); await cluster.close(); });

  it("1. listens on 127.0.0.1 only", () => {
    expect((ro.server.address() as AddressInfo).address).toBe("127.0.0.1");
  });

  it("2. refuses a foreign Host (DNS rebinding) and accepts the loopback names", async () => {
    const evil = await raw(ro.port, "GET", "/k8s/api/v1/namespaces/default/pods", { Host: "evil.example" });
    expect(evil.status).toBe(403);
    expect(JSON.parse(evil.body).message).toMatch(/DNS rebinding/);
    expect((await raw(ro.port, "GET", "/", { Host: `evil.example:${ro.port}` })).status).toBe(403);
    for (const host of [`127.0.0.1:${ro.port}`, `localhost:${ro.port}`, `[::1]:${ro.port}`]) {
      expect((await raw(ro.port, "GET", "/k8s/version", { Host: host })).status).toBe(200);
    }
  });

  it("3. refuses a foreign Origin or a cross-site fetch, and never sends CORS headers", async () => {
    const evil = await raw(ro.port, "GET", "/k8s/api/v1/namespaces/default/pods", { Origin: "http://evil.example" });
    expect(evil.status).toBe(403);
    expect((await raw(ro.port, "GET", "/k8s/version", { "Sec-Fetch-Site": "cross-site" })).status).toBe(403);
    const own = await raw(ro.port, "GET", "/k8s/api/v1/namespaces/default/pods", { Origin: `http://127.0.0.1:${ro.port}` });
    expect(own.status).toBe(200);
    const pre = await raw(ro.port, "OPTIONS", "/k8s/api/v1/namespaces/default/pods", { Origin: "http://evil.example", "Access-Control-Request-Method": "DELETE" });
    expect(pre.status).toBe(403);
    for (const a of [evil, own, pre]) expect(Object.keys(a.headers).filter((h) => h.startsWith("access-control-"))).toEqual([]);
  });

  it("4a. is read-only by default: list/get/watch and discovery pass, writes are 403", async () => {
    for (const p of ["/k8s/version", "/k8s/api", "/k8s/apis", "/k8s/api/v1", "/k8s/apis/apps/v1", "/k8s/api/v1/namespaces/default/pods", "/k8s/apis/apps/v1/namespaces/default/deployments"]) {
      expect((await raw(ro.port, "GET", p)).status, p).toBe(200);
    }
    const before = cluster.api.currentResourceVersion();
    const post = await raw(ro.port, "POST", "/k8s/api/v1/namespaces/default/pods", { "Content-Type": "application/json" },
      JSON.stringify({ metadata: { name: "nope" }, spec: { containers: [{ name: "c", image: "x" }] } }));
    expect(post.status).toBe(403);
    expect(JSON.parse(post.body).message).toMatch(/read-only/);
    expect((await raw(ro.port, "DELETE", "/k8s/api/v1/namespaces/default/pods/anything")).status).toBe(403);
    expect((await raw(ro.port, "PUT", "/k8s/api/v1/namespaces/default/pods/x", { "Content-Type": "application/json" }, "{}")).status).toBe(403);
    expect(cluster.api.currentResourceVersion()).toBe(before);
  });

  it("4b. refuses secrets, exec, attach, port-forward, proxy and log, and resources off the allowlist", async () => {
    for (const p of [
      "/k8s/api/v1/secrets", "/k8s/api/v1/namespaces/default/secrets", "/k8s/api/v1/namespaces/default/secrets/token",
      "/k8s/api/v1/namespaces/default/pods/web/exec?command=sh", "/k8s/api/v1/namespaces/default/pods/web/attach",
      "/k8s/api/v1/namespaces/default/pods/web/portforward", "/k8s/api/v1/namespaces/default/pods/web/proxy",
      "/k8s/api/v1/namespaces/default/pods/web/log", "/k8s/api/v1/nodes/n1/proxy", "/k8s/apis/rbac.authorization.k8s.io/v1/clusterroles",
      "/k8s/api/v1/namespaces/default/serviceaccounts/default/token", "/k8s/playground/v1/faults/compact", "/k8s/../etc/passwd",
    ]) {
      expect((await raw(rw.port, "GET", p)).status, p).toBe(403);
      expect((await raw(rw.port, "POST", p, { "Content-Type": "application/json" }, "{}")).status, p).toBe(403);
    }
  });

  it("4c. --allow-writes: only in the chosen namespace and only with a JSON Content-Type", async () => {
    const pod = (name: string, ns = "default") => JSON.stringify({ apiVersion: "v1", kind: "Pod", metadata: { name, namespace: ns }, spec: { containers: [{ name: "c", image: "nginx" }] } });
    const ok = await raw(rw.port, "POST", "/k8s/api/v1/namespaces/default/pods", { "Content-Type": "application/json" }, pod("written"));
    expect(ok.status).toBe(201);
    expect((await raw(rw.port, "POST", "/k8s/api/v1/namespaces/other/pods", { "Content-Type": "application/json" }, pod("x", "other"))).status).toBe(403);
    expect((await raw(rw.port, "POST", "/k8s/api/v1/namespaces/default/pods", { "Content-Type": "text/plain" }, pod("simple"))).status).toBe(403);
    expect((await raw(rw.port, "POST", "/k8s/api/v1/namespaces/default/pods", {}, pod("none"))).status).toBe(403);
    expect((await raw(rw.port, "POST", "/k8s/api/v1/namespaces", { "Content-Type": "application/json" }, "{}")).status).toBe(403);
    const patch = await raw(rw.port, "PATCH", "/k8s/api/v1/namespaces/default/pods/written", { "Content-Type": "application/merge-patch+json" }, JSON.stringify({ metadata: { labels: { a: "b" } } }));
    expect(patch.status).toBe(200);
    expect((await raw(rw.port, "DELETE", "/k8s/api/v1/namespaces/default/pods/written")).status).toBe(200);
  });

  it("7. closes the upstream watch when the browser side goes away", async () => {
    const ac = new AbortController();
    const r = await fetch(`${ro.url}/k8s/api/v1/namespaces/default/pods?watch=true`, { signal: ac.signal });
    expect(r.status).toBe(200);
    await waitFor(() => cluster.ctx.watches.size === 1 && ro.openUpstream() === 1, "the watch to open upstream");
    ac.abort();
    await waitFor(() => cluster.ctx.watches.size === 0 && ro.openUpstream() === 0, "the upstream watch to close");
  });

  it("serves dist/ and no file outside it", async () => {
    expect((await raw(ro.port, "GET", "/")).body).toMatch(/<title>app/);
    expect((await raw(ro.port, "GET", "/../package.json")).status).toBe(404);
    expect((await raw(ro.port, "GET", "/%2e%2e/%2e%2e/etc/passwd")).status).toBe(404);
    const info = JSON.parse((await raw(ro.port, "GET", "/live/info")).body);
    expect(info).toMatchObject({ context: "playground-embedded", namespace: "default", allowWrites: false, embedded: true });
  });
});

describe("live proxy: what reaches the cluster (a recording upstream)", () => {
  let upstream: Server;
  let seen: IncomingHttpHeaders[] = [];
  let proxy: LiveProxy;
  beforeAll(async () => {
    upstream = createServer((req, res) => {
      seen.push(req.headers);
      req.resume();
      res.writeHead(200, { "Content-Type": "application/json", "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Credentials": "true",
        "Set-Cookie": "session=1", "Cache-Control": "public, max-age=600" });
      res.end("{}");
    });
    await new Promise<void>((r) => upstream.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    proxy = await startLiveProxy({ kubeConfig: kubeConfigFor(url, "kind-dev", "kubeconfig-token"), distDir: dist, namespace: "default", allowWrites: false, port: 0 });
  });
  afterAll(async () => { await proxy.close(); await new Promise((r) => upstream.close(r)); });

  it("5. strips the browser's Authorization and Cookie, sends the kubeconfig's, and answers no-store without CORS or cookies", async () => {
    seen = [];
    const a = await raw(proxy.port, "GET", "/k8s/api/v1/namespaces/default/pods", { Authorization: "Bearer stolen", Cookie: "sid=abc", "X-Forwarded-For": "1.2.3.4" });
    expect(a.status).toBe(200);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.authorization).toBe("Bearer kubeconfig-token");
    expect(seen[0]!.cookie).toBeUndefined();
    expect(seen[0]!["x-forwarded-for"]).toBeUndefined();
    expect(a.headers["cache-control"]).toBe("no-store");
    expect(a.headers["set-cookie"]).toBeUndefined();
    expect(Object.keys(a.headers).filter((h) => h.startsWith("access-control-"))).toEqual([]);
  });
});

describe("policy", () => {
  it("6. tells local-looking contexts from the rest", () => {
    for (const n of ["kind-kind", "minikube", "k3d-dev", "docker-desktop", "kwok-kwok", "rancher-desktop", "playground-embedded"]) expect(isLocalContext(n), n).toBe(true);
    for (const n of ["prod", "gke_project_europe-west1_main", "arn:aws:eks:eu-west-1:1:cluster/x", "kind", "my-minikube-prod"]) expect(isLocalContext(n), n).toBe(false);
  });

  it("never lets a denied segment through, whatever the method and policy", () => {
    for (const m of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
      expect(checkApi(m, "/api/v1/namespaces/default/pods/a/exec", "application/json", { allowWrites: true, namespace: "default" })).toMatch(/never/);
    }
  });

  it("6. npm run live refuses a context that does not look local unless --confirm-context names it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "live-kc-"));
    const file = join(dir, "kubeconfig");
    writeFileSync(file, `apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: "https://prod.example.com:6443"}}]
contexts: [{name: prod-eu, context: {cluster: c, user: u}}]
current-context: prod-eu
users: [{name: u, user: {token: t}}]
`);
    const out = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile("node", ["server/live/run.mjs", "--kubeconfig", file, "--port", "0"], { timeout: 60_000 }, (err, _o, stderr) =>
        resolve({ code: err === null ? 0 : typeof err.code === "number" ? err.code : 1, stderr }));
    });
    expect(out.code).toBe(3);
    expect(out.stderr).toMatch(/does not look like a local cluster[\s\S]*--confirm-context prod-eu/);
  }, 90_000);
});
