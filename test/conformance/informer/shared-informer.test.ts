/** spec client-go.md §12.D — shared informer, processor and listener scenarios 53–72. */
import { describe, expect, it } from "vitest";
import {
  DeletedFinalStateUnknown, deletionHandlingMetaNamespaceKeyFunc, FilteringResourceEventHandler, ProcessorListener,
  SharedIndexInformer, waitForCacheSync,
} from "../../../src/index.js";
import { pod, type Obj } from "../../unit/informer/fakes.js";
import { harness } from "../../unit/informer/harness.js";

const H = 3_600_000;
const kinds = (rec: { events: Array<{ kind: string }> }, kind: string) => rec.events.filter((e) => e.kind === kind);
const period = (reg: unknown) => (reg as ProcessorListener).resyncPeriodMs;

describe("§12.D shared informer, processor, listeners", () => {
  it("53: handler periods lower the check period before start; earlier handlers keep theirs", () => {
    const t = harness({ resyncPeriodMs: 12 * H });
    const h1 = t.informer.addEventHandlerWithResyncPeriod(t.handler("h1"), 0);
    expect(t.informer.resyncCheckPeriod()).toBe(12 * H);
    const h2 = t.informer.addEventHandlerWithResyncPeriod(t.handler("h2"), 60_000);
    expect(t.informer.resyncCheckPeriod()).toBe(60_000);
    const h3 = t.informer.addEventHandlerWithResyncPeriod(t.handler("h3"), 55_000);
    expect(t.informer.resyncCheckPeriod()).toBe(55_000);
    const h4 = t.informer.addEventHandlerWithResyncPeriod(t.handler("h4"), 5_000);
    expect(t.informer.resyncCheckPeriod()).toBe(5_000);
    expect([period(h1), period(h2), period(h3), period(h4)]).toEqual([0, 60_000, 55_000, 5_000]);
  });

  it("54: listener resync periods — L2 resyncs at 2 s, L3 at 3 s, L1 never", () => {
    const t = harness({ resyncPeriodMs: 1000, pods: [pod("pod1", 1), pod("pod2", 2)] });
    t.informer.addEventHandlerWithResyncPeriod(t.handler("L1"), 0);
    t.informer.addEventHandlerWithResyncPeriod(t.handler("L2"), 2000);
    t.informer.addEventHandlerWithResyncPeriod(t.handler("L3"), 3000);
    t.run();
    t.scheduler.flush();
    for (const h of ["L1", "L2", "L3"]) expect(t.of(h)).toEqual(["add pod1@1", "add pod2@2"]);
    t.scheduler.advance(2000);
    const at = (ms: number) => t.seen.filter((s) => s.t === ms).map((s) => `${s.h} ${s.type} ${s.name}`);
    expect(at(1000)).toEqual([]);
    expect(at(2000)).toEqual(["L2 update pod1", "L2 update pod2"]);
    t.scheduler.advance(1000);
    expect(at(3000)).toEqual(["L3 update pod1", "L3 update pod2"]);
    expect(t.seen.filter((s) => s.h === "L1" && s.type === "update")).toEqual([]);
  });

  it("55: watch disruption — N sees only changed objects, R (syncing) also the unchanged ones", () => {
    const t = harness({ resyncPeriodMs: 1000, pods: [pod("pod1", 1), pod("pod2", 2)] });
    t.informer.addEventHandlerWithResyncPeriod(t.handler("N"), 0);
    t.informer.addEventHandlerWithResyncPeriod(t.handler("R"), 1000);
    t.run();
    t.scheduler.flush();
    expect(t.of("N")).toEqual(["add pod1@1", "add pod2@2"]);
    t.server.put("pod3");
    t.server.put("pod2");
    t.scheduler.advance(999);
    expect(t.seen).toHaveLength(4);
    t.scheduler.advance(1);
    expect(t.seen.filter((s) => s.t === 1000).map((s) => `${s.h} ${s.type} ${s.name}@${s.rv}`))
      .toEqual(["R update pod1@1", "R update pod2@2"]);
    t.lw.last.error(410, "Expired"); // history flushed ⇒ relist
    t.scheduler.advance(2000);
    const relistAt = kinds(t.recorder, "reflector.list.done").at(-1)!["time" as never] as number;
    const relist = (h: string) => t.seen.filter((s) => s.h === h && s.t === relistAt)
      .map((s) => `${s.type} ${s.name}@${s.rv}`).sort();
    expect(relist("N")).toEqual(["add pod3@3", "update pod2@4"]);
    expect(relist("R")).toEqual(["add pod3@3", "update pod1@1", "update pod2@4"]);
  });

  it("56: an informer created with resync 0 never resyncs, whatever a handler asks", () => {
    const t = harness({ resyncPeriodMs: 0, pods: [pod("a", 1)] });
    const reg = t.informer.addEventHandlerWithResyncPeriod(t.handler("h"), 10_000);
    expect(period(reg)).toBe(0);
    t.run();
    t.scheduler.advance(60_000);
    expect(t.of("h")).toEqual(["add a@1"]);
    expect(kinds(t.recorder, "reflector.resync")).toHaveLength(0);
  });

  it("57: a 200 ms handler period is clamped to 1 s and lowers the check period before start", () => {
    const t = harness({ resyncPeriodMs: 30_000 });
    const reg = t.informer.addEventHandlerWithResyncPeriod(t.handler("h"), 200);
    expect(period(reg)).toBe(1000);
    expect(t.informer.resyncCheckPeriod()).toBe(1000);
  });

  it("58: after start a shorter handler period is raised to the check period", () => {
    const t = harness({ resyncPeriodMs: 30_000 });
    t.run();
    t.scheduler.flush();
    const reg = t.informer.addEventHandlerWithResyncPeriod(t.handler("h"), 10_000);
    expect(period(reg)).toBe(30_000);
    expect(t.informer.resyncCheckPeriod()).toBe(30_000);
  });

  it("59: adding a handler while active — synthetic initial adds, then live events; per-handle sync", () => {
    const t = harness();
    const h1 = t.informer.addEventHandler(t.handler("L1"));
    expect(h1.hasSynced()).toBe(false);
    t.run();
    t.scheduler.flush();
    t.lw.last.event("ADDED", pod("pod1", 1));
    t.scheduler.flush();
    expect(t.of("L1")).toEqual(["add pod1@1"]);
    expect(h1.hasSynced()).toBe(true);
    const h2 = t.informer.addEventHandler(t.handler("L2"));
    expect(h2.hasSynced()).toBe(false);
    t.lw.last.event("ADDED", pod("pod2", 2));
    t.scheduler.flush();
    expect(t.of("L2")).toEqual(["add pod1@1", "add pod2@2"]);
    expect(t.seen.filter((s) => s.h === "L2").map((s) => s.initial)).toEqual([true, false]);
    expect(h2.hasSynced()).toBe(true);
    expect(t.of("L1")).toEqual(["add pod1@1", "add pod2@2"]);
  });

  it("60: a removed handler never sees later events", () => {
    const t = harness();
    const reg = t.informer.addEventHandler(t.handler("h"));
    t.run();
    t.scheduler.flush();
    t.lw.last.event("ADDED", pod("pod1", 1));
    t.scheduler.flush();
    t.informer.removeEventHandler(reg);
    t.lw.last.event("ADDED", pod("pod2", 2));
    t.scheduler.flush();
    expect(t.of("h")).toEqual(["add pod1@1"]);
    expect(t.informer.listenerIndexes()).toEqual([]);
  });

  it("61: removing handlers — counts, foreign handles, duplicate registrations, double removal", () => {
    const t = harness();
    const other = harness();
    const h = t.handler("same");
    const a = t.informer.addEventHandler(h);
    const b = t.informer.addEventHandler(h);
    expect(t.informer.listenerIndexes()).toHaveLength(2);
    other.informer.removeEventHandler(a); // foreign: no error, no effect
    expect(t.informer.listenerIndexes()).toHaveLength(2);
    t.informer.removeEventHandler(a);
    expect(t.informer.listenerIndexes()).toEqual([1]);
    t.informer.removeEventHandler(a);
    expect(t.informer.listenerIndexes()).toEqual([1]);
    t.run();
    t.scheduler.flush();
    t.lw.last.event("ADDED", pod("x", 1));
    t.scheduler.flush();
    expect(t.of("same")).toEqual(["add x@1"]); // only b is active
    t.informer.removeEventHandler(b);
    expect(t.informer.listenerIndexes()).toHaveLength(0);
  });

  it("62: started/stopped state; adding to a stopped informer throws, removing does not", () => {
    const t = harness();
    const reg = t.informer.addEventHandler(t.handler("h"));
    expect([t.informer.hasStarted(), t.informer.isStopped()]).toEqual([false, false]);
    t.run();
    expect([t.informer.hasStarted(), t.informer.isStopped()]).toEqual([true, false]);
    t.stop.abort();
    expect([t.informer.hasStarted(), t.informer.isStopped()]).toEqual([true, true]);
    expect(() => t.informer.addEventHandler(t.handler("late"))).toThrow(/was not added to shared informer because it has stopped already$/);
    expect(() => t.informer.removeEventHandler(reg)).not.toThrow();
  });

  it("63: the watch error handler sees list failures", () => {
    const t = harness();
    (t.lw as unknown as { script: unknown }).script = () => ({ error: new Error("Access Denied") });
    const errors: Error[] = [];
    const lw2 = { list: (_o: unknown, done: (e: unknown) => void) => t.scheduler.setTimeout(() =>
      done({ message: "Access Denied", code: 403, reason: "Forbidden", status: { reason: "Forbidden" } }), 0),
      watch: () => ({ stop() {} }) };
    const inf = new SharedIndexInformer(lw2 as never, { scheduler: t.scheduler });
    inf.setWatchErrorHandler((e) => errors.push(e));
    inf.run(t.stop.signal);
    t.scheduler.advance(1000);
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(errors[0]!.message).toContain("Access Denied");
    expect(() => inf.setWatchErrorHandler(() => undefined)).toThrow(/already started/);
  });

  it("64: setTransform — handlers and the cache see transformed objects; after start it throws", () => {
    const t = harness({ pods: [pod("pod1", 1), pod("pod2", 2)] });
    t.informer.setTransform((o) => {
      const p = o as Obj;
      return { ...p, metadata: { ...p.metadata, name: p.metadata.name.toUpperCase() } };
    });
    t.informer.addEventHandler(t.handler("h"));
    t.run();
    t.scheduler.flush();
    expect(t.of("h")).toEqual(["add POD1@1", "add POD2@2"]);
    expect(t.informer.getStore().listKeys().sort()).toEqual(["ns/POD1", "ns/POD2"]);
    expect(() => t.informer.setTransform((o) => o)).toThrow(/already started/);
  });

  it("65: the cache, not the delta type, decides the notification", () => {
    const t = harness({ pods: [pod("a", 5)] });
    t.informer.addEventHandler(t.handler("h"));
    t.run();
    t.scheduler.flush();
    t.lw.last.event("ADDED", pod("a", 6));
    t.lw.last.event("MODIFIED", pod("b", 7));
    t.scheduler.flush();
    expect(t.seen.slice(1).map((s) => `${s.type} ${s.name}@${s.rv} ${s.oldRv ?? ""}${s.initial ?? ""}`))
      .toEqual(["update a@6 5", "add b@7 false"]);
    const r = harness({ fifo: "real" });
    r.informer.addEventHandler(r.handler("h"));
    r.run();
    r.scheduler.flush();
    r.lw.last.event("DELETED", pod("c", 9));
    r.scheduler.flush();
    expect(r.of("h")).toEqual(["delete c@9"]);
    // DeltaFIFO filters the delete of a never-seen key
    t.lw.last.event("DELETED", pod("c", 9));
    t.scheduler.flush();
    expect(t.of("h")).not.toContain("delete c@9");
  });

  it("66: same-RV rule — an unchanged relisted object reaches only the syncing listener", () => {
    const t = harness({ resyncPeriodMs: 1000, pods: [pod("x", 1), pod("y", 2), pod("w", 3)] });
    t.informer.addEventHandlerWithResyncPeriod(t.handler("P"), 1000);
    t.informer.addEventHandlerWithResyncPeriod(t.handler("Q"), 0);
    t.run();
    t.scheduler.advance(1000); // a resync check: P syncing, Q not
    t.server.put("y");
    t.server.put("z");
    t.server.remove("w");
    t.lw.last.error(410, "Expired");
    t.scheduler.advance(1900);
    const relistAt = kinds(t.recorder, "reflector.list.done").at(-1)!["time" as never] as number;
    const relist = (h: string) => t.seen.filter((s) => s.h === h && s.t === relistAt)
      .map((s) => `${s.type} ${s.name}@${s.rv}${s.tombstone ? " T" : ""}`).sort();
    expect(relist("P")).toEqual(["add z@5", "delete w@3 T", "update x@1", "update y@4"]);
    expect(relist("Q")).toEqual(["add z@5", "delete w@3 T", "update y@4"]);
    expect(t.seen.find((s) => s.h === "Q" && s.name === "z")?.initial).toBe(false);
  });

  it("67: FilteringResourceEventHandler", () => {
    const calls: string[] = [];
    const web = (name: string, app: string) => ({ metadata: { name, labels: { app } } });
    const f = new FilteringResourceEventHandler(
      (o) => (o as { metadata?: { labels?: Record<string, string> } }).metadata?.labels?.["app"] === "web"
        || o instanceof DeletedFinalStateUnknown,
      {
        addFunc: (o: { metadata: { name: string } }, i: boolean) => calls.push(`add ${o.metadata.name} ${i}`),
        updateFunc: (o: { metadata: { name: string } }, n: { metadata: { name: string } }) =>
          calls.push(`update ${o.metadata.name}->${n.metadata.name}`),
        deleteFunc: (o: unknown) => calls.push(o instanceof DeletedFinalStateUnknown ? `delete T ${o.key}`
          : `delete ${(o as { metadata: { name: string } }).metadata.name}`),
      });
    f.onUpdate(web("old", "web"), web("new", "db"));
    f.onUpdate(web("old", "db"), web("new", "web"));
    f.onUpdate(web("old", "web"), web("new", "web"));
    f.onUpdate(web("old", "db"), web("new", "db"));
    f.onAdd(web("x", "db"), true);
    f.onDelete(new DeletedFinalStateUnknown("ns/t", null));
    expect(calls).toEqual(["delete old", "add new false", "update old->new", "delete T ns/t"]);
  });

  it("68: reset watch (in-order FIFO) — one initial add, then an update and an add after relist", () => {
    const t = harness({ fifo: "real", pods: [pod("pod-1", 1)] });
    t.informer.addEventHandler(t.handler("h"));
    t.run();
    t.scheduler.flush();
    expect(t.seen.map((s) => [s.type, s.name, s.initial])).toEqual([["add", "pod-1", true]]);
    t.server.put("pod-1");
    t.server.put("pod-2");
    t.lw.last.error(410, "Expired");
    t.scheduler.advance(2000);
    expect(t.seen.slice(1).map((s) => [s.type, s.name, s.initial ?? false])).toEqual([
      ["update", "pod-1", false], ["add", "pod-2", false],
    ]);
  });

  it("69: replace events (in-order FIFO) — deletes first, then updates/adds in list order", () => {
    const t = harness({ fifo: "real", pods: [pod("pod-1", 1), pod("pod-2", 2, { labels: { ver: "1" } }), pod("pod-3", 3)] });
    t.informer.addEventHandler(t.handler("h"));
    t.run();
    t.scheduler.flush();
    t.state.clear();
    t.state.set("pod-1", pod("pod-1", 4));
    t.state.set("pod-2", pod("pod-2", 5, { labels: { ver: "2" } }));
    t.state.set("pod-4", pod("pod-4", 6));
    t.lw.last.error(410, "Expired");
    t.scheduler.advance(2000);
    expect(t.of("h").slice(3)).toEqual(["delete pod-3@3", "update pod-1@4", "update pod-2@5", "add pod-4@6"]);
    expect(t.informer.getStore().listKeys().sort()).toEqual(["ns/pod-1", "ns/pod-2", "ns/pod-4"]);

    const u = harness({ fifo: "real", pods: [pod("pod-1", 1), pod("pod-3", 2)] });
    u.informer.addEventHandler(u.handler("h"));
    u.run();
    u.scheduler.flush();
    u.state.clear();
    u.lw.last.error(410, "Expired");
    u.scheduler.advance(2000);
    expect(u.of("h").slice(2).sort()).toEqual(["delete pod-1@1", "delete pod-3@2"]);
    expect(u.informer.getStore().listKeys()).toEqual([]);
  });

  it("70: a delete handler gets a tombstone keyed by the vanished object's key", () => {
    const t = harness({ pods: [pod("a", 1)] });
    const got: unknown[] = [];
    t.informer.addEventHandler({ deleteFunc: (o: unknown) => got.push(o) });
    t.run();
    t.scheduler.flush();
    t.server.remove("a");
    t.lw.last.error(410, "Expired");
    t.scheduler.advance(2000);
    expect(got).toHaveLength(1);
    const ts = got[0] as DeletedFinalStateUnknown;
    expect(ts).toBeInstanceOf(DeletedFinalStateUnknown);
    expect(ts.key).toBe("ns/a");
    expect(deletionHandlingMetaNamespaceKeyFunc(ts)).toBe("ns/a");
    expect((ts.obj as Obj).metadata.resourceVersion).toBe("1");
  });

  it("71: throwing handlers never sync and pause ~1 s after each failure", async () => {
    const t = harness({ pods: [1, 2, 3, 4, 5].map((i) => pod(`p${i}`, i)) });
    const r1 = t.informer.addEventHandler(t.handler("A", { throwOnAdd: true }));
    const r2 = t.informer.addEventHandler(t.handler("B", { throwOnAdd: true }));
    t.run();
    t.scheduler.advance(10_000);
    expect(t.informer.hasSynced()).toBe(true);
    expect([r1.hasSynced(), r2.hasSynced()]).toEqual([false, false]);
    const threw = kinds(t.recorder, "handler.threw");
    expect(threw.filter((e) => (e as unknown as { listener: number }).listener === 0)).toHaveLength(5);
    expect(threw.filter((e) => (e as unknown as { listener: number }).listener === 1)).toHaveLength(5);
    expect(t.seen.filter((s) => s.h === "A").at(-1)!.t).toBeGreaterThanOrEqual(4000);
    expect(await (async () => { const p = waitForCacheSync(t.scheduler, t.stop.signal, () => r1.hasSynced());
      t.scheduler.advance(500); t.stop.abort(); t.scheduler.flush(); return p; })()).toBe(false);
  });

  it("72: a handler added after sync gets one isInInitialList add per cached object before later events", () => {
    const t = harness({ pods: [pod("a", 1), pod("b", 2), pod("c", 3)] });
    t.run();
    t.scheduler.flush();
    expect(t.informer.hasSynced()).toBe(true);
    const reg = t.informer.addEventHandler(t.handler("late"));
    t.lw.last.event("ADDED", pod("d", 4));
    expect(reg.hasSynced()).toBe(false);
    t.scheduler.flush();
    expect(t.seen.map((s) => `${s.type} ${s.name} ${s.initial}`)).toEqual([
      "add a true", "add b true", "add c true", "add d false",
    ]);
    expect(reg.hasSynced()).toBe(true);
    expect(kinds(t.recorder, "listener.synced")).toHaveLength(1);
  });
});

