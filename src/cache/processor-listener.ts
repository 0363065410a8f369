/**
 * processorListener — one registered event handler with its own unbounded notification buffer
 * (client-go tools/cache `processorListener`, spec §7.5–§7.8).
 *
 * Contract:
 * - `add(type, key, newObj, oldObj, isInInitialList)` only appends one notification to the listener's
 *   buffer (never calls the handler, never waits): the informer is never stalled by a handler. The
 *   buffer (pending-notifications.ts) is unbounded and holds no per-notification object.
 * - The buffer is drained by the listener's own scheduled tasks (Scheduler.setTimeout), strictly in
 *   order, one notification at a time: the handler is called, and the next notification is handled
 *   after it returns. Notifications of different listeners are independent; a slow or throwing handler
 *   only delays its own listener.
 * - `delayMs` (the "slow handler" fault) makes every notification take that long in virtual time: the
 *   handler is called, `handler.returned` is traced `delayMs` later, and only then the next one starts.
 * - A handler that throws is caught: `handler.threw` is traced, the notification is skipped, and the
 *   next notification is handled `panicPauseMs` (1 s) after it arrives — counted from its arrival, not
 *   from the failure (client-go processorListener.run: `sleepAfterCrash`, then a one-second sleep after
 *   receiving the next notification). Notifications arriving during the pause wait behind it.
 *   An async handler counts as returned when its synchronous part returns; if its Promise rejects later,
 *   `handler.threw` is traced then (no pause, no unhandled rejection).
 * - `awaitPromises` (live mode, SharedIndexInformerOptions.awaitHandlerPromises): a handler's Promise is
 *   its call still running — the next notification waits in the buffer until it settles (fulfilled:
 *   handler.returned; rejected: a throw, as above). The settling is finished in a 0-delay task.
 * - Registration `hasSynced()` ⇔ the informer has synced and every `isInInitialList` add queued to this
 *   listener was handled (a throwing initial add never counts): latched once true
 *   (`listener.synced` traced once).
 * - `stop()` discards the pending notifications and cancels the listener's tasks; a handler already
 *   called is not interrupted.
 * - Resync bookkeeping: `requestedResyncPeriodMs` (what the handler asked), `resyncPeriodMs` (effective),
 *   `nextResync`, and `syncing` (eligible for same-RV notifications; starts true).
 * - Traced (only with a tracer; nothing is built otherwise): listener.buffered, listener.synced,
 *   handler.called (+ `src` when `sources` is set), handler.returned, handler.threw.
 */
import type { Scheduler } from "../sim/scheduler.js";
import { traceTo, type NotificationType, type TraceFn, type Tracer } from "../sim/trace.js";
import { DeletedFinalStateUnknown } from "./deleted-final-state-unknown.js";
import type { HandlerSources } from "./handler-source.js";
import { ADD, codeOf, isInitial, PendingNotifications, typeOf, UPDATE } from "./pending-notifications.js";
import type { ResourceEventHandler, ResourceEventHandlerRegistration } from "./types.js";

export class ProcessorListener implements ResourceEventHandlerRegistration {
  /** Registration order number (0-based), used as `listener` in traces. */
  readonly index: number;
  readonly handler: ResourceEventHandler;
  requestedResyncPeriodMs: number;
  resyncPeriodMs: number;
  nextResync: number;
  /** Receives same-RV (resync-class) notifications. */
  syncing = true;
  /** Virtual time each notification takes (slow-handler fault). */
  delayMs = 0;
  /** Pause after a throwing handler. */
  panicPauseMs = 1000;
  awaitPromises = false;   // a handler's Promise is its call running until it settles (see the contract)

  /** Buffered notifications (pendingNotifications). */
  private readonly buffer = new PendingNotifications();
  private started = false;
  private stopped = false;
  /** Scheduled task id (drain, pause, or the end of a slow notification); 0 = none. */
  private timer = 0;
  /** A slow notification is in progress: its code, key and new object (for handler.returned). */
  private inFlight = false;
  private inFlightCode = 0;
  private inFlightKey = "";
  private initialPending = 0;
  private synced = false;
  /** A handler threw: the next notification waits `panicPauseMs` after it arrives (sleepAfterCrash). */
  private pauseNext = false;
  private readonly trace: TraceFn | undefined;
  private maxPerTask = Number.POSITIVE_INFINITY;
  /** Where the handler's add/update/delete functions are in the learner's source (handler.called.src). */
  sources: HandlerSources | undefined;
  private readonly drainTask = (): void => this.drain();
  private readonly pausedTask = (): void => this.drain(true);
  private readonly finishTask = (): void => this.finishSlow();
  private rejected: { error: unknown } | undefined;   // the awaited call's rejection (finishSlow traces it)

