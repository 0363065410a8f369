/**
 * Backoff — the Reflector's exponential backoff manager (apimachinery wait.Backoff + DelayWithReset).
 *
 * Contract (spec client-go.md §3.2):
 * - `next()` returns the delay to wait before the next attempt: `duration + random × jitter × duration`,
 *   random from the Scheduler's seeded PRNG (so [d, 2d) with the default jitter 1.0); then
 *   `duration = min(duration × factor, max)`; once the cap is hit it stays there.
 * - Defaults: initial 800 ms, factor 2, jitter 1.0, cap 30 s ⇒ [0.8,1.6) s, [1.6,3.2), … then [30,60) s.
 * - Reset: when `next()` is called more than `resetMs` (default 2 min) after the last reset (or creation),
 *   the state returns to the initial values before the step is computed. It is measured from the last
 *   reset, not from the last failure.
 * - One instance is shared by the run loop and the in-loop waits (watch 429 / connection refused).
 * - Jitter 0 gives exact, testable delays.
 */
import type { Scheduler } from "../sim/scheduler.js";

export interface BackoffOptions {
  initialMs?: number;
  maxMs?: number;
  factor?: number;
  jitter?: number;
  /** Reset to the initial values when a step is requested this long after the last reset (default 120 000). */
  resetMs?: number;
}

export class Backoff {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly factor: number;
  readonly jitter: number;
  readonly resetMs: number;
  private duration: number;
  private lastReset: number;

  constructor(private readonly scheduler: Scheduler, options: BackoffOptions = {}) {
    this.initialMs = options.initialMs ?? 800;
    this.maxMs = options.maxMs ?? 30_000;
    this.factor = options.factor ?? 2;
    this.jitter = options.jitter ?? 1.0;
    this.resetMs = options.resetMs ?? 120_000;
    this.duration = this.initialMs;
    this.lastReset = scheduler.now();
  }

  /** The next delay in ms (advances the state). */
  next(): number {
    const now = this.scheduler.now();
    if (now - this.lastReset > this.resetMs) {
      this.duration = this.initialMs;
      this.lastReset = now;
    }
    const base = this.duration;
    if (this.factor > 0) {
      const grown = base * this.factor;
      this.duration = this.maxMs > 0 && grown > this.maxMs ? this.maxMs : grown;
    }
    return this.jitter > 0 ? base + this.scheduler.random() * this.jitter * base : base;
  }

  /** The un-jittered duration the next step would start from (for display). */
  peek(): number {
    return this.duration;
  }

  reset(): void {
    this.duration = this.initialMs;
    this.lastReset = this.scheduler.now();
  }
}