describe("§12.C 51 (informer-level)", () => {
  it("51: indexes over the informer's cache; addIndexers after start indexes existing items at once", () => {
    const labelKeys = (o: unknown) => Object.keys((o as Obj).metadata.labels ?? {});
    const t = harness({ indexers: { labels: labelKeys },
      pods: [pod("pod1", 1, { labels: { a: "1", b: "1" } }), pod("pod2", 2, { labels: { b: "1" } })] });
    t.run();
    t.scheduler.flush();
    const names = (idx: string, v: string) => t.informer.getIndexer().byIndex(idx, v).map((o) => o.metadata.name).sort();
    expect(names("labels", "a")).toEqual(["pod1"]);
    t.lw.last.event("ADDED", pod("pod3", 3, { labels: { a: "1" } }));
    t.scheduler.flush();
    expect(names("labels", "a")).toEqual(["pod1", "pod3"]);
    t.informer.addIndexers({ "labels-again": labelKeys });
    expect(names("labels-again", "a")).toEqual(["pod1", "pod3"]);
    expect(t.informer.getIndexer().listIndexFuncValues("labels").sort()).toEqual(["a", "b"]);
    expect(t.informer.getIndexer().listIndexFuncValues("labels-again").sort()).toEqual(["a", "b"]);
    expect(() => t.informer.addIndexers({ labels: labelKeys })).toThrow(/indexer conflict/);
    t.stop.abort();
    expect(() => t.informer.addIndexers({ more: labelKeys })).toThrow(/stopped already/);
    expect(t.recorder.events.filter((e) => e.kind === "reflector.watch.end").at(-1)).toMatchObject({ reason: "stopped" });
  });
});

