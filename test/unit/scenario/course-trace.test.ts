/**
 * Trace kinds the course's goals read (issue 20 item 1): `runner.cacheSync` (what a learner's
 * waitForCacheSync resolved with, and each function's answer then) and `server.request.objectResourceVersion`
 * (the resourceVersion an update carried: the precondition that makes a stale write fail with 409).
 */
import { describe, expect, it } from "vitest";
import { asKnown, type KnownTraceEvent, type TraceOf } from "../../../src/sim/trace.js";
import { decodeTraceEvent } from "../../../src/sim/trace-decode.js";
import { narrate } from "../../../src/sim/narration.js";
import type { ListerQueryEvent } from "../../../src/informers/lister.js";
import { runScenario, type Scenario } from "../../../src/scenario/index.js";
import { cache, informers } from "../../../src/playground.js";
import type { ConfigMap, Pod } from "../../../src/types.js";

const pod = (name: string): Pod => ({
  apiVersion: "v1", kind: "Pod", metadata: { namespace: "default", name, labels: { app: "web" } },
  spec: { containers: [{ name: "c", image: "nginx" }] },
});
const scenario: Scenario = { seed: 3, durationMs: 3_000, initial: [{ resource: "pods", object: pod("web-1") }], timeline: [] };

const known = (trace: readonly unknown[]): KnownTraceEvent[] => (trace as Parameters<typeof asKnown>[0][]).map(asKnown);
const ofKind = <K extends KnownTraceEvent["kind"]>(trace: readonly unknown[], kind: K) =>
  known(trace).filter((e): e is TraceOf<K> & { seq: number; time: number } => e.kind === kind);

describe("runner.cacheSync", () => {
  it("records what cache.waitForCacheSync resolved with and each function's answer, after the informer's list", async () => {
    const run = await runScenario(scenario, async ({ clientset, stop, log }) => {
      const factory = informers.newSharedInformerFactory(clientset, 0);
      const pods = factory.core().v1().pods();
      pods.informer();
      factory.start(stop);
      const ok = await cache.waitForCacheSync(stop, () => pods.informer().hasSynced(), () => true);
      log(`synced=${ok}`);
    });
    const syncs = ofKind(run.trace, "runner.cacheSync");
    expect(syncs).toHaveLength(1);
    expect(syncs[0]).toMatchObject({ synced: true, results: [true, true] });
    const listDone = ofKind(run.trace, "reflector.list.done")[0]!;
    expect(syncs[0]!.seq).toBeGreaterThan(listDone.seq);
    const line = ofKind(run.trace, "runner.log").find((l) => l.text === "synced=true")!;
    expect(line.seq).toBeGreaterThan(syncs[0]!.seq);
  });

  it("records false and which function never synced when stop is aborted first", async () => {
    const run = await runScenario(scenario, async ({ sleep }) => {
      const mine = new AbortController();
      void sleep(500).then(() => mine.abort());
      await cache.waitForCacheSync(mine.signal, () => true, () => false);
    });
    expect(ofKind(run.trace, "runner.cacheSync")).toMatchObject([{ synced: false, results: [true, false] }]);
  });

  it("records the factory's waitForCacheSync with one result per started informer, named", async () => {
    const run = await runScenario(scenario, async ({ clientset, stop }) => {
      const factory = informers.newSharedInformerFactory(clientset, 0);
      factory.core().v1().pods().informer();
      factory.core().v1().configMaps().informer();
      factory.start(stop);
      await factory.waitForCacheSync(stop);
    });
    const [sync] = ofKind(run.trace, "runner.cacheSync");
    expect(sync).toMatchObject({ synced: true, results: [true, true] });
    expect([...(sync!.resources ?? [])].sort()).toEqual(["configmaps", "pods"]);
  });
});

describe("server.request objectResourceVersion", () => {
  it("an update carries the resourceVersion of the object it sent; one without it says so by its absence", async () => {
    const cm: ConfigMap = { apiVersion: "v1", kind: "ConfigMap", metadata: { namespace: "default", name: "c" }, data: { a: "1" } };
    const run = await runScenario(scenario, async ({ clientset }) => {
      const created = await clientset.coreV1().configMaps("default").create(cm);
      await clientset.coreV1().configMaps("default").update({ ...created, data: { a: "2" } });
      await clientset.coreV1().configMaps("default").update({ ...cm, data: { a: "3" } });
    });
    const created = ofKind(run.trace, "server.response").find((r) => r.verb === "create" && r.resource === "configmaps")!;
    const updates = ofKind(run.trace, "server.request").filter((r) => r.verb === "update");
    expect(updates).toHaveLength(2);
    expect(updates[0]!.objectResourceVersion).toBe(created.resourceVersion);
    expect(updates[1]).not.toHaveProperty("objectResourceVersion");
    // reads and creates never carry it
    expect(ofKind(run.trace, "server.request").filter((r) => r.verb !== "update" && "objectResourceVersion" in r)).toEqual([]);
  });
});

describe("narration of the course's trace additions", () => {
  it("says whether the learner's update carried a resourceVersion, and what waitForCacheSync returned", async () => {
    const { narrate } = await import("../../../src/sim/narration.js");
    const req = { component: "server", kind: "server.request", requestId: 1, verb: "update", resource: "replicasets",
      namespace: "default", name: "web", origin: "code", seq: 1, time: 0 } as const;
    expect(narrate({ ...req, objectResourceVersion: "17" } as never, "en")).toContain("carrying resourceVersion 17");
    expect(narrate(req as never, "en")).toContain("without a resourceVersion");
    expect(narrate(req as never, "zh-CN")).toContain("没有带 resourceVersion");
    const sync = { component: "runner", kind: "runner.cacheSync", synced: false, results: [true, false], seq: 2, time: 0 } as const;
    expect(narrate(sync as never, "en")).toBe("Your waitForCacheSync returned false: #1 synced, #2 not synced.");
    expect(narrate(sync as never, "zh-CN")).toContain("#2 未同步");
  });
});

