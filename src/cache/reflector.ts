/**
 * Reflector — pumps state from a ListerWatcher into a store (in informers: the FIFO)
 * (client-go tools/cache `Reflector`, spec client-go.md §3).
 *
 * Contract:
 * - `run(stop)` starts ListAndWatch at once; whenever a ListAndWatch ends (error or not) it waits one
 *   backoff step (Backoff, 0.8 s doubling to 30 s, jitter from the scheduler's PRNG) and starts a new one,
 *   until `stop` is aborted. A ListAndWatch that ended with an error first calls the watch error handler.
 * - List mode: list at the relist RV — `"0"` before the first sync, `lastSyncResourceVersion` after it,
 *   `""` once a list failed with 410 Expired or "too large resource version" (and then the list is
 *   retried once, immediately). Paging: limit 500 and continue tokens (continuations send RV `""`); an
 *   RV other than `""`/`"0"` lists unpaged unless a page size is set or the initial list was paginated;
 *   a continuation that fails with 410 falls back to one full unpaged list at the requested RV. The
 *   immediate retry at RV `""` keeps the first request's page size (one unpaged list after a relist at
 *   the last RV). Success ⇒ `store.replace(items, listRV)`, last RV = list RV, resync timer armed, watch
 *   started. A replace that throws (e.g. a transform failing on a listed object) ends the ListAndWatch
 *   with "unable to sync list result: …" (handler, backoff, relist); the last RV is not updated.
 * - Watch: from the last RV with `allowWatchBookmarks` and `timeoutSeconds` uniform in [300, 600)
 *   (PRNG). ADDED/MODIFIED/DELETED ⇒ store add/update/delete; BOOKMARK ⇒ `store.bookmark?.(rv)`. Each
 *   accepted event sets the last RV (assigned, not maxed) — except ADDED events of a stream started at
 *   RV `""`/`"0"` until a non-ADDED event was seen. Objects of another kind are skipped.
 * - Stream end: clean close after ≥ 1 s or ≥ 1 event ⇒ re-watch at once from the last RV (no relist);
 *   a clean close in < 1 s with no event ("very short watch"), an ERROR 410, or any other ERROR ⇒ the
 *   ListAndWatch ends (backoff, then relist). ERROR 429 ⇒ backoff then re-watch; ERROR 500 ⇒ re-watch at
 *   once while inside `maxInternalErrorRetryDurationMs`. A watch that fails to start with connection
 *   refused or 429 ⇒ backoff then re-watch; any other start failure (e.g. a request that hung until the
 *   client's health check gave up: "http2: client connection lost") ends the ListAndWatch with that
 *   error, so the handler fires and the reflector relists (reflector.go isWatchErrorRetriable).
 *   A 429's Retry-After (`details.retryAfterSeconds`) is a lower bound for the wait; a list answered 429
 *   with Retry-After is retried after it (up to 10 times) like client-go's REST client does.
 * - Watch-list mode (`watchList: true`): a watch with `sendInitialEvents`, `resourceVersionMatch:
 *   NotOlderThan` from RV `""` (or the last RV) feeds a temporary store until the BOOKMARK annotated
 *   `k8s.io/initial-events-end: "true"`; then `store.replace(temp, bookmarkRV)` and the same stream goes
 *   on as a normal watch. Refused/429 ⇒ backoff and retry; 410/too large ⇒ RV `""` and retry at once; a
 *   clean (not very short) close before the bookmark ⇒ retry with a fresh temporary store; anything else
 *   (also a replace of the streamed state that throws) ⇒ fall back to list mode within the same
 *   ListAndWatch.
 * - Resync: after each successful (re)list, every `resyncPeriodMs` (> 0) calls `store.resync()` when
 *   `shouldResync()` (if given) says so; a throwing resync ends the ListAndWatch.
 * - Every step is traced (component "reflector"); no tracing work happens without a tracer.
 */
