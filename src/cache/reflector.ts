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
 *   retried once, immediately). Paging (list-pager.ts): limit 500 and continue tokens; an RV other than
 *   `""`/`"0"` lists unpaged unless a page size is set or the initial list was paginated. The immediate
 *   retry at RV `""` keeps the first request's page size (one unpaged list after a relist at the last
 *   RV). Success ⇒ `store.replace(items, listRV)`, last RV = list RV, resync timer armed, watch started.
 *   A replace that throws (e.g. a transform failing on a listed object) ends the ListAndWatch with
 *   "unable to sync list result: …" (handler, backoff, relist); the last RV is not updated. With
 *   `replacePerTask` (live mode) the replace runs in tasks of that many items, the watch after the last.
 * - Watch, and watch-list mode (`watchList: true`: a streaming list first, list as fallback): the watch
 *   half in reflector-watch.ts — events into the store, the last-RV rules, how each kind of stream end
 *   continues (re-watch, backoff, relist).
 * - Resync: after each successful (re)list, every `resyncPeriodMs` (> 0) calls `store.resync()` when
 *   `shouldResync()` (if given) says so; a throwing resync ends the ListAndWatch.
 * - Every step is traced (component "reflector"); no tracing work happens without a tracer.
 */
import { isResourceExpired, type ApiError } from "../apimachinery/errors.js";
import type { ListerWatcher } from "./listwatch.js";
import type { Scheduler } from "../sim/scheduler.js";
import { traceTo, type ReflectorState, type TraceFn } from "../sim/trace.js";
import { Backoff } from "./backoff.js";
import { metaNamespaceKeyFunc } from "./keys.js";
import { listPages, type ListPagerOptions } from "./list-pager.js";
import { isTooLargeRV, messageOf, UNSPECIFIED_TYPE } from "./reflector-errors.js";
import { ReflectorWatch, type WatchHost } from "./reflector-watch.js";
import type { ReflectorOptions } from "./reflector-options.js";
import { replaceInTasks } from "./replace-in-tasks.js";
import type { ReflectorStore } from "./types.js";

export type { ReflectorOptions } from "./reflector-options.js";

/** Default page size of the pager. */
export const DEFAULT_PAGE_SIZE = 500;

export class Reflector {
  readonly scheduler: Scheduler;
  readonly name: string;
  /** What its errors call the object type (client-go's typeDescription, e.g. "*v1.Pod"). */
  readonly typeDescription: string;
  private readonly trace: TraceFn | undefined;
  private readonly backoff: Backoff;
  private readonly watchList: boolean;
  private readonly pageSize: number;
  private readonly shouldResync: (() => boolean) | undefined;
  private readonly replacePerTask: number | undefined;
  resyncPeriodMs: number;
  private watchErrorHandler: ((error: Error) => void) | undefined;
  /** The watch half (watch, watch-list, stream ends). */
  private readonly watcher: ReflectorWatch;

  private lastSyncRV = "";
  private rvUnavailable = false;
  private paginatedResult = false;
  private running = false;
  private stopped = false;
  private state: ReflectorState | undefined;
  /** Bumped at each ListAndWatch start and at stop: stale callbacks compare it. */
  private epoch = 0;
  private timer = 0;
  private resyncTimer = 0;