  constructor(
    private readonly scheduler: Scheduler,
    handler: ResourceEventHandler,
    index: number,
    requestedResyncPeriodMs: number,
    resyncPeriodMs: number,
    private readonly informerSynced: () => boolean,
    private readonly name: string,
    tracer: Tracer | undefined,
    /** Maps a handler's error to the learner's source line (handler.threw.line), when the runner can. */
    private readonly errorLine?: (error: unknown) => number | undefined,
  ) {
    this.handler = handler;
    this.index = index;
    this.requestedResyncPeriodMs = requestedResyncPeriodMs;
    this.resyncPeriodMs = resyncPeriodMs;
    this.nextResync = scheduler.now() + resyncPeriodMs;
    this.trace = traceTo(tracer);
  }

  /** Notifications waiting in the buffer (not counting one being handled). */
  pending(): number {
    return this.buffer.length;
  }

  isStopped(): boolean {
    return this.stopped;
  }

  hasSynced(): boolean {
    if (this.synced) return true;
    return !this.stopped && this.initialPending === 0 && this.informerSynced();
  }

  /** Latches and traces the synced state once its condition holds. */
  checkSynced(): void {
    if (this.synced || this.stopped || this.initialPending !== 0 || !this.informerSynced()) return;
    this.synced = true;
    this.trace?.({ component: "listener", kind: "listener.synced", name: this.name, listener: this.index });
  }

  /** Buffers one notification (processorListener.add). */
  add(type: NotificationType, key: string, newObj: unknown, oldObj: unknown, isInInitialList: boolean): void {
    if (this.stopped) return;
    if (isInInitialList) this.initialPending++;
    // the key is only ever read by the traces: an untraced listener buffers "" in its place
    this.buffer.push(codeOf(type, isInInitialList), this.trace !== undefined ? key : "", newObj, oldObj);
    this.trace?.({ component: "listener", kind: "listener.buffered", name: this.name, listener: this.index,
      notification: type, key, resourceVersion: rvOf(newObj), pending: this.pending() });
    if (this.started && this.timer === 0 && !this.inFlight) {
      this.timer = this.scheduler.setTimeout(this.drainTask, 0);
    }
  }

