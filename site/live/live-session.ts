/**
 * LiveSession — our SharedIndexInformer on a real cluster, in the page (wire.md §7.2–7.4): the same
 * engine as every lesson, its Scheduler driven by the wall clock, its ListerWatcher the HTTP one over
 * the live proxy (`/k8s`), every trace event appended to a bounded LiveWindow.
 *
 * Contract:
 * - One informer per resource, at most MAX_WATCHES of them (one watch each; more is refused with
 *   LiveLimitError and a message saying why), sharing one Scheduler, trace and window. Each informer's
 *   errors name its object type as client-go's do ("failed to list *v1.Pod: …", typeDescriptionOf), and
 *   its reflector skips a watched object whose `kind` is set and is not the resource's (expectedKind, as
 *   the informer factory sets it); list items, which carry no kind on the wire, are all kept.
 * - `start()` runs the informers (list, then watch); ingestion is never paused by the view.
 * - `hold(true)` stops every informer's processing task from popping (the DeltaFIFO fills with real
 *   events); `hold(false)` drains it.
 * - Objects are shrunk on ingest (metadata.managedFields dropped, as Headlamp does); a list body is
 *   parsed a slice at a time (list-decoder.ts).
 * - Trace `time` is milliseconds since the session started; `seq` counts every event ever traced.
 * - The main thread is never held long: the driver runs tasks in slices of SLICE_MS and the informer's
 *   tasks are cut at MAX_PER_TASK pops / handler calls; the window folds in the view's frames.
 * - `stop()` aborts the informer (the watch request is aborted, so the proxy closes it upstream).
 * - Handlers returning a Promise (the learner code's bridge, learner/handler-host.ts) run until it settles
 *   (awaitHandlerPromises): a slow learner handler's backlog waits in its listener's buffer, on the stage.
 *   `placeHandler(fn, src)` says where such a function's learner code is (handler.called.src);
 *   `nextRequestId()` numbers requests traced from outside the informers (the learner's clientset).
 */
import { HttpListerWatcher, SharedIndexInformer, typeDescriptionOf, type KubeObject } from "../../src/index.js";
import { asKnown, RealTimeDriver, Scheduler, type KnownTraceEvent, type SourcePosition, type TraceInput, type Tracer } from "../../src/sim/index.js";
import { decodeListSliced } from "./list-decoder.js";
import { LiveWindow, type LiveWindowOptions } from "./live-window.js";
import { TracedListerWatcher } from "./traced-lister-watcher.js";

/** A resource to follow: an entry of the one resource table (RESOURCES, src/apiserver/resources.ts) fits. */
export interface LiveResource { resource: string; kind: string; apiVersion: string; namespaced: boolean }
export interface LiveSessionOptions {
  base: string;
  /** One resource (kept for callers of one), or up to MAX_WATCHES of them. */
  resource?: LiveResource;
  resources?: LiveResource[];
  namespace?: string;
  labelSelector?: string;
  window?: LiveWindowOptions;
}

/**
 * At most this many resources (one watch each) per page (wire.md §7.5, G15): over HTTP/1.1 a browser
 * keeps 6 connections per host, and lists, the version check and the page's assets need the rest.
 */
export const MAX_WATCHES = 4;

export type ResourceProblem = { kind: "none" } | { kind: "tooMany"; picked: number } | { kind: "twice"; resource: string };

/** Why a set of resources cannot be followed (none, too many, twice the same), or undefined. */
export function checkResources(names: readonly string[]): ResourceProblem | undefined {
  if (names.length === 0) return { kind: "none" };
  if (names.length > MAX_WATCHES) return { kind: "tooMany", picked: names.length };
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  return dup === undefined ? undefined : { kind: "twice", resource: dup };
}

/** Thrown by the constructor when `checkResources` refuses the resources. */
export class LiveLimitError extends Error {
  constructor(readonly problem: ResourceProblem) {
    super(problem.kind === "none" ? "no resource to follow" : problem.kind === "tooMany"
      ? `at most ${MAX_WATCHES} resources (one watch each), got ${problem.picked}` : `${problem.resource} given twice`);
  }
}

