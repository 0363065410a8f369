// What the live bench's workload should trace (bench/live/run-live.mjs prints the expected count beside
// the one seen): the live session following the embedded cluster through the live proxy traces 7 events
// per pod of its initial list and 10 per label write it sees on the watch — counted here per kind.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Cluster } from "../../server/cluster-server.js";
import type { LiveProxy } from "../../server/live/proxy.js";
import { startEmbeddedLive } from "./embedded-live.js";
import { LiveSession } from "../../site/live/live-session.js";
import { RESOURCES } from "../../src/apiserver/resources.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const PODS = 200, WRITES = 300;
const PER_LISTED = ["fifo.queued", "fifo.popped", "indexer.write", "processor.distribute", "listener.buffered", "handler.called", "handler.returned"];
const PER_WRITE = ["server.watch.event", "reflector.watch.event", "reflector.rv", ...PER_LISTED];

describe("live trace events per listed pod and per write", () => {
  let cluster: Cluster;
  let proxy: LiveProxy;
  beforeAll(async () => {
    ({ cluster, proxy } = await startEmbeddedLive("epw-", PODS));
  });
  afterAll(async () => { await proxy.close(); await cluster.close(); });

  it(`traces ${PER_LISTED.length} per listed pod and ${PER_WRITE.length} per label write`, async () => {
    const session = new LiveSession({ base: `${proxy.url}/k8s`, resource: RESOURCES["pods"]!, namespace: "default" });
    const kinds = new Map<string, number>();
    session.onEvent((e) => kinds.set(e.kind, (kinds.get(e.kind) ?? 0) + 1));
    session.start();
    try {
      for (const t0 = Date.now(); !session.hasSynced() || (kinds.get("handler.returned") ?? 0) < PODS + 3;) {
        if (Date.now() - t0 > 20_000) throw new Error("no initial sync");
        await sleep(20);
      }
      for (const k of PER_LISTED) expect([k, kinds.get(k)]).toEqual([k, PODS + 3]);
      kinds.clear();
      const statuses = await Promise.all(Array.from({ length: WRITES }, (_, i) => fetch(`${cluster.url}/api/v1/namespaces/default/pods/load-${i % PODS}`, {
        method: "PATCH", headers: { "Content-Type": "application/merge-patch+json" }, body: JSON.stringify({ metadata: { labels: { n: String(i) } } }),
      }).then((r) => r.status)));
      expect(statuses.filter((s) => s !== 200)).toEqual([]);
      for (const t0 = Date.now(); (kinds.get("handler.returned") ?? 0) < WRITES;) {
        if (Date.now() - t0 > 20_000) break;
        await sleep(20);
      }
      await sleep(100);
      expect(Object.fromEntries(kinds)).toEqual(Object.fromEntries(PER_WRITE.map((k) => [k, WRITES])));
    } finally {
      session.stop();
    }
  });
});
