/**
 * The fault switches of the simulated kube-apiserver (spec/apiserver.md §5; the contract's dropWatches,
 * compact, partition and heal, and beyond it restart, throttle, setLatency, setSlowConsumerLimit,
 * watchError and stallWatches). ApiServer (api-server.ts) inherits them; this base class holds only the
 * parts they act on.
 *
 * Contract:
 * - Every switch emits `fault.injected` (with a detail where it has one) when tracing.
 * - Network faults (partition, restart downtime, throttling, latency) hit only ListerWatcher traffic;
 *   direct calls are the cluster itself — except that the learner's clientset delays its answers by
 *   `replyLatency()` (src/scenario/clientset.ts). compact() and restart() act on the storage and the watch
 *   cache; a watch from an RV they forgot gets ERROR 410.
 */
import { watchConnectionLost } from "../apimachinery/errors.js";
import type { Scheduler } from "../sim/scheduler.js";
import type { FaultKind, TraceFn } from "../sim/trace.js";
import type { NetworkFaults, PartitionMode } from "./faults.js";
import { freezeCopy } from "./frozen.js";
import type { Storage } from "./resource-store.js";
import type { Cacher } from "./watch.js";

export abstract class FaultSwitches {
  constructor(
    readonly scheduler: Scheduler,
    protected readonly trace: TraceFn | undefined,
    protected readonly storage: Storage,
    protected readonly cacher: Cacher,
    protected readonly faults: NetworkFaults,
  ) {}

  /** Every open watch ends as if the connection dropped (no error). */
  dropWatches(): void {
    this.fault("dropWatches");
    this.cacher.abort(() => true, "dropped");
  }

  /** Forgets all history: watches, Exact lists and continue tokens at older RVs get 410. */
  compact(): void {
    this.fault("compact");
    this.storage.compact();
    this.cacher.reset(this.storage.rev);
    this.trace?.({ component: "server", kind: "server.compacted", resourceVersion: this.storage.current() });
  }

  /**
   * Network partition between the server and ListerWatcher clients, until heal(), in one of two kinds:
   * - "refused" (default; the server is unreachable and says so): requests fail at once with connection
   *   refused, open watches drop — a Reflector re-watches after backoff without relisting;
   * - "timeout" (packets go nowhere, the usual real partition): requests and watch streams hang. If the
   *   network heals before the client's HTTP/2 health check gives up (faults.ts) everything is
   *   delivered late; otherwise, 45 s after the client last read anything, an open watch ends with
   *   ERROR 500 "unable to decode an event from the watch stream: http2: client connection lost" (ListAndWatch
   *   returns without an error: no handler; backoff, relist), a request waiting on the connection fails
   *   with "http2: client connection lost", and a later one fails 30 s after it was sent with
   *   "dial tcp …: i/o timeout" (a failed list or watch start: ListAndWatch fails, the watch error
   *   handler fires, backoff, relist) — faults.ts.
   */
  partition(mode: PartitionMode = "refused"): void {
    this.fault("partition", mode === "timeout" ? "timeout" : undefined);
    this.faults.partition(mode);
    if (mode === "timeout") {
      const lostInMs = Math.max(0, this.faults.connectionLostAt - this.scheduler.now());
      this.cacher.hold((w) => w.viaListerWatcher, lostInMs, freezeCopy(watchConnectionLost()));
    }
    else this.cacher.abort((w) => w.viaListerWatcher, "partition");
  }

  heal(): void {
    this.fault("heal");
    this.cacher.release();
    this.faults.heal();
  }

  /**
   * API server restart (spec F6, beyond the contract): every watch drops, the watch cache restarts with
   * an empty history at the current revision (a watch from an older RV gets ERROR 410, so every informer
   * relists), and for `downtimeMs` ListerWatcher requests get connection refused. The store (etcd) keeps
   * its data and MVCC history.
   */
  restart(options?: { downtimeMs?: number }): void {
    const downtime = Math.max(0, options?.downtimeMs ?? 0);
    this.fault("restart", downtime > 0 ? `downtime ${downtime} ms` : undefined);
    this.cacher.abort(() => true, "restart");
    this.cacher.reset(this.storage.rev);
    this.faults.downUntil = downtime > 0 ? this.scheduler.now() + downtime : -1;
    this.trace?.({ component: "server", kind: "server.restarted", resourceVersion: this.storage.current() });
  }

  /**
   * API Priority and Fairness throttling (spec F12, beyond the contract): each list or watch request
   * through a ListerWatcher fails with 429 TooManyRequests (Retry-After: `retryAfterSeconds`) with
   * probability `fraction`, decided by the scheduler's PRNG. `throttle(0)` turns it off.
   */
  throttle(fraction: number, retryAfterSeconds = 1): void {
    this.faults.throttleFraction = Math.min(1, Math.max(0, fraction));
    this.faults.throttleRetryAfter = retryAfterSeconds;
    this.fault("throttle", `${this.faults.throttleFraction} retry-after ${retryAfterSeconds}s`);
  }

  /**
   * Delivery latency (spec F5, beyond the contract): list replies and watch events for `client` (or, without
   * a client, the default for everyone) arrive `ms` (+ uniform jitter in [0, jitterMs)) later in virtual
   * time. Order within a watch is kept: an event never overtakes an earlier one.
   */
  setLatency(ms: number, options?: { client?: string; jitterMs?: number }): void {
    const spec = this.faults.setLatency(ms, options?.client, options?.jitterMs ?? 0);
    this.fault("latency", `${options?.client ?? "*"} ${spec.ms} ms${spec.jitterMs > 0 ? ` ±${spec.jitterMs}` : ""}`);
  }

  /**
   * How long the reply to a request of `client` (undefined: the default client) takes to reach it, drawn
   * as for list replies and watch events (the same network): the clientset delays its answers by it.
   */
  replyLatency(client?: string): number {
    return this.faults.latencyFor(client);
  }

  /** Slow-consumer close (spec W7, beyond the contract): a watch with more undelivered events is closed. */
  setSlowConsumerLimit(limit: number | undefined): void {
    this.faults.slowLimit = limit;
    this.fault("slowConsumer", limit === undefined ? "off" : `limit ${limit}`);
  }

  /**
   * ERROR mid-stream (spec F14, beyond the contract): every open watch receives one ERROR event carrying a
   * Status with `code` (default 500 InternalError), then the stream closes. A client should re-watch from
   * its last RV (500) rather than relist.
   */
  watchError(code = 500): void {
    this.fault("watchError", String(code));
    this.cacher.fail(code);
  }

  /**
   * Half-open connections (spec F2, beyond the contract): every open watch goes silent forever — no events,
   * no bookmarks, no timeout close. Only a client-side timer (or stop()) gets a client out of it.
   */
  stallWatches(): void {
    this.fault("stall");
    this.cacher.stall();
  }

  protected fault(fault: Exclude<FaultKind, "slowHandler">, detail?: string): void {
    this.trace?.({ component: "fault", kind: "fault.injected", fault, ...(detail !== undefined ? { detail } : {}) });
  }}