import {
  ApiError, isConnectionRefused, isResourceExpired, isTooLargeResourceVersion, isTooManyRequests, newApiError,
  retryAfterSeconds, type Status,
} from "../apimachinery/errors.js";
import type { KubeList, ListOptions, WatchEvent, WatchOptions } from "../apimachinery/meta.js";
import type { ListerWatcher, Watch, WatchSink } from "./listwatch.js";
import type { Scheduler } from "../sim/scheduler.js";
import { traceTo, type ReflectorState, type TraceFn, type Tracer } from "../sim/trace.js";
import { Backoff, type BackoffOptions } from "./backoff.js";
import { metaNamespaceKeyFunc } from "./keys.js";
import type { KeyFunc } from "./types.js";

/** What a Reflector writes to (DeltaFIFO, RealFIFO, or any Store). */
export interface ReflectorStore {
  add(obj: unknown): void;
  update(obj: unknown): void;
  delete(obj: unknown): void;
  replace(list: unknown[], resourceVersion: string): void;
  resync(): void;
  bookmark?(resourceVersion: string): void;
  updateResourceVersion?(resourceVersion: string): void;
}

export interface ReflectorOptions {
  scheduler: Scheduler;
  /** Name in traces (the resource plural, e.g. "pods"). Default "reflector". */
  name?: string;
  /** Resync timer period; 0 (default) = never. */
  resyncPeriodMs?: number;
  /** Asked each time the resync timer fires; absent ⇒ always resync. */
  shouldResync?: () => boolean;
  backoff?: BackoffOptions;
  /** Streaming list (sendInitialEvents) first, list as fallback. Default false. */
  watchList?: boolean;
  /** WatchListPageSize: fixed page size for lists (0 = the default rules). */
  pageSize?: number;
  /** Minimum watch timeout; honoured only above 5 min (then max = 2 × min). */
  minWatchTimeoutMs?: number;
  /** Re-watch at once after ERROR 500 while inside this window (default 0 = never). */
  maxInternalErrorRetryDurationMs?: number;
  /** Objects whose `kind` is set and differs from this are skipped (e.g. "Pod"). */
  expectedKind?: string;
  /** Key function of the watch-list temporary store. Default metaNamespaceKeyFunc. */
  keyFunc?: KeyFunc;
  /** Applied to objects entering the watch-list temporary store (the FIFO applies it again). */
  transform?: (obj: unknown) => unknown;
  watchErrorHandler?: (error: Error) => void;
  tracer?: Tracer;
}

/** Default page size of the pager. */
export const DEFAULT_PAGE_SIZE = 500;
const INITIAL_EVENTS_ANNOTATION = "k8s.io/initial-events-end";
const MAX_RETRY_AFTER_RETRIES = 10;

interface ObjectLike {
  kind?: unknown;
  metadata?: { name?: unknown; namespace?: unknown; resourceVersion?: unknown; annotations?: Record<string, string> };
}

/** One watch stream as the reflector sees it. */
class ReflectorWatchSink implements WatchSink<unknown> {
  events = 0;
  seenNonAdded = false;
  readonly startedAt: number;
  /** Watch-list initial phase: events go to `temp`, not to the store. */
  temp: Map<string, unknown> | undefined;

  constructor(
    private readonly reflector: Reflector,
    readonly epoch: number,
    /** Started at RV "" or "0": synthetic ADDED events do not advance the last RV. */
    public syntheticStart: boolean,
    initial: boolean,
  ) {
    this.startedAt = reflector.scheduler.now();
    this.temp = initial ? new Map() : undefined;
  }

  onEvent(event: WatchEvent<unknown>): void {
    this.reflector.onWatchEvent(this, event);
  }

  onClose(error?: ApiError): void {
    this.reflector.onWatchClose(this, error);
  }
}

