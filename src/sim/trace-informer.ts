/**
 * Trace events of one informer's pipeline: reflector → DeltaFIFO/RealFIFO → indexer → shared processor →
 * listener buffers → handlers (components "reflector", "fifo", "indexer", "processor", "listener", "handler").
 *
 * Contract: part of the closed trace union `KnownTraceInput` (src/sim/trace.ts, which re-exports every name here;
 * import them from there). Kinds and fields are only ever added, never renamed (trace.ts's contract);
 * a new kind must also be listed in trace-decode.ts's TRACE_KINDS or the build fails.
 */
import type { KubeObject } from "../types.js";
import type { SourcePosition } from "./trace-source.js";

/** A delta as shown in traces: its type and the resourceVersion of its object ("" if none). */
export interface DeltaSummary {
  type: "Added" | "Updated" | "Deleted" | "Replaced" | "Sync" | "ReplacedAll" | "SyncAll" | "Bookmark";
  rv: string;
  /** true when the delta's object is a DeletedFinalStateUnknown tombstone. */
  tombstone?: boolean;
}

export type NotificationType = "add" | "update" | "delete";
export type ReflectorState = "listing" | "watching" | "backoff" | "stopped";
// ───────────────────────────── reflector (component "reflector") ─────────────────────────────
export type ReflectorTrace =
  | { component: "reflector"; kind: "reflector.state"; name: string; state: ReflectorState }
  | { component: "reflector"; kind: "reflector.list.start"; name: string; resourceVersion: string;
      resourceVersionMatch?: string; limit?: number; continue?: string; streaming?: boolean }
  | { component: "reflector"; kind: "reflector.list.done"; name: string; resourceVersion: string; items: number }
  /** `type`: the reflector's typeDescription ("*v1.Pod"), which its "failed to list …" error names. */
  | { component: "reflector"; kind: "reflector.list.error"; name: string; code: number; reason: string; message: string; type?: string }
  | { component: "reflector"; kind: "reflector.watch.start"; name: string; resourceVersion: string;
      timeoutSeconds: number; sendInitialEvents?: boolean }
  | { component: "reflector"; kind: "reflector.watch.event"; name: string;
      type: "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR"; key?: string; resourceVersion: string }
  | { component: "reflector"; kind: "reflector.watch.end"; name: string;
      reason: "closed" | "expired" | "error" | "stopped" | "tooShort"; code?: number; message?: string }
  | { component: "reflector"; kind: "reflector.backoff"; name: string; delayMs: number }
  /** Last synced resourceVersion changed. */
  | { component: "reflector"; kind: "reflector.rv"; name: string; resourceVersion: string }
  | { component: "reflector"; kind: "reflector.resync"; name: string }
  /**
   * ListAndWatch returned an error and the Reflector calls the watch error handler set with
   * setWatchErrorHandler (traced only when one is set: the default handler only logs).
   */
  | { component: "reflector"; kind: "reflector.watchErrorHandler"; name: string; message: string };

// ───────────────────────────── DeltaFIFO / RealFIFO (component "fifo") ─────────────────────────────
/**
 * Which queue emitted a fifo event: absent = the classic DeltaFIFO; "real" = RealFIFO; "realAtomic" =
 * RealFIFO in atomic mode (AtomicFIFO). The in-order queues set it on every event.
 */
export type FifoKind = "real" | "realAtomic";
/** The informer's queue: the classic DeltaFIFO, RealFIFO, or RealFIFO with atomicEvents (the one spelling). */
export type FifoMode = "delta" | FifoKind;
export type FifoTrace = (

  /** A delta was queued. `deltas` is the key's whole list after the add; `newKey` when the key joined the queue's tail. */
  | { component: "fifo"; kind: "fifo.queued"; name: string; key: string; delta: DeltaSummary;
      deltas: DeltaSummary[]; newKey: boolean; queueLength: number }
  /** A delta was not queued (e.g. a second adjacent Deleted collapsed, or Resync skipped a queued key). */
  | { component: "fifo"; kind: "fifo.skipped"; name: string; key: string; delta: DeltaSummary;
      reason: "dedupDelete" | "resyncQueued" | "unknownDelete" }
  | { component: "fifo"; kind: "fifo.replace"; name: string; items: number; resourceVersion: string; tombstones: number }
  /** `batch`: the entry was popped in a batch of this many (RealFIFO batch pop, InOrderInformersBatchProcess). */
  | { component: "fifo"; kind: "fifo.popped"; name: string; key: string; deltas: DeltaSummary[];
      isInInitialList: boolean; queueLength: number; batch?: number }
  | { component: "fifo"; kind: "fifo.closed"; name: string }
) & { fifoKind?: FifoKind };

