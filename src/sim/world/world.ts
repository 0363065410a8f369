/**
 * WorldView — the state of the whole simulated system at one step, folded from the trace: its types,
 * the empty world, the copy, and the slice accessors the reducers share.
 *
 * Contract:
 * - Step n is `events[n - 1]` (1-based); step 0 is the empty world before the first event.
 * - `cloneWorld(w)` deep-copies the containers; leaf data from the trace (objects, delta lists) is shared,
 *   never mutated.
 * - The accessors (`informer`, `listener`, `workqueue`, `worker`) create a slice on first mention;
 *   `informer(w, name)` also moves the focus to that informer.
 */
import type { KubeObject } from "../../types.js";
import { HeadQueue } from "./head-queue.js";
import type { DeltaSummary, FifoMode, KnownTraceEvent, NotificationType, ReflectorState } from "../trace.js";

/** The boxes of the pipeline diagram (UI.md `stage-node` data-stage values). */
export type StageName =
  | "apiserver" | "reflector" | "deltafifo" | "indexer" | "processor" | "listener" | "handler"
  | "workqueue" | "worker";

/** A stage, with the listener/worker number for the per-listener and per-worker lanes. */
export interface StageRef { stage: StageName; index?: number }

export interface ServerObjectView {
  resource: string;
  key: string;
  rv: string;
  object: KubeObject;
  /** A deletionTimestamp is set (graceful delete or finalizers): MODIFIED seen, DELETED not yet. */
  deleting: boolean;
}
export interface ServerRequestView { requestId: number; verb: string; resource: string; client?: string }
export interface ServerWatchView { watchId: number; resource: string; resourceVersion: string; client?: string }
export interface ServerView {
  /** By `resource + "|" + key`, in creation order. */
  objects: Map<string, ServerObjectView>;
  /** RV of the last write (or compaction/restart), "" before any. */
  resourceVersion: string;
  /** Everything at or below this RV was forgotten by compact(); "" if never compacted. */
  compactedRV: string;
  partitioned: boolean;
  /** The kind of the current partition (null when none): refused connections, or timeouts. */
  partitionMode: "refused" | "timeout" | null;
  restarts: number;
  watches: Map<number, ServerWatchView>;
  pending: Map<number, ServerRequestView>;
  /**
   * What the clients saw of the server, counted from the traced traffic alone (requests made, watches
   * opened, watch events received, the RV of the last one, as the opaque string it is): all a client
   * knows of a remote cluster, whose writes and store are never in the trace (live mode).
   */
  seen: ServerSeenView;
  /** A client of a remote cluster traced this run (live mode: a request or watch marked `remote`). */
  remote: boolean;
}
export interface ServerSeenView { requests: number; watches: number; events: number; lastEventRV: string }

