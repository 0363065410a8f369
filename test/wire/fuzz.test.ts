// Fuzz (bounded: 600 requests or 20 s): random methods, paths, query strings, headers and bodies thrown
// at the cluster. It must never crash or answer outside HTTP (every answer a Status or an object), keep
// serving, and keep its store consistent: for every resource, the list afterwards equals the list before
// folded with the events a watch saw meanwhile. Fault endpoints are left out (they break watches by design).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { request } from "node:http";
import { RESOURCES } from "../../src/apiserver/resources.js";
import { api, testCluster, type TestCluster } from "./harness.js";

const RESOURCE_PATHS = Object.values(RESOURCES).map((i) => ({
  info: i, base: i.apiVersion.includes("/") ? `/apis/${i.apiVersion}` : `/api/${i.apiVersion}`,
}));

interface Watched { items: Map<string, string>; events: number; close(): void }

function watchAll(c: TestCluster, path: string, rv: string, into: Map<string, string>): Promise<Watched> {
  return new Promise((resolve, reject) => {
    const w: Watched = { items: into, events: 0, close: () => req.destroy() };
    const req = request(`${c.url}${path}?watch=true&resourceVersion=${rv}`, (res) => {
      let buf = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => {
        buf += d;
        let i;
        while ((i = buf.indexOf("\n")) >= 0) {
          const ev = JSON.parse(buf.slice(0, i)) as { type: string; object: { metadata: { namespace?: string; name: string; resourceVersion: string } } };
          buf = buf.slice(i + 1);
          w.events++;
          const key = `${ev.object.metadata.namespace ?? ""}/${ev.object.metadata.name}`;
          if (ev.type === "ADDED" || ev.type === "MODIFIED") into.set(key, ev.object.metadata.resourceVersion);
          else if (ev.type === "DELETED") into.delete(key);
        }
      });
      res.on("error", () => undefined);
      resolve(w);
    });
    req.on("error", reject);
    req.end();
  });
}

