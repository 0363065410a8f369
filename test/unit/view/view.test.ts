import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TraceEvent, TraceKind } from "../../../src/sim/trace.js";
import {
  WorldReplay, applyEvent, cloneWorld, emptyWorld, focusedInformer, foldTrace, indexBuckets, reduce,
  type StageName, type WorldView,
} from "../../../src/sim/view.js";
import { demoTrace } from "../../fixtures/demo-trace.js";
import { ALL_KINDS, SAMPLES, event, record } from "./samples.js";

function fold(...events: TraceEvent[]): WorldView {
  const w = emptyWorld();
  events.forEach((e, i) => applyEvent(w, { ...e, seq: i + 1, time: i * 10 } as never));
  return w;
}

const STAGE_OF: Record<TraceKind, StageName | null> = {
  "server.request": "apiserver", "server.response": "apiserver", "server.write": "apiserver",
  "server.watch.opened": "apiserver", "server.watch.event": "reflector", "server.watch.closed": "apiserver",
  "server.compacted": "apiserver", "server.restarted": "apiserver", "fault.injected": "apiserver",
  "reflector.state": "reflector", "reflector.list.start": "apiserver", "reflector.list.done": "reflector",
  "reflector.list.error": "reflector", "reflector.watch.start": "apiserver", "reflector.watch.event": "reflector",
  "reflector.watch.end": "reflector", "reflector.backoff": "reflector", "reflector.rv": "reflector",
  "reflector.resync": "reflector", "reflector.watchErrorHandler": "reflector", "fifo.queued": "deltafifo", "fifo.skipped": "deltafifo",
  "fifo.replace": "deltafifo", "fifo.popped": "deltafifo", "fifo.closed": "deltafifo",
  "indexer.write": "indexer", "indexer.replace": "indexer", "indexer.indexAdded": "indexer", "indexer.query": "indexer",
  "lister.query": "indexer",
  "processor.distribute": "processor", "processor.listenerAdded": "processor",
  "processor.listenerRemoved": "processor", "processor.resyncCheck": "processor",
  "listener.buffered": "listener", "listener.synced": "listener", "handler.called": "handler",
  "handler.returned": "handler", "handler.threw": "handler", "workqueue.add": "workqueue",
  "workqueue.get": "worker", "workqueue.done": "workqueue", "workqueue.addAfter": "workqueue",
  "workqueue.rateLimited": "workqueue", "workqueue.forget": "workqueue", "workqueue.shutdown": "workqueue",
  "worker.started": "worker", "worker.reconcile": "worker", "worker.result": "worker", "worker.stopped": "worker",
  "runner.start": null, "runner.op": "apiserver", "runner.log": null, "runner.error": null, "runner.end": null, "runner.cacheSync": null,
};

describe("WorldView reducer: every trace kind", () => {
  it.each(ALL_KINDS)("%s is folded: step, time, event and its pipeline stage", (kind) => {
    const w = applyEvent(emptyWorld(), event(kind, {}, 5, 1234));
    expect(w.step).toBe(5);
    expect(w.time).toBe(1234);
    expect(w.event?.kind).toBe(kind);
    expect(w.stage?.stage ?? null).toBe(STAGE_OF[kind]);
  });

  it("has a sample and an expected stage for exactly the known kinds", () => {
    expect(Object.keys(STAGE_OF).sort()).toEqual([...ALL_KINDS].sort());
  });
});

