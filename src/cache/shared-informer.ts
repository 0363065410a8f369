/**
 * sharedIndexInformer — one cache, one list/watch, many handlers (client-go tools/cache
 * `sharedIndexInformer` + its `controller`, spec §7).
 *
 * Contract:
 * - Composition: an Indexer (keyed by deletionHandlingMetaNamespaceKeyFunc, with the given indexers), a
 *   FIFO built at `run` (DeltaFIFO with knownObjects = the indexer and emitDeltaTypeReplaced, or RealFIFO
 *   with `fifo: "real"`), a Reflector feeding it, and a SharedProcessor with one ProcessorListener per
 *   handler.
 * - Processing: after the reflector writes to the FIFO, a task scheduled on the Scheduler pops every
 *   queued entry and handles its deltas oldest → newest (handleDeltas, §7.3): the CACHE decides the
 *   notification — key present ⇒ cache update + update(old, new); absent ⇒ cache add + add(obj,
 *   isInInitialList); Deleted ⇒ cache delete + delete(obj or tombstone). An update whose old and new
 *   resourceVersions are equal is resync-class and reaches only listeners whose `syncing` flag is true
 *   (§7.4). Handlers run later, in their listeners' own tasks.
 * - `batchProcess` (feature gate InOrderInformersBatchProcess, §5.2; in-order FIFOs only): the task pops
 *   batches (RealFIFO.popBatch) and applies each batch's cache writes as one transaction, then
 *   distributes its notifications in order. Without a tracer the writes and notifications of a batch
 *   are interleaved instead, which nobody can tell apart: notifications only fill listener buffers,
 *   and handlers run later, in their own tasks.
 * - `hasSynced()` turns true (latched) once the FIFO's initial population was popped and processed.
 * - Resync periods (§7.6): 1 s floor; a shorter handler period lowers the check period before start
 *   and is raised to it after start; an informer created with 0 never resyncs. The reflector's resync
 *   timer uses the check period and asks the processor's shouldResync.
 * - Handlers added after start get, with nothing processed in between, a synthetic add(obj,
 *   isInInitialList = true) for every cached object. `removeEventHandler` is idempotent and discards
 *   pending notifications. Adding to a stopped informer throws "... stopped already".
 * - `setTransform` / `setWatchErrorHandler` after start throw "informer has already started".
 * - `run(stop)` starts once; aborting `stop` stops the informer for good (reflector, FIFO, listeners).
 *   With `stop` already aborted it only marks the informer started and stopped (nothing is listed).
 * - `setListenerDelay(n, ms)` makes listener n (0-based registration order) take `ms` of virtual time per
 *   notification (the "slow handler" fault).
 * - Traced: indexer.write (with each index's values), processor.*, listener.*, handler.* (plus the
 *   reflector's and FIFO's own events). No tracing work happens without a tracer.
 */
import type { ListerWatcher } from "./listwatch.js";
import type { Scheduler } from "../sim/scheduler.js";
import { emit, type Tracer } from "../sim/trace.js";
import type { KubeObject } from "../types.js";
import type { BackoffOptions } from "./backoff.js";
import { AtomicFIFO, type AtomicDelta } from "./atomic-fifo.js";
import { DeletedFinalStateUnknown } from "./deleted-final-state-unknown.js";
import { DeltaFIFO } from "./delta-fifo.js";
import { deletionHandlingMetaNamespaceKeyFunc, describeObject, keyWithHint, metaNamespaceKeyFunc } from "./keys.js";
import { IN_ORDER_STRIDE, InOrderFIFO } from "./in-order-fifo.js";
import { FIFOClosedError } from "./queue.js";
import { RealFIFO } from "./real-fifo.js";
import { Reflector, type ReflectorStore } from "./reflector.js";
import { ProcessorNotification, ProcessorListener, rvOf } from "./processor-listener.js";
import { toResourceEventHandler, type AnyResourceEventHandler } from "./resource-event-handler.js";
import { determineResyncPeriod, SharedProcessor } from "./shared-processor.js";
import { KeyedIndexer } from "./store.js";
import type { Delta, DeltaType, Indexer, Indexers, ResourceEventHandlerRegistration, Store } from "./types.js";

/** Smallest resync period a handler may ask for (spec §7.6). */
export const MINIMUM_RESYNC_PERIOD_MS = 1000;