  run(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    if (this.pending() > 0 && this.timer === 0) this.timer = this.scheduler.setTimeout(this.drainTask, 0);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer !== 0) this.scheduler.clearTimeout(this.timer);
    this.timer = 0;
    this.inFlight = false;
    this.buffer.clear();
  }

  setDelay(delayMs: number): void {
    this.delayMs = delayMs > 0 ? delayMs : 0;
  }

  // ───────────── resync bookkeeping (sharedProcessor.shouldResync) ─────────────

  shouldResync(now: number): boolean {
    return this.resyncPeriodMs !== 0 && now >= this.nextResync;
  }

  determineNextResync(now: number): void {
    this.nextResync = now + this.resyncPeriodMs;
  }

  /** Live mode: handle at most `n` notifications per scheduled task (SharedIndexInformerOptions.maxPerTask). */
  setMaxPerTask(n: number): void {
    this.maxPerTask = n >= 1 ? Math.floor(n) : Number.POSITIVE_INFINITY;
  }

  setResyncPeriod(periodMs: number): void {
    this.resyncPeriodMs = periodMs;
  }

  // ───────────── delivery ─────────────

  private drain(paused = false): void {
    this.timer = 0;
    if (paused) this.pauseNext = false;
    const buf = this.buffer;
    for (let handled = 0; !this.stopped; handled++) {
      if (buf.length === 0) return;
      if (handled >= this.maxPerTask) {
        this.timer = this.scheduler.setTimeout(this.drainTask, 0);   // live mode: the rest in the next slice
        return;
      }
      if (this.pauseNext) {
        // processorListener.run: after a crash, sleep one second once the next notification arrived
        this.timer = this.scheduler.setTimeout(this.pausedTask, this.panicPauseMs);
        return;
      }
      buf.shift();
      const code = buf.code;
      const key = buf.key;
      const newObj = buf.newObj;
      const oldObj = buf.oldObj;
      buf.forget();
      const r = this.call(code, key, newObj, oldObj);
      if (r === false) {
        // the handler threw: skip it; the next notification waits one pause after it arrives
        this.pauseNext = true;
        continue;
      }
      if (r !== true || this.delayMs > 0) {
        this.inFlight = true;
        this.inFlightCode = code;
        this.inFlightKey = key;
        if (r === true) this.timer = this.scheduler.setTimeout(this.finishTask, this.delayMs);
        else this.awaitCall(r);
        return;
      }
      this.returned(code, key);
    }
  }

  private finishSlow(): void {
    this.timer = 0;
    if (!this.inFlight || this.stopped) return;
    this.inFlight = false;
    const rejected = this.rejected;
    this.rejected = undefined;
    if (rejected === undefined) this.returned(this.inFlightCode, this.inFlightKey);
    else this.traceThrew(typeOf(this.inFlightCode), this.inFlightKey, rejected.error);
    this.pauseNext ||= rejected !== undefined;
    this.drain();
  }

  /** awaitPromises: the call in flight ends when `p` settles (then finishSlow, in a task of its own). */
  private awaitCall(p: PromiseLike<unknown>): void {
    const settle = (rejected?: { error: unknown }): void => {
      if (this.stopped || !this.inFlight || this.timer !== 0) return;
      this.rejected = rejected;
      this.timer = this.scheduler.setTimeout(this.finishTask, 0);
    };
    p.then(() => settle(), (error: unknown) => settle({ error }));
  }

  /**
   * Calls the handler; false if it threw (traced). An async handler: Go handlers are synchronous, so the
   * notification counts as handled when the synchronous part returns; a later rejection is only
   * reported (never an unhandled rejection). With awaitPromises, its Promise is returned instead.
   */
  private call(code: number, key: string, newObj: unknown, oldObj: unknown): boolean | PromiseLike<unknown> {
    if (this.trace !== undefined) this.traceCalled(code, key, newObj, oldObj);
    let result: unknown;
    try {
      const kind = code & 3;   // ADD, UPDATE or delete: no type strings compared per call
      result = kind === ADD ? this.handler.onAdd(newObj, isInitial(code))
        : kind === UPDATE ? this.handler.onUpdate(oldObj, newObj) : this.handler.onDelete(newObj);
    } catch (e) {
      this.traceThrew(typeOf(code), key, e);
      return false;
    }
    if (result !== undefined && result !== null && typeof (result as { then?: unknown }).then === "function") {
      if (this.awaitPromises) return result as PromiseLike<unknown>;
      (result as PromiseLike<unknown>).then(undefined, (e: unknown) => {
        if (!this.stopped) this.traceThrew(typeOf(code), key, e);
      });
    }
    return true;
  }

  private traceCalled(code: number, key: string, newObj: unknown, oldObj: unknown): void {
    const type = typeOf(code), src = this.sources?.[code & 3];
    this.trace?.({ component: "handler", kind: "handler.called", name: this.name, listener: this.index,
      notification: type, key, resourceVersion: rvOf(newObj),
      ...(type === "update" ? { oldResourceVersion: rvOf(oldObj) } : {}),
      ...(type === "add" ? { isInInitialList: isInitial(code) } : {}),
      ...(newObj instanceof DeletedFinalStateUnknown ? { tombstone: true } : {}),
      pending: this.pending(), ...(src !== undefined ? { src } : {}) });
  }

  private traceThrew(type: NotificationType, key: string, e: unknown): void {
    const trace = this.trace;
    if (trace === undefined) return;
    const message = e instanceof Error ? e.message : String(e);
    let line: number | undefined;
    try {
      line = this.errorLine?.(e);
    } catch {
      line = undefined;
    }
    trace({ component: "handler", kind: "handler.threw", name: this.name, listener: this.index,
      notification: type, key, message, ...(typeof line === "number" ? { line } : {}) });
  }

  private returned(code: number, key: string): void {
    this.trace?.({ component: "handler", kind: "handler.returned", name: this.name, listener: this.index,
      notification: typeOf(code), key });
    if (isInitial(code)) {
      this.initialPending--;
      if (this.initialPending === 0) this.checkSynced();
    }
  }
}

/** resourceVersion of an object or of a tombstone's last known object ("" if none). */
export function rvOf(obj: unknown): string {
  const target = obj instanceof DeletedFinalStateUnknown ? obj.obj : obj;
  if (typeof target !== "object" || target === null) return "";
  const meta = (target as { metadata?: { resourceVersion?: unknown } }).metadata;
  const rv = meta?.resourceVersion;
  return typeof rv === "string" ? rv : "";
}