  constructor(
    private readonly lw: ListerWatcher<unknown>,
    private readonly store: ReflectorStore,
    options: ReflectorOptions,
  ) {
    this.scheduler = options.scheduler;
    this.name = options.name ?? "reflector";
    this.typeDescription = options.typeDescription ?? UNSPECIFIED_TYPE;
    this.trace = traceTo(options.tracer);
    this.backoff = new Backoff(options.scheduler, options.backoff);
    this.watchList = options.watchList ?? false;
    this.pageSize = options.pageSize ?? 0;
    this.shouldResync = options.shouldResync;
    this.replacePerTask = options.replacePerTask;
    this.resyncPeriodMs = options.resyncPeriodMs ?? 0;
    this.watchErrorHandler = options.watchErrorHandler;
    const host: WatchHost = {
      scheduler: this.scheduler, name: this.name, trace: this.trace, lw, store,
      isCurrent: (epoch) => epoch === this.epoch && !this.stopped,
      lastSyncRV: () => this.lastSyncRV,
      rvUnavailable: () => this.rvUnavailable,
      setRvUnavailable: (unavailable) => { this.rvUnavailable = unavailable; },
      setState: (state) => this.setState(state),
      setLastSyncRV: (rv) => this.setLastSyncRV(rv),
      endListAndWatch: (error) => this.endListAndWatch(error),
      waitBackoff: (minDelayMs, then) => this.waitBackoff(minDelayMs, then),
      list: (epoch) => this.startList(epoch),
      startResync: (epoch) => this.startResync(epoch),
    };
    this.watcher = new ReflectorWatch(host, { ...options, keyFunc: options.keyFunc ?? metaNamespaceKeyFunc });
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
    const watching = this.watcher.isOpen();
    this.watcher.close();
    if (watching) {
      this.trace?.({ component: "reflector", kind: "reflector.watch.end", name: this.name, reason: "stopped" });
    }
    this.setState("stopped");
  }

  // ─────────────────────────────── ListAndWatch ───────────────────────────────

  private listAndWatch(): void {
    if (this.stopped) return;
    const epoch = ++this.epoch;
    if (this.watchList) this.watcher.startList(epoch);
    else this.startList(epoch);
  }

  /** Ends the current ListAndWatch: handler (if error), then one backoff step, then a new one. */
  private endListAndWatch(error: Error | undefined): void {
    if (this.stopped) return;
    this.epoch++;
    this.clearTimers();
    this.watcher.close();
    if (error !== undefined && this.watchErrorHandler !== undefined) {
      this.trace?.({ component: "reflector", kind: "reflector.watchErrorHandler", name: this.name, message: error.message });
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
    const current = (): boolean => epoch === this.epoch && !this.stopped;
    const pager: ListPagerOptions = {
      lw: this.lw, name: this.name, type: this.typeDescription, trace: this.trace, current,
      after: (delayMs, then) => {
        this.timer = this.scheduler.setTimeout(() => {
          this.timer = 0;
          if (current()) then();
        }, delayMs);
      },
    };
    listPages(pager, rv, limit,
      (items, listRV, paginated) => this.onListed(epoch, firstRV, paginated, items, listRV),
      (err: ApiError) => {
        if (!retriedUnavailable && (isResourceExpired(err) || isTooLargeRV(err))) {
          this.rvUnavailable = true;
          this.startList(epoch, { limit, firstRV });
          return;
        }
        this.endListAndWatch(new Error(`failed to list ${this.typeDescription}: ${err.message}`, { cause: err }));
      });
  }

  private onListed(epoch: number, requestRV: string, paginated: boolean, items: unknown[], listRV: string): void {
    if (requestRV === "0" && paginated) this.paginatedResult = true;
    this.rvUnavailable = false;
    this.trace?.({ component: "reflector", kind: "reflector.list.done", name: this.name,
      resourceVersion: listRV, items: items.length });
    replaceInTasks(this.store, items, listRV, this.replacePerTask, this.scheduler, (error) => {
      if (epoch !== this.epoch || this.stopped) return;   // stopped while a replace in steps ran
      // reflector.go list(): syncWith failed ⇒ ListAndWatch returns the error (handler, backoff, relist)
      if (error !== undefined) return this.endListAndWatch(new Error(`unable to sync list result: ${messageOf(error)}`, { cause: error }));
      this.setLastSyncRV(listRV);
      this.startResync(epoch);
      this.watcher.start(epoch);
    });
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
    const trace = this.trace;
    if (trace === undefined) {
      this.lastSyncRV = rv;   // per watch event: no string compare when nothing is traced
      return;
    }
    if (rv === this.lastSyncRV) return;
    this.lastSyncRV = rv;
    trace({ component: "reflector", kind: "reflector.rv", name: this.name, resourceVersion: rv });
  }

  private setState(state: ReflectorState): void {
    if (state === this.state) return;
    this.state = state;
    this.trace?.({ component: "reflector", kind: "reflector.state", name: this.name, state });
  }
}