describe("server", () => {
  it("keeps objects with their RV, marks a deleting object, and forgets a deleted one", () => {
    const added = event("server.write", { type: "ADDED", resourceVersion: "10" });
    const mod = event("server.write", {
      type: "MODIFIED", resourceVersion: "11",
      object: { metadata: { name: "web-1", namespace: "default", resourceVersion: "11", deletionTimestamp: "t" } },
    });
    let w = fold(added);
    expect([...w.server.objects.values()].map((o) => [o.key, o.rv, o.deleting])).toEqual([["default/web-1", "10", false]]);
    w = fold(added, mod);
    expect([...w.server.objects.values()].map((o) => [o.key, o.rv, o.deleting])).toEqual([["default/web-1", "11", true]]);
    w = fold(added, mod, event("server.write", { type: "DELETED", resourceVersion: "12" }));
    expect(w.server.objects.size).toBe(0);
    expect(w.server.resourceVersion).toBe("12");
  });

  it("tracks pending requests, open watches, compaction, restarts and partitions", () => {
    let w = fold(event("server.request"));
    expect([...w.server.pending.keys()]).toEqual([1]);
    expect(w.edge).toEqual({ from: { stage: "reflector" }, to: { stage: "apiserver" } });
    w = fold(event("server.request"), event("server.response"));
    expect(w.server.pending.size).toBe(0);
    expect(w.edge).toEqual({ from: { stage: "apiserver" }, to: { stage: "reflector" } });
    w = fold(event("server.watch.opened"), event("server.watch.event"));
    expect(w.server.watches.get(3)?.resourceVersion).toBe("43");
    expect(w.edge).toEqual({ from: { stage: "apiserver" }, to: { stage: "reflector" } });
    w = fold(event("server.watch.opened"), event("server.watch.closed"));
    expect(w.server.watches.size).toBe(0);
    w = fold(event("server.watch.opened"), event("server.compacted"), event("server.restarted"));
    expect([w.server.compactedRV, w.server.restarts, w.server.watches.size, w.server.resourceVersion]).toEqual(["40", 1, 0, "44"]);
    w = fold(event("fault.injected", { fault: "partition" }));
    expect(w.server.partitioned).toBe(true);
    w = fold(event("fault.injected", { fault: "partition" }), event("fault.injected", { fault: "heal" }));
    expect(w.server.partitioned).toBe(false);
  });
});

describe("reflector", () => {
  it("shows its state, the request in flight, the last synced RV, backoff and the last error", () => {
    let w = fold(event("reflector.state", { state: "listing" }), event("reflector.list.start", { resourceVersion: "0" }));
    let r = w.informers.get("pods")!.reflector;
    expect([r.state, r.pending]).toEqual(["listing", { verb: "list", resourceVersion: "0" }]);
    w = fold(event("reflector.list.start"), event("reflector.list.done"), event("reflector.rv", { resourceVersion: "42" }),
      event("reflector.state", { state: "watching" }), event("reflector.watch.start", { resourceVersion: "42" }));
    r = w.informers.get("pods")!.reflector;
    expect([r.state, r.lastRV, r.pending]).toEqual(["watching", "42", { verb: "watch", resourceVersion: "42" }]);
    w = fold(event("reflector.watch.start"), event("reflector.watch.end"), event("reflector.state", { state: "backoff" }), event("reflector.backoff"));
    r = w.informers.get("pods")!.reflector;
    expect([r.state, r.pending, r.backoffMs, r.lastError]).toEqual(["backoff", null, 800, "410 too old"]);
    w = fold(event("reflector.list.start"), event("reflector.list.error"));
    expect(w.informers.get("pods")!.reflector.lastError).toBe("410 Expired");
  });

  it("shows a streaming list (watchList) in flight as the WATCH that streams the initial events, never a LIST", () => {
    // what the Reflector emits for a watch-list start: list.start (streaming) then watch.start (sendInitialEvents)
    const start = [
      event("reflector.state", { state: "listing" }),
      event("reflector.list.start", { resourceVersion: "", resourceVersionMatch: "NotOlderThan", streaming: true }),
    ];
    const streaming = { verb: "watch", resourceVersion: "", sendInitialEvents: true };
    expect(fold(...start).informers.get("pods")!.reflector.pending).toEqual(streaming);
    const opened = [...start, event("reflector.watch.start", { resourceVersion: "", sendInitialEvents: true })];
    expect(fold(...opened).informers.get("pods")!.reflector.pending).toEqual(streaming);
    // the initial-events-end bookmark: the same watch stays open, no longer streaming the initial state
    const synced = [...opened, event("reflector.watch.event", { type: "BOOKMARK", resourceVersion: "7" }),
      event("reflector.list.done", { resourceVersion: "7", items: 2 })];
    const r = fold(...synced).informers.get("pods")!.reflector;
    expect(r.pending).toEqual({ verb: "watch", resourceVersion: "" });
    expect(r.pending).not.toHaveProperty("sendInitialEvents");
    // and a classic LIST still ends with its reply
    expect(fold(event("reflector.list.start", { resourceVersion: "0" }), event("reflector.list.done")).informers.get("pods")!.reflector.pending).toBeNull();
  });
});

