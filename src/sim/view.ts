/**
 * WorldView — the state of the whole simulated system at one step, folded from the trace.
 *
 * Contract:
 * - `reduce(state, event)` is the fold: a pure function of the previous state and one trace event. It
 *   never re-implements engine logic; it copies what the payloads say (the trace describes the state
 *   AFTER each action, see trace.ts), and only keeps the bookkeeping the payloads leave implicit (which
 *   key leaves a FIFO on pop, which workqueue set a key moves to).
 * - Step n is `events[n - 1]` (1-based); step 0 is the empty world before the first event.
 * - `WorldReplay` keeps a snapshot every K events, so `seek(n)` = clone(nearest snapshot at or before n)
 *   + fold of at most K−1 events: any step is reached in O(K), forwards or backwards. Stepping back is
 *   just seeking: nothing is ever undone.
 * - Every kind of `KnownTraceEvent` is handled by an exhaustive switch that ends in a `never` check, so a
 *   new trace kind fails the build here until the view learns about it.
 * - A WorldView returned by `seek` is the caller's own copy (mutating it cannot corrupt the replay).
 *   Leaf data from the trace (objects, delta lists) is shared, never mutated.
 *
 * The view also records, for the current event, the pipeline stage it belongs to (`stage`) and the edge
 * its token travels (`edge`), which the stage diagram and the `pipeline` machine display.
 */
import type { KubeObject } from "../types.js";
import type {
  DeltaSummary, KnownTraceEvent, NotificationType, ReflectorState, TraceEvent,
} from "./trace.js";
import { asKnown } from "./trace.js";

/** The boxes of the pipeline diagram (UI.md `stage-node` data-stage values). */
export type StageName =
  | "apiserver" | "reflector" | "deltafifo" | "indexer" | "processor" | "listener" | "handler"
  | "workqueue" | "worker";
export const STAGE_NAMES: readonly StageName[] = [
  "apiserver", "reflector", "deltafifo", "indexer", "processor", "listener", "handler", "workqueue", "worker",
];

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
}

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
  backoffMs: number | null;
  lastError: string | null;
}
export interface FifoEntry { key: string; deltas: readonly DeltaSummary[] }
export interface FifoView {
  /** Queued keys in queue order (RealFIFO: one entry per event; a key may repeat). */
  entries: FifoEntry[];
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
  buffer: PendingNotification[];
  synced: boolean;
  removed: boolean;
  /** The call in progress (called, not yet returned/threw). */
  active: PendingNotification | null;
  calls: number;
  errors: number;
}
export interface InformerView {
  name: string;
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
      watches: new Map(), pending: new Map(),
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
      listeners.set(i, { ...l, buffer: l.buffer.slice() });
    }
    informers.set(name, {
      name,
      reflector: { ...inf.reflector },
      fifo: { entries: inf.fifo.entries.slice(), closed: inf.fifo.closed, lastPopped: inf.fifo.lastPopped },
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
      objects: new Map(w.server.objects), watches: new Map(w.server.watches), pending: new Map(w.server.pending),
    },
    informers, workqueues, workers,
    handlerLog: w.handlerLog.slice(),
  };
}

function informer(w: WorldView, name: string): InformerView {
  let inf = w.informers.get(name);
  if (inf === undefined) {
    inf = {
      name,
      reflector: { state: "stopped", lastRV: "", pending: null, backoffMs: null, lastError: null },
      fifo: { entries: [], closed: false, lastPopped: null },
      indexer: { objects: new Map(), indexNames: [], indexValues: new Map(), lastReplaceItems: null },
      listeners: new Map(),
    };
    w.informers.set(name, inf);
  }
  w.focus = name;
  return inf;
}

function listener(inf: InformerView, index: number): ListenerView {
  let l = inf.listeners.get(index);
  if (l === undefined) {
    l = { index, resyncPeriodMs: 0, buffer: [], synced: false, removed: false, active: null, calls: 0, errors: 0 };
    inf.listeners.set(index, l);
  }
  return l;
}

