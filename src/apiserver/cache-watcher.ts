/**
 * One open watch (apiserver/pkg/storage/cacher cache_watcher.go): the per-connection filter and the
 * stream's lifecycle. Its in-flight queue is delivery-queue.ts; the events it builds, watch-event.ts.
 *
 * Contract:
 * - `dispatch(e)` applies the selector transitions of spec W4 / §3.2 to one committed event: current
 *   matches and previous not → ADDED; both → MODIFIED; previous only → DELETED carrying the previous
 *   body stamped with the event's RV; neither → nothing. A real delete of a matching object → DELETED.
 * - Nothing reaches the sink synchronously: every event and the final close are queued with a due time
 *   (now + this client's latency, never earlier than the previous item, so order is kept) and handed
 *   over by a scheduled drain task. Within one watch, events arrive strictly in RV order, once (W3).
 * - `stall()` models a half-open connection: nothing at all arrives any more, not even a close.
 * - `hold(ms, status)` / `release()` model a "timeout" partition: delivery pauses; released in time,
 *   everything queued arrives late and in order; otherwise the watch is dropped and the client hears
 *   ERROR `status` (its own stream watcher's "connection lost"), then onClose().
 * - The stream ends in one of three ways: `finish` (graceful: queued events are still delivered, then
 *   `onClose()` — timeouts, an ERROR event's close), `abort` (the connection drops: undelivered events
 *   are lost, then `onClose(error?)` — dropWatches, restart, partition, slow consumer), or `stop()` by the
 *   client (nothing more reaches the sink, not even onClose). `server.watch.closed` is traced when the
 *   client learns of the close (or at stop()).
 * - Bookmarks (if allowed) carry the server's current RV at the time they are queued (W5), so a
 *   bookmark never overtakes an event of this watch.
 * - Slow consumer (W7): when a `limit` is set and a live event leaves more than `limit` events queued but
 *   not yet handed over, the watch is aborted with reason "slowConsumer" (the backlog is dropped, as the
 *   cacher does). A new watch's initial or replayed events never count as slowness.
 */
import type { TraceFn } from "../sim/trace.js";
import type { Scheduler } from "../sim/scheduler.js";
import type { KubeObject } from "../types.js";
import type { ApiError, Status } from "../apimachinery/errors.js";
import type { WatchEvent } from "../apimachinery/meta.js";
import type { WatchSink } from "../cache/listwatch.js";
import type { StoreEvent } from "./watch-cache.js";
import { DeliveryQueue } from "./delivery-queue.js";
import { envelope, prevAtRev, watchEventTrace } from "./watch-event.js";

export type CloseReason =
  | "timeout" | "dropped" | "stopped" | "expired" | "slowConsumer" | "restart" | "partition" | "error";

/** What a watcher needs from its server. */
export interface WatcherHost {
  readonly scheduler: Scheduler;
  /** The server's trace function (undefined: not tracing). */
  readonly trace: TraceFn | undefined;
  /** The delivery latency for a new item of this client's streams (may include jitter). */
  latencyFor(client: string | undefined): number;
  /** The current slow-consumer limit (undefined: off). */
  slowConsumerLimit(): number | undefined;
  /** Called once when the watcher stops taking events (to unregister it). */
  detach(w: CacheWatcher): void;
  /** A frame of a ListerWatcher watch reached its client (the network's health check counts from it). */
  heard(): void;
}

interface QueueItem {
  event?: WatchEvent<KubeObject>;
  key?: string;
  rv?: string;
  close?: { reason: CloseReason; error?: ApiError };
}

export class CacheWatcher {
  private readonly queue: DeliveryQueue<QueueItem>;
  private timers: number[] = [];
  private bookmarkTimer: number | undefined;
  /** No more items are accepted (the server side of the stream is finished). */
  private ended = false;
  /** Nothing more reaches the sink. */
  private dead = false;
  /** Events at or below this revision are not for this watch (a watch started from a future RV). */
  private minRev = 0;
  /** A "timeout" partition: items queue up undelivered until release() or the client's timeout. */
  private held = false;
  private holdTimer: number | undefined;

  constructor(
    private readonly host: WatcherHost,
    readonly id: number,
    readonly resource: string,
    readonly client: string | undefined,
    /** Opened through a ListerWatcher (network traffic: a partition drops it). */
    readonly viaListerWatcher: boolean,
    private readonly matches: ((obj: KubeObject) => boolean) | undefined,
    private readonly sink: WatchSink<KubeObject>,
  ) {
    this.queue = new DeliveryQueue<QueueItem>(host.scheduler, () => host.latencyFor(client), (item) => this.deliver(item));
  }

  isOpen(): boolean {
    return !this.ended;
  }

  /** Number of queued items not yet handed to the client. */
  backlog(): number {
    return this.queue.backlog();
  }

  /** Only events after `rev` reach this watch (cache_watcher.go: `event.ResourceVersion > resourceVersion`). */
  skipThrough(rev: number): void {
    this.minRev = rev;
  }

  /** Registers a timer owned by this watch (cancelled when the stream ends). */
  addTimer(id: number): void {
    this.timers.push(id);
  }

