// Several resources in live mode (wire.md §7.5, G15): one informer and one watch per resource, at most
// MAX_WATCHES per page, refused with a reason beyond that; the informers share one trace and window.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Cluster } from "../../server/cluster-server.js";
import type { LiveProxy } from "../../server/live/proxy.js";
import { startEmbeddedLive } from "./embedded-live.js";
import { checkResources, LiveLimitError, LiveSession, MAX_WATCHES } from "../../site/live/live-session.js";
import { RESOURCES } from "../../src/apiserver/resources.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("checkResources", () => {
  it("allows 1..MAX_WATCHES distinct resources and says why otherwise", () => {
    expect(MAX_WATCHES).toBe(4);
    expect(checkResources(["pods"])).toBeUndefined();
    expect(checkResources(["pods", "deployments", "services", "configmaps"])).toBeUndefined();
    expect(checkResources([])).toEqual({ kind: "none" });
    expect(checkResources(["pods", "deployments", "services", "configmaps", "nodes"])).toEqual({ kind: "tooMany", picked: 5 });
    expect(checkResources(["pods", "pods"])).toEqual({ kind: "twice", resource: "pods" });
  });

  it("a session with five resources is refused before any request", () => {
    const names = ["pods", "deployments", "services", "configmaps", "nodes"];
    let fetched = 0;
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async () => { fetched++; throw new Error("no"); }) as typeof fetch;
    try {
      expect(() => new LiveSession({ base: "http://127.0.0.1:1/k8s", resources: names.map((n) => RESOURCES[n]!) })).toThrow(LiveLimitError);
      expect(() => new LiveSession({ base: "http://127.0.0.1:1/k8s", resources: [] })).toThrow(/no resource/);
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(fetched).toBe(0);
  });
});

describe("a live session over two resources", () => {
  let cluster: Cluster;
  let proxy: LiveProxy;
  beforeAll(async () => {
    ({ cluster, proxy } = await startEmbeddedLive("multi-dist-"));
  });
  afterAll(async () => { await proxy.close(); await cluster.close(); });

  it("runs one informer and one watch per resource, into one trace", async () => {
    const session = new LiveSession({ base: `${proxy.url}/k8s`, resources: [RESOURCES["pods"]!, RESOURCES["deployments"]!], namespace: "default" });
    session.start();
    try {
      const t0 = Date.now();
      while (!session.hasSynced()) { if (Date.now() - t0 > 10_000) throw new Error("no initial sync"); await sleep(20); }
      expect(session.informers.map((i) => i.name)).toEqual(["pods", "deployments"]);
      const podsBefore = session.informers[0]!.getStore().list().map((o) => o.metadata.name).sort();
      expect(podsBefore).toEqual(["db-0", "web-1", "web-2"]);
      expect(session.informers[1]!.getStore().list().map((o) => o.metadata.name)).toEqual(["shop"]);
      // a write to each resource reaches its own informer
      const dep = cluster.api.get("deployments", "default", "shop")!;
      cluster.api.update("deployments", { ...dep, metadata: { ...dep.metadata, labels: { ...dep.metadata.labels, tier: "x" } } });
      cluster.api.create("pods", { apiVersion: "v1", kind: "Pod", metadata: { name: "extra", namespace: "default" }, spec: { containers: [{ name: "c", image: "nginx" }] } });
      cluster.ctx.driver.sync();
      while (session.informers[0]!.getStore().list().length < 4 || session.informers[1]!.getStore().list()[0]!.metadata.labels?.["tier"] !== "x") {
        if (Date.now() - t0 > 20_000) throw new Error("the writes never arrived");
        await sleep(20);
      }
      session.window.settle();
      const opened = session.window.events.filter((e) => e.kind === "server.watch.opened").map((e) => (e as { resource?: string }).resource);
      expect(opened.sort()).toEqual(["deployments", "pods"]);
      const world = session.window.replay.seek(session.window.replay.length);
      expect([...world.informers.keys()].sort()).toEqual(["deployments", "pods"]);
      expect([...world.informers.get("pods")!.indexer.objects.keys()].sort()).toEqual(["default/db-0", "default/extra", "default/web-1", "default/web-2"]);
      expect([...world.server.watches.values()].length).toBe(2);
    } finally {
      session.stop();
    }
  });
});
