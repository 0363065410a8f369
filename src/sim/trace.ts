/**
 * Trace — what every engine component reports, as typed events. The trace is the single source of truth
 * for the UI (WorldView reducer, animation, narration, tables) and for lesson goals.
 *
 * Contract:
 * - The envelope is API.md's: `TraceInput = { component, kind, ...details }`, and a recorded
 *   `TraceEvent` adds `seq` (1-based, dense) and `time` (scheduler.now() when emitted).
 * - `kind` is a closed union per component (`KnownTraceInput` below), each with a typed payload, so a
 *   reducer can switch exhaustively. Components emit only known kinds (`emit(tracer, {...})` checks it).
 *   New kinds may be added; existing kinds and fields are never renamed.
 * - Payloads describe the state AFTER the action where the UI needs it (e.g. `fifo.queued.deltas` is the
 *   key's whole delta list after the add), so the reducer never re-implements engine logic.
 * - Objects in payloads are immutable snapshots (the server deep-freezes what it stores and delivers);
 *   the trace never holds a reference to something that changes later.
 * - A payload is plain data (strings, numbers, booleans, arrays, plain objects): it survives
 *   structuredClone (worker → page) and JSON (hash, share links).
 */
import type { KubeObject } from "../types.js";
import type { Scheduler } from "./scheduler.js";

export type TraceInput = { component: string; kind: string; [detail: string]: unknown };
export type TraceEvent = TraceInput & { seq: number; time: number };

export interface Tracer {
  emit(event: TraceInput): void;
}

/** A delta as shown in traces: its type and the resourceVersion of its object ("" if none). */
export interface DeltaSummary {
  type: "Added" | "Updated" | "Deleted" | "Replaced" | "Sync" | "ReplacedAll" | "SyncAll" | "Bookmark";
  rv: string;
  /** true when the delta's object is a DeletedFinalStateUnknown tombstone. */
  tombstone?: boolean;
}

export type Verb = "list" | "watch" | "get" | "create" | "update" | "patch" | "delete";
export type NotificationType = "add" | "update" | "delete";
export type ReflectorState = "listing" | "watching" | "backoff" | "stopped";
/**
 * Who made a request (`server.request.origin`), so goals and the stage blame the right party:
 * - "code": the learner's program (its clientset calls);
 * - "action": a stage button or command-bar command the learner added to the run (`runner.op` learner: true);
 * - "scenario": the lesson's scenario (its initial objects and timeline ops);
 * - "informer": informer machinery (a reflector's LIST/WATCH: its client is reflectorClient(…));
 * - "cluster": the simulated cluster's own components (the kubelet finishing a graceful delete).
 */
export type RequestOrigin = "code" | "action" | "scenario" | "informer" | "cluster";
/**
 * A position in the learner's TypeScript source as the learner sees it in the editor (1-based line and
 * column): where a handler / reconcile / predicate function is defined (`handler.called`,
 * `worker.reconcile`), or where `log(...)` was called (`runner.log`). Only a runner that can map the
 * learner module's positions (the browser worker, through the compiler's source map) sets it; a run
 * without a source locator (Node tests, the oracle) has none, and the same program always gets the same
 * positions, so traces stay deterministic.
 */
export interface SourcePosition {
  line: number;
  col: number;
}

/**
 * Where learner code is, for the runner that can tell (RunOptions.sourceLocator; src/ only calls it).
 * - `ofFunction(fn)`: where `fn` is defined, or undefined (not learner code, or not found). Called once
 *   when the function is handed over (registration), with the learner's call on the stack.
 * - `ofCaller()`: where the learner code that is calling the engine right now made its call (log's caller).
 * - `ofStack()`: the innermost learner frame on the stack right now (a clientset call's line), if any.
 */
export interface SourceLocator {
  ofFunction(fn: unknown): SourcePosition | undefined;
  ofCaller(): SourcePosition | undefined;
  ofStack?(): SourcePosition | undefined;
}

export type FaultKind =
  | "dropWatches" | "compact" | "partition" | "heal" | "restart"
  | "throttle" | "latency" | "slowHandler" | "slowConsumer" | "watchError" | "stall";