function workqueue(w: WorldView, name: string): WorkqueueView {
  let q = w.workqueues.get(name);
  if (q === undefined) {
    q = { name, queue: [], dirty: [], processing: new Map(), delayed: new Map(), requeues: new Map(), shutdown: false };
    w.workqueues.set(name, q);
  }
  return q;
}

function worker(w: WorldView, controller: string, index: number): WorkerView {
  const id = `${controller}#${index}`;
  let wk = w.workers.get(id);
  if (wk === undefined) {
    wk = { controller, index, state: "idle", key: null, lastResult: null };
    w.workers.set(id, wk);
  }
  return wk;
}

function removeFirst<T>(list: T[], pred: (x: T) => boolean): boolean {
  const i = list.findIndex(pred);
  if (i < 0) return false;
  list.splice(i, 1);
  return true;
}

function logHandler(w: WorldView, entry: HandlerLogEntry): void {
  w.handlerLog.push(entry);
  if (w.handlerLog.length > HANDLER_LOG_LIMIT) w.handlerLog.splice(0, w.handlerLog.length - HANDLER_LOG_LIMIT);
}

/** Keeps a listener's buffer at the engine's reported `pending` count (drops the oldest if longer). */
function trimBuffer(l: ListenerView, pending: number): void {
  if (pending >= 0 && l.buffer.length > pending) l.buffer.splice(0, l.buffer.length - pending);
}

const at = (stage: StageName, index?: number): StageRef => (index === undefined ? { stage } : { stage, index });

/**
 * Folds one event into `w` (mutating it) and returns it. `reduce` is the pure wrapper; the replay uses
 * this in-place form on its own private copy.
 */
