/**
 * sharedProcessor — fans the informer's notifications out to its listeners (client-go tools/cache
 * `sharedProcessor`, spec §7.5–§7.6).
 *
 * Contract:
 * - `distribute(n, isSync)`: a real notification (add, delete, update with a changed RV) is appended to
 *   every listener's buffer; a resync-class one (update with equal RVs) only to listeners whose
 *   `syncing` flag is true. It never calls a handler.
 * - `run()` starts every listener (and every listener added later); `stop()` stops them all (pending
 *   notifications are discarded).
 * - `shouldResync()` (asked by the reflector's resync timer): a listener is due iff its effective period
 *   is non-zero and now ≥ its nextResync; each listener's `syncing` flag becomes that answer; due
 *   listeners get nextResync = now + period. True iff any listener is due.
 * - `resyncCheckPeriodChanged(p)`: every listener's effective period becomes determine(requested, p).
 * - Listener numbers in traces are 0-based registration order and are never reused.
 */
import type { Scheduler } from "../sim/scheduler.js";
import { emit, type DeltaSummary, type NotificationType, type Tracer } from "../sim/trace.js";
import { ProcessorNotification, rvOf, type ProcessorListener } from "./processor-listener.js";

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

  constructor(
    private readonly scheduler: Scheduler,
    private readonly name: string,
    private readonly tracer: Tracer | undefined,
  ) {}

  /** The number the next registered listener gets. */
  takeIndex(): number {
    return this.nextIndex++;
  }

  isStarted(): boolean {
    return this.started;
  }

  addListener(listener: ProcessorListener): void {
    this.listeners.push(listener);
    if (this.tracer !== undefined) {
      emit(this.tracer, { component: "processor", kind: "processor.listenerAdded", name: this.name,
        listener: listener.index, resyncPeriodMs: listener.resyncPeriodMs });
    }
    if (this.started) listener.run();
  }

  /** Removes and stops a listener; false if it is not one of ours. */
  removeListener(listener: ProcessorListener): boolean {
    const i = this.listeners.indexOf(listener);
    if (i < 0) return false;
    this.listeners.splice(i, 1);
    listener.stop();
    if (this.tracer !== undefined) {
      emit(this.tracer, { component: "processor", kind: "processor.listenerRemoved", name: this.name,
        listener: listener.index });
    }
    return true;
  }

  distribute(n: ProcessorNotification, isSync: boolean, deltaType: DeltaSummary["type"]): void {
    const listeners = this.listeners;
    const tracer = this.tracer;
    if (tracer !== undefined) {
      const to: number[] = [];
      for (const l of listeners) if (!isSync || l.syncing) to.push(l.index);
      emit(tracer, { component: "processor", kind: "processor.distribute", name: this.name, notification: n.type,
        key: n.key, resourceVersion: rvOf(n.newObj), deltaType, sync: isSync, listeners: to });
    }
    if (isSync) {
      for (let i = 0; i < listeners.length; i++) {
        const l = listeners[i]!;
        if (l.syncing) l.add(n);
      }
    } else {
      for (let i = 0; i < listeners.length; i++) listeners[i]!.add(n);
    }
  }

  /** `distribute` of a notification with these fields (without allocating one unless tracing). */
  distributeFields(type: NotificationType, key: string, newObj: unknown, oldObj: unknown, isInInitialList: boolean,
                   isSync: boolean, deltaType: DeltaSummary["type"]): void {
    if (this.tracer !== undefined) {
      this.distribute(new ProcessorNotification(type, key, newObj, oldObj, isInInitialList), isSync, deltaType);
      return;
    }
    const listeners = this.listeners;
    for (let i = 0; i < listeners.length; i++) {
      const l = listeners[i]!;
      if (!isSync || l.syncing) l.addFields(type, key, newObj, oldObj, isInInitialList);
    }
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
    if (this.tracer !== undefined) {
      emit(this.tracer, { component: "processor", kind: "processor.resyncCheck", name: this.name, listeners: due });
    }
    return needed;
  }

  resyncCheckPeriodChanged(checkMs: number): void {
    for (const l of this.listeners) l.setResyncPeriod(determineResyncPeriod(l.requestedResyncPeriodMs, checkMs));
  }
}
