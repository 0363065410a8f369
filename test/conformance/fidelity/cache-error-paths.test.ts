/**
 * Issue 16, cache side: the informer's error paths as real client-go has them. Each test states the
 * rule and names the source it was read from (kubernetes/client-go master 32ce75a7, the revision of
 * spec/client-go.md §0.1).
 */
import { describe, expect, it } from "vitest";
import {
  AtomicFIFO, CLIENT_CONNECTION_TIMEOUT_MS, CLIENT_DIAL_TIMEOUT_MS, connectionLost, dialTimeout, DeletedFinalStateUnknown, DeltaFIFO, KeyError, newApiError,
  RealFIFO, Reflector, Scheduler, SharedIndexInformer, waitForCacheSync, watchConnectionLost, WorkQueue,
  type ApiError, type ListerWatcher,
} from "../../../src/index.js";
import { known, obj, show, showDeltas, type TestObj } from "../cache/helpers.js";
import { expired, FakeListerWatcher, pod, RecordingStore, type Obj } from "../../unit/informer/fakes.js";
import { harness } from "../../unit/informer/harness.js";

/** A transform that throws on the object named `bad` (optionally only while `armed()`). */
function throwingOn(bad: string, armed: () => boolean = () => true) {
  return (o: unknown): unknown => {
    const name = (o as TestObj).metadata.name;
    if (name === bad && armed()) throw new Error(`cannot transform ${name}`);
    return o;
  };
}

const queued = (f: { list(): unknown[] }) => f.list().map(show);