describe("DeltaFIFO", () => {
  const q = (key: string, type: "Added" | "Updated" | "Deleted" | "Sync", rv: string, deltas: Array<[string, string]>, newKey: boolean) =>
    event("fifo.queued", { key, delta: { type, rv }, deltas: deltas.map(([t, r]) => ({ type: t as "Added", rv: r })), newKey });

  it("appends a new key at the tail and updates a queued key's deltas in place", () => {
    const w = fold(
      q("a", "Added", "1", [["Added", "1"]], true),
      q("b", "Added", "2", [["Added", "2"]], true),
      q("a", "Updated", "3", [["Added", "1"], ["Updated", "3"]], false),
    );
    const fifo = w.informers.get("pods")!.fifo;
    expect(fifo.entries.map((e) => [e.key, e.deltas.map((d) => `${d.type}@${d.rv}`)])).toEqual([
      ["a", ["Added@1", "Updated@3"]], ["b", ["Added@2"]],
    ]);
  });

  it("removes the popped key and remembers it for the current step", () => {
    const w = fold(
      q("a", "Added", "1", [["Added", "1"]], true), q("b", "Added", "2", [["Added", "2"]], true),
      event("fifo.popped", { key: "a", deltas: [{ type: "Added", rv: "1" }] }),
    );
    const fifo = w.informers.get("pods")!.fifo;
    expect(fifo.entries.map((e) => e.key)).toEqual(["b"]);
    expect(fifo.lastPopped?.key).toBe("a");
    expect(fold(q("a", "Added", "1", [["Added", "1"]], true), event("fifo.popped", { key: "a" }), event("fifo.skipped"))
      .informers.get("pods")!.fifo.lastPopped).toBeNull();
  });

  it("keeps one entry per event for a RealFIFO (newKey on every event)", () => {
    const w = fold(q("a", "Added", "1", [["Added", "1"]], true), q("a", "Updated", "2", [["Updated", "2"]], true));
    expect(w.informers.get("pods")!.fifo.entries.map((e) => e.deltas[0]!.type)).toEqual(["Added", "Updated"]);
    expect(fold(event("fifo.closed")).informers.get("pods")!.fifo.closed).toBe(true);
  });
});

describe("indexer", () => {
  it("stores objects with RV and groups keys into index buckets", () => {
    const w = fold(
      event("indexer.indexAdded", { indexName: "byApp" }),
      event("indexer.write", { op: "add", key: "default/a", resourceVersion: "1", indexes: { namespace: ["default"], byApp: ["web"] } }),
      event("indexer.write", { op: "add", key: "kube/b", resourceVersion: "2", indexes: { namespace: ["kube"], byApp: ["web"] } }),
      event("indexer.write", { op: "update", key: "default/a", resourceVersion: "3", indexes: { namespace: ["default"], byApp: ["db"] } }),
    );
    const idx = w.informers.get("pods")!.indexer;
    expect([...idx.objects.values()].map((o) => [o.key, o.rv])).toEqual([["default/a", "3"], ["kube/b", "2"]]);
    const buckets = indexBuckets(idx);
    expect([...buckets.get("byApp")!.entries()]).toEqual([["db", ["default/a"]], ["web", ["kube/b"]]]);
    expect([...buckets.get("namespace")!.entries()]).toEqual([["default", ["default/a"]], ["kube", ["kube/b"]]]);
    const after = applyEvent(w, event("indexer.write", { op: "delete", key: "kube/b", resourceVersion: "4", indexes: { namespace: [] } }, 9));
    expect([...after.informers.get("pods")!.indexer.objects.keys()]).toEqual(["default/a"]);
    expect(fold(event("indexer.replace")).informers.get("pods")!.indexer.lastReplaceItems).toBe(3);
  });
});

