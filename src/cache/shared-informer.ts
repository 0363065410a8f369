/**
 * sharedIndexInformer — one cache, one list/watch, many handlers (client-go tools/cache
 * `sharedIndexInformer`, spec §7).
 *
 * Contract:
 * - Composition: an Indexer (keyed by deletionHandlingMetaNamespaceKeyFunc, with the given indexers), a
 *   SharedProcessor with one ProcessorListener per handler, and, built at `run`, its controller
 *   (controller.ts): the FIFO for `fifo` (DeltaFIFO with knownObjects = the indexer and
 *   emitDeltaTypeReplaced; RealFIFO; RealFIFO with atomicEvents), the Reflector feeding it and processLoop.
 * - Processing: each popped entry goes to processDeltas (process-deltas.ts): the cache decides add vs
 *   update, the same-RV rule marks resync-class updates; with `batchProcess` (InOrderInformersBatchProcess,
 *   §5.2; in-order FIFOs only) batches go to processDeltasInBatch. Handlers run later, in their
 *   listeners' own tasks. The same path runs traced or not.
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
 * - Traced: indexer.* (process-deltas.ts), processor.*, listener.*, handler.* (plus the reflector's and
 *   FIFO's own events). No tracing work happens without a tracer.
 */
import type { ListerWatcher } from "./listwatch.js";
import type { Scheduler } from "../sim/scheduler.js";
import { traceTo, type SourceLocator, type TraceFn, type Tracer } from "../sim/trace.js";
import type { KubeObject } from "../types.js";
import { deletionHandlingMetaNamespaceKeyFunc, describeObject, metaNamespaceKeyFunc } from "./keys.js";
import { DeltaProcessor } from "./process-deltas.js";
import { Controller } from "./controller.js";
import { handlerSources } from "./handler-source.js";
import { ProcessorListener } from "./processor-listener.js";
import type { PoppedBatch } from "./real-fifo.js";
import { toResourceEventHandler, type AnyResourceEventHandler } from "./resource-event-handler.js";
import { determineResyncPeriod, SharedProcessor } from "./shared-processor.js";
import { KeyedIndexer } from "./store.js";
import type { SharedIndexInformerOptions } from "./shared-informer-options.js";
import type { AtomicDelta, FifoMode, Indexer, Indexers, ResourceEventHandlerRegistration, Store } from "./types.js";

export type { SharedIndexInformerOptions } from "./shared-informer-options.js";

/** Smallest resync period a handler may ask for (spec §7.6). */
export const MINIMUM_RESYNC_PERIOD_MS = 1000;

export class SharedIndexInformer<T extends KubeObject = KubeObject> {
  readonly name: string;
  readonly scheduler: Scheduler;
  private readonly indexer: KeyedIndexer<T>;
  private readonly processor: SharedProcessor;
  private readonly tracer: Tracer | undefined;
  private readonly trace: TraceFn | undefined;
  private readonly fifoMode: FifoMode;
  private readonly batchProcess: boolean;
  /** processDeltas / processDeltasInBatch over this informer's cache and processor. */
  private readonly deltas: DeltaProcessor<T>;
  private readonly errorLine: ((error: unknown) => number | undefined) | undefined;
  private readonly sourceLocator: SourceLocator | undefined;
  private readonly maxPerTask: number;
  private resyncCheckPeriodMs: number;
  private readonly defaultEventHandlerResyncPeriodMs: number;
  private transform: ((obj: unknown) => unknown) | undefined;
  private watchErrorHandler: ((error: Error) => void) | undefined;
  private started = false;
  private stopped = false;
  private synced = false;
  private held = false;
  /** The reflector, queue and processLoop (controller.ts), built in run(). */
  private controller: Controller | undefined;
  private readonly listenerDelays = new Map<number, number>();
  private readonly processFn = (deltas: AtomicDelta[], isInInitialList: boolean, queuedKey: string): void =>
    this.deltas.processDeltas(deltas, isInInitialList, queuedKey);
  private readonly processBatchFn = (batch: PoppedBatch, isInInitialList: boolean): void =>
    this.deltas.processDeltasInBatch(batch, isInInitialList);
  private readonly syncedFn = (): boolean => this.synced;

