/**
 * Controller — the canonical client-go controller loop (spec/client-go.md §10) as a reusable helper.
 *
 * Contract:
 * - `newController({ workers, reconcile, scheduler, ... })` owns (or is given) a RateLimitingQueue whose
 *   default limiter is `defaultControllerRateLimiter`. Handlers enqueue keys with `controller.queue.add`.
 * - `run(stop)` starts N workers, each a chain of scheduled tasks (Go's goroutines). One iteration:
 *   `get` a key → `reconcile(key)` (sync, or a Promise: the worker holds the key until it settles) →
 *   on success `forget(key)`; on a thrown error / rejected Promise `addRateLimited(key)` (or, once
 *   `numRequeues(key) ≥ maxRetries` (default 5, as client-go's example), `forget` and drop it); a result
 *   `{ requeueAfter: ms }` ⇒ `forget` + `addAfter(key, ms)`, `{ requeue: true }` ⇒ `addRateLimited` →
 *   always `done(key)`. If reconcile itself called addRateLimited/addAfter/forget for its key, the
 *   controller leaves that decision alone (no automatic forget/addRateLimited for that reconcile).
 *   The next iteration is a new scheduled task, so workers take turns at one instant.
 * - A worker that finds the queue empty waits (`queue.onReady`) until an add wakes it: no polling.
 * - Aborting `stop` shuts the queue down; workers finish what is queued, then stop (`worker.stopped`).
 * - The queue guarantees a key is never reconciled by two workers at once.
 * Traced as worker.started / worker.reconcile / worker.result / worker.stopped, with the queue's own events.
 */
import type { Scheduler } from "../sim/scheduler.js";
import { traceTo, type SourcePosition, type TraceFn, type TraceOf, type Tracer } from "../sim/trace.js";
import { defaultControllerRateLimiter } from "./rate-limiter.js";
import { RateLimitingQueue } from "./rate-limiting-queue.js";
import { describeItem } from "./work-queue.js";

/** What reconcile may return: nothing (success), or a request to run again. */
export type ReconcileResult = void | undefined | { requeue?: boolean; requeueAfter?: number };

export interface ControllerOptions<T = string> {
  /** Names the controller in the trace (and its queue, when the controller creates it). Default "controller". */
  name?: string;
  /** The queue to consume; default: a new RateLimitingQueue with defaultControllerRateLimiter. */
  queue?: RateLimitingQueue<T>;
  /** Number of workers (≥ 1). */
  workers: number;
  reconcile(key: T, worker: number): ReconcileResult | Promise<ReconcileResult>;
  scheduler: Scheduler;
  tracer?: Tracer;
  /** Failures allowed per key before it is dropped (forget, no requeue). Default 5 (client-go's example). */
  maxRetries?: number;
  /** Where `reconcile` is in the learner's source (traced as worker.reconcile.src), when the runner can tell. */
  reconcileSource?: SourcePosition;
}

function isPromiseLike(x: unknown): x is PromiseLike<unknown> {
  return (typeof x === "object" || typeof x === "function") && x !== null
    && typeof (x as { then?: unknown }).then === "function";
}

/**
 * finish() only does queue bookkeeping and tracing; the one way it can throw is a tracer that refuses
 * more events (the runner's event budget), which the runner reports itself. Never an unhandled rejection.
 */
function ignoreTraceError(): void {
  // reported by whoever owns the tracer
}

function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  return describeItem(e);
}

export class Controller<T = string> {
  readonly name: string;
  readonly queue: RateLimitingQueue<T>;
  private readonly scheduler: Scheduler;
  private readonly trace: TraceFn | undefined;
  private readonly workers: number;
  private readonly reconcile: ControllerOptions<T>["reconcile"];
  private readonly maxRetries: number;
  private readonly src: SourcePosition | undefined;
  private started = false;
  private running = 0;

  constructor(options: ControllerOptions<T>) {
    if (!(options.workers >= 1)) throw new RangeError(`newController: workers must be ≥ 1, got ${options.workers}`);
    this.name = options.name ?? "controller";
    this.scheduler = options.scheduler;
    this.trace = traceTo(options.tracer);
    this.workers = Math.floor(options.workers);
    this.reconcile = options.reconcile;
    this.maxRetries = options.maxRetries ?? 5;
    this.src = options.reconcileSource;
    const queueOptions = { name: this.name, tracer: options.tracer };
    this.queue = options.queue
      ?? new RateLimitingQueue<T>(defaultControllerRateLimiter<T>(this.scheduler), this.scheduler, queueOptions);
  }