describe("listeners and handlers", () => {
  it("buffers notifications per listener and hands the oldest to the handler", () => {
    const b = (key: string, pending: number) => event("listener.buffered", { listener: 1, key, notification: "add", pending });
    const w = fold(b("a", 1), b("b", 2), b("c", 3),
      event("handler.called", { listener: 1, key: "a", notification: "add", pending: 2 }));
    const l = w.informers.get("pods")!.listeners.get(1)!;
    expect(l.buffer.map((n) => n.key)).toEqual(["b", "c"]);
    expect(l.active?.key).toBe("a");
    expect(w.edge).toEqual({ from: { stage: "listener", index: 1 }, to: { stage: "handler", index: 1 } });
    expect(w.handlerLog.map((h) => [h.key, h.outcome])).toEqual([["a", "called"]]);
    const after = applyEvent(w, event("handler.threw", { listener: 1, key: "a" }, 10));
    const l2 = after.informers.get("pods")!.listeners.get(1)!;
    expect([l2.active, l2.errors, l2.calls, after.handlerCalls]).toEqual([null, 1, 1, 1]);
    expect(after.handlerLog.at(-1)).toMatchObject({ key: "a", outcome: "threw", message: "boom" });
  });

  it("records listener registration, resync period, removal and sync", () => {
    let w = fold(event("processor.listenerAdded"), event("listener.synced"));
    expect(w.informers.get("pods")!.listeners.get(1)).toMatchObject({ resyncPeriodMs: 1000, synced: true, removed: false });
    w = fold(event("processor.listenerAdded"), event("listener.buffered"), event("processor.listenerRemoved"));
    expect(w.informers.get("pods")!.listeners.get(1)).toMatchObject({ removed: true });
    expect([...w.informers.get("pods")!.listeners.get(1)!.buffer]).toEqual([]);
  });
});