export function applyEvent(w: WorldView, event: KnownTraceEvent): WorldView {
  w.step = event.seq;
  w.time = event.time;
  w.event = event;
  w.edge = null;
  let stage: StageRef | null = null;
  let from: StageRef | null = null;
  switch (event.kind) {
    // ── server ──
    case "server.request": {
      w.server.pending.set(event.requestId, {
        requestId: event.requestId, verb: event.verb, resource: event.resource,
        ...(event.client === undefined ? {} : { client: event.client }),
      });
      stage = at("apiserver");
      if (event.client?.startsWith("reflector") === true) from = at("reflector");
      break;
    }
    case "server.response": {
      const req = w.server.pending.get(event.requestId);
      w.server.pending.delete(event.requestId);
      if (req?.client?.startsWith("reflector") === true) {
        stage = at("reflector");
        from = at("apiserver");
      } else {
        stage = at("apiserver");
      }
      break;
    }
    case "server.write": {
      const id = `${event.resource}|${event.key}`;
      if (event.type === "DELETED") {
        w.server.objects.delete(id);
      } else {
        const meta = event.object.metadata;
        w.server.objects.set(id, {
          resource: event.resource, key: event.key, rv: event.resourceVersion, object: event.object,
          deleting: meta.deletionTimestamp !== undefined && meta.deletionTimestamp !== null,
        });
      }
      w.server.resourceVersion = event.resourceVersion;
      stage = at("apiserver");
      break;
    }
    case "server.watch.opened": {
      w.server.watches.set(event.watchId, {
        watchId: event.watchId, resource: event.resource, resourceVersion: event.resourceVersion,
        ...(event.client === undefined ? {} : { client: event.client }),
      });
      stage = at("apiserver");
      break;
    }
    case "server.watch.event": {
      const watch = w.server.watches.get(event.watchId);
      if (watch !== undefined && event.type !== "ERROR") {
        w.server.watches.set(event.watchId, { ...watch, resourceVersion: event.resourceVersion });
      }
      stage = at("reflector");
      from = at("apiserver");
      break;
    }
    case "server.watch.closed": {
      w.server.watches.delete(event.watchId);
      stage = at("apiserver");
      break;
    }
    case "server.compacted": {
      w.server.compactedRV = event.resourceVersion;
      stage = at("apiserver");
      break;
    }
    case "server.restarted": {
      w.server.restarts++;
      w.server.watches.clear();
      w.server.pending.clear();
      w.server.resourceVersion = event.resourceVersion;
      stage = at("apiserver");
      break;
    }
    // ── faults ──
    case "fault.injected": {
      if (event.fault === "partition") {
        w.server.partitioned = true;
        w.server.partitionMode = event.detail === "timeout" ? "timeout" : "refused";
      }
      if (event.fault === "heal") {
        w.server.partitioned = false;
        w.server.partitionMode = null;
      }
      stage = event.fault === "slowHandler" ? at("handler") : at("apiserver");
      break;
    }
    // ── reflector ──
    case "reflector.state": {
      const r = informer(w, event.name).reflector;
      r.state = event.state;
      if (event.state !== "backoff") r.backoffMs = null;
      if (event.state === "stopped") r.pending = null;
      stage = at("reflector");
      break;
    }
    case "reflector.list.start": {
      const r = informer(w, event.name).reflector;
      // A streaming list (watchList) is a WATCH with sendInitialEvents on the wire, never a LIST.
      r.pending = event.streaming === true
        ? { verb: "watch", resourceVersion: event.resourceVersion, sendInitialEvents: true }
        : { verb: "list", resourceVersion: event.resourceVersion };
      stage = at("apiserver");
      from = at("reflector");
      break;
    }
    case "reflector.list.done": {
      const r = informer(w, event.name).reflector;
      // The end of a streaming list's initial events: its watch stays open, now an ordinary watch.
      r.pending = r.pending?.sendInitialEvents === true ? { verb: "watch", resourceVersion: r.pending.resourceVersion } : null;
      r.lastError = null;
      stage = at("reflector");
      from = at("apiserver");
      break;
    }
    case "reflector.list.error": {
      const r = informer(w, event.name).reflector;
      r.pending = null;
      r.lastError = `${event.code} ${event.reason}`;
      stage = at("reflector");
      from = at("apiserver");
      break;
    }
    case "reflector.watch.start": {
      const r = informer(w, event.name).reflector;
      r.pending = event.sendInitialEvents === true
        ? { verb: "watch", resourceVersion: event.resourceVersion, sendInitialEvents: true }
        : { verb: "watch", resourceVersion: event.resourceVersion };
      stage = at("apiserver");
      from = at("reflector");
      break;
    }
    case "reflector.watch.event": {
      informer(w, event.name);
      stage = at("reflector");
      from = at("apiserver");
      break;
    }
    case "reflector.watch.end": {
      const r = informer(w, event.name).reflector;
      r.pending = null;
      if (event.reason === "expired" || event.reason === "error") {
        r.lastError = `${event.code ?? ""} ${event.message ?? event.reason}`.trim();
      }
      stage = at("reflector");
      break;
    }
    case "reflector.backoff": {
      const r = informer(w, event.name).reflector;
      r.backoffMs = event.delayMs;
      stage = at("reflector");
      break;
    }
    case "reflector.rv": {
      informer(w, event.name).reflector.lastRV = event.resourceVersion;
      stage = at("reflector");
      break;
    }
    case "reflector.resync": {
      informer(w, event.name);
      stage = at("reflector");
      break;
    }
    // ── FIFO ──
    case "fifo.queued": {
      const fifo = informer(w, event.name).fifo;
      fifo.lastPopped = null;
      if (event.newKey) {
        fifo.entries.push({ key: event.key, deltas: event.deltas });
      } else {
        let i = -1;
        for (let j = fifo.entries.length - 1; j >= 0; j--) {
          if (fifo.entries[j]!.key === event.key) { i = j; break; }
        }
        if (i >= 0) fifo.entries[i] = { key: event.key, deltas: event.deltas };
        else fifo.entries.push({ key: event.key, deltas: event.deltas });
      }
      stage = at("deltafifo");
      from = at("reflector");
      break;
    }
    case "fifo.skipped": {
      informer(w, event.name).fifo.lastPopped = null;
      stage = at("deltafifo");
      break;
    }
    case "fifo.replace": {
      informer(w, event.name).fifo.lastPopped = null;
      stage = at("deltafifo");
      from = at("reflector");
      break;
    }
    case "fifo.popped": {
      const fifo = informer(w, event.name).fifo;
      removeFirst(fifo.entries, (e) => e.key === event.key);
      fifo.lastPopped = { key: event.key, deltas: event.deltas };
      stage = at("deltafifo");
      break;
    }
    case "fifo.closed": {
      informer(w, event.name).fifo.closed = true;
      stage = at("deltafifo");
      break;
    }
    // ── indexer ──
    case "indexer.write": {
      const idx = informer(w, event.name).indexer;
      if (event.op === "delete") {
        idx.objects.delete(event.key);
        idx.indexValues.delete(event.key);
      } else {
        idx.objects.set(event.key, {
          key: event.key, rv: event.resourceVersion, ...(event.object === undefined ? {} : { object: event.object }),
        });
        idx.indexValues.set(event.key, event.indexes);
        for (const name of Object.keys(event.indexes)) {
          if (!idx.indexNames.includes(name)) idx.indexNames.push(name);
        }
      }
      stage = at("indexer");
      from = at("deltafifo");
      break;
    }
    case "indexer.replace": {
      informer(w, event.name).indexer.lastReplaceItems = event.items;
      stage = at("indexer");
      break;
    }
    case "indexer.indexAdded": {
      const idx = informer(w, event.name).indexer;
      if (!idx.indexNames.includes(event.indexName)) idx.indexNames.push(event.indexName);
      stage = at("indexer");
      break;
    }
    // ── processor ──
    case "processor.distribute": {
      informer(w, event.name);
      stage = at("processor");
      from = at("indexer");
      break;
    }
    case "processor.listenerAdded": {
      const l = listener(informer(w, event.name), event.listener);
      l.resyncPeriodMs = event.resyncPeriodMs;
      l.removed = false;
      stage = at("processor");
      break;
    }
    case "processor.listenerRemoved": {
      const l = listener(informer(w, event.name), event.listener);
      l.removed = true;
      l.buffer = [];
      stage = at("processor");
      break;
    }
    case "processor.resyncCheck": {
      informer(w, event.name);
      stage = at("processor");
      break;
    }
    // ── listeners ──
    case "listener.buffered": {
      const l = listener(informer(w, event.name), event.listener);
      l.buffer.push({ notification: event.notification, key: event.key, rv: event.resourceVersion });
      trimBuffer(l, event.pending);
      stage = at("listener", event.listener);
      from = at("processor");
      break;
    }
    case "listener.synced": {
      listener(informer(w, event.name), event.listener).synced = true;
      stage = at("listener", event.listener);
      break;
    }
    // ── handlers ──
    case "handler.called": {
      const l = listener(informer(w, event.name), event.listener);
      const found = removeFirst(l.buffer, (n) => n.key === event.key && n.notification === event.notification);
      if (!found && l.buffer.length > 0) l.buffer.shift();
      trimBuffer(l, event.pending);
      l.active = { notification: event.notification, key: event.key, rv: event.resourceVersion };
      l.calls++;
      w.handlerCalls++;
      logHandler(w, {
        step: event.seq, informer: event.name, listener: event.listener, notification: event.notification,
        key: event.key, rv: event.resourceVersion, outcome: "called",
        ...(event.oldResourceVersion === undefined ? {} : { oldRv: event.oldResourceVersion }),
      });
      stage = at("handler", event.listener);
      from = at("listener", event.listener);
      w.lastHandler = stage;
      break;
    }
    case "handler.returned": {
      const l = listener(informer(w, event.name), event.listener);
      const rv = l.active?.rv ?? "";
      l.active = null;
      logHandler(w, {
        step: event.seq, informer: event.name, listener: event.listener, notification: event.notification,
        key: event.key, rv, outcome: "returned",
      });
      stage = at("handler", event.listener);
      w.lastHandler = stage;
      break;
    }
    case "handler.threw": {
      const l = listener(informer(w, event.name), event.listener);
      const rv = l.active?.rv ?? "";
      l.active = null;
      l.errors++;
      logHandler(w, {
        step: event.seq, informer: event.name, listener: event.listener, notification: event.notification,
        key: event.key, rv, outcome: "threw", message: event.message,
      });
      stage = at("handler", event.listener);
      w.lastHandler = stage;
      break;
    }
    // ── workqueue ──
    case "workqueue.add": {
      const q = workqueue(w, event.queue);
      // A delayed item that became ready is re-added by its timer.
      const readyAt = q.delayed.get(event.key);
      if (readyAt !== undefined && readyAt <= event.time) q.delayed.delete(event.key);
      if (!event.deduplicated) {
        if (!q.dirty.includes(event.key)) q.dirty.push(event.key);
        if (!event.processing) q.queue.push(event.key);
      }
      stage = at("workqueue");
      from = w.lastHandler;
      break;
    }
    case "workqueue.get": {
      const q = workqueue(w, event.queue);
      removeFirst(q.queue, (k) => k === event.key);
      removeFirst(q.dirty, (k) => k === event.key);
      q.processing.set(event.key, event.worker);
      stage = event.worker === undefined ? at("workqueue") : at("worker", event.worker);
      from = event.worker === undefined ? null : at("workqueue");
      break;
    }
    case "workqueue.done": {
      const q = workqueue(w, event.queue);
      const heldBy = q.processing.get(event.key);
      q.processing.delete(event.key);
      if (event.requeued && !q.queue.includes(event.key)) q.queue.push(event.key);
      stage = at("workqueue");
      from = heldBy === undefined ? null : at("worker", heldBy);
      break;
    }
    case "workqueue.addAfter": {
      const q = workqueue(w, event.queue);
      q.delayed.set(event.key, event.readyAt);
      stage = at("workqueue");
      break;
    }
    case "workqueue.rateLimited": {
      const q = workqueue(w, event.queue);
      q.requeues.set(event.key, event.requeues);
      stage = at("workqueue");
      break;
    }
    case "workqueue.forget": {
      workqueue(w, event.queue).requeues.delete(event.key);
      stage = at("workqueue");
      break;
    }
    case "workqueue.shutdown": {
      workqueue(w, event.queue).shutdown = true;
      stage = at("workqueue");
      break;
    }
    // ── workers ──
    case "worker.started": {
      worker(w, event.controller, event.worker).state = "idle";
      stage = at("worker", event.worker);
      break;
    }
    case "worker.reconcile": {
      const wk = worker(w, event.controller, event.worker);
      wk.state = "reconciling";
      wk.key = event.key;
      stage = at("worker", event.worker);
      break;
    }
    case "worker.result": {
      const wk = worker(w, event.controller, event.worker);
      wk.state = "idle";
      wk.lastResult = event.result;
      wk.key = null;
      stage = at("worker", event.worker);
      break;
    }
    case "worker.stopped": {
      const wk = worker(w, event.controller, event.worker);
      wk.state = "stopped";
      wk.key = null;
      stage = at("worker", event.worker);
      break;
    }
    // ── runner ──
    case "runner.start":
      break;
    case "runner.op":
      stage = at("apiserver");
      break;
    case "runner.log":
      w.logLines++;
      break;
    case "runner.error":
      break;
    case "runner.end":
      w.ended = event.reason;
      break;
    default: {
      const unknown: never = event;
      throw new Error(`WorldView: unknown trace kind ${(unknown as { kind: string }).kind}`);
    }
  }
  w.stage = stage;
  if (stage !== null && from !== null && !(from.stage === stage.stage && from.index === stage.index)) {
    w.edge = { from, to: stage };
  }
  return w;
}