export interface SharedIndexInformerOptions {
  scheduler: Scheduler;
  resyncPeriodMs?: number;
  indexers?: Indexers;
  /** Default "delta". "realAtomic": RealFIFO in atomic mode (relists/resyncs/bookmarks as single entries, §5.3). */
  fifo?: "delta" | "real" | "realAtomic";
  /**
   * With fifo "real" or "realAtomic": pop up to 1000 entries with distinct keys at once and apply their
   * cache writes as one transaction (client-go ≥ 1.35, InOrderInformersBatchProcess). Default false.
   */
  batchProcess?: boolean;
  /** Streaming initial list (sendInitialEvents). Default false. */
  watchList?: boolean;
  backoff?: BackoffOptions;
  tracer?: Tracer;
  /** The `name` of this informer's trace events (the resource plural, e.g. "pods"). */
  name?: string;
  /** Watch objects whose `kind` is set and differs are skipped (e.g. "Pod"). */
  expectedKind?: string;
  /** The reflector's fixed list page size (WatchListPageSize); 0 = default rules. */
  pageSize?: number;
  /** Maps an error thrown by a handler to the learner's source line (traced as handler.threw.line). */
  errorLine?: (error: unknown) => number | undefined;
}

/** What the informer needs of its queue: DeltaFIFO, RealFIFO or AtomicFIFO. */
interface InformerQueue {
  add(obj: unknown): void;
  update(obj: unknown): void;
  delete(obj: unknown): void;
  replace(list: unknown[], resourceVersion: string): void;
  resync(): void;
  pop(process: (deltas: AtomicDelta[], isInInitialList: boolean) => void): unknown[] | undefined;
  hasSynced(): boolean;
  close(): void;
}

/** Writes from the reflector go to the FIFO, then wake the informer's processing task. */
class FifoFeeder implements ReflectorStore {
  constructor(protected readonly fifo: InformerQueue, protected readonly informer: { kick(): void }) {}
  add(obj: unknown): void {
    this.fifo.add(obj);
    this.informer.kick();
  }
  update(obj: unknown): void {
    this.fifo.update(obj);
    this.informer.kick();
  }
  delete(obj: unknown): void {
    this.fifo.delete(obj);
    this.informer.kick();
  }
  replace(list: unknown[], resourceVersion: string): void {
    try {
      this.fifo.replace(list, resourceVersion);
    } finally {
      this.informer.kick(); // what was queued before an error is still processed
    }
  }
  resync(): void {
    this.fifo.resync();
    this.informer.kick();
  }
}

/** Atomic mode also queues bookmarks (§5.3). */
class AtomicFifoFeeder extends FifoFeeder {
  constructor(private readonly atomic: AtomicFIFO, informer: { kick(): void }) {
    super(atomic, informer);
  }
  bookmark(resourceVersion: string): void {
    this.atomic.bookmark(resourceVersion);
    this.informer.kick();
  }
}

export class SharedIndexInformer<T extends KubeObject = KubeObject> {
  readonly name: string;
  readonly scheduler: Scheduler;
  private readonly indexer: KeyedIndexer<T>;
  private readonly processor: SharedProcessor;
  private readonly tracer: Tracer | undefined;
  private readonly fifoMode: "delta" | "real" | "realAtomic";
  private readonly batchProcess: boolean;
  /** Atomic mode: the resourceVersion the cache has caught up with (ReplacedAll / Bookmark / events). */
  private cacheResourceVersion = "";
  private readonly watchList: boolean;
  private readonly backoffOptions: BackoffOptions | undefined;
  private readonly expectedKind: string | undefined;
  private readonly pageSize: number;
  private readonly errorLine: ((error: unknown) => number | undefined) | undefined;
  private resyncCheckPeriodMs: number;
  private readonly defaultEventHandlerResyncPeriodMs: number;
  private transform: ((obj: unknown) => unknown) | undefined;
  private watchErrorHandler: ((error: Error) => void) | undefined;
  private fifo: InformerQueue | undefined;
  private reflector: Reflector | undefined;
  private started = false;
  private stopped = false;
  private synced = false;
  private drainScheduled = false;
  private readonly listenerDelays = new Map<number, number>();
  private readonly drainTask = (): void => this.drain();
  private readonly processFn = (deltas: AtomicDelta[], isInInitialList: boolean): void =>
    this.handleDeltas(deltas, isInInitialList);
  private readonly processPackedFn = (packed: readonly unknown[], key: string, isInInitialList: boolean): void =>
    this.handlePacked(packed, key, isInInitialList);
  private readonly processBatchFn = (slots: readonly unknown[], start: number, end: number, isInInitialList: boolean): void =>
    this.handleBatch(slots, start, end, isInInitialList);
  private readonly syncedFn = (): boolean => this.synced;

