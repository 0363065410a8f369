/**
 * The options of the simulated kube-apiserver (API.md "Simulated API server"; the real server's flags
 * they stand for are named where there is one). Every option has a default; none is required.
 */
import type { Tracer } from "../sim/trace.js";
import type { ResourceVersionFormat } from "./resource-version.js";

export interface ApiServerOptions {
  /** A fixed window: the events (per resource) a watch can resume from; older ⇒ 410 (default 100). */
  watchCacheCapacity?: number;
  /** Period of BOOKMARK events on watches that allow them (default 60_000 ms of virtual time). */
  bookmarkIntervalMs?: number;
  /** Virtual delay before a list reply or watch event reaches a client (default 0). */
  latencyMs?: number;
  /** Built-in kubelet: a bound pod deleted with grace is removed when grace ends (default true). */
  kubelet?: boolean;
  /**
   * Built-in namespace controller: a terminating namespace is emptied and then removed (default true;
   * namespace-lifecycle.ts). Off, a deleted namespace stays Terminating, as on a bare kube-apiserver.
   */
  namespaceController?: boolean;
  tracer?: Tracer;
  // ── beyond the contract ──
  /** "decimal" (default) or "opaque" RV strings (spec R1). */
  resourceVersionFormat?: ResourceVersionFormat;
  /** RV of the empty server: the first write gets this + 1. Use e.g. "9007199254740993" (> 2^53, spec F11). */
  initialResourceVersion?: string | number | bigint;
  /**
   * Close a watch whose undelivered backlog exceeds this many events (spec W7). Default: off, because a
   * scenario's synchronous burst of writes is not a slow client; 100 (the spec's K) is a sensible value.
   */
  slowConsumerLimit?: number;
  /** Watches without timeoutSeconds end at a random time in [T, 2T) (default T = 1800 s, spec W6). */
  minRequestTimeoutSeconds?: number;
  /** Kinds allow an update without metadata.resourceVersion (default true, like every built-in kind). */
  allowUnconditionalUpdate?: boolean;
  /**
   * Send periodic and pre-timeout BOOKMARKs to watches that allow them (default true). false reproduces
   * spec F13: selective watchers' RVs go stale and hit 410 after a reconnect. The initial-events-end
   * bookmark of a streaming list is always sent (the protocol needs it).
   */
  bookmarks?: boolean;
  /** Virtual epoch of creationTimestamp/deletionTimestamp (default "2025-01-01T00:00:00Z"). */
  epoch?: string;
}
