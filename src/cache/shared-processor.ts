/**
 * sharedProcessor — fans the informer's notifications out to its listeners (client-go tools/cache
 * `sharedProcessor`, spec §7.5–§7.6).
 *
 * Contract:
 * - `distribute(type, key, newObj, oldObj, isInInitialList, isSync, deltaType)`: a real notification (add,
 *   delete, update with a changed RV) is appended to every listener's buffer; a resync-class one (update
 *   with equal RVs) only to listeners whose `syncing` flag is true. It never calls a handler.
 * - `run()` starts every listener (and every listener added later); `stop()` stops them all (pending
 *   notifications are discarded).
 * - `shouldResync()` (asked by the reflector's resync timer): a listener is due iff its effective period
 *   is non-zero and now ≥ its nextResync; each listener's `syncing` flag becomes that answer; due
 *   listeners get nextResync = now + period. True iff any listener is due.
 * - `resyncCheckPeriodChanged(p)`: every listener's effective period becomes determine(requested, p).
 * - Listener numbers in traces are 0-based registration order and are never reused.
 * - Traced (only with a tracer): processor.distribute, processor.listenerAdded/Removed, processor.resyncCheck.
 */
import type { Scheduler } from "../sim/scheduler.js";
import { traceTo, type DeltaSummary, type NotificationType, type TraceFn, type Tracer } from "../sim/trace.js";
import { rvOf, type ProcessorListener } from "./processor-listener.js";

/** Effective listener period (spec §7.6 rule 3). */
export function determineResyncPeriod(desiredMs: number, checkMs: number): number {
  if (desiredMs === 0) return 0;
  if (checkMs === 0) return 0;
  return desiredMs < checkMs ? checkMs : desiredMs;
}

export class SharedProcessor {
  readonly listeners: ProcessorListener[] = [];
  private started = false;
  private nextIndex = 0;

  private readonly trace: TraceFn | undefined;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly name: string,
    tracer: Tracer | undefined,
  ) {
    this.trace = traceTo(tracer);
  }

  /** The number the next registered listener gets. */
  takeIndex(): number {
    return this.nextIndex++;
  }

  isStarted(): boolean {
    return this.started;
  }

  /** `requestedMs`: the period the handler was registered with (traced only when it differs). */
  addListener(listener: ProcessorListener, requestedMs?: number): void {
    this.listeners.push(listener);
    this.trace?.({ component: "processor", kind: "processor.listenerAdded", name: this.name,
      listener: listener.index, resyncPeriodMs: listener.resyncPeriodMs,
      ...(requestedMs !== undefined && Number.isFinite(requestedMs) && requestedMs !== listener.resyncPeriodMs
        ? { requestedResyncMs: requestedMs } : {}) });
    if (this.started) listener.run();
  }

  /** Removes and stops a listener; false if it is not one of ours. */
  removeListener(listener: ProcessorListener): boolean {
    const i = this.listeners.indexOf(listener);
    if (i < 0) return false;
    this.listeners.splice(i, 1);
    listener.stop();
    this.trace?.({ component: "processor", kind: "processor.listenerRemoved", name: this.name, listener: listener.index });
    return true;
  }

  distribute(type: NotificationType, key: string, newObj: unknown, oldObj: unknown, isInInitialList: boolean,
             isSync: boolean, deltaType: DeltaSummary["type"]): void {
    const listeners = this.listeners;
    this.trace?.({ component: "processor", kind: "processor.distribute", name: this.name, notification: type,
      key, resourceVersion: rvOf(newObj), deltaType, sync: isSync, listeners: this.receivers(isSync) });
    for (let i = 0; i < listeners.length; i++) {
      const l = listeners[i]!;
      if (!isSync || l.syncing) l.add(type, key, newObj, oldObj, isInInitialList);
    }
  }

  /** The listeners a notification reaches (their numbers). */
  private receivers(isSync: boolean): number[] {
    const to: number[] = [];
    for (const l of this.listeners) if (!isSync || l.syncing) to.push(l.index);
    return to;
  }

  run(): void {
    if (this.started) return;
    this.started = true;
    for (const l of this.listeners) l.run();
  }

  stop(): void {
    for (const l of this.listeners) l.stop();
  }

  shouldResync(): boolean {
    const now = this.scheduler.now();
    let needed = false;
    const due: number[] = [];
    for (const l of this.listeners) {
      const yes = l.shouldResync(now);
      l.syncing = yes;
      if (yes) {
        needed = true;
        due.push(l.index);
        l.determineNextResync(now);
      }
    }
    this.trace?.({ component: "processor", kind: "processor.resyncCheck", name: this.name, listeners: due });
    return needed;
  }

  resyncCheckPeriodChanged(checkMs: number): void {
    for (const l of this.listeners) l.setResyncPeriod(determineResyncPeriod(l.requestedResyncPeriodMs, checkMs));
  }
}