  /** Sets the periodic bookmark timer (one slot: the previous one has fired). */
  setBookmarkTimer(id: number): void {
    if (this.bookmarkTimer !== undefined) this.host.scheduler.clearTimeout(this.bookmarkTimer);
    this.bookmarkTimer = id;
  }

  /**
   * Converts and queues one committed event. `live` (a new write, not a replay from the window) is what
   * the slow-consumer check applies to: like the cacher, the initial/replayed events of a new watch are
   * never a reason to close it.
   */
  dispatch(e: StoreEvent, live = false): void {
    if (this.ended || e.rev <= this.minRev) return;
    this.convert(e);
    if (live) {
      const limit = this.host.slowConsumerLimit();
      if (limit !== undefined && this.backlog() > limit) this.abort("slowConsumer");
    }
  }

  private convert(e: StoreEvent): void {
    const m = this.matches;
    if (m === undefined) {
      this.send(envelope(e), e.key);
      return;
    }
    switch (e.type) {
      case "ADDED":
      case "DELETED":
        if (m(e.object)) this.send(envelope(e), e.key);
        return;
      case "MODIFIED": {
        const now = m(e.object);
        const before = m(e.prev!);
        if (now && before) this.send(envelope(e), e.key);
        else if (now) this.send(Object.freeze({ type: "ADDED", object: e.object }), e.key);
        else if (before) this.send(Object.freeze({ type: "DELETED", object: prevAtRev(e) }), e.key);
        return;
      }
    }
  }

  /** Queues an event (its object must be deep-frozen; the envelope is frozen here if it is not yet). */
  send(event: WatchEvent<KubeObject>, key?: string): void {
    if (this.ended) return;
    const obj = event.object as KubeObject;
    this.queue.push({ event: Object.isFrozen(event) ? event : Object.freeze(event), key, rv: obj.metadata?.resourceVersion ?? "" });
  }

  /** Ends the stream after what is already queued (graceful close). */
  finish(reason: CloseReason): void {
    if (this.ended) return;
    this.end();
    this.queue.push({ close: { reason } });
  }

  /** Drops the connection: undelivered items are lost; the client hears onClose(error?). */
  abort(reason: CloseReason, error?: ApiError): void {
    if (this.ended) return;
    this.end();
    this.queue.clear();
    this.queue.push(error === undefined ? { close: { reason } } : { close: { reason, error } });
  }

  /**
   * Half-open connection (spec F2): the server side goes away without the client noticing. Nothing more
   * is ever delivered — no events, no bookmarks, no close — until the client stops the watch itself.
   */
  stall(): void {
    if (this.ended) return;
    this.end();
    this.queue.halt();
  }

  /**
   * A "timeout" partition (packets go nowhere): the stream keeps filling but nothing reaches the client.
   * If `release()` comes within `timeoutMs` everything queued is delivered late, in order; otherwise the
   * client's health check gives up: the server side is dropped and the client's stream watcher reports
   * `lost` as an ERROR event, then the close.
   */
  hold(timeoutMs: number, lost: Status): void {
    if (this.dead || this.held) return;
    this.held = true;
    this.queue.pause();
    this.holdTimer = this.host.scheduler.setTimeout(() => {
      this.holdTimer = undefined;
      if (this.dead) return;
      if (!this.ended) this.end();
      this.dead = true;
      this.queue.halt();
      this.host.trace?.({
        component: "server", kind: "server.watch.closed", watchId: this.id, resource: this.resource, reason: "partition",
      });
      this.sink.onEvent(Object.freeze({ type: "ERROR", object: lost }));
      this.sink.onClose();
    }, timeoutMs);
  }

  /** The partition healed in time: what queued up is delivered now. */
  release(): void {
    if (!this.held) return;
    this.held = false;
    if (this.holdTimer !== undefined) this.host.scheduler.clearTimeout(this.holdTimer);
    this.holdTimer = undefined;
    this.queue.resume();
  }

  /** The client stops the watch: nothing more reaches the sink. */
  stop(): void {
    if (this.dead) return;
    this.end();
    this.dead = true;
    if (this.holdTimer !== undefined) this.host.scheduler.clearTimeout(this.holdTimer);
    this.holdTimer = undefined;
    this.queue.halt();
    this.host.trace?.({
      component: "server", kind: "server.watch.closed", watchId: this.id, resource: this.resource, reason: "stopped",
    });
  }

  private end(): void {
    this.ended = true;
    for (const t of this.timers) this.host.scheduler.clearTimeout(t);
    this.timers = [];
    if (this.bookmarkTimer !== undefined) this.host.scheduler.clearTimeout(this.bookmarkTimer);
    this.bookmarkTimer = undefined;
    this.host.detach(this);
  }

  /** Hands one due item to the client; false once the stream's close has been delivered. */
  private deliver(item: QueueItem): boolean {
    if (this.dead) return false;
    if (this.viaListerWatcher) this.host.heard();
    if (item.close !== undefined) {
      this.dead = true;
      this.host.trace?.({
        component: "server", kind: "server.watch.closed", watchId: this.id, resource: this.resource,
        reason: item.close.reason,
      });
      this.sink.onClose(item.close.error);
      return false;
    }
    const event = item.event!;
    this.host.trace?.(watchEventTrace(this.id, this.resource, event, item.key, item.rv ?? ""));
    this.sink.onEvent(event);
    return true;
  }
}