describe("item 1 — a transform that throws on a listed object", () => {
  it("DeltaFIFO.Replace keeps the items queued before the bad one and reports \"couldn't enqueue object\" (delta_fifo.go Replace → queueActionInternalLocked)", () => {
    // delta_fifo.go Replace: for each item, KeyOf then queueActionInternalLocked (which runs the
    // transformer); an error returns `couldn't enqueue object: <err>` at once — earlier items stay.
    const f = new DeltaFIFO({ emitDeltaTypeReplaced: true, knownObjects: known(obj("gone", 1)), transformer: throwingOn("b") });
    expect(() => f.replace([obj("a", 2), obj("b", 3), obj("c", 4)], "4")).toThrow("couldn't enqueue object: cannot transform b");
    expect(f.listKeys()).toEqual(["a"]);
    // no deletion detection ran, and the FIFO is not populated: a pop is still "initial list"
    expect(f.hasSynced()).toBe(false);
    let initial: boolean | undefined;
    f.pop((_d, isInInitialList) => { initial = isInInitialList; });
    expect(initial).toBe(true);
    expect(f.hasSynced()).toBe(false);
  });

  it("RealFIFO (non-atomic) keeps the tombstones and the items before the bad one (the_real_fifo.go reconcileReplacement)", () => {
    // reconcileReplacement: keys of all new items first, then the tombstones (onDelete), then onReplace
    // per item in order; an onReplace error returns `couldn't enqueue object: %w`.
    const f = new RealFIFO({ knownObjects: known(obj("gone", 1)), transformer: throwingOn("b") });
    expect(() => f.replace([obj("a", 2), obj("b", 3), obj("c", 4)], "4")).toThrow("couldn't enqueue object: cannot transform b");
    expect(f.listKeys()).toEqual(["gone", "a"]);
    expect(showDeltas(f.getByKey("gone"))).toEqual(["Deleted T(gone, gone@1)"]);
    expect(f.hasSynced()).toBe(false);
  });

  it("AtomicFIFO queues nothing: every object is transformed before the one ReplacedAll entry (the_real_fifo.go addReplaceToItemsLocked)", () => {
    const f = new AtomicFIFO({ transformer: throwingOn("b") });
    expect(() => f.replace([obj("a", 2), obj("b", 3)], "3")).toThrow("cannot transform b");
    expect(f.length()).toBe(0);
    expect(f.hasSynced()).toBe(false);
  });

  it("the Reflector turns the failed Replace into a ListAndWatch error: handler, backoff, relist (reflector.go list → syncWith, RunWithContext)", () => {
    // list(): `if err := r.syncWith(items, resourceVersion); err != nil { return fmt.Errorf("unable to
    // sync list result: %v", err) }` — before setLastSyncResourceVersion; RunWithContext calls the
    // watch error handler with it, then waits one backoff step and runs ListAndWatch again.
    const scheduler = new Scheduler({ seed: 5 });
    const lw = new FakeListerWatcher(scheduler, () => ({ items: [pod("a", 2), pod("b", 3)], rv: "3" }));
    let failures = 1;
    const store = new RecordingStore();
    const realReplace = store.replace.bind(store);
    store.replace = (list, rv) => {
      if (failures-- > 0) throw new Error("couldn't enqueue object: cannot transform b");
      realReplace(list, rv);
    };
    const errors: string[] = [];
    const r = new Reflector(lw, store, { scheduler, name: "pods", backoff: { jitter: 0 },
      watchErrorHandler: (e) => errors.push(e.message) });
    r.run(new AbortController().signal);
    scheduler.flush();
    expect(errors).toEqual(["unable to sync list result: couldn't enqueue object: cannot transform b"]);
    expect(r.lastSyncResourceVersion()).toBe("");
    expect(lw.watches).toHaveLength(0);
    expect(lw.lists).toHaveLength(1);
    scheduler.advance(799);
    expect(lw.lists).toHaveLength(1);
    scheduler.advance(1);
    expect(lw.lists).toHaveLength(2);
    expect(lw.lists[1]!.resourceVersion).toBe("0"); // never synced: still RV "0"
    expect(store.snapshot()).toEqual({ a: "2", b: "3" });
    expect(lw.watches).toHaveLength(1);
  });

  it("end to end: the informer delivers the items queued before the bad one, the handler sees the error, the relist syncs (no exception escapes the scheduler)", () => {
    let armed = true;
    const t = harness({ pods: [pod("a", 1), pod("b", 2), pod("c", 3)], backoff: { jitter: 0 } });
    t.informer.setTransform(throwingOn("b", () => armed) as (o: unknown) => unknown);
    const errors: string[] = [];
    t.informer.setWatchErrorHandler((e) => errors.push(e.message));
    t.informer.addEventHandler(t.handler("h"));
    t.run();
    expect(() => t.scheduler.flush()).not.toThrow();
    expect(errors).toEqual(["unable to sync list result: couldn't enqueue object: cannot transform b"]);
    expect(t.of("h")).toEqual(["add a@1"]);
    expect(t.informer.hasSynced()).toBe(false);
    armed = false;
    t.scheduler.advance(800);
    expect(t.of("h")).toEqual(["add a@1", "update a@1", "add b@2", "add c@3"]);
    expect(t.informer.hasSynced()).toBe(true);
  });
});

describe("item 13 — a key error in the middle of Replace", () => {
  it("DeltaFIFO keeps the items queued before the bad one (delta_fifo.go Replace: KeyOf per item, `return KeyError{item, err}`)", () => {
    const f = new DeltaFIFO({ emitDeltaTypeReplaced: true });
    f.add(obj("x", 1));
    expect(() => f.replace([obj("a", 2), { nometa: true }, obj("c", 3)], "3")).toThrow(KeyError);
    expect(f.listKeys()).toEqual(["x", "a"]);
    expect(showDeltas(f.getByKey("a"))).toEqual(["Replaced a@2"]);
    // "x" is not in the list, but deletion detection never ran
    expect(showDeltas(f.getByKey("x"))).toEqual(["Added x@1"]);
  });

  it("RealFIFO computes every key first, so a key error leaves it untouched (the_real_fifo.go reconcileReplacement)", () => {
    const f = new RealFIFO({ knownObjects: known() });
    f.add(obj("x", 1));
    expect(() => f.replace([obj("a", 2), { nometa: true }], "2")).toThrow(KeyError);
    expect(queued(f)).toEqual(["x@1"]);
  });
});