// ───────────────────────────── server (component "server") ─────────────────────────────
export type ServerTrace =
  /**
   * A request arrived (direct call or through a ListerWatcher). `client` names the caller, e.g.
   * "reflector:pods"; `origin` says who made it (absent only for requests from outside a run, e.g. the wire).
   */
  | { component: "server"; kind: "server.request"; requestId: number; verb: Verb; resource: string;
      namespace?: string; name?: string; client?: string; origin?: RequestOrigin; resourceVersion?: string;
      resourceVersionMatch?: string; labelSelector?: string; fieldSelector?: string; limit?: number;
      continue?: string; sendInitialEvents?: boolean; timeoutSeconds?: number;
      /** update: the `metadata.resourceVersion` the sent object carried (the precondition); absent = none, an unconditional write. */
      objectResourceVersion?: string;
      /** Traced by a client of a remote cluster (live mode): the server's store and writes are not in this trace. */
      remote?: true;
      /** origin "code": where in the learner's source the clientset call was made. */
      src?: SourcePosition }
  /** The reply, success or Status error. `items` for lists; `resourceVersion` of the list or object. */
  | { component: "server"; kind: "server.response"; requestId: number; verb: Verb; resource: string;
      code: number; reason?: string; message?: string; resourceVersion?: string; items?: number;
      continue?: string; retryAfterSeconds?: number }
  /** The store changed: one per write (the watch event every watcher may see). */
  | { component: "server"; kind: "server.write"; resource: string; key: string;
      type: "ADDED" | "MODIFIED" | "DELETED"; resourceVersion: string; object: KubeObject }
  | { component: "server"; kind: "server.watch.opened"; watchId: number; resource: string;
      resourceVersion: string; namespace?: string; labelSelector?: string; fieldSelector?: string;
      client?: string; sendInitialEvents?: boolean; timeoutSeconds?: number;
      /** Traced by a client of a remote cluster (live mode), as on server.request. */
      remote?: true }
  /** A watch event handed to a watcher (after any latency). For ERROR, `code`/`reason` of the Status. */
  | { component: "server"; kind: "server.watch.event"; watchId: number; resource: string;
      type: "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR"; key?: string; resourceVersion: string;
      code?: number; reason?: string; initialEventsEnd?: boolean }
  | { component: "server"; kind: "server.watch.closed"; watchId: number; resource: string;
      reason: "timeout" | "dropped" | "stopped" | "expired" | "slowConsumer" | "restart" | "partition" | "error" }
  | { component: "server"; kind: "server.compacted"; resourceVersion: string }
  | { component: "server"; kind: "server.restarted"; resourceVersion: string };

// ───────────────────────────── faults (component "fault") ─────────────────────────────
export type FaultTrace =
  | { component: "fault"; kind: "fault.injected"; fault: FaultKind; detail?: string };

// ───────────────────────────── reflector (component "reflector") ─────────────────────────────
export type ReflectorTrace =
  | { component: "reflector"; kind: "reflector.state"; name: string; state: ReflectorState }
  | { component: "reflector"; kind: "reflector.list.start"; name: string; resourceVersion: string;
      resourceVersionMatch?: string; limit?: number; continue?: string; streaming?: boolean }
  | { component: "reflector"; kind: "reflector.list.done"; name: string; resourceVersion: string; items: number }
  | { component: "reflector"; kind: "reflector.list.error"; name: string; code: number; reason: string; message: string }
  | { component: "reflector"; kind: "reflector.watch.start"; name: string; resourceVersion: string;
      timeoutSeconds: number; sendInitialEvents?: boolean }
  | { component: "reflector"; kind: "reflector.watch.event"; name: string;
      type: "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR"; key?: string; resourceVersion: string }
  | { component: "reflector"; kind: "reflector.watch.end"; name: string;
      reason: "closed" | "expired" | "error" | "stopped" | "tooShort"; code?: number; message?: string }
  | { component: "reflector"; kind: "reflector.backoff"; name: string; delayMs: number }
  /** Last synced resourceVersion changed. */
  | { component: "reflector"; kind: "reflector.rv"; name: string; resourceVersion: string }
  | { component: "reflector"; kind: "reflector.resync"; name: string };

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
  | { component: "indexer"; kind: "indexer.query"; name: string; indexName: string; value: string; items: number };

// ───────────────────────────── shared processor (component "processor") ─────────────────────────────
export type ProcessorTrace =
  /** The informer turned a popped delta into a notification for its listeners. */
  | { component: "processor"; kind: "processor.distribute"; name: string; notification: NotificationType;
      key: string; resourceVersion: string; deltaType: DeltaSummary["type"]; sync: boolean; listeners: number[] }
  | { component: "processor"; kind: "processor.listenerAdded"; name: string; listener: number; resyncPeriodMs: number }
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

// ───────────────────────────── workqueue (component "workqueue") ─────────────────────────────
export type WorkqueueTrace =
  /** `deduplicated`: the key was already dirty (queued or waiting to be re-queued after processing). */
  | { component: "workqueue"; kind: "workqueue.add"; queue: string; key: string; deduplicated: boolean;
      processing: boolean; length: number }
  | { component: "workqueue"; kind: "workqueue.get"; queue: string; key: string; worker?: number; length: number }
  | { component: "workqueue"; kind: "workqueue.done"; queue: string; key: string; requeued: boolean; length: number }
  | { component: "workqueue"; kind: "workqueue.addAfter"; queue: string; key: string; delayMs: number; readyAt: number }
  | { component: "workqueue"; kind: "workqueue.rateLimited"; queue: string; key: string; delayMs: number; requeues: number }
  | { component: "workqueue"; kind: "workqueue.forget"; queue: string; key: string }
  | { component: "workqueue"; kind: "workqueue.shutdown"; queue: string; drain: boolean };