describe("waitForCacheSync", () => {
  it("resolves true from a scheduled task once everything synced, polling every 100 ms", async () => {
    const t = harness({ pods: [pod("a", 1)] });
    let ready = false;
    t.scheduler.setTimeout(() => { ready = true; }, 250);
    let settledAt = -1;
    const p = waitForCacheSync(t.scheduler, t.stop.signal, () => ready).then((v) => { settledAt = t.scheduler.now(); return v; });
    await Promise.resolve();
    expect(settledAt).toBe(-1);
    for (let i = 0; i < 10; i++) { t.scheduler.step(); await Promise.resolve(); await Promise.resolve(); }
    expect(await p).toBe(true);
    expect(settledAt).toBe(300);
  });

  it("resolves false when stop is aborted first", async () => {
    const t = harness();
    const p = waitForCacheSync(t.scheduler, t.stop.signal, () => false);
    t.scheduler.advance(1000);
    t.stop.abort();
    t.scheduler.flush();
    expect(await p).toBe(false);
    expect(t.scheduler.pending()).toBe(0);
  });
});

describe("slow handlers", () => {
  it("a slow listener's buffer grows while the others keep up; order is kept", () => {
    const t = harness();
    t.informer.addEventHandler(t.handler("fast"));
    t.informer.addEventHandler(t.handler("slow"));
    t.informer.setListenerDelay(1, 500);
    t.run();
    t.scheduler.flush();
    for (let i = 0; i < 5; i++) t.lw.last.event("ADDED", pod(`p${i}`, i + 1));
    t.scheduler.flush();
    expect(t.of("fast")).toHaveLength(5);
    expect(t.of("slow")).toEqual(["add p0@1"]);
    expect(t.informer.listenerPending(1)).toBe(4);
    const buffered = kinds(t.recorder, "listener.buffered").filter((e) => (e as unknown as { listener: number }).listener === 1);
    expect(buffered.map((e) => (e as unknown as { pending: number }).pending)).toEqual([1, 2, 3, 4, 5]);
    t.scheduler.advance(2000);
    expect(t.of("slow")).toEqual(["add p0@1", "add p1@2", "add p2@3", "add p3@4", "add p4@5"]);
    expect(t.seen.filter((s) => s.h === "slow").map((s) => s.t)).toEqual([0, 500, 1000, 1500, 2000]);
  });
});