describe("processor.listenerAdded.requestedResyncMs", () => {
  it("carries the period a handler asked for only when the informer changed it (client-go's rules)", async () => {
    const run = await runScenario(scenario, async ({ clientset, stop, sleep }) => {
      const factory = informers.newSharedInformerFactory(clientset, 10_000);
      const pods = factory.core().v1().pods().informer();
      pods.addEventHandler({});                              // 10 s default: kept
      pods.addEventHandlerWithResyncPeriod({}, 500);         // below the 1 s minimum: 1 s (check period drops to 1 s)
      pods.addEventHandlerWithResyncPeriod({}, 1000);        // exactly the minimum: kept
      pods.addEventHandlerWithResyncPeriod({}, -5);          // negative: no resync
      factory.start(stop);
      await sleep(10);
      pods.addEventHandlerWithResyncPeriod({}, 0);           // none asked, none given: kept
    });
    const added = ofKind(run.trace, "processor.listenerAdded").map((e) => [e.resyncPeriodMs, e.requestedResyncMs]);
    expect(added).toEqual([[10_000, undefined], [1000, 500], [1000, undefined], [0, -5], [0, undefined]]);
    const b = ofKind(run.trace, "processor.listenerAdded")[1]!;
    expect(narrate(b, "en")).toContain("its handler asked for 500 ms");
    expect(narrate(b, "zh-CN")).toContain("申请的是 500 毫秒");
    expect(typeof decodeTraceEvent({ ...b }, b.seq)).toBe("object");
    expect(decodeTraceEvent({ ...b, requestedResyncMs: "500" }, b.seq)).toMatch(/requested resync period/);
  });

  it("a handler added after the start with a period below the check period is raised to it", async () => {
    const run = await runScenario(scenario, async ({ clientset, stop, sleep }) => {
      const factory = informers.newSharedInformerFactory(clientset, 5_000);
      const pods = factory.core().v1().pods().informer();
      factory.start(stop);
      await sleep(10);
      pods.addEventHandlerWithResyncPeriod({}, 2_000);
    });
    expect(ofKind(run.trace, "processor.listenerAdded").map((e) => [e.resyncPeriodMs, e.requestedResyncMs])).toEqual([[5_000, 2_000]]);
  });
});

// The lister's own spelling of the event and the closed union's stay the same, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameListerQuery: Same<ListerQueryEvent, TraceOf<"lister.query">> = true;

describe("lister.query", () => {
  it("is spelled alike in the lister and in the trace union", () => expect(sameListerQuery).toBe(true));

  it("traces each lister get and list of a traced informer: key, namespace, selector, items, the found object's RV", async () => {
    const run = await runScenario(scenario, async ({ clientset, stop, log }) => {
      const factory = informers.newSharedInformerFactory(clientset, 0);
      const pods = factory.core().v1().pods();
      const lister = pods.lister();
      factory.start(stop);
      await cache.waitForCacheSync(stop, () => pods.informer().hasSynced());
      log(lister.pods("default").get("web-1").metadata.name);
      try { lister.get("default/nope"); } catch { log("missing"); }
      log(lister.list("app=web").length, lister.pods("default").list().length);
    });
    const reads = ofKind(run.trace, "lister.query").map(({ seq: _s, time: _t, ...rest }) => rest);
    const rv = ofKind(run.trace, "server.write")[0]!.resourceVersion;
    expect(reads).toEqual([
      { component: "indexer", kind: "lister.query", name: "pods", op: "get", key: "default/web-1", namespace: "default", items: 1, resourceVersion: rv },
      { component: "indexer", kind: "lister.query", name: "pods", op: "get", key: "default/nope", items: 0 },
      { component: "indexer", kind: "lister.query", name: "pods", op: "list", selector: "app=web", items: 1 },
      { component: "indexer", kind: "lister.query", name: "pods", op: "list", namespace: "default", items: 1 },
    ]);
    // the namespace list reads the namespace index first (indexer.query), then the lister's read is traced
    const nsQuery = ofKind(run.trace, "indexer.query").at(-1)!;
    expect(nsQuery.seq).toBe(ofKind(run.trace, "lister.query").at(-1)!.seq - 1);
    const get = ofKind(run.trace, "lister.query")[0]!;
    expect(narrate(get, "en")).toContain("got default/web-1 from the pods lister");
    expect(narrate(ofKind(run.trace, "lister.query")[1]!, "zh-CN")).toContain("NotFound");
    expect(typeof decodeTraceEvent({ ...get }, get.seq)).toBe("object");
  });

  it("an untraced informer's lister traces nothing and reads the same", async () => {
    const { Lister } = await import("../../../src/informers/lister.js");
    const { KeyedIndexer } = await import("../../../src/cache/store.js");
    const { metaNamespaceKeyFunc } = await import("../../../src/cache/keys.js");
    const seen: unknown[] = [];
    const untraced = new Lister<Pod>(new KeyedIndexer<Pod>(metaNamespaceKeyFunc), "pod");
    const traced = new Lister<Pod>(new KeyedIndexer<Pod>(metaNamespaceKeyFunc), "pod", { fn: (e) => seen.push(e), name: "pods" });
    expect(untraced.list()).toEqual([]);
    expect(() => untraced.get("x")).toThrow(/not found/);
    expect(() => traced.get("x")).toThrow(/not found/);
    expect(seen).toHaveLength(1);
  });
});