  constructor(private readonly lw: ListerWatcher<T>, options: SharedIndexInformerOptions) {
    this.scheduler = options.scheduler;
    this.tracer = options.tracer;
    this.name = options.name ?? resourceNameOf(lw) ?? "informer";
    this.fifoMode = options.fifo ?? "delta";
    this.batchProcess = options.batchProcess === true && this.fifoMode !== "delta";
    this.watchList = options.watchList ?? false;
    this.backoffOptions = options.backoff;
    this.expectedKind = options.expectedKind;
    this.pageSize = options.pageSize ?? 0;
    this.errorLine = options.errorLine;
    const resync = options.resyncPeriodMs ?? 0;
    this.resyncCheckPeriodMs = resync;
    this.defaultEventHandlerResyncPeriodMs = resync;
    this.indexer = new KeyedIndexer<T>(deletionHandlingMetaNamespaceKeyFunc, { ...(options.indexers ?? {}) });
    this.processor = new SharedProcessor(this.scheduler, this.name, this.tracer);
  }

  // ───────────────────────────── handlers ─────────────────────────────

  addEventHandler(handler: AnyResourceEventHandler<T>): ResourceEventHandlerRegistration {
    return this.addEventHandlerWithResyncPeriod(handler, this.defaultEventHandlerResyncPeriodMs);
  }

  addEventHandlerWithResyncPeriod(handler: AnyResourceEventHandler<T>,
                                  resyncPeriodMs: number): ResourceEventHandlerRegistration {
    if (this.stopped) {
      throw new Error(`handler ${describeHandler(handler)} was not added to shared informer because it has stopped already`);
    }
    const h = toResourceEventHandler(handler);
    let period = resyncPeriodMs > 0 ? resyncPeriodMs : 0;
    if (period > 0) {
      if (period < MINIMUM_RESYNC_PERIOD_MS) period = MINIMUM_RESYNC_PERIOD_MS;
      if (period < this.resyncCheckPeriodMs) {
        if (this.started) {
          period = this.resyncCheckPeriodMs;
        } else {
          this.resyncCheckPeriodMs = period;
          this.processor.resyncCheckPeriodChanged(period);
        }
      }
    }
    const index = this.processor.takeIndex();
    const listener = new ProcessorListener(this.scheduler, h, index, period,
      determineResyncPeriod(period, this.resyncCheckPeriodMs), this.syncedFn, this.name, this.tracer, this.errorLine);
    const delay = this.listenerDelays.get(index);
    if (delay !== undefined) listener.setDelay(delay);
    this.processor.addListener(listener);
    if (this.started) {
      // a consistent snapshot: nothing is processed while the synthetic adds are queued
      const indexer = this.indexer;
      for (const key of indexer.listKeys()) {
        const obj = indexer.getByKey(key);
        if (obj !== undefined) listener.add(new ProcessorNotification("add", key, obj, undefined, true));
      }
      listener.checkSynced();
    }
    return listener;
  }

  removeEventHandler(registration: ResourceEventHandlerRegistration): void {
    if (registration instanceof ProcessorListener) this.processor.removeListener(registration);
  }

  /** Slow-handler fault: listener n (0-based registration order) takes `delayMs` per notification. */
  setListenerDelay(listenerIndex: number, delayMs: number): void {
    this.listenerDelays.set(listenerIndex, delayMs);
    for (const l of this.processor.listeners) if (l.index === listenerIndex) l.setDelay(delayMs);
  }

  /** Notifications buffered for listener n (not counting one in progress); 0 if unknown. */
  listenerPending(listenerIndex: number): number {
    for (const l of this.processor.listeners) if (l.index === listenerIndex) return l.pending();
    return 0;
  }

  /** The registered listeners' numbers, in registration order. */
  listenerIndexes(): number[] {
    return this.processor.listeners.map((l) => l.index);
  }