export class Reflector {
  readonly scheduler: Scheduler;
  readonly name: string;
  private readonly trace: TraceFn | undefined;
  private readonly backoff: Backoff;
  private readonly watchList: boolean;
  private readonly pageSize: number;
  private readonly minWatchTimeoutS: number;
  private readonly maxWatchTimeoutS: number;
  private readonly maxInternalErrorRetryMs: number;
  private readonly expectedKind: string | undefined;
  private readonly keyFunc: KeyFunc;
  private readonly transform: ((obj: unknown) => unknown) | undefined;
  private readonly shouldResync: (() => boolean) | undefined;
  resyncPeriodMs: number;
  private watchErrorHandler: ((error: Error) => void) | undefined;

  private lastSyncRV = "";
  private rvUnavailable = false;
  private paginatedResult = false;
  private running = false;
  private stopped = false;
  private state: ReflectorState | undefined;
  /** Bumped at each ListAndWatch start and at stop: stale callbacks compare it. */
  private epoch = 0;
  private sink: ReflectorWatchSink | undefined;
  private watch: Watch | undefined;
  private timer = 0;
  private resyncTimer = 0;
  private internalErrorFirst = -1;
  private internalErrorLast = -1;

  constructor(
    private readonly lw: ListerWatcher<unknown>,
    private readonly store: ReflectorStore,
    options: ReflectorOptions,
  ) {
    this.scheduler = options.scheduler;
    this.name = options.name ?? "reflector";
    this.trace = traceTo(options.tracer);
    this.backoff = new Backoff(options.scheduler, options.backoff);
    this.watchList = options.watchList ?? false;
    this.pageSize = options.pageSize ?? 0;
    const minMs = options.minWatchTimeoutMs ?? 0;
    this.minWatchTimeoutS = minMs > 300_000 ? Math.floor(minMs / 1000) : 300;
    this.maxWatchTimeoutS = 2 * this.minWatchTimeoutS;
    this.maxInternalErrorRetryMs = options.maxInternalErrorRetryDurationMs ?? 0;
    this.expectedKind = options.expectedKind;
    this.keyFunc = options.keyFunc ?? metaNamespaceKeyFunc;
    this.transform = options.transform;
    this.shouldResync = options.shouldResync;
    this.resyncPeriodMs = options.resyncPeriodMs ?? 0;
    this.watchErrorHandler = options.watchErrorHandler;
  }

  /** The last resourceVersion recorded (list RV, watch event RV, bookmark RV); "" before any. */
  lastSyncResourceVersion(): string {
    return this.lastSyncRV;
  }

  setWatchErrorHandler(fn: (error: Error) => void): void {
    this.watchErrorHandler = fn;
  }

  isStopped(): boolean {
    return this.stopped;
  }

  run(stop?: AbortSignal): void {
    if (this.running || this.stopped) return;
    if (stop !== undefined) {
      if (stop.aborted) {
        this.stop();
        return;
      }
      stop.addEventListener("abort", () => this.stop(), { once: true });
    }
    this.running = true;
    this.listAndWatch();
  }

  /** Stops everything: timers, the open watch; no callback has any effect afterwards. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.epoch++;
    this.clearTimers();
    const watching = this.watch !== undefined;
    this.closeWatch();
    if (watching) {
      this.trace?.({ component: "reflector", kind: "reflector.watch.end", name: this.name, reason: "stopped" });
    }
    this.setState("stopped");
  }

  // ─────────────────────────────── ListAndWatch ───────────────────────────────

  private listAndWatch(): void {
    if (this.stopped) return;
    const epoch = ++this.epoch;
    if (this.watchList) this.startWatchList(epoch);
    else this.startList(epoch);
  }

  /** Ends the current ListAndWatch: handler (if error), then one backoff step, then a new one. */
  private endListAndWatch(error: Error | undefined): void {
    if (this.stopped) return;
    this.epoch++;
    this.clearTimers();
    this.closeWatch();
    if (error !== undefined && this.watchErrorHandler !== undefined) {
      try {
        this.watchErrorHandler(error);
      } catch {
        // the handler is for visibility only
      }
    }
    this.waitBackoff(0, () => this.listAndWatch());
  }