// ───────────────────────────── controller workers (component "worker") ─────────────────────────────
export type WorkerTrace =
  | { component: "worker"; kind: "worker.started"; controller: string; worker: number }
  /** `src`: where the learner's reconcile function is defined. */
  | { component: "worker"; kind: "worker.reconcile"; controller: string; worker: number; key: string; src?: SourcePosition }
  | { component: "worker"; kind: "worker.result"; controller: string; worker: number; key: string;
      result: "success" | "error" | "requeue"; message?: string; requeueAfterMs?: number }
  | { component: "worker"; kind: "worker.stopped"; controller: string; worker: number };

// ───────────────────────────── runner / learner (component "runner") ─────────────────────────────
export type RunnerTrace =
  | { component: "runner"; kind: "runner.start"; seed: number; durationMs: number }
  /** A scenario or learner action applied at its virtual time. */
  | { component: "runner"; kind: "runner.op"; op: string; resource?: string; key?: string; detail?: string; learner: boolean }
  /** A line printed by the learner's log(); `src`: where that log(...) (or console.*) call is. */
  | { component: "runner"; kind: "runner.log"; text: string; src?: SourcePosition }
  /**
   * The learner's `cache.waitForCacheSync(stop, ...fns)` (or `factory.waitForCacheSync(stop)`) resolved:
   * `synced` is the value it resolved with, `results` what each hasSynced function answered at that moment
   * (in argument order; for the factory, one per started informer, named in `resources`).
   */
  | { component: "runner"; kind: "runner.cacheSync"; synced: boolean; results: boolean[]; resources?: string[] }
  | { component: "runner"; kind: "runner.error"; message: string; line?: number }
  | { component: "runner"; kind: "runner.end"; reason: "done" | "timeout" | "eventLimit" | "error" };

export type KnownTraceInput =
  | ServerTrace | FaultTrace | ReflectorTrace | FifoTrace | IndexerTrace | ProcessorTrace
  | ListenerTrace | HandlerTrace | WorkqueueTrace | WorkerTrace | RunnerTrace;
export type TraceKind = KnownTraceInput["kind"];
export type TraceComponent = KnownTraceInput["component"];
export type KnownTraceEvent = KnownTraceInput & { seq: number; time: number };
/** The payload type of one kind. */
export type TraceOf<K extends TraceKind> = Extract<KnownTraceInput, { kind: K }>;

/** Emits a known event if a tracer is present. Use this in engine code so payloads are type-checked. */
export function emit(tracer: Tracer | undefined, event: KnownTraceInput): void {
  if (tracer !== undefined) tracer.emit(event);
}

/**
 * A component's typed trace function: undefined without a tracer, so `this.trace?.({ … })` neither builds
 * nor checks anything when tracing is off, and payloads are type-checked against the closed union when on.
 * Built once per component (constructor), from the API.md `Tracer` it was given.
 */
export type TraceFn = (event: KnownTraceInput) => void;
export function traceTo(tracer: Tracer | undefined): TraceFn | undefined {
  return tracer === undefined ? undefined : (event) => tracer.emit(event);
}

/**
 * The `client` a reflector's requests carry in traces: "reflector:<informer>", the informer's trace name
 * (its resource, or "pods-2" for a run's second pods informer). Informers built by the factory or the
 * playground name their ListerWatcher so; the world's choreography (world/stage-of.ts) animates such
 * requests from that informer's reflector box.
 */
export function reflectorClient(informer: string): string {
  return `reflector:${informer}`;
}
export function isReflectorClient(client: string | undefined): boolean {
  return client?.startsWith("reflector") === true;
}
/** The informer (trace name) whose reflector a client is: "reflector:pods-2" → "pods-2"; undefined otherwise. */
export function informerOfClient(client: string | undefined): string | undefined {
  return client !== undefined && client.startsWith("reflector:") ? client.slice("reflector:".length) : undefined;
}

/** The origin a request's `client` implies on its own: a reflector's traffic, or the kubelet's. */
export function originOfClient(client: string | undefined): RequestOrigin | undefined {
  if (isReflectorClient(client)) return "informer";
  if (client === "kubelet") return "cluster";
  return undefined;
}

/** Narrows a recorded event to the known union (every event the engine emits is known). */
export function asKnown(event: TraceEvent): KnownTraceEvent {
  return event as unknown as KnownTraceEvent;
}

/** Records every event with a dense 1-based seq and the scheduler's virtual time. */
export class Recorder implements Tracer {
  readonly events: TraceEvent[] = [];
  private readonly listeners: Array<(event: TraceEvent) => void> = [];

  constructor(private readonly scheduler: Scheduler) {}

  emit(event: TraceInput): void {
    const recorded = { ...event, seq: this.events.length + 1, time: this.scheduler.now() } as TraceEvent;
    this.events.push(recorded);
    for (const listener of this.listeners) listener(recorded);
  }

  /** Called after each recorded event (e.g. the runner's event budget). */
  onEvent(listener: (event: TraceEvent) => void): void {
    this.listeners.push(listener);
  }
}

/** Fans one event out to several tracers. */
export class MultiTracer implements Tracer {
  constructor(private readonly tracers: Tracer[]) {}
  emit(event: TraceInput): void {
    for (const t of this.tracers) t.emit(event);
  }
}