  // ───────────────────────────── lifecycle ─────────────────────────────

  run(stop: AbortSignal): void {
    if (this.started || this.stopped) return;
    if (stop.aborted) {
      // RunWithContext marks the informer started, then the controller returns at once and it is stopped
      this.started = true;
      this.stopped = true;
      return;
    }
    const fifoOptions = {
      keyFunction: metaNamespaceKeyFunc,
      knownObjects: this.indexer,
      emitDeltaTypeReplaced: true,
      ...(this.transform !== undefined ? { transformer: this.transform } : {}),
      ...(this.tracer !== undefined ? { tracer: this.tracer } : {}),
      name: this.name,
    };
    let fifo: InformerQueue;
    let feeder: FifoFeeder;
    if (this.fifoMode === "realAtomic") {
      const { knownObjects: _known, emitDeltaTypeReplaced: _replaced, ...atomicOptions } = fifoOptions;
      const atomic = new AtomicFIFO(atomicOptions);
      fifo = atomic;
      feeder = new AtomicFifoFeeder(atomic, this);
    } else {
      fifo = this.fifoMode === "real" ? new RealFIFO(fifoOptions) : new DeltaFIFO(fifoOptions);
      feeder = new FifoFeeder(fifo, this);
    }
    this.fifo = fifo;
    this.reflector = new Reflector(this.lw as ListerWatcher<unknown>, feeder, {
      scheduler: this.scheduler,
      name: this.name,
      resyncPeriodMs: this.resyncCheckPeriodMs,
      shouldResync: () => this.processor.shouldResync(),
      watchList: this.watchList,
      keyFunc: metaNamespaceKeyFunc,
      pageSize: this.pageSize,
      ...(this.backoffOptions !== undefined ? { backoff: this.backoffOptions } : {}),
      ...(this.expectedKind !== undefined ? { expectedKind: this.expectedKind } : {}),
      ...(this.transform !== undefined ? { transform: this.transform } : {}),
      ...(this.watchErrorHandler !== undefined ? { watchErrorHandler: this.watchErrorHandler } : {}),
      ...(this.tracer !== undefined ? { tracer: this.tracer } : {}),
    });
    this.started = true;
    this.processor.run();
    stop.addEventListener("abort", () => this.shutdown(), { once: true });
    this.reflector.run();
  }

  private shutdown(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.reflector?.stop();
    this.fifo?.close();
    this.processor.stop();
  }

  hasSynced(): boolean {
    return this.synced;
  }

  hasStarted(): boolean {
    return this.started;
  }

  isStopped(): boolean {
    return this.stopped;
  }

  lastSyncResourceVersion(): string {
    return this.reflector?.lastSyncResourceVersion() ?? "";
  }

  /** Atomic mode (§6.1, ≥1.36): the RV the cache itself has caught up with; "" in the other modes. */
  lastStoreSyncResourceVersion(): string {
    return this.cacheResourceVersion;
  }

  /** The check period the reflector's resync timer uses (0 = no resync). */
  resyncCheckPeriod(): number {
    return this.resyncCheckPeriodMs;
  }

  getStore(): Store<T> {
    return this.indexer;
  }

  getIndexer(): Indexer<T> {
    return this.indexer;
  }

  addIndexers(indexers: Indexers): void {
    if (this.stopped) throw new Error("indexer was not added because it has stopped already");
    this.indexer.addIndexers(indexers);
    if (this.tracer !== undefined) {
      for (const indexName of Object.keys(indexers)) {
        emit(this.tracer, { component: "indexer", kind: "indexer.indexAdded", name: this.name, indexName });
      }
    }
  }

  setTransform(fn: (obj: unknown) => unknown): void {
    if (this.started) throw new Error("informer has already started");
    this.transform = fn;
  }

  setWatchErrorHandler(fn: (error: Error) => void): void {
    if (this.started) throw new Error("informer has already started");
    this.watchErrorHandler = fn;
  }

  // ───────────────────────────── processing ─────────────────────────────

  /** @internal The reflector wrote to the FIFO: make sure a processing task is scheduled. */
  kick(): void {
    if (this.drainScheduled || this.stopped) return;
    this.drainScheduled = true;
    this.scheduler.setTimeout(this.drainTask, 0);
  }