describe("fuzz: random requests never crash the cluster or corrupt its store", () => {
  let c: TestCluster;
  beforeAll(async () => { c = await testCluster(); });
  afterAll(async () => { await c.close(); });

  it("600 random requests (≤ 20 s): always an HTTP answer, still serving, list == before ⊕ watched events", async () => {
    const seedPod = { metadata: { name: "p1", labels: { app: "x" } }, spec: { nodeName: "n", containers: [{ name: "c", image: "i" }] } };
    await api(c, "POST", "/api/v1/namespaces/default/pods", seedPod);
    await api(c, "POST", "/apis/apps/v1/namespaces/default/deployments", { metadata: { name: "d1" }, spec: { replicas: 1, selector: { matchLabels: { a: "b" } }, template: { metadata: { labels: { a: "b" } }, spec: { containers: [] } } } });
    const watches: Watched[] = [];
    for (const r of RESOURCE_PATHS) {
      const list = (await api(c, "GET", `${r.base}/${r.info.resource}`)).json;
      const m = new Map<string, string>();
      for (const o of list.items) m.set(`${o.metadata.namespace ?? ""}/${o.metadata.name}`, o.metadata.resourceVersion);
      watches.push(await watchAll(c, `${r.base}/${r.info.resource}`, list.metadata.resourceVersion, m));
    }

    const seg = fc.oneof(fc.constantFrom("api", "apis", "v1", "apps", "namespaces", "default", "kube-system", "pods", "p1", "deployments", "d1",
      "status", "scale", "binding", "configmaps", "nodes", "services", "events", "openapi", "v3", "version", "..", "%2F", "x".repeat(300)), fc.string({ maxLength: 8 }));
    const path = fc.oneof(
      fc.array(seg, { minLength: 1, maxLength: 7 }).map((s) => `/${s.map(encodeURIComponent).join("/")}`),
      fc.constantFrom(...RESOURCE_PATHS.map((r) => `${r.base}/${r.info.namespaced ? "namespaces/default/" : ""}${r.info.resource}`)),
      fc.constantFrom("/api/v1/namespaces/default/pods/p1", "/api/v1/namespaces/default/pods/p1/status", "/apis/apps/v1/namespaces/default/deployments/d1/scale", "/api/v1/namespaces/default/pods/p1/binding"),
    ).filter((p) => !p.includes("playground"));
    const query = fc.dictionary(fc.constantFrom("watch", "limit", "continue", "resourceVersion", "resourceVersionMatch", "labelSelector", "fieldSelector", "dryRun", "fieldValidation", "timeoutSeconds", "gracePeriodSeconds", "includeObject", "sendInitialEvents", "allowWatchBookmarks"),
      fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom("true", "True", "0", "1", "All", "Strict", "-1", "a=b", "99999999999999999999")), { maxKeys: 4 });
    const body = fc.oneof(
      fc.constant(undefined), fc.string({ maxLength: 50 }), fc.json(),
      fc.record({ apiVersion: fc.constantFrom("v1", "apps/v1", "x"), kind: fc.constantFrom("Pod", "ConfigMap", "Deployment", "Scale", "Binding", "DeleteOptions"),
        metadata: fc.record({ name: fc.constantFrom("p1", "d1", "new", "", "UPPER", "a".repeat(300)), namespace: fc.constantFrom("default", "other") }, { requiredKeys: [] }),
        spec: fc.oneof(fc.object(), fc.record({ replicas: fc.oneof(fc.integer(), fc.string()), containers: fc.array(fc.object(), { maxLength: 2 }) })),
        target: fc.record({ name: fc.constantFrom("n1", "") }) }, { requiredKeys: [] }).map((o) => JSON.stringify(o)),
      fc.array(fc.record({ op: fc.constantFrom("add", "remove", "replace", "test", "move", "copy", "bogus"), path: fc.constantFrom("/metadata/labels/x", "/spec", "/", "", "/metadata/name", "/spec/replicas"), value: fc.json() }), { maxLength: 3 }).map((o) => JSON.stringify(o)),
    );
    const req = fc.record({
      method: fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "PROPFIND"),
      path, query, body,
      contentType: fc.constantFrom(undefined, "application/json", "application/merge-patch+json", "application/json-patch+json", "application/strategic-merge-patch+json", "application/apply-patch+yaml", "text/plain", "application/json; charset=utf-8"),
      accept: fc.constantFrom(undefined, "application/json", "application/json;as=Table;v=v1;g=meta.k8s.io", "application/vnd.kubernetes.protobuf", "*/*", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"),
    });
    // Half of the traffic is well-formed writes (so the store really changes under the fuzz).
    const name = fc.constantFrom("p1", "p2", "p3", "c1", "c2");
    const valid = fc.oneof(
      name.map((n) => ({ method: "POST", path: "/api/v1/namespaces/default/pods", query: {}, contentType: "application/json", accept: undefined,
        body: JSON.stringify({ metadata: { name: n }, spec: { nodeName: n === "p3" ? "n" : undefined, containers: [{ name: "c", image: "i" }] } }) })),
      fc.tuple(name, fc.string({ maxLength: 4 })).map(([n, v]) => ({ method: "PATCH", path: `/api/v1/namespaces/default/pods/${n}`, query: {}, contentType: "application/merge-patch+json", accept: undefined,
        body: JSON.stringify({ metadata: { labels: { k: /^[a-z0-9]*$/.test(v) ? v : "v" } } }) })),
      name.map((n) => ({ method: "DELETE", path: `/api/v1/namespaces/default/pods/${n}`, query: {}, contentType: "application/json", accept: undefined, body: JSON.stringify({ gracePeriodSeconds: n === "p3" ? 1 : 0 }) })),
      name.map((n) => ({ method: "PATCH", path: `/api/v1/namespaces/default/configmaps/${n}`, query: { fieldManager: "fuzz" }, contentType: "application/apply-patch+yaml", accept: undefined, body: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${n}\ndata:\n  k: "${n}"\n` })),
      fc.integer({ min: -1, max: 5 }).map((r) => ({ method: "PATCH", path: "/apis/apps/v1/namespaces/default/deployments/d1/scale", query: {}, contentType: "application/merge-patch+json", accept: undefined, body: JSON.stringify({ spec: { replicas: r } }) })),
    );
    const fuzzed = fc.sample(req, { numRuns: 300, seed: 17 });
    const wellFormed = fc.sample(valid, { numRuns: 300, seed: 18 });
    const samples = fuzzed.flatMap((r, i) => [r, wellFormed[i]!]);
    const end = Date.now() + 20_000;
    let sent = 0;
    const codes = new Map<number, number>();
    for (const r of samples) {
      if (Date.now() > end) break;
      const q = new URLSearchParams(r.query as Record<string, string>);
      if (q.has("watch")) q.set("timeoutSeconds", "1");           // a fuzzed watch must not outlive the test
      const url = `${c.url}${r.path}${q.size > 0 ? `?${q.toString()}` : ""}`;
      const headers: Record<string, string> = {};
      if (r.contentType !== undefined) headers["Content-Type"] = r.contentType;
      if (r.accept !== undefined && r.accept !== null) headers["Accept"] = r.accept;
      const ac = new AbortController();
      const timer = setTimeout(() => ac.abort(), 3000);
      try {
        const res = await fetch(url, { method: r.method, headers, signal: ac.signal,
          ...(r.body !== undefined && r.method !== "GET" && r.method !== "HEAD" ? { body: r.body } : {}) });
        codes.set(res.status, (codes.get(res.status) ?? 0) + 1);
        expect(res.status).toBeGreaterThanOrEqual(200);
        expect(res.status).toBeLessThan(500);                       // no internal errors
        if (q.get("watch") === null && r.method !== "HEAD" && res.status !== 200) {
          if (res.headers.get("content-type") === "application/json") {
            const s = await res.json() as { kind?: string; code?: number };
            if (s.kind === "Status") expect(s.code).toBe(res.status);
          } else {
            // Only the non-API mux answers plain text, as the real server does.
            expect([res.status, await res.text()]).toEqual([404, "404 page not found\n"]);
          }
        } else {
          await res.body?.cancel().catch(() => undefined);
        }
      } catch (e) {
        if (!(e instanceof Error && e.name === "AbortError")) throw e;
      } finally {
        clearTimeout(timer);
      }
      sent++;
    }
    console.log(`fuzz: ${sent} requests, codes ${JSON.stringify(Object.fromEntries([...codes].sort((a, b) => a[0] - b[0])))}`);
    expect(sent).toBeGreaterThan(100);
    expect((await api(c, "GET", "/version")).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));                 // let the last events arrive
    for (const [i, r] of RESOURCE_PATHS.entries()) {
      const list = (await api(c, "GET", `${r.base}/${r.info.resource}`)).json;
      const now = new Map<string, string>();
      for (const o of list.items) now.set(`${o.metadata.namespace ?? ""}/${o.metadata.name}`, o.metadata.resourceVersion);
      expect([...watches[i]!.items].sort(), `${r.info.resource}: list == before ⊕ events`).toEqual([...now].sort());
      watches[i]!.close();
    }
  }, 60_000);
});
