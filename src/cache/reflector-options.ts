/**
 * ReflectorOptions — how a Reflector is configured (client-go tools/cache `NewReflectorWithOptions`,
 * `ReflectorOptions`, plus the informer's settings it passes down; spec client-go.md §3).
 *
 * Contract: every field is optional except the scheduler; the defaults are stated per field. Reading
 * the options has no effect: the Reflector (reflector.ts) acts on them when it runs.
 */
import type { Scheduler } from "../sim/scheduler.js";
import type { Tracer } from "../sim/trace.js";
import type { BackoffOptions } from "./backoff.js";
import type { KeyFunc } from "./types.js";

export interface ReflectorOptions {
  scheduler: Scheduler;
  /** Name in traces (the resource plural, e.g. "pods"). Default "reflector". */
  name?: string;
  /** TypeDescription: the object type its errors name ("failed to list *v1.Pod: …"). Default "<unspecified>". */
  typeDescription?: string;
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
  /** Live mode: a list's replace queues at most this many items per scheduler task (replace-in-tasks.ts). Default: all in one. */
  replacePerTask?: number;
  tracer?: Tracer;
}
