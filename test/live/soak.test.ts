// Soak (bounded): the live session (site/live/live-session.ts, the page's informer) follows the simulated
// cluster through the live proxy while 200 writes/s land for 60 s (LIVE_SOAK_SECONDS to change it).
// The test settles the window as the view does (a few ms every ~16 ms). Checks: the trace window stays
// bounded, every traced event is in the window, pending or counted as dropped, every write reached the
// informer as a watch event, the cache ends equal to the cluster, and the window's incremental replay
// ends with exactly the informer's cache in its indexer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Cluster } from "../../server/cluster-server.js";
import type { LiveProxy } from "../../server/live/proxy.js";
import { startEmbeddedLive } from "./embedded-live.js";
import { LiveSession } from "../../site/live/live-session.js";
import { RESOURCES } from "../../src/apiserver/resources.js";
import type { KubeObject } from "../../src/types.js";

const SECONDS = Number(process.env.LIVE_SOAK_SECONDS ?? 60);
const RATE = 200;
const PODS = 50;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(`live soak: ${RATE} writes/s for ${SECONDS} s`, () => {
  let cluster: Cluster;
  let proxy: LiveProxy;
  beforeAll(async () => {
    ({ cluster, proxy } = await startEmbeddedLive("soak-dist-", false));
  });
  afterAll(async () => { await proxy.close(); await cluster.close(); });

  it("keeps the window bounded and loses nothing", async () => {
    const pods: KubeObject[] = [];
    for (let i = 0; i < PODS; i++) {
      pods.push(cluster.api.create("pods", { apiVersion: "v1", kind: "Pod", metadata: { name: `soak-${i}`, namespace: "default" }, spec: { containers: [{ name: "c", image: "nginx" }] } }));
    }
    cluster.ctx.driver.sync();
    const session = new LiveSession({ base: `${proxy.url}/k8s`, resource: RESOURCES["pods"]!, namespace: "default", window: { maxEvents: 20_000, maxAgeMs: 10 * 60_000 } });
    let modified = 0;
    let maxKept = 0;
    let maxPending = 0;
    session.onEvent((e) => {
      if (e.kind === "server.watch.event" && (e as { type?: string }).type === "MODIFIED") modified++;
      maxPending = Math.max(maxPending, session.window.pending);
    });
    const settler = setInterval(() => {
      const t = performance.now();
      session.window.settle(() => performance.now() - t < 6);
      maxKept = Math.max(maxKept, session.window.events.length);
    }, 16);
    session.start();
    try {
      const t0 = Date.now();
      while (!session.informer.hasSynced()) { if (Date.now() - t0 > 10_000) throw new Error("no initial sync"); await sleep(20); }
      let writes = 0;
      const start = Date.now();
      // 200 writes/s, each a label change on one of the pods: every ~20 ms, as many writes as the wall
      // clock says are due (a loaded machine makes bursts, never a lower rate).
      while (Date.now() - start < SECONDS * 1000) {
        await sleep(20);
        const due = Math.min(SECONDS * 1000, Date.now() - start) * RATE / 1000;
        while (writes < due) {
          const i = writes % PODS;
          const p = pods[i]!;
          pods[i] = cluster.api.update("pods", { ...p, metadata: { ...p.metadata, labels: { n: String(writes) } } });
          writes++;
        }
        cluster.ctx.driver.sync();
      }
      const elapsed = (Date.now() - start) / 1000;
      const wantRate = writes / elapsed;
      const end = Date.now();
      while (modified < writes && Date.now() - end < 60_000) await sleep(50);
      const w = session.window;
      expect(w.appended).toBe(w.events.length + w.pending + w.dropped);
      w.settle();
      console.log(`soak: ${writes} writes in ${elapsed.toFixed(1)} s (${wantRate.toFixed(0)}/s); ${w.appended} trace events, ${w.events.length} kept (max ${maxKept}, max pending ${maxPending}), ${w.dropped} dropped`);
      expect(wantRate).toBeGreaterThan(RATE * 0.9);
      expect(modified).toBe(writes);
      expect(maxKept).toBeLessThan(w.maxEvents + 512);
      expect(maxPending).toBeLessThan(4 * w.maxEvents);
      expect(w.appended).toBe(w.events.length + w.dropped);
      const seqs = w.events.map((e) => e.seq);
      expect(seqs[0]).toBe(w.dropped + 1);
      expect(seqs.every((s, i) => i === 0 || s === seqs[i - 1]! + 1)).toBe(true);
      if (SECONDS >= 30) expect(w.dropped).toBeGreaterThan(0);
      while (session.informer.getStore().list().some((o) => o.metadata.resourceVersion !== pods.find((p) => p.metadata.name === o.metadata.name)?.metadata.resourceVersion)) {
        if (Date.now() - end > 60_000) break;
        await sleep(50);
      }
      const cache = session.informer.getStore().list().map((o) => `${o.metadata.name}@${o.metadata.resourceVersion}`).sort();
      expect(cache).toEqual(pods.map((o) => `${o.metadata.name}@${o.metadata.resourceVersion}`).sort());
      w.settle();
      const folded = w.replay.seek(w.replay.length).informers.get("pods")!;
      expect([...folded.indexer.objects.values()].map((o) => `${o.key.split("/")[1]}@${o.rv}`).sort()).toEqual(cache);
    } finally {
      clearInterval(settler);
      session.stop();
    }
  }, (SECONDS + 150) * 1000);
});