describe("item 5 — workqueue drain and an extra done()", () => {
  it("shutDownWithDrain waits for processing items only, not for queued ones (queue.go ShutDownWithDrain: `for q.processing.Len() != 0 && q.drain`)", async () => {
    const s = new Scheduler();
    const q = new WorkQueue<string>({ scheduler: s });
    q.add("busy");
    q.add("waiting");
    expect(q.get()).toEqual(["busy", false]);
    let drained = false;
    void q.shutDownWithDrain().then(() => { drained = true; });
    s.flush();
    await Promise.resolve();
    expect(drained).toBe(false); // "busy" is processing
    q.done("busy");
    s.flush();
    await Promise.resolve();
    expect(drained).toBe(true); // "waiting" is still queued, and a worker may still take it
    expect(q.len()).toBe(1);
    expect(q.get()).toEqual(["waiting", false]);
  });

  it("done() for an item waiting in the queue pushes it again (queue.go Typed.Done: `if q.dirty.Has(item) { q.queue.Push(item) }`)", () => {
    const q = new WorkQueue<string>();
    q.add("a");
    q.done("a"); // never handed out: still dirty ⇒ pushed a second time
    expect(q.queued()).toEqual(["a", "a"]);
    expect(q.get()).toEqual(["a", false]);
    expect(q.get()).toEqual(["a", false]);
    expect(q.get()).toEqual([undefined, false]);
    q.done("b"); // neither dirty nor processing: nothing happens
    expect(q.len()).toBe(0);
  });
});

describe("item 6 — a handler that throws", () => {
  it("the next notification is handled 1 s after it arrives, not 1 s after the failure (shared_informer.go processorListener.run: sleepAfterCrash, time.Sleep after receiving)", () => {
    const t = harness({ pods: [pod("a", 1)] });
    const calls: string[] = [];
    let throwNext = true;
    t.informer.addEventHandler({
      onAdd: (o: Obj) => {
        calls.push(`add ${o.metadata.name} @${t.scheduler.now()}`);
        if (throwNext) { throwNext = false; throw new Error("boom"); }
      },
      onUpdate: () => {},
      onDelete: () => {},
    });
    t.run();
    t.scheduler.flush();
    expect(calls).toEqual(["add a @0"]);
    // the next notification arrives 5 s after the failure: it is still delayed one second from its arrival
    t.scheduler.advance(5000);
    t.lw.last.event("ADDED", pod("b", 2));
    t.scheduler.advance(999);
    expect(calls).toEqual(["add a @0"]);
    t.scheduler.advance(1);
    expect(calls).toEqual(["add a @0", "add b @6000"]);
    // after a success there is no pause
    t.lw.last.event("ADDED", pod("c", 3));
    t.scheduler.flush();
    expect(calls).toEqual(["add a @0", "add b @6000", "add c @6000"]);
  });
});

describe("item 9 — the immediate retry after a 410 list", () => {
  it("is one unpaged list at RV \"\" when the failed relist was at the last RV (reflector.go list: the retry reuses the pager whose PageSize the first RV set to 0)", () => {
    const scheduler = new Scheduler({ seed: 1 });
    let call = 0;
    const lw = new FakeListerWatcher(scheduler, (o) => {
      call++;
      if (call === 2) return { error: expired() };
      return { items: [pod("a", 5)], rv: o.resourceVersion === "" ? "9" : "5" };
    });
    const r = new Reflector(lw, new RecordingStore(), { scheduler, name: "pods", backoff: { jitter: 0 } });
    r.run(new AbortController().signal);
    scheduler.flush();
    lw.last.error(410, "Expired"); // watch expired ⇒ relist at the last RV
    scheduler.advance(1000);
    expect(lw.lists).toEqual([
      { resourceVersion: "0", limit: 500 },
      { resourceVersion: "5" },          // unpaged so the watch cache can serve it
      { resourceVersion: "" },           // the retry: same pager, still unpaged
    ]);
    expect(r.lastSyncResourceVersion()).toBe("9");
  });

  it("keeps a WatchListPageSize on the retry (the pager keeps its PageSize)", () => {
    const scheduler = new Scheduler({ seed: 1 });
    let call = 0;
    const lw = new FakeListerWatcher(scheduler, () => (++call === 2 ? { error: expired() } : { items: [], rv: "5" }));
    const r = new Reflector(lw, new RecordingStore(), { scheduler, name: "pods", pageSize: 50, backoff: { jitter: 0 } });
    r.run(new AbortController().signal);
    scheduler.flush();
    lw.last.error(410, "Expired");
    scheduler.advance(1000);
    expect(lw.lists.map((o) => o.limit)).toEqual([50, 50, 50]);
  });
});

