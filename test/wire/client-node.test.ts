// @kubernetes/client-node (the devDependency, version read from its package.json) against the playground
// cluster: makeInformer sees adds, updates and deletes; after a compaction fault plus a dropped watch, its
// re-watch from the old RV gets ERROR 410 and it relists (wire.md §2.8), converging on the server's state.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as k8s from "@kubernetes/client-node";
import { api, testCluster, waitFor, type TestCluster } from "./harness.js";

const version = (JSON.parse(readFileSync(createRequire(import.meta.url).resolve("@kubernetes/client-node/package.json"), "utf8")) as { version: string }).version;

describe(`@kubernetes/client-node ${version} makeInformer against the playground cluster`, () => {
  let c: TestCluster;
  beforeAll(async () => { c = await testCluster({ log: (l) => { if (process.env["WIRE_LOG"]) console.log(l); } }); });
  afterAll(async () => { await c.close(); });

  it("sees adds, updates and deletes, relists after a 410, and converges", async () => {
    console.log(`client: @kubernetes/client-node ${version}`);
    const mk = (name: string) => ({ metadata: { name, labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "x" }] } });
    await api(c, "POST", "/api/v1/namespaces/default/pods", mk("alpha"));
    await api(c, "POST", "/api/v1/namespaces/default/pods", mk("beta"));
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(c.kubeconfig);
    const core = kc.makeApiClient(k8s.CoreV1Api);
    let lists = 0;
    const informer = k8s.makeInformer(kc, "/api/v1/namespaces/default/pods", () => { lists++; return core.listNamespacedPod({ namespace: "default", labelSelector: "app=web" }); }, "app=web");
    const seen: string[] = [];
    informer.on("add", (p) => seen.push(`add ${p.metadata!.name}`));
    informer.on("update", (p) => seen.push(`update ${p.metadata!.name}`));
    informer.on("delete", (p) => seen.push(`delete ${p.metadata!.name}`));
    informer.on("error", (e) => { if (process.env["WIRE_LOG"]) console.log("informer error", e); });
    const t0 = Date.now();
    await informer.start();
    expect(Date.now() - t0).toBeLessThan(3000);        // G4: start() resolves without waiting for an event
    await waitFor(() => seen.length >= 2, "the initial adds");
    await api(c, "POST", "/api/v1/namespaces/default/pods", mk("gamma"));
    await api(c, "PATCH", "/api/v1/namespaces/default/pods/beta", { metadata: { labels: { a: "b" } } }, "application/merge-patch+json");
    await api(c, "DELETE", "/api/v1/namespaces/default/pods/alpha");  // unbound: grace 0, MODIFIED then DELETED
    await waitFor(() => seen.includes("delete alpha"), "delete alpha");
    expect(seen.slice(0, 4)).toEqual(["add alpha", "add beta", "add gamma", "update beta"]);
    expect(lists).toBe(1);
    // History moves on without the informer: it watches app=web and asks for no bookmarks, so writes to
    // other pods move the server's RV past its own (spec F13). The server compacts, the connection drops,
    // and the re-watch from the informer's old RV gets ERROR 410.
    await api(c, "POST", "/api/v1/namespaces/default/pods", { ...mk("other"), metadata: { name: "other", labels: { app: "db" } } });
    await api(c, "PATCH", "/api/v1/namespaces/default/pods/other", { metadata: { annotations: { n: "1" } } }, "application/merge-patch+json");
    await api(c, "POST", "/playground/v1/faults/compact");
    await api(c, "POST", "/playground/v1/faults/dropWatches");
    await waitFor(() => lists >= 2, "a relist after ERROR 410");
    await api(c, "DELETE", "/api/v1/namespaces/default/pods/gamma");
    await waitFor(() => seen.includes("delete gamma"), "delete gamma after the relist");
    await api(c, "POST", "/api/v1/namespaces/default/pods", mk("delta"));
    await waitFor(() => seen.includes("add delta"), "events after the relist");
    const names = informer.list("default").map((p) => p.metadata!.name).sort();
    const server = (await api(c, "GET", "/api/v1/namespaces/default/pods?labelSelector=app%3Dweb")).json.items.map((p: any) => p.metadata.name).sort();
    expect(names).toEqual(server);
    expect(names).toEqual(["beta", "delta"]);
    await informer.stop();
  });
});
