/**
 * ReflectorWatch — the watch half of the Reflector's ListAndWatch (client-go tools/cache reflector.go
 * `watch`, `watchList`, `handleAnyWatch`; spec client-go.md §3.6–§3.9).
 *
 * Contract:
 * - `start(epoch)`: a watch from the last RV with `allowWatchBookmarks` and `timeoutSeconds` uniform in
 *   [min, max) (PRNG; min 300 s unless the option asks more, max = 2 × min). `startList(epoch)`
 *   (watch-list mode): a watch with `sendInitialEvents`, `resourceVersionMatch: NotOlderThan` from RV ""
 *   (or the last RV) whose events fill a temporary store until the BOOKMARK annotated
 *   `k8s.io/initial-events-end: "true"`; then `store.replace(temp, bookmarkRV)` and the stream goes on as
 *   a normal watch (a replace that throws ⇒ the host's plain list, same ListAndWatch).
 * - Events: ADDED/MODIFIED/DELETED ⇒ store add/update/delete; BOOKMARK ⇒ `store.bookmark?.(rv)`. Each
 *   accepted event sets the last RV (assigned, not maxed) — except ADDED events of a stream started at
 *   RV ""/"0" until a non-ADDED event was seen. Objects of another kind are skipped; store errors are
 *   dropped. Events of a stream that is no longer current are ignored.
 * - Stream end: clean close after ≥ 1 s or ≥ 1 event ⇒ re-watch at once (no relist); a clean close in
 *   < 1 s with no event ("very short watch"), an ERROR 410, or any other ERROR ⇒ the ListAndWatch ends.
 *   ERROR 429 ⇒ backoff then re-watch; ERROR 500 ⇒ re-watch at once while inside
 *   `maxInternalErrorRetryDurationMs`. A watch that fails to start with connection refused or 429 ⇒
 *   backoff (at least its Retry-After) then re-watch; any other start failure ends the ListAndWatch
 *   with that error. Watch-list streams: refused/429 ⇒ backoff and retry; 410/too large ⇒ RV "" and
 *   retry at once; a clean (not very short) close before the bookmark ⇒ retry with a fresh temporary
 *   store; anything else ⇒ fall back to a plain list.
 * - `close()` stops the open watch; `isOpen()` says whether one is open. Traced (component "reflector").
 */
import { isResourceExpired, isTooManyRequests, type ApiError } from "../apimachinery/errors.js";
import type { WatchEvent, WatchOptions } from "../apimachinery/meta.js";
import type { Scheduler } from "../sim/scheduler.js";
import type { ReflectorState, TraceFn } from "../sim/trace.js";
import type { ListerWatcher, Watch } from "./listwatch.js";
import { RetryWithDeadline } from "./retry-with-deadline.js";
import { isRetriableWatchError, isTooLargeRV, retryAfterOf, toApiError, traceKey, type ObjectLike } from "./reflector-errors.js";
import type { KeyFunc, ReflectorStore } from "./types.js";
import { WatchStream, type WatchStreamOwner } from "./watch-stream.js";

const INITIAL_EVENTS_ANNOTATION = "k8s.io/initial-events-end";

/** What the watch half needs of its Reflector (the ListAndWatch loop). */
export interface WatchHost {
  readonly scheduler: Scheduler;
  readonly name: string;
  readonly trace: TraceFn | undefined;
  readonly lw: ListerWatcher<unknown>;
  readonly store: ReflectorStore;
  /** The ListAndWatch `epoch` is still the running one. */
  isCurrent(epoch: number): boolean;
  lastSyncRV(): string;
  rvUnavailable(): boolean;
  setRvUnavailable(unavailable: boolean): void;
  setState(state: ReflectorState): void;
  setLastSyncRV(rv: string): void;
  endListAndWatch(error: Error | undefined): void;
  waitBackoff(minDelayMs: number, then: () => void): void;
  /** A plain list within the same ListAndWatch. */
  list(epoch: number): void;
  startResync(epoch: number): void;
}

export interface WatchOptionsOfReflector {
  minWatchTimeoutMs?: number;
  maxInternalErrorRetryDurationMs?: number;
  expectedKind?: string;
  keyFunc: KeyFunc;
  transform?: (obj: unknown) => unknown;
}

export class ReflectorWatch implements WatchStreamOwner {
  private readonly minWatchTimeoutS: number;
  private readonly maxWatchTimeoutS: number;
  private readonly expectedKind: string | undefined;
  private readonly keyFunc: KeyFunc;
  private readonly transform: ((obj: unknown) => unknown) | undefined;
  private sink: WatchStream | undefined;
  private watch: Watch | undefined;
  private readonly internalErrors: RetryWithDeadline;

