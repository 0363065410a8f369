/** spec client-go.md §12.G (factory and listers, 121–125) and §12.H (informer + simulated server, 126–131). */
import { describe, expect, it } from "vitest";
import {
  ApiServer, DeletedFinalStateUnknown, isNotFound, Recorder, Scheduler, SharedInformerFactory, type ApiError,
  type KubeObject, type Pod,
} from "../../../src/index.js";

function setup(options: ConstructorParameters<typeof SharedInformerFactory>[2] = {}, server: { watchCacheCapacity?: number } = {}) {
  const scheduler = new Scheduler({ seed: 11 });
  const recorder = new Recorder(scheduler);
  const api = new ApiServer(scheduler, { tracer: recorder, ...server });
  const factory = new SharedInformerFactory(api, 0, { tracer: recorder, ...options });
  const stop = new AbortController();
  return { scheduler, recorder, api, factory, stop };
}
const mkPod = (namespace: string, name: string, labels: Record<string, string> = {}, extra: Partial<Pod> = {}): Pod =>
  ({ apiVersion: "v1", kind: "Pod", metadata: { namespace, name, labels }, spec: { containers: [{ name: "c", image: "nginx" }] }, ...extra });

/** Runs the scheduler one task at a time, draining microtasks, until the promise settles. */
async function settle<T>(scheduler: Scheduler, p: Promise<T>, maxSteps = 10_000): Promise<T> {
  let done = false;
  let value: T | undefined;
  void p.then((v) => { done = true; value = v; });
  for (let i = 0; i < maxSteps && !done; i++) {
    await Promise.resolve();
    await Promise.resolve();
    if (done) break;
    if (!scheduler.step()) { await Promise.resolve(); break; }
  }
  await Promise.resolve();
  if (!done) throw new Error("promise did not settle");
  return value as T;
}

describe("§12.G factory and listers", () => {
  it("121: one informer per type; the lister reads its indexer", () => {
    const t = setup();
    const a = t.factory.core().v1().pods().informer();
    const b = t.factory.core().v1().pods().informer();
    expect(a).toBe(b);
    expect(t.factory.forResource("pods").informer()).toBe(a);
    t.api.create("pods", mkPod("default", "p1"));
    t.factory.start(t.stop.signal);
    t.scheduler.flush();
    expect(t.factory.core().v1().pods().lister().list().map((p) => p.metadata.name)).toEqual(["p1"]);
    expect(a.getIndexer().getIndexers()).toHaveProperty("namespace");
  });

  it("122: start is idempotent; waitForCacheSync covers only started informers", async () => {
    const t = setup();
    t.factory.core().v1().pods().informer();
    t.factory.start(t.stop.signal);
    t.factory.core().v1().configMaps().informer();
    expect(await settle(t.scheduler, t.factory.waitForCacheSync(t.stop.signal))).toEqual({ pods: true });
    const listsBefore = t.recorder.events.filter((e) => e.kind === "reflector.list.start").length;
    t.factory.start(t.stop.signal);
    expect(await settle(t.scheduler, t.factory.waitForCacheSync(t.stop.signal))).toEqual({ pods: true, configmaps: true });
    const lists = t.recorder.events.filter((e) => e.kind === "reflector.list.start");
    expect(lists.length - listsBefore).toBe(1); // only the configmaps informer started
    expect(lists.at(-1)).toMatchObject({ name: "configmaps" });
  });

  it("123: after shutdown, start starts nothing", () => {
    const t = setup();
    const inf = t.factory.core().v1().pods().informer();
    t.factory.shutdown();
    t.factory.start(t.stop.signal);
    expect(inf.hasStarted()).toBe(false);
  });

  it("124: pods(ns).get miss is a 404 NotFound; pods(ns).list only lists that namespace", () => {
    const t = setup();
    t.api.create("pods", mkPod("default", "a", { app: "web" }));
    t.api.create("pods", mkPod("default", "b", { app: "db" }));
    t.api.create("pods", mkPod("other", "c", { app: "web" }));
    const pods = t.factory.core().v1().pods();
    pods.informer();
    t.factory.start(t.stop.signal);
    t.scheduler.flush();
    let err: ApiError | undefined;
    try { pods.lister().pods("default").get("missing"); } catch (e) { err = e as ApiError; }
    expect(isNotFound(err)).toBe(true);
    expect(err?.code).toBe(404);
    expect(err?.reason).toBe("NotFound");
    expect(err?.message).toBe('pod "missing" not found');
    expect(err?.status.details).toMatchObject({ kind: "pod", name: "missing" });
    expect(pods.lister().pods("default").list().map((p) => p.metadata.name).sort()).toEqual(["a", "b"]);
    expect(pods.lister().pods("default").get("a").metadata.name).toBe("a");
    expect(pods.lister().list("app=web").map((p) => p.metadata.name).sort()).toEqual(["a", "c"]);
    expect(pods.lister().list("app in (db),app!=web").map((p) => p.metadata.name)).toEqual(["b"]);
    expect(pods.lister().byNamespace("other").list("app").map((p) => p.metadata.name)).toEqual(["c"]);
    expect(() => pods.lister().list("app in (")).toThrow();
  });

  it("125: namespace and tweakListOptions reach both list and watch requests", () => {
    const t = setup({ namespace: "team-a", tweakListOptions: (o) => { o.labelSelector = "app=web"; } });
    t.api.create("pods", mkPod("team-a", "in", { app: "web" }));
    t.api.create("pods", mkPod("team-a", "db", { app: "db" }));
    t.api.create("pods", mkPod("team-b", "out", { app: "web" }));
    t.factory.core().v1().pods().informer();
    t.factory.start(t.stop.signal);
    t.scheduler.flush();
    const reqs = t.recorder.events.filter((e) => e.kind === "server.request" && (e["verb"] === "list" || e["verb"] === "watch"));
    expect(reqs.map((e) => e["verb"])).toEqual(["list", "watch"]);
    for (const r of reqs) expect(r).toMatchObject({ namespace: "team-a", labelSelector: "app=web" });
    expect(t.factory.core().v1().pods().lister().list().map((p) => p.metadata.name)).toEqual(["in"]);
  });
});