export interface ReflectorView {
  state: ReflectorState;
  /** Last synced resourceVersion ("" before the first list). */
  lastRV: string;
  /**
   * The request in flight: a list waiting for its reply, or an open watch. A streaming list (watchList)
   * is a WATCH with `sendInitialEvents: true` until its initial-events-end bookmark (`reflector.list.done`),
   * then the same watch without the flag (it stays open); it is never shown as a list.
   */
  pending: { verb: "list" | "watch"; resourceVersion: string; sendInitialEvents?: true } | null;
  /** Virtual time the request in flight was sent or last delivered a watch event (read only while `pending`). */
  heardAt: number | null;
  backoffMs: number | null;
  /** The last error in short: "410 Expired"; a connection that never answered shows only its text ("DialTimeout"). */
  lastError: string | null;
  /**
   * The same error in full, as the Reflector reports it: which request failed, `text` the error's message
   * (a failed LIST reads `failed to list *v1.Pod: Get "https://10.96.0.1:443/api/v1/pods?…": dial tcp …:
   * i/o timeout`, the error its watch error handler receives), `status` the HTTP status ("410 Expired"),
   * null when the server never answered.
   */
  lastErrorDetail: { request: "list" | "watch"; text: string; status: string | null } | null;
}
export interface FifoEntry { key: string; deltas: readonly DeltaSummary[] }
export interface FifoView {
  /** Queued keys in queue order (RealFIFO: one entry per event; a key may repeat). */
  entries: HeadQueue<FifoEntry>;
  closed: boolean;
  /** The entry popped by the current step (cleared by the next FIFO event). */
  lastPopped: FifoEntry | null;
}
export interface IndexerObjectView { key: string; rv: string; object?: KubeObject }
export interface IndexerView {
  /** By key, in insertion order. */
  objects: Map<string, IndexerObjectView>;
  /** Index names known (from indexer.indexAdded or seen in writes). */
  indexNames: string[];
  /** For each key, the values it is indexed under, per index name. */
  indexValues: Map<string, Record<string, readonly string[]>>;
  /** Items of the last indexer.replace (a store-level Replace), or null. */
  lastReplaceItems: number | null;
}
export interface PendingNotification { notification: NotificationType; key: string; rv: string }
export interface ListenerView {
  index: number;
  resyncPeriodMs: number;
  /** Notifications buffered for this listener and not yet handed to its handler, oldest first. */
  buffer: HeadQueue<PendingNotification>;
  synced: boolean;
  removed: boolean;
  /** The call in progress (called, not yet returned/threw). */
  active: PendingNotification | null;
  calls: number;
  errors: number;
}
export interface InformerView {
  name: string;
  /** The informer's queue (trace fifoKind; "delta" for a DeltaFIFO); null until its first fifo event. */
  fifoKind: FifoMode | null;
  reflector: ReflectorView;
  fifo: FifoView;
  indexer: IndexerView;
  /** By listener number. */
  listeners: Map<number, ListenerView>;
}
export interface WorkqueueView {
  name: string;
  /** Keys waiting to be handed out, in order. */
  queue: string[];
  /** Keys marked to be processed (queued, or re-added while processing). */
  dirty: string[];
  /** Key → worker that holds it (undefined when not named). */
  processing: Map<string, number | undefined>;
  /** Key → virtual time it becomes ready (addAfter / rate limited). */
  delayed: Map<string, number>;
  requeues: Map<string, number>;
  shutdown: boolean;
}
export interface WorkerView {
  controller: string;
  index: number;
  state: "idle" | "reconciling" | "stopped";
  key: string | null;
  lastResult: "success" | "error" | "requeue" | null;
  /** A hand-written worker (no worker.result): what it did with its key so far in this turn. */
  turn?: "error" | "requeue";
}
export interface HandlerLogEntry {
  step: number;
  informer: string;
  listener: number;
  notification: NotificationType;
  key: string;
  rv: string;
  oldRv?: string;
  outcome: "called" | "returned" | "threw";
  message?: string;
}
export interface WorldView {
  /** 0 before the first event; n after events[n-1]. */
  step: number;
  /** Virtual time of the current step. */
  time: number;
  /** events[step-1], or null at step 0. */
  event: KnownTraceEvent | null;
  /** The pipeline stage the current event belongs to (null for runner bookkeeping). */
  stage: StageRef | null;
  /** The edge the current event's token travels, when it moves between stages. */
  edge: { from: StageRef; to: StageRef } | null;
  server: ServerView;
  /** Informers by name (reflector, FIFO, indexer, processor and listeners share the informer's name). */
  informers: Map<string, InformerView>;
  /** The informer the current (or last informer-related) event belongs to. */
  focus: string | null;
  workqueues: Map<string, WorkqueueView>;
  /** By `controller + "#" + index`. */
  workers: Map<string, WorkerView>;
  /** The last HANDLER_LOG_LIMIT handler calls/returns/throws. */
  handlerLog: HandlerLogEntry[];
  handlerCalls: number;
  logLines: number;
  ended: "done" | "timeout" | "eventLimit" | "error" | null;
  /** The last handler lane that ran (the source of a workqueue.add token). */
  lastHandler: StageRef | null;
}

export const HANDLER_LOG_LIMIT = 100;

export function emptyWorld(): WorldView {
  return {
    step: 0, time: 0, event: null, stage: null, edge: null,
    server: {
      objects: new Map(), resourceVersion: "", compactedRV: "", partitioned: false, partitionMode: null, restarts: 0,
      watches: new Map(), pending: new Map(), seen: { requests: 0, watches: 0, events: 0, lastEventRV: "" }, remote: false,
    },
    informers: new Map(), focus: null, workqueues: new Map(), workers: new Map(),
    handlerLog: [], handlerCalls: 0, logLines: 0, ended: null, lastHandler: null,
  };
}