  constructor(private readonly host: WatchHost, options: WatchOptionsOfReflector) {
    const minMs = options.minWatchTimeoutMs ?? 0;
    this.minWatchTimeoutS = minMs > 300_000 ? Math.floor(minMs / 1000) : 300;
    this.maxWatchTimeoutS = 2 * this.minWatchTimeoutS;
    this.internalErrors = new RetryWithDeadline(options.maxInternalErrorRetryDurationMs ?? 0, host.scheduler);
    this.expectedKind = options.expectedKind;
    this.keyFunc = options.keyFunc;
    this.transform = options.transform;
  }

  isOpen(): boolean {
    return this.watch !== undefined;
  }

  start(epoch: number): void {
    const host = this.host;
    if (!host.isCurrent(epoch)) return;
    const rv = host.lastSyncRV();
    const timeoutSeconds = this.watchTimeoutSeconds();
    host.setState("watching");
    host.trace?.({ component: "reflector", kind: "reflector.watch.start", name: host.name,
      resourceVersion: rv, timeoutSeconds });
    const sink = new WatchStream(this, epoch, rv === "" || rv === "0", false, host.scheduler.now());
    this.open(sink, { resourceVersion: rv, timeoutSeconds, allowWatchBookmarks: true });
  }

  startList(epoch: number): void {
    const host = this.host;
    if (!host.isCurrent(epoch)) return;
    const rv = host.rvUnavailable() ? "" : host.lastSyncRV();
    const timeoutSeconds = this.watchTimeoutSeconds();
    host.setState("listing");
    host.trace?.({ component: "reflector", kind: "reflector.list.start", name: host.name,
      resourceVersion: rv, resourceVersionMatch: "NotOlderThan", streaming: true });
    host.trace?.({ component: "reflector", kind: "reflector.watch.start", name: host.name,
      resourceVersion: rv, timeoutSeconds, sendInitialEvents: true });
    const sink = new WatchStream(this, epoch, true, true, host.scheduler.now());
    this.open(sink, {
      resourceVersion: rv, resourceVersionMatch: "NotOlderThan", sendInitialEvents: true,
      allowWatchBookmarks: true, timeoutSeconds,
    });
  }

  close(): void {
    const w = this.watch;
    this.sink = undefined;
    this.watch = undefined;
    if (w !== undefined) w.stop();
  }

  private watchTimeoutSeconds(): number {
    const min = this.minWatchTimeoutS;
    return Math.floor(min + this.host.scheduler.random() * (this.maxWatchTimeoutS - min));
  }

  private open(sink: WatchStream, options: WatchOptions): void {
    this.sink = sink;
    const w = this.host.lw.watch(options, sink);
    // A failure to start may have been reported synchronously: then the sink is no longer current.
    if (this.sink === sink) this.watch = w;
  }

  /** @internal called by the watch sink. */
  onWatchEvent(sink: WatchStream, event: WatchEvent<unknown>): void {
    if (sink !== this.sink) return;
    const host = this.host;
    const type = event.type;
    if (type === "ERROR") {
      this.onStreamError(sink, toApiError(event.object));
      return;
    }
    const obj = event.object as ObjectLike;
    const meta = obj.metadata;
    if (meta === undefined || meta === null ||
        (this.expectedKind !== undefined && typeof obj.kind === "string" && obj.kind !== this.expectedKind &&
         type !== "BOOKMARK")) {
      return; // wrong type: logged and skipped, no RV update
    }
    const rv = typeof meta.resourceVersion === "string" ? meta.resourceVersion : "";
    sink.events++;
    host.trace?.({ component: "reflector", kind: "reflector.watch.event", name: host.name, type,
      ...(type !== "BOOKMARK" ? { key: traceKey(obj) } : {}), resourceVersion: rv });
    if (sink.temp !== undefined) {
      this.onInitialEvent(sink, sink.temp, type, obj, rv);
      return;
    }
    const store = host.store;
    try {
      switch (type) {
        case "ADDED": store.add(obj); break;
        case "MODIFIED": store.update(obj); break;
        case "DELETED": store.delete(obj); break;
        case "BOOKMARK": if (store.bookmark !== undefined) store.bookmark(rv); break;
      }
    } catch {
      // store errors are logged, not fatal
    }
    if (type !== "ADDED") sink.seenNonAdded = true;
    else if (sink.syntheticStart && !sink.seenNonAdded) return;
    host.setLastSyncRV(rv);
    if (store.updateResourceVersion !== undefined) store.updateResourceVersion(rv);
  }

