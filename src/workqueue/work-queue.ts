/**
 * WorkQueue — client-go's basic `workqueue.Type` (spec/client-go.md §9.1) on a single thread.
 *
 * Contract:
 * - State is a FIFO `queue`, a `dirty` set (items that need processing) and a `processing` set (items
 *   handed out by `get()` and not yet `done()`).
 * - `add(x)`: ignored after shutdown. Already dirty ⇒ nothing changes (traced `deduplicated: true`).
 *   Otherwise x becomes dirty; if x is being processed it is NOT queued now but re-queued exactly once at
 *   `done(x)`; else it joins the queue's tail and one waiter is woken.
 * - `get()`: Go blocks; here an empty queue answers at once: `[undefined, false]` (nothing ready now) or
 *   `[undefined, true]` once shut down. Otherwise the head moves dirty → processing: `[x, false]`.
 *   Queued items are still handed out after shutdown until the queue is empty (workers drain it).
 * - `done(x)`: x leaves processing; if x is dirty it is pushed to the queue again (traced `requeued`) —
 *   also when x was not processing but waits in the queue: an extra `done()` then queues it twice, as
 *   client-go's `Typed.Done` does (queue.go). A `done()` for an item neither dirty nor processing only
 *   wakes a drain.
 * - `len()` counts the queue only (not processing, not delayed items).
 * - `shutDown()` returns at once and wakes every waiter. `shutDownWithDrain()` returns a Promise that
 *   settles, from a scheduled task (or a microtask when the queue has no scheduler), once nothing is
 *   processing — items still waiting in the queue do not hold it (queue.go `ShutDownWithDrain` waits on
 *   `processing` only); a later `shutDown()` releases it early.
 * - An item is never handed to two callers at once while done() is called once per get(): while x is
 *   processing, `get()` never returns x (an extra done() can break this, as in Go).
 * - Waiting instead of blocking: `onReady(listener)` calls the listener once, the next time an item is
 *   queued or the queue shuts down (one listener per queued item, all of them at shutdown), from a
 *   scheduled task. Controller workers use it, so idle workers never poll.
 * Every state change is traced (`workqueue.add/get/done/shutdown`) with the queue length after it.
 */
import type { Scheduler } from "../sim/scheduler.js";
import { traceTo, type TraceFn, type Tracer } from "../sim/trace.js";

export interface QueueOptions {
  name?: string;
  tracer?: Tracer;
}

/** How an item is named in the trace: strings as they are, anything else as JSON (or String()). */
export function describeItem(item: unknown): string {
  if (typeof item === "string") return item;
  if (typeof item === "number" || typeof item === "boolean" || typeof item === "bigint") return String(item);
  try {
    const json = JSON.stringify(item);
    return json === undefined ? String(item) : json;
  } catch {
    return String(item);
  }
}

export class WorkQueue<T> {
  protected readonly scheduler: Scheduler | undefined;
  /** Typed trace function, undefined when nothing traces (subclasses trace through it too). */
  protected readonly trace: TraceFn | undefined;
  /** The name used in the trace (`queue` field). */
  readonly name: string;

  private items: T[] = [];
  private head = 0;
  private readonly dirty = new Set<T>();
  private readonly processing = new Set<T>();
  private shutting = false;
  private draining = false;
  private drainWaiters: Array<() => void> = [];
  private drainScheduled = false;
  private waiters: Array<() => void> = [];

  constructor(options?: QueueOptions & { scheduler?: Scheduler }) {
    this.scheduler = options?.scheduler;
    this.trace = traceTo(options?.tracer);
    this.name = options?.name ?? "workqueue";
  }

  add(item: T): void {
    if (this.shutting) return;
    if (this.dirty.has(item)) {
      this.trace?.({ component: "workqueue", kind: "workqueue.add", queue: this.name, key: describeItem(item),
        deduplicated: true, processing: this.processing.has(item), length: this.len() });
      return;
    }
    this.dirty.add(item);
    if (this.processing.has(item)) {
      this.trace?.({ component: "workqueue", kind: "workqueue.add", queue: this.name, key: describeItem(item),
        deduplicated: false, processing: true, length: this.len() });
      return;
    }
    this.items.push(item);
    this.trace?.({ component: "workqueue", kind: "workqueue.add", queue: this.name, key: describeItem(item),
      deduplicated: false, processing: false, length: this.len() });
    this.wakeOne();
  }