describe("item 12 — an already-aborted stop", () => {
  it("waitForCacheSync checks once first and answers true for synced caches (shared_informer.go WaitForCacheSync → wait.PollImmediateUntil)", async () => {
    const s = new Scheduler();
    const stop = new AbortController();
    stop.abort();
    const synced = waitForCacheSync(s, stop.signal, () => true);
    const unsynced = waitForCacheSync(s, stop.signal, () => false);
    s.flush();
    expect(await synced).toBe(true);
    expect(await unsynced).toBe(false);
  });

  it("the factory's waitForCacheSync reports synced informers as true (informers/factory.go WaitForCacheSyncWithContext: WaitFor, then informer.HasSynced() per informer)", async () => {
    const { ApiServer, SharedInformerFactory } = await import("../../../src/index.js");
    const s = new Scheduler();
    const server = new ApiServer(s);
    const factory = new SharedInformerFactory(server, 0);
    factory.core().v1().pods().informer();
    const run = new AbortController();
    factory.start(run.signal);
    s.advance(1000);
    factory.core().v1().configMaps().informer();
    const late = new AbortController();
    late.abort();
    factory.start(late.signal); // the configmaps informer starts with an aborted stop: never syncs
    const aborted = new AbortController();
    aborted.abort();
    const result = factory.waitForCacheSync(aborted.signal);
    s.flush();
    expect(await result).toEqual({ pods: true, configmaps: false });
  });

  it("run() with an aborted stop marks the informer started, then stopped (shared_informer.go RunWithContext: `s.started = true` before the controller runs; `s.stopped = true` when it returns)", () => {
    const s = new Scheduler();
    const lw = new FakeListerWatcher(s, () => ({ items: [], rv: "1" }));
    const informer = new SharedIndexInformer(lw as unknown as ListerWatcher<Obj & { metadata: { name: string } }>, { scheduler: s });
    const stop = new AbortController();
    stop.abort();
    informer.run(stop.signal);
    s.flush();
    expect(informer.hasStarted()).toBe(true);
    expect(informer.isStopped()).toBe(true);
    expect(() => informer.setTransform((o) => o)).toThrow("informer has already started");
    expect(lw.lists).toHaveLength(0);
  });
});

describe("tombstones are never transformed", () => {
  it("a DeletedFinalStateUnknown enters Replace's deletions untransformed even when the transform throws on everything", () => {
    const f = new DeltaFIFO({ knownObjects: known(obj("gone", 1)), transformer: () => { throw new Error("no"); } });
    f.replace([], "1");
    const d = f.getByKey("gone");
    expect(d?.[0]?.object).toBeInstanceOf(DeletedFinalStateUnknown);
  });
});