describe("workqueue and workers", () => {
  const add = (key: string, o: { deduplicated?: boolean; processing?: boolean } = {}) =>
    event("workqueue.add", { key, deduplicated: o.deduplicated ?? false, processing: o.processing ?? false });

  it("moves a key through queue/dirty → processing → done, and re-queues a key added while processing", () => {
    let w = fold(add("a"), add("b"), add("a", { deduplicated: true }));
    let q = w.workqueues.get("ctl")!;
    expect([q.queue, q.dirty]).toEqual([["a", "b"], ["a", "b"]]);
    w = fold(add("a"), add("b"), event("workqueue.get", { key: "a", worker: 1 }));
    q = w.workqueues.get("ctl")!;
    expect([q.queue, q.dirty, [...q.processing]]).toEqual([["b"], ["b"], [["a", 1]]]);
    expect(w.edge).toEqual({ from: { stage: "workqueue" }, to: { stage: "worker", index: 1 } });
    w = fold(add("a"), event("workqueue.get", { key: "a", worker: 1 }), add("a", { processing: true }));
    q = w.workqueues.get("ctl")!;
    expect([q.queue, q.dirty]).toEqual([[], ["a"]]);
    w = fold(add("a"), event("workqueue.get", { key: "a", worker: 1 }), add("a", { processing: true }),
      event("workqueue.done", { key: "a", requeued: true }));
    q = w.workqueues.get("ctl")!;
    expect([q.queue, q.dirty, q.processing.size]).toEqual([["a"], ["a"], 0]);
    expect(w.edge).toEqual({ from: { stage: "worker", index: 1 }, to: { stage: "workqueue" } });
  });

  it("holds delayed items until their timer re-adds them, counts requeues, forgets and shuts down", () => {
    const w = emptyWorld();
    applyEvent(w, event("workqueue.rateLimited", { key: "x", requeues: 2 }, 1, 100));
    applyEvent(w, event("workqueue.addAfter", { key: "x", delayMs: 50, readyAt: 150 }, 2, 100));
    let q = w.workqueues.get("ctl")!;
    expect([[...q.delayed], q.requeues.get("x")]).toEqual([[["x", 150]], 2]);
    applyEvent(w, event("workqueue.add", { key: "x", deduplicated: false, processing: false }, 3, 150));
    q = w.workqueues.get("ctl")!;
    expect([q.delayed.size, q.queue]).toEqual([0, ["x"]]);
    applyEvent(w, event("workqueue.forget", { key: "x" }, 4, 150));
    applyEvent(w, event("workqueue.shutdown", {}, 5, 150));
    expect([q.requeues.has("x"), q.shutdown]).toEqual([false, true]);
  });

  it("shows each worker idle, reconciling or stopped", () => {
    let w = fold(event("worker.started"), event("worker.reconcile"));
    expect(w.workers.get("ctl#0")).toMatchObject({ state: "reconciling", key: "default/web-1" });
    w = fold(event("worker.started"), event("worker.reconcile"), event("worker.result"));
    expect(w.workers.get("ctl#0")).toMatchObject({ state: "idle", key: null, lastResult: "requeue" });
    w = fold(event("worker.started"), event("worker.stopped"));
    expect(w.workers.get("ctl#0")?.state).toBe("stopped");
  });

  it("shows a hand-written worker (get/done, no worker.* events) reconciling, then its outcome", () => {
    const get = (key: string, worker: number) => event("workqueue.get", { key, worker });
    const done = (key: string) => event("workqueue.done", { key, requeued: false });
    let w = fold(add("a"), get("a", 1));
    expect(w.workers.get("ctl#1")).toMatchObject({ state: "reconciling", key: "a" });
    // failed: addRateLimited before done
    w = fold(add("a"), get("a", 1), event("workqueue.rateLimited", { key: "a", requeues: 1 }),
      event("workqueue.addAfter", { key: "a", delayMs: 5, readyAt: 1_000 }), done("a"));
    expect(w.workers.get("ctl#1")).toMatchObject({ state: "idle", key: null, lastResult: "error" });
    // then succeeded (forget), although the key's earlier delayed re-add is still pending
    w = fold(add("a"), get("a", 1), event("workqueue.rateLimited", { key: "a", requeues: 1 }),
      event("workqueue.addAfter", { key: "a", delayMs: 5, readyAt: 1_000 }), done("a"),
      add("a"), get("a", 1), event("workqueue.forget", { key: "a" }), done("a"));
    expect(w.workers.get("ctl#1")).toMatchObject({ state: "idle", key: null, lastResult: "success" });
    // addAfter alone: a requeue
    w = fold(add("b"), get("b", 0), event("workqueue.addAfter", { key: "b", delayMs: 500, readyAt: 900 }), done("b"));
    expect(w.workers.get("ctl#0")?.lastResult).toBe("requeue");
    // a controller's worker reports its own result first; the queue events after it change nothing
    w = fold(event("worker.started"), add("default/web-1"), get("default/web-1", 0), event("worker.reconcile"),
      event("worker.result", { result: "success" }), event("workqueue.forget", { key: "default/web-1" }), done("default/web-1"));
    expect(w.workers.get("ctl#0")).toMatchObject({ state: "idle", lastResult: "success" });
    expect(w.workers.size).toBe(1);
  });

  it("counts log lines and records how the run ended", () => {
    const w = fold(event("runner.start"), event("runner.log"), event("runner.log"), event("runner.end"));
    expect([w.logLines, w.ended]).toEqual([2, "timeout"]);
  });
});

