// Our SharedIndexInformer in Node over HTTP (src/cache/http-lister-watcher.ts, fetch injected, callbacks
// re-entering through its own Scheduler kept on the wall clock by a RealTimeDriver) against the
// playground cluster: after random writes and faults (compaction, dropped watches, restart with downtime,
// ERROR mid-stream, a short partition), its cache converges on the server's list (bounded property test).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { HttpListerWatcher } from "../../src/cache/http-lister-watcher.js";
import { SharedIndexInformer } from "../../src/cache/shared-informer.js";
import { RESOURCES } from "../../src/apiserver/resources.js";
import { Scheduler } from "../../src/sim/scheduler.js";
import { RealTimeDriver } from "../../src/sim/real-time-driver.js";
import type { KubeObject } from "../../src/types.js";
import { api, testCluster, waitFor, type TestCluster } from "./harness.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("our informer over HTTP (HttpListerWatcher) against the playground cluster", () => {
  let c: TestCluster;
  beforeAll(async () => { c = await testCluster(); });
  afterAll(async () => { await c.close(); });

  function startInformer(seed: number) {
    const scheduler = new Scheduler({ seed });
    const driver = new RealTimeDriver(scheduler, { now: () => Date.now(), setTimer: (f, ms) => setTimeout(f, ms), clearTimer: (h) => clearTimeout(h as NodeJS.Timeout) });
    const lw = new HttpListerWatcher<KubeObject>({
      baseUrl: c.url, resource: RESOURCES["pods"]!, namespace: "default", scheduler,
      fetch: (url, init) => fetch(url, init), newTextDecoder: () => new TextDecoder(), wake: () => driver.sync(),
    });
    const informer = new SharedIndexInformer<KubeObject>(lw, { scheduler, name: "pods" });
    const seen: string[] = [];
    informer.addEventHandler({ onAdd: (o: KubeObject) => seen.push(`add ${o.metadata.name}`), onUpdate: () => undefined, onDelete: () => undefined });
    const ac = new AbortController();
    informer.run(ac.signal);
    driver.sync();
    return { informer, seen, stop: () => { ac.abort(); driver.sync(); driver.stop(); } };
  }

  async function serverState(): Promise<string[]> {
    const list = (await api(c, "GET", "/api/v1/namespaces/default/pods")).json;
    return list.items.map((p: KubeObject) => `${p.metadata.name}@${p.metadata.resourceVersion}`).sort();
  }
  const cacheState = (inf: SharedIndexInformer<KubeObject>) => inf.getStore().list().map((p) => `${p.metadata.name}@${p.metadata.resourceVersion}`).sort();

  it("lists, watches and sees writes made by others", async () => {
    await api(c, "POST", "/api/v1/namespaces/default/pods", { metadata: { name: "first" }, spec: { containers: [] } });
    const { informer, seen, stop } = startInformer(1);
    try {
      await waitFor(() => informer.hasSynced(), "initial sync");
      await api(c, "POST", "/api/v1/namespaces/default/pods", { metadata: { name: "second" }, spec: { containers: [] } });
      await waitFor(() => seen.includes("add second"), "the watch event");
      expect(seen).toEqual(["add first", "add second"]);
      expect(cacheState(informer)).toEqual(await serverState());
    } finally { stop(); }
  });

  type Op = { kind: "create" | "label" | "delete"; name: string } | { kind: "fault"; fault: string } | { kind: "pause"; ms: number };
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constantFrom("create" as const, "label" as const, "delete" as const), name: fc.constantFrom("a", "b", "c", "d") }),
    fc.record({ kind: fc.constant("fault" as const), fault: fc.constantFrom("compact", "dropWatches", "restart", "watchError", "partition") }),
    fc.record({ kind: fc.constant("pause" as const), ms: fc.integer({ min: 0, max: 150 }) }),
  );

  it("converges after random writes and faults (property, bounded: 8 runs × ≤ 16 operations)", async () => {
    let run = 0;
    await fc.assert(fc.asyncProperty(fc.array(opArb, { maxLength: 16 }), async (ops) => {
      const { informer, stop } = startInformer(100 + run++);
      try {
        await waitFor(() => informer.hasSynced(), "initial sync");
        for (const op of ops) {
          if (op.kind === "pause") { await sleep(op.ms); continue; }
          if (op.kind === "fault") {
            if (op.fault === "partition") {
              await api(c, "POST", "/playground/v1/faults/partition");
              await sleep(200);
              await api(c, "POST", "/playground/v1/faults/heal");
            } else if (op.fault === "restart") {
              await api(c, "POST", "/playground/v1/faults/restart", { downtimeMs: 150 });
              await sleep(200);
            } else {
              await api(c, "POST", `/playground/v1/faults/${op.fault}`);
            }
            continue;
          }
          const path = `/api/v1/namespaces/default/pods`;
          if (op.kind === "create") await api(c, "POST", path, { metadata: { name: op.name }, spec: { containers: [] } });
          else if (op.kind === "label") await api(c, "PATCH", `${path}/${op.name}`, { metadata: { labels: { n: String(Date.now() % 1000) } } }, "application/merge-patch+json");
          else await api(c, "DELETE", `${path}/${op.name}`, { gracePeriodSeconds: 0 });
        }
        let want: string[] = [];
        await waitFor(async () => { want = await serverState(); return JSON.stringify(cacheState(informer)) === JSON.stringify(want); },
          "the informer's cache to equal the server's list", 40_000);
        expect(cacheState(informer)).toEqual(want);
      } finally { stop(); }
    }), { numRuns: 8, endOnFailure: true });
  }, 240_000);
});
