/**
 * playground `workqueue` — client-go's util/workqueue package as learner code sees it.
 *
 * Contract: constructors bound to the current run (its Scheduler and tracer; calling them outside a run
 * throws): `newQueue`, `newDelayingQueue`, `newRateLimitingQueue(limiter?)` (default limiter:
 * `defaultControllerRateLimiter()`), the rate limiters, and `newController({ workers, reconcile, ... })`
 * (src/workqueue/controller.ts: get → reconcile → forget / addRateLimited → done, maxRetries default 5).
 * Queues are named in the trace "workqueue", "workqueue-2", … unless given a name; controllers likewise
 * "controller", "controller-2", ….
 */
import { requireRun, type RunContext } from "../scenario/current-run.js";
import type { SourcePosition } from "../sim/trace.js";
import { newController as engineNewController, type Controller, type ReconcileResult } from "../workqueue/controller.js";
import { DelayingQueue } from "../workqueue/delaying-queue.js";
import {
  BucketRateLimiter, defaultControllerRateLimiter as engineDefaultLimiter, ItemExponentialFailureRateLimiter,
  ItemFastSlowRateLimiter, MaxOfRateLimiter, WithMaxWaitRateLimiter, type RateLimiter,
} from "../workqueue/rate-limiter.js";
import { RateLimitingQueue } from "../workqueue/rate-limiting-queue.js";
import { WorkQueue } from "../workqueue/work-queue.js";

export type {
  WorkQueue, DelayingQueue, RateLimitingQueue, Controller, ReconcileResult, RateLimiter,
  ItemExponentialFailureRateLimiter, ItemFastSlowRateLimiter, BucketRateLimiter, MaxOfRateLimiter,
  WithMaxWaitRateLimiter,
};

export interface QueueConfig {
  /** Names the queue in the trace. */
  name?: string;
}

export function newQueue<T = string>(config?: QueueConfig): WorkQueue<T> {
  const run = requireRun("workqueue.newQueue");
  return new WorkQueue<T>({ scheduler: run.scheduler, tracer: run.tracer, name: config?.name ?? run.uniqueName("workqueue") });
}

export function newDelayingQueue<T = string>(config?: QueueConfig): DelayingQueue<T> {
  const run = requireRun("workqueue.newDelayingQueue");
  return new DelayingQueue<T>(run.scheduler, { tracer: run.tracer, name: config?.name ?? run.uniqueName("workqueue") });
}

export function newRateLimitingQueue<T = string>(limiter?: RateLimiter<T>, config?: QueueConfig): RateLimitingQueue<T> {
  const run = requireRun("workqueue.newRateLimitingQueue");
  return new RateLimitingQueue<T>(limiter ?? engineDefaultLimiter<T>(run.scheduler), run.scheduler,
    { tracer: run.tracer, name: config?.name ?? run.uniqueName("workqueue") });
}

/** max(5 ms … 1000 s per item exponential, 10 qps / burst 100 overall). */
export function defaultControllerRateLimiter<T = string>(): RateLimiter<T> {
  return engineDefaultLimiter<T>(requireRun("workqueue.defaultControllerRateLimiter").scheduler);
}

export function newItemExponentialFailureRateLimiter<T = string>(baseDelayMs: number, maxDelayMs: number): RateLimiter<T> {
  return new ItemExponentialFailureRateLimiter<T>(baseDelayMs, maxDelayMs);
}

export function newItemFastSlowRateLimiter<T = string>(fastDelayMs: number, slowDelayMs: number,
                                                       maxFastAttempts: number): RateLimiter<T> {
  return new ItemFastSlowRateLimiter<T>(fastDelayMs, slowDelayMs, maxFastAttempts);
}

/** A token bucket (qps, burst) on the run's clock, shared by all items. */
export function newBucketRateLimiter<T = string>(qps: number, burst: number): RateLimiter<T> {
  return new BucketRateLimiter<T>(qps, burst, requireRun("workqueue.newBucketRateLimiter").scheduler);
}

export function newMaxOfRateLimiter<T = string>(...limiters: RateLimiter<T>[]): RateLimiter<T> {
  return new MaxOfRateLimiter<T>(...limiters);
}

export function newWithMaxWaitRateLimiter<T = string>(limiter: RateLimiter<T>, maxDelayMs: number): RateLimiter<T> {
  return new WithMaxWaitRateLimiter<T>(limiter, maxDelayMs);
}

export interface NewControllerOptions {
  /** Names the controller (and its queue) in the trace. */
  name?: string;
  /** Number of workers. */
  workers: number;
  /**
   * Reconciles one key ("namespace/name"). Return normally (or resolve) for success; throw (or reject) to
   * retry with the queue's rate limiter; return `{ requeueAfter: ms }` to look again later.
   */
  reconcile(key: string, worker: number): ReconcileResult | Promise<ReconcileResult>;
  /** The queue to consume (default: newRateLimitingQueue() named after the controller). */
  queue?: RateLimitingQueue<string>;
  /** Failures allowed per key before it is dropped. Default 5. */
  maxRetries?: number;
}

export function newController(options: NewControllerOptions): Controller<string> {
  const run = requireRun("workqueue.newController");
  const name = options.name ?? run.uniqueName("controller");
  const src = placeFunction(run, options.reconcile);
  return engineNewController<string>({
    name,
    workers: options.workers,
    reconcile: options.reconcile,
    scheduler: run.scheduler,
    tracer: run.tracer,
    ...(options.queue !== undefined ? { queue: options.queue } : {}),
    ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
    ...(src !== undefined ? { reconcileSource: src } : {}),
  });
}

/** Where a learner function is defined, when the runner can tell (never throws). */
function placeFunction(run: RunContext, fn: unknown): SourcePosition | undefined {
  try {
    return run.sourceLocator?.ofFunction(fn);
  } catch {
    return undefined;
  }
}
