/**
 * RetryWithDeadline — how long the Reflector keeps re-watching at once after internal errors
 * (client-go tools/cache retry_with_deadline.go, fed by `MaxInternalErrorRetryDuration`).
 *
 * Contract: `shouldRetry()` records one failure at the scheduler's now and answers whether to retry:
 * never when the duration is 0; otherwise yes while the failures since the first of the current run
 * span at most the duration. A failure 60 s or more after the previous one starts a new run; a "no"
 * also starts over.
 */
import type { Scheduler } from "../sim/scheduler.js";

const RESET_PERIOD_MS = 60_000;

export class RetryWithDeadline {
  private first = -1;
  private last = -1;

  constructor(private readonly maxDurationMs: number, private readonly scheduler: Scheduler) {}

  shouldRetry(): boolean {
    if (this.maxDurationMs <= 0) return false;
    const now = this.scheduler.now();
    if (this.last < 0 || now - this.last >= RESET_PERIOD_MS) this.first = now;
    this.last = now;
    if (now - this.first <= this.maxDurationMs) return true;
    this.first = -1;
    this.last = -1;
    return false;
  }
}