/** A ListerWatcher whose every request hangs until the client gives up (a "timeout" partition). */
class HangingListerWatcher implements ListerWatcher<unknown> {
  readonly requests: string[] = [];
  hanging = true;
  readonly inner: FakeListerWatcher;
  constructor(private readonly scheduler: Scheduler, items: () => Obj[]) {
    this.inner = new FakeListerWatcher(scheduler, () => ({ items: items(), rv: "5" }));
  }
  /** The error of the list after the next hanging one (a retry that must dial: DialTimeout after 30 s). */
  failNextWith: (() => ApiError) | undefined;
  private lost = false;
  list(options: Parameters<ListerWatcher<unknown>["list"]>[0], done: Parameters<ListerWatcher<unknown>["list"]>[1]): void {
    this.requests.push(`list@${this.scheduler.now()}`);
    if (!this.hanging) return this.inner.list(options, done);
    const next = this.failNextWith;
    if (this.lost && next !== undefined) {
      this.scheduler.setTimeout(() => done(next()), CLIENT_DIAL_TIMEOUT_MS);
      return;
    }
    this.lost = true;
    this.scheduler.setTimeout(() => done(connectionLost()), CLIENT_CONNECTION_TIMEOUT_MS);
  }
  watch(options: Parameters<ListerWatcher<unknown>["watch"]>[0], sink: Parameters<ListerWatcher<unknown>["watch"]>[1]) {
    this.requests.push(`watch@${this.scheduler.now()}`);
    if (!this.hanging) return this.inner.watch(options, sink);
    let stopped = false;
    this.scheduler.setTimeout(() => { if (!stopped) sink.onClose(connectionLost()); }, CLIENT_CONNECTION_TIMEOUT_MS);
    return { stop: () => { stopped = true; } };
  }
}