/** The pure fold: a new WorldView after `event`; `w` is left untouched. */
export function reduce(w: WorldView, event: TraceEvent): WorldView {
  return applyEvent(cloneWorld(w), asKnown(event));
}

/** Folds events[0 .. n-1] from the empty world (O(n); the replay is the fast way). */
export function foldTrace(events: readonly TraceEvent[], n: number = events.length): WorldView {
  const w = emptyWorld();
  for (let i = 0; i < n && i < events.length; i++) applyEvent(w, asKnown(events[i]!));
  return w;
}

export const DEFAULT_SNAPSHOT_EVERY = 64;

/** Random access over a trace: snapshots every K events, seek(n) in O(K). */
export class WorldReplay {
  readonly events: readonly TraceEvent[];
  readonly snapshotEvery: number;
  /** snapshots[i] = the world at step i*K. */
  private readonly snapshots: WorldView[] = [];
  /** A private world that `peek` moves forwards without copying. */
  private cursor: WorldView | null = null;
  /** How many events the cursor has folded. */
  private cursorAt = 0;

  constructor(events: readonly TraceEvent[], options?: { snapshotEvery?: number }) {
    const k = options?.snapshotEvery ?? DEFAULT_SNAPSHOT_EVERY;
    if (!(Number.isInteger(k) && k >= 1)) throw new Error(`Expected \`snapshotEvery\` to be an integer ≥ 1, got \`${k}\``);
    this.events = events;
    this.snapshotEvery = k;
    const w = emptyWorld();
    this.snapshots.push(cloneWorld(w));
    for (let i = 0; i < events.length; i++) {
      applyEvent(w, asKnown(events[i]!));
      if ((i + 1) % k === 0) this.snapshots.push(cloneWorld(w));
    }
  }

