/**
 * Rate limiters — client-go's `workqueue.RateLimiter` family (spec/client-go.md §9.3).
 *
 * Contract (all delays in virtual milliseconds):
 * - `when(x)` records one failure of x and returns how long to wait before retrying it;
 *   `forget(x)` clears x's history; `numRequeues(x)` is the number of failures recorded for x.
 * - ItemExponentialFailureRateLimiter(base, max): base × 2^failures(x) (failures counted before this
 *   call), capped at max (also when the computation overflows). Per item.
 * - ItemFastSlowRateLimiter(fast, slow, maxFast): counts first; fast while count ≤ maxFast, else slow.
 * - BucketRateLimiter(qps, burst, scheduler): one token bucket shared by all items, reservation semantics
 *   of golang.org/x/time/rate on the scheduler's clock: full with `burst` tokens at start, refills at qps
 *   per second, every `when` reserves a token (the balance may go negative) and returns the wait until it
 *   is covered, so overflow calls at one instant return 1/qps, 2/qps, … No per-item state.
 * - MaxOfRateLimiter: asks every limiter (all record) and returns the largest delay; numRequeues is the
 *   largest; forget forwards to all.
 * - WithMaxWaitRateLimiter: caps the inner limiter's delay.
 * - defaultControllerRateLimiter = MaxOf(ItemExponential(5 ms, 1000 s), Bucket(10 qps, burst 100)).
 */
import type { Scheduler } from "../sim/scheduler.js";

export interface RateLimiter<T> {
  when(item: T): number;
  forget(item: T): void;
  numRequeues(item: T): number;
}

export class ItemExponentialFailureRateLimiter<T> implements RateLimiter<T> {
  private readonly failures = new Map<T, number>();

  constructor(private readonly baseDelayMs: number, private readonly maxDelayMs: number) {}

  when(item: T): number {
    const exp = this.failures.get(item) ?? 0;
    this.failures.set(item, exp + 1);
    const backoff = this.baseDelayMs * 2 ** exp;
    if (!Number.isFinite(backoff) || backoff > this.maxDelayMs) return this.maxDelayMs;
    return backoff;
  }

  forget(item: T): void {
    this.failures.delete(item);
  }

  numRequeues(item: T): number {
    return this.failures.get(item) ?? 0;
  }
}

export class ItemFastSlowRateLimiter<T> implements RateLimiter<T> {
  private readonly failures = new Map<T, number>();

  constructor(private readonly fastDelayMs: number, private readonly slowDelayMs: number,
              private readonly maxFastAttempts: number) {}

  when(item: T): number {
    const count = (this.failures.get(item) ?? 0) + 1;
    this.failures.set(item, count);
    return count <= this.maxFastAttempts ? this.fastDelayMs : this.slowDelayMs;
  }

  forget(item: T): void {
    this.failures.delete(item);
  }

  numRequeues(item: T): number {
    return this.failures.get(item) ?? 0;
  }
}

export class BucketRateLimiter<T> implements RateLimiter<T> {
  private tokens: number;
  private last: number;

  constructor(private readonly qps: number, private readonly burst: number, private readonly scheduler: Scheduler) {
    if (!(qps > 0)) throw new RangeError(`BucketRateLimiter: qps must be > 0, got ${qps}`);
    if (!(burst >= 1)) throw new RangeError(`BucketRateLimiter: burst must be ≥ 1, got ${burst}`);
    this.tokens = burst;
    this.last = scheduler.now();
  }

  when(_item: T): number {
    const now = this.scheduler.now();
    if (now > this.last) {
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.qps);
      this.last = now;
    }
    this.tokens -= 1;
    if (this.tokens >= 0) return 0;
    const waitMs = (-this.tokens / this.qps) * 1000;
    // Keep delays readable in the trace: Go works in whole nanoseconds.
    return Math.round(waitMs * 1e6) / 1e6;
  }

  forget(_item: T): void {
    // Not per item.
  }

  numRequeues(_item: T): number {
    return 0;
  }

  /** Tokens available now (negative: reserved ahead). */
  available(): number {
    const elapsed = Math.max(0, this.scheduler.now() - this.last);
    return Math.min(this.burst, this.tokens + (elapsed / 1000) * this.qps);
  }
}

export class MaxOfRateLimiter<T> implements RateLimiter<T> {
  private readonly limiters: RateLimiter<T>[];

  constructor(...limiters: RateLimiter<T>[]) {
    this.limiters = limiters;
  }

  when(item: T): number {
    let delay = 0;
    for (const l of this.limiters) delay = Math.max(delay, l.when(item));
    return delay;
  }

  forget(item: T): void {
    for (const l of this.limiters) l.forget(item);
  }

  numRequeues(item: T): number {
    let n = 0;
    for (const l of this.limiters) n = Math.max(n, l.numRequeues(item));
    return n;
  }
}

export class WithMaxWaitRateLimiter<T> implements RateLimiter<T> {
  constructor(private readonly limiter: RateLimiter<T>, private readonly maxDelayMs: number) {}

  when(item: T): number {
    return Math.min(this.limiter.when(item), this.maxDelayMs);
  }

  forget(item: T): void {
    this.limiter.forget(item);
  }

  numRequeues(item: T): number {
    return this.limiter.numRequeues(item);
  }
}

/** client-go's DefaultControllerRateLimiter: per item 5 ms doubling to 1000 s, overall 10 qps after a burst of 100. */
export function defaultControllerRateLimiter<T>(scheduler: Scheduler): RateLimiter<T> {
  return new MaxOfRateLimiter<T>(
    new ItemExponentialFailureRateLimiter<T>(5, 1_000_000),
    new BucketRateLimiter<T>(10, 100, scheduler),
  );
}