  private drain(): void {
    this.drainScheduled = false;
    const fifo = this.fifo;
    if (fifo === undefined || this.stopped) return;
    try {
      if (fifo instanceof DeltaFIFO) {
        for (;;) {
          const popped = this.coalescing()
            ? fifo.popPacked(this.processPackedFn)
            : fifo.pop(this.processFn) !== undefined;
          if (!popped) break;
          if (!this.synced) this.checkSynced(fifo);
          if (this.stopped) return;
        }
      } else if (this.batchProcess && fifo instanceof InOrderFIFO) {
        while (fifo.popBatch(this.processBatchFn, this.processFn)) {
          if (!this.synced) this.checkSynced(fifo);
          if (this.stopped) return;
        }
      } else {
        while (fifo.pop(this.processFn) !== undefined) {
          if (!this.synced) this.checkSynced(fifo);
          if (this.stopped) return;
        }
      }
    } catch (e) {
      if (!(e instanceof FIFOClosedError)) throw e;
      return;
    }
    if (!this.synced) this.checkSynced(fifo);
  }

  private checkSynced(fifo: InformerQueue): void {
    if (!fifo.hasSynced()) return;
    this.synced = true;
    for (const l of this.processor.listeners) l.checkSynced();
  }

  /** handleDeltas (§7.3): the cache decides add vs update; the same-RV rule marks resync-class updates. */
  private handleDeltas(deltas: AtomicDelta[], isInInitialList: boolean): void {
    const indexer = this.indexer;
    const processor = this.processor;
    const first = deltas[0];
    if (first !== undefined && (first.type === "ReplacedAll" || first.type === "SyncAll" || first.type === "Bookmark")) {
      this.handleAtomic(first, isInInitialList);
      return;
    }
    if (this.coalescing()) {
      // every delta of one popped entry belongs to the same key
      if (deltas.length === 0) return;
      let key: string;
      try {
        key = deletionHandlingMetaNamespaceKeyFunc(deltas[deltas.length - 1]!.object);
      } catch {
        return; // processing errors (e.g. key errors) are dropped, like client-go: no retry
      }
      this.handlePacked(packDeltas(deltas as Delta[]), key, isInInitialList);
      return;
    }
    try {
      // every delta of one popped entry belongs to the same key
      const key = deltas.length > 0 ? deletionHandlingMetaNamespaceKeyFunc(deltas[deltas.length - 1]!.object) : "";
      for (let i = 0; i < deltas.length; i++) {
        const d = deltas[i]!;
        const obj = d.object;
        if (this.fifoMode === "realAtomic") this.cacheResourceVersion = rvOf(obj);
        if (d.type === "Deleted") {
          indexer.delete(obj as T);
          if (this.tracer !== undefined) this.traceWrite("delete", key, obj);
          processor.distribute(new ProcessorNotification("delete", key, obj, undefined, false), false, "Deleted");
          continue;
        }
        const old = indexer.getByKey(key);
        if (old !== undefined) {
          indexer.update(obj as T);
          if (this.tracer !== undefined) this.traceWrite("update", key, obj);
          processor.distribute(new ProcessorNotification("update", key, obj, old, false), isSameVersion(old, obj), d.type);
        } else {
          indexer.add(obj as T);
          if (this.tracer !== undefined) this.traceWrite("add", key, obj);
          processor.distribute(new ProcessorNotification("add", key, obj, undefined, isInInitialList), false, d.type);
        }
      }
    } catch {
      // processing errors (e.g. key errors) are dropped, like client-go: no retry
    }
  }

  /**
   * handleDeltas without a tracer when every index is the namespace index: the same notifications and
   * the same final cache (contents, iteration order, index sets), but a run of adds/updates of the key
   * reads the cache once and writes it once (the intermediate objects are never observable: handlers
   * run later, in their listeners' tasks, and no index value can change within one key). A Deleted
   * delta is applied at once, exactly as handleDeltas does, so a delete + re-add reorders as before.
   */
  private handlePacked(packed: readonly unknown[], key: string, isInInitialList: boolean): void {
    const n = packed.length;
    const indexer = this.indexer;
    const processor = this.processor;
    /** What the cache holds for the key now, and what it will hold once the pending write is done. */
    let stored: T | undefined;
    let current: T | undefined;
    let pending = false;
    try {
      stored = indexer.getByKey(key);
      current = stored;
      for (let i = 0; i < n; i += 2) {
        const type = packed[i] as DeltaType;
        const obj = packed[i + 1];
        if (type === "Deleted") {
          if (pending) {
            pending = false;
            indexer.putByKey(key, current as T, stored);
          }
          indexer.delete(obj as T);
          stored = undefined;
          current = undefined;
          processor.distributeFields("delete", key, obj, undefined, false, false, "Deleted");
          continue;
        }
        const old = current;
        current = obj as T;
        pending = true;
        if (old !== undefined) {
          processor.distributeFields("update", key, obj, old, false, isSameVersion(old, obj), type);
        } else {
          processor.distributeFields("add", key, obj, undefined, isInInitialList, false, type);
        }
      }
    } catch {
      // processing errors (e.g. key errors) are dropped, like client-go: no retry
    } finally {
      if (pending) indexer.putByKey(key, current as T, stored);
    }
  }