describe("factory extras", () => {
  it("setListenerDelay slows listener n of every informer, including ones created later", () => {
    const t = setup();
    t.factory.setListenerDelay(0, 1000);
    const times: number[] = [];
    t.factory.core().v1().configMaps().informer().addEventHandler({ addFunc: () => times.push(t.scheduler.now()) });
    for (const n of ["a", "b", "c"]) t.api.create("configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: { namespace: "ns", name: n } });
    t.factory.start(t.stop.signal);
    t.scheduler.advance(5000);
    expect(times).toEqual([0, 1000, 2000]);
    expect(() => t.factory.forResource("widgets")).toThrow(/no informer found for widgets/);
  });
});

describe("§12.H informer + simulated server", () => {
  function live(server: { watchCacheCapacity?: number } = {}, options: ConstructorParameters<typeof SharedInformerFactory>[2] = {}) {
    const t = setup(options, server);
    const seen: string[] = [];
    const objs: Array<{ type: string; obj: unknown; old?: unknown }> = [];
    const rv = (o: unknown) => ((o instanceof DeletedFinalStateUnknown ? o.obj : o) as KubeObject).metadata.resourceVersion;
    const inf = t.factory.core().v1().pods().informer();
    inf.addEventHandler({
      addFunc: (o: Pod, i: boolean) => { seen.push(`add ${o.metadata.name}@${o.metadata.resourceVersion}${i ? " initial" : ""}`); objs.push({ type: "add", obj: o }); },
      updateFunc: (a: Pod, b: Pod) => { seen.push(`update ${b.metadata.name}@${a.metadata.resourceVersion}->${b.metadata.resourceVersion}`); objs.push({ type: "update", obj: b, old: a }); },
      deleteFunc: (o: unknown) => { seen.push(`delete${o instanceof DeletedFinalStateUnknown ? " T(" + o.key + ")" : ""}@${rv(o)}`); objs.push({ type: "delete", obj: o }); },
    });
    return { ...t, inf, seen, objs };
  }

  it("126: deleted during an outage with compacted history ⇒ 410 ⇒ relist ⇒ delete(tombstone)", () => {
    const t = live();
    const a = t.api.create("pods", mkPod("ns", "a"));
    t.factory.start(t.stop.signal);
    t.scheduler.advance(2000); // the watch has lived > 1 s: its drop is not a "very short watch"
    t.api.partition();
    t.scheduler.advance(100);
    t.api.delete("pods", "ns", "a");
    t.api.compact();
    t.api.heal();
    t.scheduler.advance(120_000);
    expect(t.seen.at(-1)).toBe(`delete T(ns/a)@${a.metadata.resourceVersion}`);
    expect(t.inf.getStore().listKeys()).toEqual([]);
    expect(t.recorder.events.some((e) => e.kind === "reflector.watch.end" && e["reason"] === "expired")).toBe(true);
  });

  it("127: deleted and re-created with a new UID during the outage ⇒ one update, no delete/add", () => {
    const t = live();
    const a = t.api.create("pods", mkPod("ns", "a"));
    t.factory.start(t.stop.signal);
    t.scheduler.flush();
    t.api.partition();
    t.api.delete("pods", "ns", "a");
    const a2 = t.api.create("pods", mkPod("ns", "a"));
    t.api.compact();
    t.api.heal();
    t.scheduler.advance(120_000);
    expect(t.seen).toEqual([`add a@${a.metadata.resourceVersion} initial`, `update a@${a.metadata.resourceVersion}->${a2.metadata.resourceVersion}`]);
    const last = t.objs.at(-1)!;
    expect((last.old as Pod).metadata.uid).not.toBe((last.obj as Pod).metadata.uid);
  });

  it("128: a label-selector informer sees objects leave and re-enter the selector", () => {
    const t = live({}, { tweakListOptions: (o) => { o.labelSelector = "app=web"; } });
    const b = t.api.create("pods", mkPod("ns", "b", { app: "web" }));
    t.factory.start(t.stop.signal);
    t.scheduler.flush();
    const b2 = t.api.update("pods", { ...b, metadata: { ...b.metadata, labels: { app: "db" } } });
    t.scheduler.flush();
    expect(t.seen.at(-1)).toBe(`delete@${b2.metadata.resourceVersion}`);
    expect((t.objs.at(-1)!.obj as Pod).metadata.labels).toEqual({ app: "web" }); // the old body
    const b3 = t.api.update("pods", { ...b2, metadata: { ...b2.metadata, labels: { app: "web" } } });
    t.scheduler.flush();
    expect(t.seen.at(-1)).toBe(`add b@${b3.metadata.resourceVersion}`);
  });

  it("129: an identical update bumps nothing and notifies nobody", () => {
    const t = live();
    const a = t.api.create("pods", mkPod("ns", "a"));
    t.factory.start(t.stop.signal);
    t.scheduler.flush();
    const same = t.api.update("pods", a);
    t.scheduler.flush();
    expect(same.metadata.resourceVersion).toBe(a.metadata.resourceVersion);
    expect(t.seen).toEqual([`add a@${a.metadata.resourceVersion} initial`]);
  });

  it("130: graceful delete of a bound pod ⇒ update(deletionTimestamp) … update(grace 0), delete; unbound ⇒ update then delete", () => {
    const t = live();
    t.api.create("pods", mkPod("ns", "bound", {}, { spec: { nodeName: "n1", containers: [{ name: "c" }] } }));
    t.api.create("pods", mkPod("ns", "free"));
    t.factory.start(t.stop.signal);
    t.scheduler.flush();
    t.seen.length = 0;
    t.objs.length = 0;
    t.api.delete("pods", "ns", "bound");
    t.scheduler.flush();
    expect(t.objs.map((o) => o.type)).toEqual(["update"]);
    expect((t.objs[0]!.obj as Pod).metadata.deletionTimestamp).toBeDefined();
    expect(t.factory.core().v1().pods().lister().pods("ns").get("bound").metadata.deletionTimestamp).toBeDefined();
    t.scheduler.advance(31_000);
    expect(t.objs.map((o) => o.type)).toEqual(["update", "update", "delete"]);
    expect((t.objs[1]!.obj as Pod).metadata.deletionGracePeriodSeconds).toBe(0);
    t.objs.length = 0;
    t.api.delete("pods", "ns", "free");
    t.scheduler.flush();
    expect(t.objs.map((o) => o.type)).toEqual(["update", "delete"]);
  });

  it("131: a finalizer keeps the object until it is removed", () => {
    const t = live();
    t.factory.forResource("configmaps").informer().addEventHandler({
      updateFunc: (_a: KubeObject, b: KubeObject) => t.seen.push(`cm update ${b.metadata.deletionTimestamp ? "terminating" : ""}`),
      deleteFunc: () => t.seen.push("cm delete"),
    });
    const cm = t.api.create("configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: { namespace: "ns", name: "c", finalizers: ["f"] } });
    t.factory.start(t.stop.signal);
    t.scheduler.flush();
    t.api.delete("configmaps", "ns", "c");
    t.scheduler.flush();
    expect(t.seen.filter((s) => s.startsWith("cm"))).toEqual(["cm update terminating"]);
    const cur = t.api.get<KubeObject>("configmaps", "ns", "c");
    t.api.update("configmaps", { ...cur, metadata: { ...cur.metadata, finalizers: [] } });
    t.scheduler.flush();
    expect(t.seen.filter((s) => s.startsWith("cm"))).toEqual(["cm update terminating", "cm delete"]);
    void cm;
  });
});