/** A deep copy of the containers; trace leaf data (objects, delta lists) is shared. */
export function cloneWorld(w: WorldView): WorldView {
  const informers = new Map<string, InformerView>();
  for (const [name, inf] of w.informers) {
    const listeners = new Map<number, ListenerView>();
    for (const [i, l] of inf.listeners) {
      listeners.set(i, { ...l, buffer: l.buffer.copy() });
    }
    informers.set(name, {
      name,
      fifoKind: inf.fifoKind,
      reflector: { ...inf.reflector },
      fifo: { entries: inf.fifo.entries.copy(), closed: inf.fifo.closed, lastPopped: inf.fifo.lastPopped },
      indexer: {
        objects: new Map(inf.indexer.objects), indexNames: inf.indexer.indexNames.slice(),
        indexValues: new Map(inf.indexer.indexValues), lastReplaceItems: inf.indexer.lastReplaceItems,
      },
      listeners,
    });
  }
  const workqueues = new Map<string, WorkqueueView>();
  for (const [name, q] of w.workqueues) {
    workqueues.set(name, {
      name, queue: q.queue.slice(), dirty: q.dirty.slice(), processing: new Map(q.processing),
      delayed: new Map(q.delayed), requeues: new Map(q.requeues), shutdown: q.shutdown,
    });
  }
  const workers = new Map<string, WorkerView>();
  for (const [k, wk] of w.workers) workers.set(k, { ...wk });
  return {
    ...w,
    server: {
      ...w.server,
      objects: new Map(w.server.objects), watches: new Map(w.server.watches), pending: new Map(w.server.pending), seen: { ...w.server.seen },
    },
    informers, workqueues, workers,
    handlerLog: w.handlerLog.slice(),
  };
}

export function informer(w: WorldView, name: string): InformerView {
  let inf = w.informers.get(name);
  if (inf === undefined) {
    inf = {
      name,
      fifoKind: null,
      reflector: { state: "stopped", lastRV: "", pending: null, heardAt: null, backoffMs: null, lastError: null, lastErrorDetail: null },
      fifo: { entries: new HeadQueue(), closed: false, lastPopped: null },
      indexer: { objects: new Map(), indexNames: [], indexValues: new Map(), lastReplaceItems: null },
      listeners: new Map(),
    };
    w.informers.set(name, inf);
  }
  w.focus = name;
  return inf;
}

export function listener(inf: InformerView, index: number): ListenerView {
  let l = inf.listeners.get(index);
  if (l === undefined) {
    l = { index, resyncPeriodMs: 0, buffer: new HeadQueue(), synced: false, removed: false, active: null, calls: 0, errors: 0 };
    inf.listeners.set(index, l);
  }
  return l;
}

export function workqueue(w: WorldView, name: string): WorkqueueView {
  let q = w.workqueues.get(name);
  if (q === undefined) {
    q = { name, queue: [], dirty: [], processing: new Map(), delayed: new Map(), requeues: new Map(), shutdown: false };
    w.workqueues.set(name, q);
  }
  return q;
}

export function worker(w: WorldView, controller: string, index: number): WorkerView {
  const id = `${controller}#${index}`;
  let wk = w.workers.get(id);
  if (wk === undefined) {
    wk = { controller, index, state: "idle", key: null, lastResult: null };
    w.workers.set(id, wk);
  }
  return wk;
}

export function removeFirst<T>(list: T[], pred: (x: T) => boolean): boolean {
  const i = list.findIndex(pred);
  if (i < 0) return false;
  list.splice(i, 1);
  return true;
}

export function logHandler(w: WorldView, entry: HandlerLogEntry): void {
  w.handlerLog.push(entry);
  if (w.handlerLog.length > HANDLER_LOG_LIMIT) w.handlerLog.splice(0, w.handlerLog.length - HANDLER_LOG_LIMIT);
}

/** Keeps a listener's buffer at the engine's reported `pending` count (drops the oldest if longer). */
export function trimBuffer(l: ListenerView, pending: number): void {
  if (pending >= 0 && l.buffer.length > pending) l.buffer.dropOldest(l.buffer.length - pending);
}