  /**
   * One popped batch (§5.2): every entry has its own key. Traced: the cache writes first (one
   * transaction), then the notifications in order. Untraced: interleaved (indistinguishable, see the
   * contract). An entry that fails (e.g. a key error) is dropped, like client-go.
   */
  private handleBatch(slots: readonly unknown[], start: number, end: number, isInInitialList: boolean): void {
    const indexer = this.indexer;
    const atomic = this.fifoMode === "realAtomic";
    const traced = this.tracer !== undefined;
    const held: HeldNotification[] | undefined = traced ? [] : undefined;
    /** Atomic mode: the cache has caught up with the last entry's RV (read once, after the batch). */
    let caughtUp: unknown = NOTHING;
    for (let i = start; i < end; i += IN_ORDER_STRIDE) {
      const type = slots[i] as DeltaType;
      const obj = slots[i + 1];
      try {
        const key = this.batchKey(obj, slots[i + 2] as string);
        caughtUp = obj;
        if (type === "Deleted") {
          indexer.deleteByKey(key);
          if (traced) this.traceWrite("delete", key, obj);
          this.notify(held, "delete", key, obj, undefined, false, false, type);
          continue;
        }
        const old = indexer.getByKey(key);
        indexer.putByKey(key, obj as T, old);
        if (traced) this.traceWrite(old !== undefined ? "update" : "add", key, obj);
        if (old !== undefined) this.notify(held, "update", key, obj, old, false, isSameVersion(old, obj), type);
        else this.notify(held, "add", key, obj, undefined, isInInitialList, false, type);
      } catch {
        // processing errors (e.g. key errors) are dropped, like client-go: no retry
      }
    }
    if (atomic && caughtUp !== NOTHING) this.cacheResourceVersion = rvOf(caughtUp);
    if (held !== undefined) for (const h of held) this.processor.distribute(h.n, h.sync, h.type);
  }

  /** Distributes a notification now, or holds it until the batch's writes are done (traced batches). */
  private notify(held: HeldNotification[] | undefined, type: "add" | "update" | "delete", key: string, newObj: unknown,
                 oldObj: unknown, isInInitialList: boolean, sync: boolean, deltaType: DeltaType): void {
    if (held === undefined) {
      this.processor.distributeFields(type, key, newObj, oldObj, isInInitialList, sync, deltaType);
      return;
    }
    held.push({ n: new ProcessorNotification(type, key, newObj, oldObj, isInInitialList), sync, type: deltaType });
  }

  /**
   * The cache key of a batch entry, given the key the FIFO queued it under: the same function computed
   * it from the same object unless a transform ran in between (then the object decides).
   */
  private batchKey(obj: unknown, queuedKey: string): string {
    return this.transform === undefined ? queuedKey : keyWithHint(obj, queuedKey);
  }

  /** No tracer, not atomic, only the namespace index: handleDeltas may coalesce a key's cache writes. */
  private coalescing(): boolean {
    return this.tracer === undefined && this.fifoMode !== "realAtomic" && this.indexer.onlyNamespaceIndexes();
  }

