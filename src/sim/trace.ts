/**
 * Trace — what every engine component reports, as typed events. The trace is the single source of truth
 * for the UI (WorldView reducer, animation, narration, tables) and for lesson goals.
 *
 * Contract:
 * - The envelope is API.md's: `TraceInput = { component, kind, ...details }`, and a recorded
 *   `TraceEvent` adds `seq` (1-based, dense) and `time` (scheduler.now() when emitted).
 * - `kind` is a closed union per component (`KnownTraceInput` below, its parts by area in trace-server.ts,
 *   trace-informer.ts, trace-controller.ts, trace-runner.ts; one type, every name exported from here), each with a typed payload, so a
 *   reducer can switch exhaustively. Components emit only known kinds: each traces through a `TraceFn`
 *   (`traceTo` below), whose parameter is the closed union.
 *   New kinds may be added; existing kinds and fields are never renamed.
 * - Payloads describe the state AFTER the action where the UI needs it (e.g. `fifo.queued.deltas` is the
 *   key's whole delta list after the add), so the reducer never re-implements engine logic.
 * - Objects in payloads are immutable snapshots (the server deep-freezes what it stores and delivers);
 *   the trace never holds a reference to something that changes later.
 * - A payload is plain data (strings, numbers, booleans, arrays, plain objects): it survives
 *   structuredClone (worker → page) and JSON (hash, share links).
 */
import type { Scheduler } from "./scheduler.js";
import type { WorkerTrace, WorkqueueTrace } from "./trace-controller.js";
import type {
  FifoTrace, HandlerTrace, IndexerTrace, ListenerTrace, ProcessorTrace, ReflectorTrace,
} from "./trace-informer.js";
import type { RunnerTrace } from "./trace-runner.js";
import type { FaultTrace, RequestOrigin, ServerTrace } from "./trace-server.js";

// The union's parts, by area (one file each); import them from here.
export type { SourceLocator, SourcePosition } from "./trace-source.js";
export type { FaultKind, FaultTrace, RequestOrigin, ServerTrace, Verb } from "./trace-server.js";
export type {
  DeltaSummary, FifoKind, FifoMode, FifoTrace, HandlerTrace, IndexerTrace, ListenerTrace, NotificationType,
  ProcessorTrace, ReflectorState, ReflectorTrace,
} from "./trace-informer.js";
export type { WorkerTrace, WorkqueueTrace } from "./trace-controller.js";
export type { RunnerTrace } from "./trace-runner.js";

export type TraceInput = { component: string; kind: string; [detail: string]: unknown };
export type TraceEvent = TraceInput & { seq: number; time: number };

export interface Tracer {
  emit(event: TraceInput): void;
}

export type KnownTraceInput =
  | ServerTrace | FaultTrace | ReflectorTrace | FifoTrace | IndexerTrace | ProcessorTrace
  | ListenerTrace | HandlerTrace | WorkqueueTrace | WorkerTrace | RunnerTrace;
export type TraceKind = KnownTraceInput["kind"];
export type TraceComponent = KnownTraceInput["component"];
export type KnownTraceEvent = KnownTraceInput & { seq: number; time: number };
/** The payload type of one kind. */
export type TraceOf<K extends TraceKind> = Extract<KnownTraceInput, { kind: K }>;

/**
 * A component's typed trace function: undefined without a tracer, so `this.trace?.({ … })` neither builds
 * nor checks anything when tracing is off, and payloads are type-checked against the closed union when on.
 * Built once per component (constructor), from the API.md `Tracer` it was given.
 */
export type TraceFn = (event: KnownTraceInput) => void;
export function traceTo(tracer: Tracer): TraceFn;
export function traceTo(tracer: Tracer | undefined): TraceFn | undefined;
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

/** A whole recorded trace as the known union, once (where it enters a consumer that reads every kind). */
export function asKnownTrace(events: readonly TraceEvent[]): readonly KnownTraceEvent[] {
  return events as unknown as readonly KnownTraceEvent[];
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