describe("item 14 (reflector side) — a \"timeout\" partition", () => {
  it("a LIST whose connection is lost is retried by the REST client 1 s later; when that try gets through, the handler hears nothing (rest/request.go request(): a GET's IsHTTP2ConnectionLost is retryable; with_retry.go retryAfterResponse: Retry-After 1)", () => {
    const scheduler = new Scheduler({ seed: 2 });
    const lw = new HangingListerWatcher(scheduler, () => [pod("a", 5)]);
    const errors: string[] = [];
    const store = new RecordingStore();
    const r = new Reflector(lw, store, { scheduler, name: "pods", typeDescription: "*v1.Pod", backoff: { jitter: 0 }, watchErrorHandler: (e) => errors.push(e.message) });
    r.run(new AbortController().signal);
    scheduler.advance(CLIENT_CONNECTION_TIMEOUT_MS);
    expect(errors).toEqual([]);
    lw.hanging = false; // healed before the retry
    scheduler.advance(1_000);
    expect(lw.requests).toEqual(["list@0", "list@46000", "watch@46000"]);
    expect(store.snapshot()).toEqual({ a: "5" });
    expect(errors).toEqual([]);
  });

  it("when the retry cannot dial either, the LIST fails with both errors: the handler hears \"<dial timeout> - error from a previous attempt: http2: client connection lost\", then backoff and a relist (with_retry.go WrapPreviousError; a dial timeout is not retryable for a GET)", () => {
    const scheduler = new Scheduler({ seed: 2 });
    const lw = new HangingListerWatcher(scheduler, () => [pod("a", 5)]);
    lw.failNextWith = () => dialTimeout();
    const errors: string[] = [];
    const r = new Reflector(lw, new RecordingStore(), { scheduler, name: "pods", typeDescription: "*v1.Pod", backoff: { jitter: 0 }, watchErrorHandler: (e) => errors.push(e.message) });
    r.run(new AbortController().signal);
    scheduler.advance(CLIENT_CONNECTION_TIMEOUT_MS + 1_000 + CLIENT_DIAL_TIMEOUT_MS - 1);
    expect(errors).toEqual([]);
    scheduler.advance(1);
    expect(errors).toEqual(["failed to list *v1.Pod: dial tcp 10.96.0.1:443: i/o timeout - error from a previous attempt: http2: client connection lost"]);
    expect(lw.requests).toEqual(["list@0", "list@46000"]);
    lw.hanging = false;
    scheduler.advance(800);
    expect(lw.requests).toEqual(["list@0", "list@46000", "list@76800", "watch@76800"]);
  });

  it("a LIST lost again on every retry gives up after 10 retries, 11 tries in all (rest.Request maxRetries 10)", () => {
    const scheduler = new Scheduler({ seed: 2 });
    const lw = new HangingListerWatcher(scheduler, () => [pod("a", 5)]);
    const errors: string[] = [];
    const r = new Reflector(lw, new RecordingStore(), { scheduler, name: "pods", typeDescription: "*v1.Pod", backoff: { jitter: 0 }, watchErrorHandler: (e) => errors.push(e.message) });
    r.run(new AbortController().signal);
    scheduler.advance(11 * CLIENT_CONNECTION_TIMEOUT_MS + 10 * 1_000);
    expect(lw.requests.filter((q) => q.startsWith("list"))).toHaveLength(11);
    expect(errors).toEqual(["failed to list *v1.Pod: http2: client connection lost"]);
  });

  it("a watch request that hangs until the client's timeout is not retried in place: handler, backoff, relist (reflector.go isWatchErrorRetriable: only connection refused and 429 are)", () => {
    const scheduler = new Scheduler({ seed: 2 });
    const lw = new HangingListerWatcher(scheduler, () => [pod("a", 5)]);
    lw.hanging = false;
    const errors: string[] = [];
    const r = new Reflector(lw, new RecordingStore(), { scheduler, name: "pods", backoff: { jitter: 0 }, watchErrorHandler: (e) => errors.push(e.message) });
    r.run(new AbortController().signal);
    scheduler.advance(300_000);
    lw.hanging = true;     // the network drops …
    lw.inner.last.close(); // … as the server closes the watch normally (timeoutSeconds): the re-watch hangs
    scheduler.flush();
    expect(lw.requests).toEqual(["list@0", "watch@0", "watch@300000"]);
    scheduler.advance(CLIENT_CONNECTION_TIMEOUT_MS);
    expect(errors).toEqual(["http2: client connection lost"]);
    scheduler.advance(800);
    expect(lw.requests.slice(3)).toEqual(["list@345800"]); // a relist, not a re-watch
  });

  it("an established watch that goes silent ends with the client's ERROR 500; ListAndWatch returns without error: no handler, backoff, relist (reflector.go watch: `default: … watch ended with error` then `return nil`)", () => {
    const scheduler = new Scheduler({ seed: 2 });
    const lw = new FakeListerWatcher(scheduler, () => ({ items: [pod("a", 5)], rv: "5" }));
    const errors: string[] = [];
    const r = new Reflector(lw, new RecordingStore(), { scheduler, name: "pods", backoff: { jitter: 0 }, watchErrorHandler: (e) => errors.push(e.message) });
    r.run(new AbortController().signal);
    scheduler.flush();
    scheduler.advance(CLIENT_CONNECTION_TIMEOUT_MS);
    lw.last.event("ERROR", watchConnectionLost());
    scheduler.advance(800);
    expect(errors).toEqual([]);
    expect(lw.lists.map((o) => o.resourceVersion)).toEqual(["0", "5"]);
  });

  it("connection refused stays different: the watch is retried after backoff without a relist", () => {
    const scheduler = new Scheduler({ seed: 2 });
    const lw = new FakeListerWatcher(scheduler, () => ({ items: [], rv: "5" }));
    const errors: string[] = [];
    const r = new Reflector(lw, new RecordingStore(), { scheduler, name: "pods", backoff: { jitter: 0 }, watchErrorHandler: (e) => errors.push(e.message) });
    r.run(new AbortController().signal);
    scheduler.flush();
    scheduler.advance(300_000);
    lw.watchStartErrors = [newApiError(0, "ConnectionRefused", "connection refused")];
    lw.last.close();
    scheduler.advance(2000);
    expect(errors).toEqual([]);
    expect(lw.lists).toHaveLength(1);
    expect(lw.watches.length).toBeGreaterThanOrEqual(3);
  });
});