// ───────────────────────────── indexer (component "indexer") ─────────────────────────────
export type IndexerTrace =
  /** The informer's cache changed. `indexes`: for each index name, the values the object is indexed under now ([] after delete). */
  | { component: "indexer"; kind: "indexer.write"; name: string; op: "add" | "update" | "delete"; key: string;
      resourceVersion: string; object?: KubeObject; indexes: Record<string, string[]> }
  | { component: "indexer"; kind: "indexer.replace"; name: string; items: number }
  | { component: "indexer"; kind: "indexer.indexAdded"; name: string; indexName: string }
  /** A read of one index (`byIndex`, and a lister's namespace query): which value was asked for, how many objects came back. */
  | { component: "indexer"; kind: "indexer.query"; name: string; indexName: string; value: string; items: number }
  /**
   * A lister read (listers.go; the informer's cache, no request to the API server): `get` of `key`
   * (`namespace/name` for a namespace lister) found `items` 1 (with the object's `resourceVersion`) or 0
   * (the lister throws NotFound); `list` returned `items` objects of `namespace` ("" or absent: all),
   * matching `selector` when one was given.
   */
  | { component: "indexer"; kind: "lister.query"; name: string; op: "get" | "list"; key?: string; namespace?: string;
      selector?: string; items: number; resourceVersion?: string };

// ───────────────────────────── shared processor (component "processor") ─────────────────────────────
export type ProcessorTrace =
  /** The informer turned a popped delta into a notification for its listeners. */
  | { component: "processor"; kind: "processor.distribute"; name: string; notification: NotificationType;
      key: string; resourceVersion: string; deltaType: DeltaSummary["type"]; sync: boolean; listeners: number[] }
  /**
   * `resyncPeriodMs`: the listener's effective period. `requestedResyncMs`: the period the handler was
   * registered with, present only when the informer changed it (raised to the 1 s minimum or to the
   * check period of a started informer; a negative one means none).
   */
  | { component: "processor"; kind: "processor.listenerAdded"; name: string; listener: number; resyncPeriodMs: number;
      requestedResyncMs?: number }
  | { component: "processor"; kind: "processor.listenerRemoved"; name: string; listener: number }
  | { component: "processor"; kind: "processor.resyncCheck"; name: string; listeners: number[] };

// ───────────────────────────── per-listener buffers (component "listener") ─────────────────────────────
export type ListenerTrace =
  | { component: "listener"; kind: "listener.buffered"; name: string; listener: number; notification: NotificationType;
      key: string; resourceVersion: string; pending: number }
  | { component: "listener"; kind: "listener.synced"; name: string; listener: number };

// ───────────────────────────── handlers (component "handler") ─────────────────────────────
export type HandlerTrace =
  | { component: "handler"; kind: "handler.called"; name: string; listener: number; notification: NotificationType;
      key: string; resourceVersion: string; oldResourceVersion?: string; isInInitialList?: boolean;
      tombstone?: boolean; pending: number;
      /** Where the learner function this notification runs is defined (the predicate of a filtering handler). */
      src?: SourcePosition }
  | { component: "handler"; kind: "handler.returned"; name: string; listener: number; notification: NotificationType; key: string }
  | { component: "handler"; kind: "handler.threw"; name: string; listener: number; notification: NotificationType;
      key: string; message: string; line?: number };