describe("purity and replay", () => {
  it("reduce returns a new world and leaves its input untouched", () => {
    const before = fold(event("fifo.queued"));
    const copy = cloneWorld(before);
    const after = reduce(before, event("fifo.popped", {}, 2));
    expect(before).toEqual(copy);
    expect([...after.informers.get("pods")!.fifo.entries]).toEqual([]);
  });

  it("seek(n) equals folding n events from zero, at every step, forwards and backwards", () => {
    const trace = demoTrace({ pods: 5, writes: 14 });
    const replay = new WorldReplay(trace, { snapshotEvery: 7 });
    expect(replay.length).toBe(trace.length);
    for (let n = 0; n <= trace.length; n++) expect(replay.seek(n)).toEqual(foldTrace(trace, n));
    for (let n = trace.length; n >= 0; n -= 3) expect(replay.seek(n)).toEqual(foldTrace(trace, n));
  });

  it("peek(n) shows the same world as seek(n), whatever order the steps come in", () => {
    const trace = demoTrace({ seed: 8 });
    const replay = new WorldReplay(trace, { snapshotEvery: 6 });
    const order = [0, 1, 2, 3, 10, 11, 40, 39, 5, trace.length, 7, 8, 9, 20, 13];
    for (const n of order) expect(replay.peek(n)).toEqual(foldTrace(trace, n));
  });

  it("a view returned by seek is the caller's copy", () => {
    const trace = demoTrace();
    const replay = new WorldReplay(trace, { snapshotEvery: 4 });
    const v = replay.seek(8);
    v.informers.clear();
    v.server.objects.clear();
    expect(replay.seek(8)).toEqual(foldTrace(trace, 8));
  });

  it("clamps seek to 0..length and rejects a bad snapshot interval", () => {
    const trace = demoTrace({ pods: 2, writes: 2 });
    const replay = new WorldReplay(trace);
    expect(replay.seek(-5).step).toBe(0);
    expect(replay.seek(trace.length + 10).step).toBe(trace.length);
    expect(() => new WorldReplay(trace, { snapshotEvery: 0 })).toThrow(/snapshotEvery/);
  });

  it("folds a 10,000-event trace and seeks anywhere in it", () => {
    const trace = demoTrace({ pods: 200, writes: 1200, backlog: 300 });
    expect(trace.length).toBeGreaterThan(10_000);
    const replay = new WorldReplay(trace);
    const last = replay.seek(trace.length);
    expect(last).toEqual(foldTrace(trace));
    expect(focusedInformer(last)!.fifo.entries.length).toBe(300);
    expect(replay.seek(5000)).toEqual(foldTrace(trace, 5000));
  });

  it("property: for random traces, seek(n) equals the fold from zero and reduce never mutates", () => {
    const keys = ["a", "b", "c"];
    const arbEvent = fc.tuple(fc.constantFrom(...ALL_KINDS), fc.constantFrom(...keys), fc.integer({ min: 0, max: 3 }), fc.boolean())
      .map(([kind, key, n, flag]) => {
        const base = SAMPLES[kind] as unknown as Record<string, unknown>;
        const e: Record<string, unknown> = { ...base };
        if ("key" in e) e.key = key;
        if ("listener" in e) e.listener = n % 2;
        if ("worker" in e) e.worker = n % 2;
        if ("newKey" in e) e.newKey = flag;
        if ("deduplicated" in e) e.deduplicated = flag && n === 0;
        if ("processing" in e && kind === "workqueue.add") e.processing = n === 1;
        if ("pending" in e) e.pending = n;
        if ("requeued" in e) e.requeued = flag;
        if ("op" in e && kind === "indexer.write") e.op = ["add", "update", "delete"][n % 3];
        if (kind === "server.write") e.type = ["ADDED", "MODIFIED", "DELETED"][n % 3];
        if ("resourceVersion" in e) e.resourceVersion = String(10 + n);
        return e;
      });
    fc.assert(
      fc.property(fc.array(arbEvent, { maxLength: 120 }), fc.integer({ min: 1, max: 9 }), fc.nat(), (inputs, k, pick) => {
        const trace = record(inputs as never);
        const replay = new WorldReplay(trace, { snapshotEvery: k });
        const n = trace.length === 0 ? 0 : pick % (trace.length + 1);
        expect(replay.seek(n)).toEqual(foldTrace(trace, n));
        if (n > 0) {
          const before = foldTrace(trace, n - 1);
          const frozen = cloneWorld(before);
          reduce(before, trace[n - 1]!);
          expect(before).toEqual(frozen);
        }
      }),
      { numRuns: 150 },
    );
  });
});
