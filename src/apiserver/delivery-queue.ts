/**
 * The in-flight part of one watch stream (apiserver/pkg/storage/cacher cache_watcher.go: the `input`
 * channel between the cacher's dispatch and the HTTP response writer, plus the network in between).
 *
 * Contract:
 * - `push(item)` queues an item with a due time of now + the client's latency, never earlier than the
 *   previous item's, so items leave in the order they were queued. A scheduled drain task hands every
 *   due item to `deliver`, one by one, in order; nothing is delivered synchronously inside `push`.
 * - `deliver` returns false when the stream is over (its close was delivered): the queue then empties
 *   and delivers nothing more.
 * - `pause()` keeps items queued without delivering (a "timeout" partition; a drain already running
 *   finishes its due items); `resume()` schedules the delivery of what queued up. `halt()` stops delivery for good (a half-open connection, a stopped or
 *   dead stream) and drops what is queued. `clear()` drops what is queued but keeps the queue usable
 *   (a dropped connection queues only its close afterwards).
 * - `backlog()` counts items queued but not yet handed over (the slow-consumer check reads it).
 */
import type { Scheduler } from "../sim/scheduler.js";

export class DeliveryQueue<T> {
  private readonly queue: Array<{ due: number; item: T } | undefined> = [];
  private head = 0;
  private lastDue = 0;
  private drainTimer: number | undefined;
  private draining = false;
  private paused = false;
  private halted = false;

  constructor(
    private readonly scheduler: Scheduler,
    /** The delivery latency for a new item (may include jitter). */
    private readonly latency: () => number,
    /** Hands one due item over; false ends delivery (the stream's close). */
    private readonly deliver: (item: T) => boolean,
  ) {}

  backlog(): number {
    return this.queue.length - this.head;
  }

  push(item: T): void {
    if (this.halted) return;
    let due = this.scheduler.now() + this.latency();
    if (due < this.lastDue) due = this.lastDue;
    this.lastDue = due;
    this.queue.push({ due, item });
    this.schedule();
  }

  clear(): void {
    this.queue.length = 0;
    this.head = 0;
  }

  pause(): void {
    this.paused = true;
    this.cancelDrain();
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.schedule();
  }

  halt(): void {
    this.halted = true;
    this.clear();
    this.cancelDrain();
  }

  private cancelDrain(): void {
    if (this.drainTimer !== undefined) this.scheduler.clearTimeout(this.drainTimer);
    this.drainTimer = undefined;
  }

  private schedule(): void {
    if (this.halted || this.paused || this.draining || this.drainTimer !== undefined || this.head >= this.queue.length) return;
    this.drainTimer = this.scheduler.setTimeout(this.drain, this.queue[this.head]!.due - this.scheduler.now());
  }

  private readonly drain = (): void => {
    this.drainTimer = undefined;
    this.draining = true;
    try {
      this.deliverDue();
    } finally {
      this.draining = false;
      this.schedule();
    }
  };

  private deliverDue(): void {
    const now = this.scheduler.now();
    while (!this.halted && this.head < this.queue.length) {
      const entry = this.queue[this.head]!;
      if (entry.due > now) return;
      this.queue[this.head] = undefined;
      this.head++;
      if (this.head >= this.queue.length) {
        this.clear();
      } else if (this.head > 1024 && this.head * 2 > this.queue.length) {
        this.queue.splice(0, this.head);
        this.head = 0;
      }
      if (!this.deliver(entry.item)) {
        this.halt();
        return;
      }
    }
  }
}