  private waitBackoff(minDelayMs: number, then: () => void): void {
    const step = this.backoff.next();
    const delayMs = step > minDelayMs ? step : minDelayMs;
    this.setState("backoff");
    this.trace?.({ component: "reflector", kind: "reflector.backoff", name: this.name, delayMs });
    if (this.timer !== 0) this.scheduler.clearTimeout(this.timer);
    this.timer = this.scheduler.setTimeout(() => {
      this.timer = 0;
      if (!this.stopped) then();
    }, delayMs);
  }

  // ─────────────────────────────── list ───────────────────────────────

  /** relistResourceVersion (§3.4). */
  private relistResourceVersion(): string {
    if (this.rvUnavailable) return "";
    if (this.lastSyncRV === "") return "0";
    return this.lastSyncRV;
  }

  private listPageSize(rv: string): number {
    if (this.pageSize > 0) return this.pageSize;
    if (this.paginatedResult) return DEFAULT_PAGE_SIZE;
    if (rv !== "" && rv !== "0") return 0;
    return DEFAULT_PAGE_SIZE;
  }

  /**
   * One list (with its pages). `retry` is the immediate retry after 410/too-large: reflector.go list()
   * re-runs the same pager, so the retry keeps the first request's page size (and the first request's
   * RV decides paginatedResult).
   */
  private startList(epoch: number, retry?: { limit: number; firstRV: string }): void {
    if (epoch !== this.epoch || this.stopped) return;
    const retriedUnavailable = retry !== undefined;
    const rv = this.relistResourceVersion();
    const limit = retry !== undefined ? retry.limit : this.listPageSize(rv);
    const firstRV = retry !== undefined ? retry.firstRV : rv;
    this.setState("listing");
    const items: unknown[] = [];
    let listRV = "";
    let paginated = false;
    let retryAfterRetries = 0;

    const request = (options: ListOptions, first: boolean, fullFallback: boolean): void => {
      this.trace?.({
        component: "reflector", kind: "reflector.list.start", name: this.name,
        resourceVersion: options.resourceVersion ?? "",
        ...(options.limit !== undefined ? { limit: options.limit } : {}),
        ...(options.continue !== undefined ? { continue: options.continue } : {}),
      });
      this.lw.list(options, (error: ApiError | undefined, list?: KubeList<unknown>) => {
        if (epoch !== this.epoch || this.stopped) return;
        if (error !== undefined || list === undefined) {
          const err = error ?? newApiError(500, "InternalError", "list returned nothing");
          this.traceError("reflector.list.error", err);
          const retryAfterMs = retryAfterOf(err);
          if (isTooManyRequests(err) && retryAfterMs > 0 && retryAfterRetries < MAX_RETRY_AFTER_RETRIES) {
            retryAfterRetries++;
            this.trace?.({ component: "reflector", kind: "reflector.backoff", name: this.name, delayMs: retryAfterMs });
            this.timer = this.scheduler.setTimeout(() => {
              this.timer = 0;
              if (epoch === this.epoch && !this.stopped) request(options, first, fullFallback);
            }, retryAfterMs);
            return;
          }
          if (!first && !fullFallback && options.continue !== undefined && isResourceExpired(err)) {
            // the pager: a continuation expired ⇒ one full, unpaged list at the requested RV
            items.length = 0;
            request({ resourceVersion: rv }, false, true);
            return;
          }
          if (!retriedUnavailable && (isResourceExpired(err) || isTooLargeRV(err))) {
            this.rvUnavailable = true;
            this.startList(epoch, { limit, firstRV });
            return;
          }
          this.endListAndWatch(new Error(`failed to list ${this.name}: ${err.message}`, { cause: err }));
          return;
        }
        if (first || fullFallback) listRV = list.metadata.resourceVersion;
        const page = list.items;
        for (let i = 0; i < page.length; i++) items.push(page[i]);
        const token = list.metadata.continue;
        if (token !== undefined && token !== "" && !fullFallback) {
          paginated = true;
          request({ resourceVersion: "", continue: token, limit }, false, false);
          return;
        }
        this.onListed(epoch, firstRV, paginated, items, listRV);
      });
    };
    const options: ListOptions = { resourceVersion: rv };
    if (limit > 0) options.limit = limit;
    request(options, true, false);
  }