/** Wall-clock milliseconds one driver sync may run tasks before it yields to the page. */
const SLICE_MS = 8;
/** FIFO pops (and each listener's handler calls) per engine task. */
const MAX_PER_TASK = 128;

/** The learner's line a bridge handler's rejection carries (handler-host.ts LearnerHandlerError), for handler.threw.line. */
function learnerLineOf(e: unknown): number | undefined {
  return e instanceof Error && "learnerLine" in e && typeof e.learnerLine === "number" ? e.learnerLine : undefined;
}

interface Soon { cancelled: boolean }
const soonChannel = typeof MessageChannel === "function" ? new MessageChannel() : undefined;
const soonQueue: Array<{ fn: () => void; h: Soon }> = [];
if (soonChannel !== undefined) {
  soonChannel.port1.onmessage = () => { const x = soonQueue.shift(); if (x !== undefined && !x.h.cancelled) x.fn(); };
}
/** A 0 ms timer without the browser's 4 ms clamp on nested timeouts (the driver yields often). */
function soon(fn: () => void): Soon | ReturnType<typeof setTimeout> {
  if (soonChannel === undefined) return setTimeout(fn, 0);
  const h: Soon = { cancelled: false };
  soonQueue.push({ fn, h });
  soonChannel.port2.postMessage(0);
  return h;
}

export class LiveSession {
  readonly window: LiveWindow;
  readonly scheduler: Scheduler;
  /** One informer per resource (one watch each); `informer` is the first. */
  readonly informers: SharedIndexInformer<KubeObject>[];
  readonly informer: SharedIndexInformer<KubeObject>;
  private readonly driver: RealTimeDriver;
  private readonly ac = new AbortController();
  private seq = 0;
  held = false;
  /** Listeners told after each traced event (tests and the highlights panel). */
  private readonly listeners: Array<(e: KnownTraceEvent) => void> = [];
  private readonly places = new WeakMap<object, SourcePosition>();
  private readonly ids = { next: 1 };

