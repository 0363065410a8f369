/**
 * SharedIndexInformerOptions — how a shared informer is configured (client-go tools/cache
 * `NewSharedIndexInformerWithOptions`, `SharedIndexInformerOptions`, plus the queue and reflector
 * settings client-go takes from feature gates and the simulator's own knobs; spec §7).
 *
 * Contract: only `scheduler` is required; each field states its default. The informer
 * (shared-informer.ts) reads the options once, when it is built.
 */
import type { Scheduler } from "../sim/scheduler.js";
import type { SourceLocator, Tracer } from "../sim/trace.js";
import type { BackoffOptions } from "./backoff.js";
import type { FifoMode, Indexers } from "./types.js";

export interface SharedIndexInformerOptions {
  scheduler: Scheduler;
  resyncPeriodMs?: number;
  indexers?: Indexers;
  /** Default "delta". "realAtomic": RealFIFO in atomic mode (relists/resyncs/bookmarks as single entries, §5.3). */
  fifo?: FifoMode;
  /**
   * With fifo "real" or "realAtomic": pop up to 1000 entries with distinct keys at once and apply their
   * cache writes as one transaction (client-go ≥ 1.35, InOrderInformersBatchProcess). Default false.
   */
  batchProcess?: boolean;
  /** Streaming initial list (sendInitialEvents). Default false. */
  watchList?: boolean;
  backoff?: BackoffOptions;
  tracer?: Tracer;
  /** The `name` of this informer's trace events (the resource plural, e.g. "pods"). */
  name?: string;
  /** ObjectDescription: passed to the reflector as its TypeDescription (e.g. "*v1.Pod"). */
  objectDescription?: string;
  /** Watch objects whose `kind` is set and differs are skipped (e.g. "Pod"). */
  expectedKind?: string;
  /** The reflector's fixed list page size (WatchListPageSize); 0 = default rules. */
  pageSize?: number;
  /** Maps an error thrown by a handler to the learner's source line (traced as handler.threw.line). */
  errorLine?: (error: unknown) => number | undefined;
  /** Places learner handler functions in the learner's source (handler.called.src), when the runner can. */
  sourceLocator?: SourceLocator;
  /**
   * Live mode (not a client-go option): pop at most this many FIFO entries, and let each listener handle
   * at most this many notifications, per scheduled task, then go on in a new 0-delay task, so a
   * wall-clock driver can yield to the page between slices (client-go's processLoop and listener
   * goroutines are preempted by the Go scheduler instead). Default unlimited: simulated runs unchanged.
   */
  maxPerTask?: number;
  /**
   * Live mode (not a client-go option): a handler that returns a Promise (the page's bridge to learner
   * code running in a worker) is still running until it settles, so its listener delivers the next
   * notification only then and a slow handler's backlog waits in the listener's buffer — where client-go
   * has it, its listener goroutine being blocked in the synchronous handler call. A rejection is a throw.
   * Default false: a handler's Promise is not waited for (simulated runs unchanged).
   */
  awaitHandlerPromises?: boolean;
}