  private onListed(epoch: number, requestRV: string, paginated: boolean, items: unknown[], listRV: string): void {
    if (requestRV === "0" && paginated) this.paginatedResult = true;
    this.rvUnavailable = false;
    this.trace?.({ component: "reflector", kind: "reflector.list.done", name: this.name,
      resourceVersion: listRV, items: items.length });
    try {
      this.store.replace(items, listRV);
    } catch (error) {
      // reflector.go list(): syncWith failed ⇒ ListAndWatch returns the error (handler, backoff, relist)
      this.endListAndWatch(new Error(`unable to sync list result: ${messageOf(error)}`, { cause: error }));
      return;
    }
    this.setLastSyncRV(listRV);
    this.startResync(epoch);
    this.startWatch(epoch);
  }

  // ─────────────────────────────── watch ───────────────────────────────

  private watchTimeoutSeconds(): number {
    const min = this.minWatchTimeoutS;
    return Math.floor(min + this.scheduler.random() * (this.maxWatchTimeoutS - min));
  }

  private startWatch(epoch: number): void {
    if (epoch !== this.epoch || this.stopped) return;
    const rv = this.lastSyncRV;
    const timeoutSeconds = this.watchTimeoutSeconds();
    this.setState("watching");
    this.trace?.({ component: "reflector", kind: "reflector.watch.start", name: this.name,
      resourceVersion: rv, timeoutSeconds });
    const sink = new ReflectorWatchSink(this, epoch, rv === "" || rv === "0", false);
    this.openWatch(sink, { resourceVersion: rv, timeoutSeconds, allowWatchBookmarks: true });
  }

  private startWatchList(epoch: number): void {
    if (epoch !== this.epoch || this.stopped) return;
    const rv = this.rvUnavailable ? "" : this.lastSyncRV;
    const timeoutSeconds = this.watchTimeoutSeconds();
    this.setState("listing");
    this.trace?.({ component: "reflector", kind: "reflector.list.start", name: this.name,
      resourceVersion: rv, resourceVersionMatch: "NotOlderThan", streaming: true });
    this.trace?.({ component: "reflector", kind: "reflector.watch.start", name: this.name,
      resourceVersion: rv, timeoutSeconds, sendInitialEvents: true });
    const sink = new ReflectorWatchSink(this, epoch, true, true);
    this.openWatch(sink, {
      resourceVersion: rv, resourceVersionMatch: "NotOlderThan", sendInitialEvents: true,
      allowWatchBookmarks: true, timeoutSeconds,
    });
  }

  private openWatch(sink: ReflectorWatchSink, options: WatchOptions): void {
    this.sink = sink;
    const w = this.lw.watch(options, sink);
    // A failure to start may have been reported synchronously: then the sink is no longer current.
    if (this.sink === sink) this.watch = w;
  }

  private closeWatch(): void {
    const w = this.watch;
    this.sink = undefined;
    this.watch = undefined;
    if (w !== undefined) w.stop();
  }

  /** @internal called by the watch sink. */
  onWatchEvent(sink: ReflectorWatchSink, event: WatchEvent<unknown>): void {
    if (sink !== this.sink) return;
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
    this.trace?.({ component: "reflector", kind: "reflector.watch.event", name: this.name, type,
      ...(type !== "BOOKMARK" ? { key: traceKey(obj) } : {}), resourceVersion: rv });
    if (sink.temp !== undefined) {
      this.onInitialEvent(sink, sink.temp, type, obj, rv);
      return;
    }
    try {
      switch (type) {
        case "ADDED": this.store.add(obj); break;
        case "MODIFIED": this.store.update(obj); break;
        case "DELETED": this.store.delete(obj); break;
        case "BOOKMARK": if (this.store.bookmark !== undefined) this.store.bookmark(rv); break;
      }
    } catch {
      // store errors are logged, not fatal
    }
    if (type !== "ADDED") sink.seenNonAdded = true;
    else if (sink.syntheticStart && !sink.seenNonAdded) return;
    this.setLastSyncRV(rv);
    if (this.store.updateResourceVersion !== undefined) this.store.updateResourceVersion(rv);
  }

