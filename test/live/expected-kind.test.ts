// A live informer checks the kind of what its watch brings, as the informer factory's do (the reflector's
// expectedType, src/cache/reflector-watch.ts: an object whose `kind` is set and differs is skipped, not
// stored, its RV not taken). The kind is the one of the resource followed (its RESOURCES entry).
// Everything here is the real wire: the embedded cluster behind the live proxy, whose list items carry no
// `kind` (the list does, as a real PodList) and whose watch objects carry theirs. A real server does not
// send a pods watch another kind, so the skip is shown the way client-go's check meets it: a client whose
// expected kind is not what the ListerWatcher returns (pods followed, ConfigMap expected). Without the
// kind reaching the reflector, the watched pod is stored and that test fails.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Cluster } from "../../server/cluster-server.js";
import type { LiveProxy } from "../../server/live/proxy.js";
import { startEmbeddedLive } from "./embedded-live.js";
import { LiveSession, type LiveResource } from "../../site/live/live-session.js";
import { RESOURCES } from "../../src/apiserver/resources.js";
import type { KnownTraceEvent } from "../../src/sim/index.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const SEEDED = ["default/db-0", "default/web-1", "default/web-2"];

async function until(what: string, done: () => boolean): Promise<void> {
  for (const t0 = Date.now(); !done();) {
    if (Date.now() - t0 > 20_000) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe("live informers skip watched objects of another kind", () => {
  let cluster: Cluster;
  let proxy: LiveProxy;
  beforeAll(async () => {
    ({ cluster, proxy } = await startEmbeddedLive("expected-kind-"));
  });
  afterAll(async () => { await proxy.close(); await cluster.close(); });

  /** Follows `resource`, waits for the list to be stored, creates pod `name`, waits until the watch brought it. */
  async function follow(resource: LiveResource, name: string): Promise<{ session: LiveSession; events: KnownTraceEvent[]; listed: string[] }> {
    const session = new LiveSession({ base: `${proxy.url}/k8s`, resource, namespace: "default" });
    const events: KnownTraceEvent[] = [];
    session.onEvent((e) => events.push(e));
    session.start();
    await until("the initial sync", () => session.hasSynced() && events.some((e) => e.kind === "server.watch.opened"));
    const listed = session.informer.getStore().listKeys().sort();
    expect(listed).toEqual(expect.arrayContaining(SEEDED));
    const created = await fetch(`${cluster.url}/api/v1/namespaces/default/pods`, { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ apiVersion: "v1", kind: "Pod", metadata: { name }, spec: { containers: [{ name: "main", image: "nginx:1.27" }] } }) });
    expect(created.status).toBe(201);
    // The reflector handles a watch event in the same call that traced its arrival (server.watch.event).
    await until(`the watch event of ${name}`, () => events.some((e) => e.kind === "server.watch.event" && e.key === `default/${name}`));
    return { session, events, listed };
  }

  it("the list's items carry no kind, as a real PodList's", async () => {
    const list = await (await fetch(`${proxy.url}/k8s/api/v1/namespaces/default/pods`)).json() as { kind: string; items: Array<Record<string, unknown>> };
    expect(list.kind).toBe("PodList");
    expect(list.items.map((i) => [i["kind"], i["apiVersion"]])).toEqual(list.items.map(() => [undefined, undefined]));
  });

  it("a session following pods stores the listed pods (no kind) and a watched one (kind Pod)", async () => {
    const { session, events, listed } = await follow(RESOURCES["pods"]!, "kind-pod");
    try {
      await until("kind-pod in the store", () => session.informer.getStore().getByKey("default/kind-pod") !== undefined);
      expect(session.informer.getStore().listKeys().sort()).toEqual([...listed, "default/kind-pod"].sort());
      expect(events.filter((e) => e.kind === "reflector.watch.event" && e.key === "default/kind-pod").length).toBe(1);
    } finally {
      session.stop();
    }
  });

  it("a session expecting ConfigMaps from a pods watch keeps the listed pods but skips the watched Pod", async () => {
    const misnamed: LiveResource = { ...RESOURCES["pods"]!, kind: "ConfigMap" };
    const { session, events, listed } = await follow(misnamed, "kind-skipped");
    try {
      expect(events.filter((e) => e.kind === "reflector.watch.event" && e.key === "default/kind-skipped")).toEqual([]);
      expect(session.informer.getStore().listKeys().sort()).toEqual(listed);
    } finally {
      session.stop();
    }
  });
});