  /** Starts the workers (once); aborting `stop` shuts the queue down. */
  run(stop: AbortSignal): void {
    if (this.started) throw new Error(`controller ${this.name}: run called twice`);
    this.started = true;
    for (let i = 0; i < this.workers; i++) {
      this.running++;
      this.trace?.({ component: "worker", kind: "worker.started", controller: this.name, worker: i });
      this.scheduler.setTimeout(() => this.iterate(i), 0);
    }
    if (stop.aborted) this.queue.shutDown();
    else stop.addEventListener("abort", () => this.queue.shutDown(), { once: true });
  }

  /** Workers that have not stopped yet. */
  activeWorkers(): number {
    return this.running;
  }

  private iterate(worker: number): void {
    const [key, shutdown] = this.queue.get(worker);
    if (shutdown) {
      this.running--;
      this.trace?.({ component: "worker", kind: "worker.stopped", controller: this.name, worker });
      return;
    }
    if (key === undefined) {
      this.queue.onReady(() => this.iterate(worker));
      return;
    }
    const item: T = key;
    this.trace?.({ component: "worker", kind: "worker.reconcile", controller: this.name, worker,
      key: describeItem(item), ...(this.src !== undefined ? { src: this.src } : {}) });
    const marks = this.queue.retryBookkeeping(item);
    let out: ReconcileResult | Promise<ReconcileResult>;
    try {
      out = this.reconcile(item, worker);
    } catch (e) {
      this.finish(worker, item, marks, { ok: false, error: e });
      return;
    }
    if (isPromiseLike(out)) {
      Promise.resolve(out).then(
        (r) => this.finish(worker, item, marks, { ok: true, result: r as ReconcileResult }),
        (e: unknown) => this.finish(worker, item, marks, { ok: false, error: e }),
      ).catch(ignoreTraceError);
    } else {
      this.finish(worker, item, marks, { ok: true, result: out });
    }
  }

  /** A worker.result payload, fields in the trace's order (only built when traced). */
  private result(worker: number, item: T, fields: ResultFields): TraceOf<"worker.result"> {
    return { component: "worker", kind: "worker.result", controller: this.name, worker, key: describeItem(item), ...fields };
  }

  private finish(worker: number, item: T, marksBefore: number,
                 outcome: { ok: true; result: ReconcileResult } | { ok: false; error: unknown }): void {
    const manual = this.queue.retryBookkeeping(item) !== marksBefore;
    if (manual) {
      // reconcile did its own forget/addRateLimited/addAfter: report the outcome, change nothing.
      if (outcome.ok) this.trace?.(this.result(worker, item, { result: "success" }));
      else this.trace?.(this.result(worker, item, { result: "error", message: messageOf(outcome.error) }));
    } else if (!outcome.ok) {
      if (this.queue.numRequeues(item) < this.maxRetries) {
        this.trace?.(this.result(worker, item, { result: "error", message: messageOf(outcome.error) }));
        this.queue.addRateLimited(item);
      } else {
        this.trace?.(this.result(worker, item, { result: "error",
          message: `${messageOf(outcome.error)} (dropped after ${this.queue.numRequeues(item)} retries)` }));
        this.queue.forget(item);
      }
    } else {
      const r = outcome.result;
      if (r !== undefined && r !== null && typeof r.requeueAfter === "number" && r.requeueAfter > 0) {
        this.trace?.(this.result(worker, item, { result: "requeue", requeueAfterMs: r.requeueAfter }));
        this.queue.forget(item);
        this.queue.addAfter(item, r.requeueAfter);
      } else if (r !== undefined && r !== null && r.requeue === true) {
        this.trace?.(this.result(worker, item, { result: "requeue" }));
        this.queue.addRateLimited(item);
      } else {
        this.trace?.(this.result(worker, item, { result: "success" }));
        this.queue.forget(item);
      }
    }
    this.queue.done(item);
    this.scheduler.setTimeout(() => this.iterate(worker), 0);
  }
}

type ResultFields = Omit<TraceOf<"worker.result">, "component" | "kind" | "controller" | "worker" | "key">;

export function newController<T = string>(options: ControllerOptions<T>): Controller<T> {
  return new Controller<T>(options);
}