  constructor(private readonly lw: ListerWatcher<T>, private readonly options: SharedIndexInformerOptions) {
    this.scheduler = options.scheduler;
    this.tracer = options.tracer;
    this.trace = traceTo(options.tracer);
    this.name = options.name ?? resourceNameOf(lw) ?? "informer";
    this.fifoMode = options.fifo ?? "delta";
    this.batchProcess = options.batchProcess === true && this.fifoMode !== "delta";
    this.errorLine = options.errorLine;
    this.sourceLocator = options.sourceLocator;
    this.maxPerTask = options.maxPerTask !== undefined && options.maxPerTask >= 1 ? Math.floor(options.maxPerTask) : Number.POSITIVE_INFINITY;
    const resync = options.resyncPeriodMs ?? 0;
    this.resyncCheckPeriodMs = resync;
    this.defaultEventHandlerResyncPeriodMs = resync;
    this.indexer = new KeyedIndexer<T>(deletionHandlingMetaNamespaceKeyFunc, { ...(options.indexers ?? {}) },
      { name: this.name, queryTracer: this.tracer });
    this.processor = new SharedProcessor(this.scheduler, this.name, this.tracer);
    this.deltas = new DeltaProcessor(this.indexer, this.processor, {
      name: this.name, tracer: this.tracer, atomic: this.fifoMode === "realAtomic",
      transformed: () => this.transform !== undefined,
    });
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
    if (this.maxPerTask !== Number.POSITIVE_INFINITY) listener.setMaxPerTask(this.maxPerTask);
    listener.awaitPromises = this.options.awaitHandlerPromises === true;
    if (this.sourceLocator !== undefined) listener.sources = handlerSources(h, this.sourceLocator);
    this.processor.addListener(listener, resyncPeriodMs);
    if (this.started) {
      // a consistent snapshot: nothing is processed while the synthetic adds are queued
      const indexer = this.indexer;
      for (const key of indexer.listKeys()) {
        const obj = indexer.getByKey(key);
        if (obj !== undefined) listener.add("add", key, obj, undefined, true);
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
    const controller = new Controller({
      lw: this.lw as ListerWatcher<unknown>, scheduler: this.scheduler, fifoMode: this.fifoMode, batch: this.batchProcess,
      queue: {
        keyFunction: metaNamespaceKeyFunc,
        knownObjects: this.indexer,
        emitDeltaTypeReplaced: true,
        ...(this.transform !== undefined ? { transformer: this.transform } : {}),
        tracer: this.tracer,
        name: this.name,
      },
      reflector: {
        name: this.name,
        ...(this.options.objectDescription !== undefined ? { typeDescription: this.options.objectDescription } : {}),
        resyncPeriodMs: this.resyncCheckPeriodMs,
        shouldResync: () => this.processor.shouldResync(),
        watchList: this.options.watchList ?? false,
        keyFunc: metaNamespaceKeyFunc,
        pageSize: this.options.pageSize ?? 0,
        ...(this.options.backoff !== undefined ? { backoff: this.options.backoff } : {}),
        ...(this.options.expectedKind !== undefined ? { expectedKind: this.options.expectedKind } : {}),
        ...(this.transform !== undefined ? { transform: this.transform } : {}),
        ...(this.watchErrorHandler !== undefined ? { watchErrorHandler: this.watchErrorHandler } : {}),
        tracer: this.tracer,
      },
      process: this.processFn, processBatch: this.processBatchFn,
      synced: this.syncedFn, onProgress: () => this.checkSynced(), held: this.held, maxPerTask: this.maxPerTask,
    });
    this.controller = controller;
    this.started = true;
    this.processor.run();
    stop.addEventListener("abort", () => this.shutdown(), { once: true });
    controller.run();
  }

  private shutdown(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.controller?.stop();
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
    return this.controller?.lastSyncResourceVersion() ?? "";
  }

  /** Atomic mode (§6.1, ≥1.36): the RV the cache itself has caught up with; "" in the other modes. */
  lastStoreSyncResourceVersion(): string {
    return this.deltas.cacheResourceVersion;
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
    const trace = this.trace;
    if (trace !== undefined) {
      for (const indexName of Object.keys(indexers)) trace({ component: "indexer", kind: "indexer.indexAdded", name: this.name, indexName });
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

  /**
   * Live mode's "hold the handlers" (not a client-go API): while held, the processing task pops nothing,
   * as if the controller's processLoop were stuck, so the FIFO fills; releasing drains it.
   */
  holdProcessing(held: boolean): void {
    this.held = held;
    this.controller?.hold(held);
  }

  private checkSynced(): void {
    if (this.controller === undefined || !this.controller.queue.hasSynced()) return;
    this.synced = true;
    for (const l of this.processor.listeners) l.checkSynced();
  }
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