  len(): number {
    return this.items.length - this.head;
  }

  /**
   * Takes the head of the queue. `worker` only labels the trace event (which worker holds the key).
   * `[undefined, false]`: nothing ready now; `[undefined, true]`: shut down and empty.
   */
  get(worker?: number): [item: T | undefined, shutdown: boolean] {
    if (this.len() === 0) return [undefined, this.shutting];
    const item = this.items[this.head] as T;
    this.items[this.head] = undefined as unknown as T;
    this.head++;
    if (this.head > 32 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    this.dirty.delete(item);
    this.processing.add(item);
    this.trace?.(worker === undefined
      ? { component: "workqueue", kind: "workqueue.get", queue: this.name, key: describeItem(item), length: this.len() }
      : { component: "workqueue", kind: "workqueue.get", queue: this.name, key: describeItem(item), worker,
          length: this.len() });
    return [item, false];
  }

  done(item: T): void {
    // Typed.Done: leave processing (if there); dirty ⇒ push, even when the item already waits in the
    // queue (an extra done() then queues it twice, as Go does).
    const wasProcessing = this.processing.delete(item);
    const requeued = this.dirty.has(item);
    if (!wasProcessing && !requeued) {
      this.checkDrained();
      return;
    }
    if (requeued) this.items.push(item);
    this.trace?.({ component: "workqueue", kind: "workqueue.done", queue: this.name, key: describeItem(item),
      requeued, length: this.len() });
    if (requeued) this.wakeOne();
    this.checkDrained();
  }

  shutDown(): void {
    this.beginShutdown(false);
    // A plain shutdown releases anybody waiting for a drain.
    this.draining = false;
    this.settleDrain();
  }

  shutDownWithDrain(): Promise<void> {
    const promise = new Promise<void>((resolve) => {
      this.drainWaiters.push(resolve);
    });
    this.beginShutdown(true);
    this.draining = true;
    this.checkDrained();
    return promise;
  }

  shuttingDown(): boolean {
    return this.shutting;
  }

  /** True while `item` has been handed out by get() and not yet done(). */
  isProcessing(item: T): boolean {
    return this.processing.has(item);
  }

  /** Number of items handed out and not yet done. */
  processingCount(): number {
    return this.processing.size;
  }

  /** Snapshot of the queued items, head first. */
  queued(): T[] {
    return this.items.slice(this.head);
  }

  /**
   * Calls `listener` once, from a scheduled task, when an item is queued or the queue shuts down (at
   * once if either is already the case). Returns a function that cancels the wait.
   */
  onReady(listener: () => void): () => void {
    let active = true;
    const wrapped = (): void => {
      if (!active) return;
      active = false;
      listener();
    };
    if (this.shutting || this.len() > 0) {
      this.schedule(wrapped);
    } else {
      this.waiters.push(wrapped);
    }
    return () => {
      active = false;
      const i = this.waiters.indexOf(wrapped);
      if (i >= 0) this.waiters.splice(i, 1);
    };
  }

  /** Hook for subclasses: called once when shutdown begins. */
  protected onShutdown(): void {
    // nothing in the basic queue
  }

  private beginShutdown(drain: boolean): void {
    const first = !this.shutting;
    this.shutting = true;
    this.trace?.({ component: "workqueue", kind: "workqueue.shutdown", queue: this.name, drain });
    if (first) this.onShutdown();
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) this.schedule(w);
  }

  private wakeOne(): void {
    const w = this.waiters.shift();
    if (w !== undefined) this.schedule(w);
  }

  private checkDrained(): void {
    // ShutDownWithDrain waits while processing is non-empty: queued items do not hold it
    if (this.draining && this.processing.size === 0) {
      this.draining = false;
      this.settleDrain();
    }
  }

  private settleDrain(): void {
    if (this.drainWaiters.length === 0 || this.drainScheduled) return;
    this.drainScheduled = true;
    this.schedule(() => {
      this.drainScheduled = false;
      const waiters = this.drainWaiters;
      this.drainWaiters = [];
      for (const resolve of waiters) resolve();
    });
  }

  protected schedule(fn: () => void): void {
    if (this.scheduler !== undefined) this.scheduler.setTimeout(fn, 0);
    else void Promise.resolve().then(fn);
  }
}