  /** Watch-list initial phase: events go to the temporary store until the end bookmark. */
  private onInitialEvent(sink: ReflectorWatchSink, temp: Map<string, unknown>, type: string, obj: ObjectLike,
                         rv: string): void {
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
    this.rvUnavailable = false;
    const items = Array.from(temp.values());
    this.trace?.({ component: "reflector", kind: "reflector.list.done", name: this.name,
      resourceVersion: rv, items: items.length });
    try {
      this.store.replace(items, rv);
    } catch {
      // reflector.go watchList(): "unable to sync watch-list result" ⇒ ListAndWatch falls back to a
      // plain list (whose own Replace then decides)
      this.closeWatch();
      this.startList(sink.epoch);
      return;
    }
    this.setLastSyncRV(rv);
    this.setState("watching");
    this.startResync(sink.epoch);
  }

  /** An ERROR event: the server ends the stream with it. */
  private onStreamError(sink: ReflectorWatchSink, error: ApiError): void {
    const epoch = sink.epoch;
    this.closeWatch();
    const expired = isResourceExpired(error);
    this.trace?.({ component: "reflector", kind: "reflector.watch.end", name: this.name,
      reason: expired ? "expired" : "error", code: error.code, message: error.message });
    if (sink.temp !== undefined) {
      this.onWatchListFailure(epoch, error);
      return;
    }
    if (expired) {
      this.endListAndWatch(undefined);
    } else if (isTooManyRequests(error)) {
      this.waitBackoff(retryAfterOf(error), () => this.startWatch(epoch));
    } else if (error.code === 500 && this.canRetryInternalError()) {
      this.startWatch(epoch);
    } else {
      this.endListAndWatch(undefined);
    }
  }

  /** @internal called by the watch sink. */
  onWatchClose(sink: ReflectorWatchSink, error?: ApiError): void {
    if (sink !== this.sink) return;
    const epoch = sink.epoch;
    this.sink = undefined;
    this.watch = undefined;
    if (error !== undefined) {
      // the watch request itself failed
      this.trace?.({ component: "reflector", kind: "reflector.watch.end", name: this.name,
        reason: "error", code: error.code, message: error.message });
      if (sink.temp !== undefined) {
        this.onWatchListFailure(epoch, error);
      } else if (isRetriableWatchError(error)) {
        this.waitBackoff(retryAfterOf(error), () => this.startWatch(epoch));
      } else {
        this.endListAndWatch(error);
      }
      return;
    }
    const veryShort = sink.events === 0 && this.scheduler.now() - sink.startedAt < 1000;
    this.trace?.({ component: "reflector", kind: "reflector.watch.end", name: this.name,
      reason: veryShort ? "tooShort" : "closed",
      ...(veryShort ? { message: "very short watch: unexpected watch close - watch lasted less than a second and no items received" } : {}) });
    if (sink.temp !== undefined) {
      // watch-list stream ended before the end bookmark
      if (veryShort) this.startList(epoch);
      else this.startWatchList(epoch);
      return;
    }
    if (veryShort) this.endListAndWatch(undefined);
    else this.startWatch(epoch);
  }

  /** A watch-list stream failed to start or streamed an ERROR before its end bookmark. */
  private onWatchListFailure(epoch: number, error: ApiError): void {
    if (isRetriableWatchError(error)) {
      this.waitBackoff(retryAfterOf(error), () => this.startWatchList(epoch));
    } else if (isResourceExpired(error) || isTooLargeRV(error)) {
      this.rvUnavailable = true;
      this.startWatchList(epoch);
    } else {
      this.startList(epoch); // fall back to a plain list in the same ListAndWatch
    }
  }

