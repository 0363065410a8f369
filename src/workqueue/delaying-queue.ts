/**
 * DelayingQueue — client-go's `DelayingInterface` (spec/client-go.md §9.2) on the Scheduler's virtual time.
 *
 * Contract:
 * - `addAfter(x, d)`: ignored after shutdown; `d ≤ 0` (or NaN) ⇒ `add(x)` at once. Otherwise x waits
 *   until now + d and is then added with a normal `add` (so dirty-set dedup applies).
 * - One waiting entry per item: if x already waits, the EARLIER ready time wins — a later request never
 *   postpones it, an earlier one brings it forward.
 * - Entries become ready in (ready time, request order), each from its own scheduled task at exactly its
 *   ready time. Go's 10 s heartbeat only guards against clock drift; virtual timers are exact, so there is
 *   none here (no idle tasks, no trace noise).
 * - Shutdown drops every waiting entry (their adds would be ignored anyway).
 * Traced as `workqueue.addAfter` with the requested delay and the effective ready time.
 */
import type { Scheduler } from "../sim/scheduler.js";
import { describeItem, WorkQueue, type QueueOptions } from "./work-queue.js";

interface Waiting {
  readyAt: number;
  timer: number;
}

export class DelayingQueue<T> extends WorkQueue<T> {
  private readonly waiting = new Map<T, Waiting>();

  constructor(scheduler: Scheduler, options?: QueueOptions) {
    super({ ...options, scheduler });
  }

  addAfter(item: T, delayMs: number): void {
    if (this.shuttingDown()) return;
    if (!(delayMs > 0)) {
      this.add(item);
      return;
    }
    const clock = this.clock();
    const readyAt = clock.now() + delayMs;
    const existing = this.waiting.get(item);
    if (existing !== undefined && existing.readyAt <= readyAt) {
      this.trace?.({ component: "workqueue", kind: "workqueue.addAfter", queue: this.name,
        key: describeItem(item), delayMs, readyAt: existing.readyAt });
      return;
    }
    if (existing !== undefined) clock.clearTimeout(existing.timer);
    const timer = clock.setTimeout(() => {
      const entry = this.waiting.get(item);
      if (entry === undefined || entry.timer !== timer) return;
      this.waiting.delete(item);
      this.add(item);
    }, delayMs);
    this.waiting.set(item, { readyAt, timer });
    this.trace?.({ component: "workqueue", kind: "workqueue.addAfter", queue: this.name,
      key: describeItem(item), delayMs, readyAt });
  }

  /** Items waiting for their ready time, with that time, earliest first. */
  waitingItems(): Array<{ item: T; readyAt: number }> {
    return [...this.waiting].map(([item, w]) => ({ item, readyAt: w.readyAt }))
      .sort((a, b) => a.readyAt - b.readyAt);
  }

  protected override onShutdown(): void {
    const clock = this.clock();
    for (const w of this.waiting.values()) clock.clearTimeout(w.timer);
    this.waiting.clear();
  }

  private clock(): Scheduler {
    // Always set: the constructor requires a scheduler.
    return this.scheduler as Scheduler;
  }
}