  /** Atomic-mode batch entries (§5.3). */
  private handleAtomic(entry: AtomicDelta, isInInitialList: boolean): void {
    const indexer = this.indexer;
    const processor = this.processor;
    try {
      if (entry.type === "Bookmark") {
        this.cacheResourceVersion = entry.object.resourceVersion;
        return;
      }
      if (entry.type === "SyncAll") {
        for (const key of indexer.listKeys()) {
          const obj = indexer.getByKey(key);
          if (obj !== undefined) processor.distribute(new ProcessorNotification("update", key, obj, obj, false), true, "SyncAll");
        }
        return;
      }
      if (entry.type !== "ReplacedAll") return;
      const { resourceVersion, objects } = entry.object;
      // Against the cache as it was: each item's previous object, and the keys the list no longer has.
      const n = objects.length;
      const keys = new Array<string>(n);
      const olds = new Array<T | undefined>(n);
      const items = new Map<string, T>();
      for (let i = 0; i < n; i++) {
        const key = deletionHandlingMetaNamespaceKeyFunc(objects[i]);
        keys[i] = key;
        olds[i] = indexer.getByKey(key);
        items.set(key, objects[i] as T);
      }
      const deletions: DeletedFinalStateUnknown[] = [];
      for (const key of indexer.listKeys()) {
        if (!items.has(key)) deletions.push(new DeletedFinalStateUnknown(key, indexer.getByKey(key)));
      }
      indexer.replaceByKey(items);
      this.cacheResourceVersion = resourceVersion;
      if (this.tracer !== undefined) {
        emit(this.tracer, { component: "indexer", kind: "indexer.replace", name: this.name, items: n });
      }
      for (const tombstone of deletions) {
        processor.distributeFields("delete", tombstone.key, tombstone, undefined, false, false, "ReplacedAll");
      }
      for (let i = 0; i < n; i++) {
        const obj = objects[i];
        const old = olds[i];
        if (old !== undefined) processor.distributeFields("update", keys[i]!, obj, old, false, isSameVersion(old, obj), "ReplacedAll");
        else processor.distributeFields("add", keys[i]!, obj, undefined, isInInitialList, false, "ReplacedAll");
      }
    } catch {
      // processing errors are dropped, like client-go
    }
  }

  private traceWrite(op: "add" | "update" | "delete", key: string, obj: unknown): void {
    const indexes: Record<string, string[]> = {};
    const indexers = this.indexer.getIndexers();
    for (const indexName of Object.keys(indexers)) {
      if (op === "delete") {
        indexes[indexName] = [];
        continue;
      }
      try {
        indexes[indexName] = indexers[indexName]!(obj).slice();
      } catch {
        indexes[indexName] = [];
      }
    }
    emit(this.tracer, { component: "indexer", kind: "indexer.write", name: this.name, op, key,
      resourceVersion: rvOf(obj),
      ...(op !== "delete" && isKubeObject(obj) ? { object: obj } : {}),
      indexes });
  }
}

function packDeltas(deltas: readonly Delta[]): unknown[] {
  const out = new Array<unknown>(deltas.length * 2);
  for (let i = 0; i < deltas.length; i++) {
    out[2 * i] = deltas[i]!.type;
    out[2 * i + 1] = deltas[i]!.object;
  }
  return out;
}

/** "No entry yet" (distinct from every object, undefined included). */
const NOTHING: unique symbol = Symbol("nothing");

/** A batch's notification, distributed once the batch's cache writes are done. */
interface HeldNotification {
  n: ProcessorNotification;
  sync: boolean;
  type: DeltaType;
}

/** Same-RV rule (§7.4): both objects have metadata and equal resourceVersions. */
function isSameVersion(oldObj: unknown, newObj: unknown): boolean {
  const o = (oldObj as { metadata?: { resourceVersion?: unknown } }).metadata;
  const n = (newObj as { metadata?: { resourceVersion?: unknown } }).metadata;
  if (o === undefined || o === null || n === undefined || n === null) return false;
  return o.resourceVersion === n.resourceVersion;
}

function isKubeObject(obj: unknown): obj is KubeObject {
  return typeof obj === "object" && obj !== null && typeof (obj as { metadata?: unknown }).metadata === "object";
}

function resourceNameOf(lw: unknown): string | undefined {
  const r = (lw as { resource?: unknown }).resource;
  return typeof r === "string" && r.length > 0 ? r : undefined;
}

function describeHandler(handler: unknown): string {
  const ctor = (handler as { constructor?: { name?: unknown } }).constructor;
  const name = typeof ctor?.name === "string" && ctor.name !== "Object" ? ctor.name : "";
  return name.length > 0 ? name : describeObject(handler).slice(0, 60);
}