  private canRetryInternalError(): boolean {
    if (this.maxInternalErrorRetryMs <= 0) return false;
    const now = this.scheduler.now();
    if (this.internalErrorLast < 0 || now - this.internalErrorLast >= 60_000) this.internalErrorFirst = now;
    this.internalErrorLast = now;
    if (now - this.internalErrorFirst <= this.maxInternalErrorRetryMs) return true;
    this.internalErrorFirst = -1;
    this.internalErrorLast = -1;
    return false;
  }

  // ─────────────────────────────── resync ───────────────────────────────

  private startResync(epoch: number): void {
    if (this.resyncTimer !== 0) this.scheduler.clearTimeout(this.resyncTimer);
    this.resyncTimer = 0;
    const period = this.resyncPeriodMs;
    if (!(period > 0)) return;
    this.resyncTimer = this.scheduler.setTimeout(() => this.onResyncTimer(epoch), period);
  }

  private onResyncTimer(epoch: number): void {
    this.resyncTimer = 0;
    if (epoch !== this.epoch || this.stopped) return;
    if (this.shouldResync === undefined || this.shouldResync()) {
      this.trace?.({ component: "reflector", kind: "reflector.resync", name: this.name });
      try {
        this.store.resync();
      } catch {
        this.endListAndWatch(undefined);
        return;
      }
    }
    this.startResync(epoch);
  }

  // ─────────────────────────────── helpers ───────────────────────────────

  private clearTimers(): void {
    if (this.timer !== 0) this.scheduler.clearTimeout(this.timer);
    if (this.resyncTimer !== 0) this.scheduler.clearTimeout(this.resyncTimer);
    this.timer = 0;
    this.resyncTimer = 0;
  }

  private setLastSyncRV(rv: string): void {
    if (rv === this.lastSyncRV) return;
    this.lastSyncRV = rv;
    this.trace?.({ component: "reflector", kind: "reflector.rv", name: this.name, resourceVersion: rv });
  }

  private setState(state: ReflectorState): void {
    if (state === this.state) return;
    this.state = state;
    this.trace?.({ component: "reflector", kind: "reflector.state", name: this.name, state });
  }

  private traceError(kind: "reflector.list.error", error: ApiError): void {
    this.trace?.({ component: "reflector", kind, name: this.name, code: error.code,
      reason: error.reason, message: error.message });
  }
}

// ─────────────────────────────── error classification ───────────────────────────────

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function traceKey(obj: ObjectLike): string {
  const meta = obj.metadata;
  if (meta === undefined) return "";
  const name = typeof meta.name === "string" ? meta.name : "";
  const ns = typeof meta.namespace === "string" ? meta.namespace : "";
  return ns.length > 0 ? ns + "/" + name : name;
}

function toApiError(object: unknown): ApiError {
  if (typeof object === "object" && object !== null && (object as { kind?: unknown }).kind === "Status") {
    return new ApiError(object as Status);
  }
  return newApiError(500, "InternalError", "unexpected ERROR watch event object");
}

/**
 * "Too large resource version" in all its shapes (client-go isTooLargeResourceVersionError): the
 * ResourceVersionTooLarge cause, or a 504 whose cause message or message says so (older servers).
 */
function isTooLargeRV(error: unknown): boolean {
  if (isTooLargeResourceVersion(error)) return true;
  if (!(error instanceof ApiError) || error.code !== 504) return false;
  return (error.status.details?.causes ?? []).some((c) => /too large resource version/i.test(c.message ?? ""));
}

/** Watch start errors that are retried with backoff, without a relist: connection refused and 429. */
function isRetriableWatchError(error: ApiError): boolean {
  return isConnectionRefused(error) || isTooManyRequests(error);
}

/** Retry-After of a 429/5xx Status, in ms (0 if none). */
function retryAfterOf(error: ApiError): number {
  const s = retryAfterSeconds(error);
  return typeof s === "number" && s > 0 ? s * 1000 : 0;
}