  /** Number of steps (= events). */
  get length(): number {
    return this.events.length;
  }

  /** The world after step n (clamped to 0..length); the caller owns the returned copy. */
  seek(step: number): WorldView {
    const n = Math.max(0, Math.min(this.events.length, Math.floor(step)));
    const base = Math.floor(n / this.snapshotEvery);
    const w = cloneWorld(this.snapshots[base]!);
    for (let i = base * this.snapshotEvery; i < n; i++) applyEvent(w, asKnown(this.events[i]!));
    return w;
  }

  /**
   * The world after step n, read-only and valid only until the next `peek`: playing forwards folds the
   * next events into one private world (no copy per step); any other move restarts from the nearest
   * snapshot, as `seek` does. For renderers that never mutate what they draw.
   */
  peek(step: number): Readonly<WorldView> {
    const n = Math.max(0, Math.min(this.events.length, Math.floor(step)));
    const c = this.cursor;
    const base = Math.floor(n / this.snapshotEvery) * this.snapshotEvery;
    if (c === null || this.cursorAt > n || this.cursorAt < base) {
      this.cursor = this.seek(n);
      this.cursorAt = n;
      return this.cursor;
    }
    for (let i = this.cursorAt; i < n; i++) applyEvent(c, asKnown(this.events[i]!));
    this.cursorAt = n;
    return c;
  }
}

// ───────────── derived views (for the stage and tables) ─────────────

/** Each index's buckets: index name → value → keys (values and keys sorted). */
export function indexBuckets(idx: IndexerView): Map<string, Map<string, string[]>> {
  const out = new Map<string, Map<string, string[]>>();
  for (const name of idx.indexNames) out.set(name, new Map());
  for (const [key, values] of idx.indexValues) {
    for (const [name, vals] of Object.entries(values)) {
      let buckets = out.get(name);
      if (buckets === undefined) {
        buckets = new Map();
        out.set(name, buckets);
      }
      for (const v of vals) {
        const list = buckets.get(v);
        if (list === undefined) buckets.set(v, [key]);
        else list.push(key);
      }
    }
  }
  const sorted = new Map<string, Map<string, string[]>>();
  for (const [name, buckets] of out) {
    for (const list of buckets.values()) list.sort();
    sorted.set(name, new Map([...buckets].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))));
  }
  return sorted;
}

/** The informer the stage should show: the focus, else the first known. */
export function focusedInformer(w: WorldView): InformerView | undefined {
  if (w.focus !== null) {
    const inf = w.informers.get(w.focus);
    if (inf !== undefined) return inf;
  }
  return w.informers.values().next().value;
}
