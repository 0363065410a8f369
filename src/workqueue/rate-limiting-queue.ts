/**
 * RateLimitingQueue — client-go's `RateLimitingInterface` (spec/client-go.md §9.4).
 *
 * Contract:
 * - `addRateLimited(x)` = `addAfter(x, limiter.when(x))`: the limiter records a failure and decides the
 *   delay (traced `workqueue.rateLimited` with that delay and the requeue count after it).
 * - `forget(x)` = `limiter.forget(x)`: clears x's failure history only; it does not remove x from the
 *   queue and does not replace `done(x)`.
 * - `numRequeues(x)` = `limiter.numRequeues(x)`.
 * - `retryBookkeeping(x)` counts addRateLimited/addAfter/forget calls for x (the controller uses it to leave
 *   a reconcile's own retry decisions alone).
 */
import type { Scheduler } from "../sim/scheduler.js";
import { DelayingQueue } from "./delaying-queue.js";
import type { RateLimiter } from "./rate-limiter.js";
import { describeItem, type QueueOptions } from "./work-queue.js";

export class RateLimitingQueue<T> extends DelayingQueue<T> {
  private readonly retryCalls = new Map<T, number>();

  constructor(private readonly rateLimiter: RateLimiter<T>, scheduler: Scheduler, options?: QueueOptions) {
    super(scheduler, options);
  }

  addRateLimited(item: T): void {
    this.mark(item);
    const delayMs = this.rateLimiter.when(item);
    this.trace?.({ component: "workqueue", kind: "workqueue.rateLimited", queue: this.name,
      key: describeItem(item), delayMs, requeues: this.rateLimiter.numRequeues(item) });
    this.addAfter(item, delayMs);
  }

  override addAfter(item: T, delayMs: number): void {
    this.mark(item);
    super.addAfter(item, delayMs);
  }

  forget(item: T): void {
    this.mark(item);
    this.rateLimiter.forget(item);
    this.trace?.({ component: "workqueue", kind: "workqueue.forget", queue: this.name, key: describeItem(item) });
  }

  numRequeues(item: T): number {
    return this.rateLimiter.numRequeues(item);
  }

  /**
   * How many times addRateLimited/addAfter/forget were called for `item` so far. The controller compares it
   * around a reconcile to see whether reconcile did its own retry bookkeeping.
   */
  retryBookkeeping(item: T): number {
    return this.retryCalls.get(item) ?? 0;
  }

  private mark(item: T): void {
    this.retryCalls.set(item, (this.retryCalls.get(item) ?? 0) + 1);
  }
}