  constructor(o: LiveSessionOptions) {
    this.window = new LiveWindow(o.window);
    const seed = crypto.getRandomValues(new Uint32Array(1))[0]!;   // a live run is not reproducible anyway
    this.scheduler = new Scheduler({ seed });
    // The page stays responsive (the 50 ms task budget): the driver yields every SLICE_MS and the
    // informer cuts its work into tasks of at most MAX_PER_TASK pops / handler calls.
    this.driver = new RealTimeDriver(this.scheduler, {
      now: () => performance.now(),
      setTimer: (fn, ms) => (ms <= 0 ? soon(fn) : setTimeout(fn, Math.min(ms, 2 ** 31 - 1))),
      clearTimer: (h) => { if (typeof h === "object" && h !== null) (h as Soon).cancelled = true; else clearTimeout(h as number); },
    }, 1, { sliceMs: SLICE_MS });
    const tracer: Tracer = { emit: (e: TraceInput) => this.record(e) };
    const resources = o.resources ?? (o.resource !== undefined ? [o.resource] : []);
    const problem = checkResources(resources.map((r) => r.resource));
    if (problem !== undefined) throw new LiveLimitError(problem);
    const scope = { ...(o.namespace ? { namespace: o.namespace } : {}), ...(o.labelSelector ? { labelSelector: o.labelSelector } : {}) };
    const ids = this.ids;
    const sourceLocator = { ofFunction: (fn: unknown) => (typeof fn === "function" ? this.places.get(fn) : undefined), ofCaller: () => undefined };
    this.informers = resources.map((resource) => {
      const http = new HttpListerWatcher<KubeObject>({
        baseUrl: o.base, resource, scheduler: this.scheduler, ...(resource.namespaced ? scope : { ...(o.labelSelector ? { labelSelector: o.labelSelector } : {}) }),
        fetch: (url, init) => fetch(url, { ...init, cache: "no-store" }),
        newTextDecoder: () => new TextDecoder(), wake: () => this.driver.sync(),
        // A 10k-pod list body is ~8 MB: parsed a slice at a time, not in one task of 100–200 ms.
        // The live bench's "list arrival" is the body's arrival, before this parse (so the parse counts).
        decodeList: (text) => {
          if (performance.getEntriesByName("live:list-arrived").length === 0) performance.mark("live:list-arrived");
          return decodeListSliced(text, { sliceMs: SLICE_MS, yieldNow: () => new Promise<void>((r) => { soon(r); }) });
        },
      });
      const lw = new TracedListerWatcher<KubeObject>(http, resource.resource, tracer, resource.namespaced ? scope : (o.labelSelector ? { labelSelector: o.labelSelector } : {}), ids);
      // Typed as client-go's informers are: errors name the object type ("failed to list *v1.Pod: …"), and
      // a watched object of another kind is skipped (the reflector's expectedType).
      const informer = new SharedIndexInformer<KubeObject>(lw, { scheduler: this.scheduler, name: resource.resource, tracer,
        objectDescription: typeDescriptionOf(resource.apiVersion, resource.kind), expectedKind: resource.kind,
        maxPerTask: MAX_PER_TASK, awaitHandlerPromises: true, sourceLocator, errorLine: learnerLineOf });
      informer.setTransform((obj) => {
        const m = (obj as { metadata?: { managedFields?: unknown } }).metadata;
        if (m !== undefined && m.managedFields !== undefined) delete m.managedFields;
        return obj;
      });
      informer.addEventHandler({ onAdd: () => undefined, onUpdate: () => undefined, onDelete: () => undefined });
      return informer;
    });
    this.informer = this.informers[0]!;
  }

  /** Every informer has synced its initial list. */
  hasSynced(): boolean {
    return this.informers.every((i) => i.hasSynced());
  }

  private record(e: TraceInput): void {
    // The engine builds a fresh object per emit and keeps none: stamped in place, not copied (a copy per
    // event was ~40 % of the engine's time on a 10k-pod list). Same keys in the same order as a copy.
    // Typed once, here: the session traces only the engine's own kinds and the page's (runner.*, server.*).
    const ev = asKnown(Object.assign(e, { seq: ++this.seq, time: Math.round(this.scheduler.now()) }));
    this.window.append(ev);
    for (const l of this.listeners) l(ev);
  }

  onEvent(cb: (e: KnownTraceEvent) => void): void { this.listeners.push(cb); }

  /** Runs the tasks due now (after the page changed the informers from outside a task, e.g. added a handler). */
  wake(): void {
    this.driver.sync();
  }

  /** Where handler function `fn`'s learner code is, for the handler.called events of its calls (set before adding it). */
  placeHandler(fn: object, src: SourcePosition): void {
    this.places.set(fn, src);
  }

  /** A request id unique in this session's trace (the informers' requests and watches share the count). */
  nextRequestId(): number {
    return this.ids.next++;
  }

  /** Traces an event of the page's own (the learner's log lines, errors and requests from the live worker), at the wall clock's time. */
  trace(e: TraceInput): void {
    this.driver.sync();   // outside a task the engine's clock stands at its last task: bring it to now first
    this.record(e);
  }

  start(): void {
    for (const i of this.informers) i.run(this.ac.signal);
    this.driver.sync();
  }

  hold(on: boolean): void {
    this.held = on;
    for (const i of this.informers) i.holdProcessing(on);
    this.driver.sync();
  }

  stop(): void {
    // The abort traces from here, outside a task (the watch's server.watch.closed "stopped", the FIFO's
    // close…): bring the engine's clock up to now first, or they carry the time of its last task.
    this.driver.sync();
    this.ac.abort();
    this.driver.sync();
    this.driver.stop();
  }
}