  /** Watch-list initial phase: events go to the temporary store until the end bookmark. */
  private onInitialEvent(sink: WatchStream, temp: Map<string, unknown>, type: string, obj: ObjectLike,
                         rv: string): void {
    const host = this.host;
    try {
      if (type === "ADDED" || type === "MODIFIED") {
        const value = this.transform !== undefined ? this.transform(obj) : obj;
        temp.set(this.keyFunc(value), value);
      } else if (type === "DELETED") {
        temp.delete(this.keyFunc(obj));
      }
    } catch {
      // key/transform errors are logged, not fatal
    }
    if (type !== "BOOKMARK") return;
    if (obj.metadata?.annotations?.[INITIAL_EVENTS_ANNOTATION] !== "true") return;
    // end of the initial events: hand the whole state to the store, keep the stream as a normal watch
    sink.temp = undefined;
    sink.syntheticStart = false;
    host.setRvUnavailable(false);
    const items = Array.from(temp.values());
    host.trace?.({ component: "reflector", kind: "reflector.list.done", name: host.name,
      resourceVersion: rv, items: items.length });
    try {
      host.store.replace(items, rv);
    } catch {
      // reflector.go watchList(): "unable to sync watch-list result" ⇒ ListAndWatch falls back to a
      // plain list (whose own Replace then decides)
      this.close();
      host.list(sink.epoch);
      return;
    }
    host.setLastSyncRV(rv);
    host.setState("watching");
    host.startResync(sink.epoch);
  }

  /** An ERROR event: the server ends the stream with it. */
  private onStreamError(sink: WatchStream, error: ApiError): void {
    const host = this.host;
    const epoch = sink.epoch;
    this.close();
    const expired = isResourceExpired(error);
    host.trace?.({ component: "reflector", kind: "reflector.watch.end", name: host.name,
      reason: expired ? "expired" : "error", code: error.code, message: error.message });
    if (sink.temp !== undefined) {
      this.onWatchListFailure(epoch, error);
      return;
    }
    if (expired) {
      host.endListAndWatch(undefined);
    } else if (isTooManyRequests(error)) {
      host.waitBackoff(retryAfterOf(error), () => this.start(epoch));
    } else if (error.code === 500 && this.internalErrors.shouldRetry()) {
      this.start(epoch);
    } else {
      host.endListAndWatch(undefined);
    }
  }

  /** @internal called by the watch sink. */
  onWatchClose(sink: WatchStream, error?: ApiError): void {
    if (sink !== this.sink) return;
    const host = this.host;
    const epoch = sink.epoch;
    this.sink = undefined;
    this.watch = undefined;
    if (error !== undefined) {
      // the watch request itself failed
      host.trace?.({ component: "reflector", kind: "reflector.watch.end", name: host.name,
        reason: "error", code: error.code, message: error.message });
      if (sink.temp !== undefined) {
        this.onWatchListFailure(epoch, error);
      } else if (isRetriableWatchError(error)) {
        host.waitBackoff(retryAfterOf(error), () => this.start(epoch));
      } else {
        host.endListAndWatch(error);
      }
      return;
    }
    const veryShort = sink.events === 0 && host.scheduler.now() - sink.startedAt < 1000;
    host.trace?.({ component: "reflector", kind: "reflector.watch.end", name: host.name,
      reason: veryShort ? "tooShort" : "closed",
      ...(veryShort ? { message: "very short watch: unexpected watch close - watch lasted less than a second and no items received" } : {}) });
    if (sink.temp !== undefined) {
      // watch-list stream ended before the end bookmark
      if (veryShort) host.list(epoch);
      else this.startList(epoch);
      return;
    }
    if (veryShort) host.endListAndWatch(undefined);
    else this.start(epoch);
  }

  /** A watch-list stream failed to start or streamed an ERROR before its end bookmark. */
  private onWatchListFailure(epoch: number, error: ApiError): void {
    const host = this.host;
    if (isRetriableWatchError(error)) {
      host.waitBackoff(retryAfterOf(error), () => this.startList(epoch));
    } else if (isResourceExpired(error) || isTooLargeRV(error)) {
      host.setRvUnavailable(true);
      this.startList(epoch);
    } else {
      host.list(epoch); // fall back to a plain list in the same ListAndWatch
    }
  }
}
