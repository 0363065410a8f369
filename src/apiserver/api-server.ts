/**
 * ApiServer — the simulated kube-apiserver, API.md "Simulated API server", behaviour from
 * spec/apiserver.md §3. This file is the façade: the options, the seven verbs, the fault switches and
 * the wiring of the rooms, each named after the part of the real apiserver it simulates:
 *
 *   resource-store.ts  the etcd3 store: one global revision, MVCC per resource, compaction
 *   registry.ts        the generic registry: create / update / updateStatus / delete rules
 *   graceful-delete.ts pods' two-phase delete and the built-in kubelet
 *   object-meta.ts     what the server stamps on metadata (uid, timestamps, generateName, name rules)
 *   list.ts            list semantics (RV, Exact snapshots, limit and continue, selectors)
 *   watch.ts           the cacher: watch windows, initial events, bookmarks, timeouts (W1–W7)
 *   cache-watcher.ts   one open watch: selector transitions, delivery queue, close
 *   faults.ts          the network: partition, downtime, throttling, latency, slow-consumer limit
 *   request-trace.ts   server.request / server.response for every verb
 *   lister-watcher.ts  the client's connection (ListerWatcher traffic)
 *   status.ts          the Status errors
 *
 * Contract:
 * - Direct calls (create/update/updateStatus/delete/get/list/watch) are the cluster itself: they take
 *   effect at once and throw ApiError synchronously (400 bad selector or RV, 404, 409, 410, 422, 504 "too
 *   large resource version" without the real 3 s wait). A rejected request changes nothing.
 * - Through `listerWatcher()` the same requests are network traffic: replies arrive from scheduled tasks
 *   after the client's latency, and faults apply (partition, restart downtime, throttling).
 * - Nothing reaches a watcher synchronously inside a write (cache-watcher.ts).
 * - Isolation: every object the server stores or returns is deep-frozen and shared (frozen.ts says why).
 * - Faults: the contract's dropWatches/compact/partition/heal, and beyond it restart (with optional
 *   downtime), throttle (429 + Retry-After), setLatency (per client, with jitter), setSlowConsumerLimit,
 *   watchError (ERROR 500 mid-stream) and stallWatches (half-open). Network faults hit only
 *   ListerWatcher traffic; each fault emits `fault.injected`.
 * - Simplifications (documented, deliberate): no admission (a namespace need not exist), no garbage
 *   collector or namespace controller, PATCH without field ownership (apply-lite: patch.ts), status is kept as given on create,
 *   list "0" is never stale, no automatic compaction (memory grows with writes until compact()).
 * - Trace (only when a tracer is given; no work otherwise): server.request/response per request,
 *   server.write per commit, server.watch.opened/event/closed, server.compacted, server.restarted,
 *   fault.injected.
 */
import { CLIENT_CONNECTION_TIMEOUT_MS, watchConnectionLost, type Status } from "../apimachinery/errors.js";
import type { KubeList, ListOptions, WatchOptions } from "../apimachinery/meta.js";
import type { ListerWatcher, Watch, WatchSink } from "../cache/listwatch.js";
import type { Scheduler } from "../sim/scheduler.js";
import { traceTo, type FaultKind, type RequestOrigin, type TraceFn, type Tracer } from "../sim/trace.js";
import type { KubeObject } from "../types.js";
import { NetworkFaults, type PartitionMode } from "./faults.js";
import { freezeCopy } from "./frozen.js";
import { GracefulDelete } from "./graceful-delete.js";
import { list } from "./list.js";
import { ServerListerWatcher, type ListerWatcherOptions, type ServerEndpoint } from "./lister-watcher.js";
import { DEFAULT_EPOCH, MetaMinter } from "./object-meta.js";
import { Registry, type Binding, type DeleteOptions } from "./registry.js";
import { getScale, patchObject, updateScale, type PatchOptions, type Scale } from "./patch.js";
import type { PatchType } from "../apimachinery/patch.js";
import { RequestTrace } from "./request-trace.js";
import { Storage } from "./resource-store.js";
import { RESOURCES } from "./resources.js";
import { ResourceVersionCodec, type ResourceVersionFormat } from "./resource-version.js";
import { Cacher } from "./watch.js";

export type { Binding, DeleteOptions } from "./registry.js";
export type { PartitionMode } from "./faults.js";
export type { PatchOptions, Scale } from "./patch.js";

/** The body of a successful binding (Status Success, 201), as the real server answers. */
const BIND_SUCCESS: Status = Object.freeze({ kind: "Status", apiVersion: "v1", status: "Success", message: "", reason: "", code: 201 }) as Status;

/** Options every write takes: `dryRun` is the real `dryRun=All` (checked, answered, nothing stored). */
export interface WriteOptions { dryRun?: boolean }
export type { ListerWatcherOptions } from "./lister-watcher.js";

export interface ApiServerOptions {
  /** A fixed window: the events (per resource) a watch can resume from; older ⇒ 410 (default 100). */
  watchCacheCapacity?: number;
  /** Period of BOOKMARK events on watches that allow them (default 60_000 ms of virtual time). */
  bookmarkIntervalMs?: number;
  /** Virtual delay before a list reply or watch event reaches a client (default 0). */
  latencyMs?: number;
  /** Built-in kubelet: a bound pod deleted with grace is removed when grace ends (default true). */
  kubelet?: boolean;
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

export class ApiServer {
  readonly scheduler: Scheduler;
  private readonly trace: TraceFn | undefined;
  private readonly storage: Storage;
  private readonly cacher: Cacher;
  private readonly registry: Registry;
  private readonly requests: RequestTrace;
  private readonly faults: NetworkFaults;
  /** The narrow surface ListerWatchers see. */
  private readonly endpoint: ServerEndpoint;

  constructor(scheduler: Scheduler, options: ApiServerOptions = {}) {
    this.scheduler = scheduler;
    const trace = traceTo(options.tracer);
    this.trace = trace;
    const codec = new ResourceVersionCodec(options.resourceVersionFormat ?? "decimal", options.initialResourceVersion ?? 0);
    const faults = new NetworkFaults(scheduler, options.latencyMs ?? 0, options.slowConsumerLimit);
    this.faults = faults;
    this.storage = new Storage(Object.values(RESOURCES), codec, trace, (resource, event) => this.cacher.committed(resource, event));
    this.cacher = new Cacher(this.storage, {
      scheduler, trace,
      capacity: Math.max(0, Math.floor(options.watchCacheCapacity ?? 100)),
      bookmarkIntervalMs: options.bookmarkIntervalMs ?? 60_000,
      bookmarks: options.bookmarks ?? true,
      minRequestTimeoutMs: (options.minRequestTimeoutSeconds ?? 1800) * 1000,
      latencyFor: (client) => faults.latencyFor(client),
      slowConsumerLimit: () => faults.slowLimit,
    });
    this.requests = new RequestTrace(trace);
    const minter = new MetaMinter(scheduler, options.epoch ?? DEFAULT_EPOCH);
    const graceful = new GracefulDelete(this.storage, minter, scheduler, this.requests, options.kubelet ?? true);
    this.registry = new Registry(this.storage, minter, graceful, options.allowUnconditionalUpdate ?? true);
    this.endpoint = {
      scheduler,
      list: (resource, o, client) => this.tracedList(resource, o, client, () => faults.refusal()),
      watch: (resource, o, sink, client) => this.tracedWatch(resource, o, sink, client, true, () => faults.refusal()),
      latencyFor: (client) => faults.latencyFor(client),
      hold: (send, lose) => faults.hold(send, lose),
    };
  }

  /**
   * Runs `fn` with the requests it makes attributed to `origin` in the trace (`server.request.origin`):
   * the clientset wraps learner calls ("code"), applyOp stage actions and scenario ops. Requests whose
   * client says who they are (reflectors, the kubelet) keep that origin.
   */
  withRequestOrigin<R>(origin: RequestOrigin, fn: () => R): R {
    return this.requests.withOrigin(origin, fn);
  }

  /** The server's current resourceVersion (the global revision), as clients see it. */
  currentResourceVersion(): string {
    return this.storage.current();
  }

  /** Resources this server serves (plural names). */
  resources(): string[] {
    return this.storage.resources();
  }

  /** Number of open watches (all resources), for tests and the UI. */
  openWatches(): number {
    return this.cacher.openWatches();
  }

  // ───────────────────────────── the verbs ─────────────────────────────

  create<T extends KubeObject>(resource: string, obj: T, options?: WriteOptions): T {
    return this.requests.run("create", resource, { namespace: obj?.metadata?.namespace, name: obj?.metadata?.name }, (_id, respond) => {
      const stored = this.registry.create(resource, obj, options?.dryRun === true);
      respond?.({ code: 201, resourceVersion: stored.metadata.resourceVersion });
      return stored;
    });
  }

  update<T extends KubeObject>(resource: string, obj: T, options?: WriteOptions): T {
    return this.write(resource, obj, false, options?.dryRun === true);
  }

  /** PUT …/status: only `.status` changes are kept (beyond the contract). */
  updateStatus<T extends KubeObject>(resource: string, obj: T, options?: WriteOptions): T {
    return this.write(resource, obj, true, options?.dryRun === true);
  }

  /**
   * POST /api/v1/namespaces/{ns}/pods/{name}/binding — what the scheduler does to place a pod: sets
   * spec.nodeName (an update cannot). Answers the real server's Status Success (201); a pod that is
   * bound or terminating gets 409, a missing one 404. Traced as a create of "pods/binding".
   */
  bind(binding: Binding): Status {
    const meta = binding?.metadata;
    return this.requests.run("create", "pods/binding", { namespace: meta?.namespace ?? "default", name: meta?.name }, (_id, respond) => {
      const stored = this.registry.bind(binding);
      respond?.({ code: 201, resourceVersion: stored.metadata.resourceVersion });
      return BIND_SUCCESS;
    });
  }

  /**
   * DELETE: answers the object — still present with deletionTimestamp when the delete is graceful (pods)
   * or held by finalizers, else its last state.
   */
  delete(resource: string, namespace: string | undefined, name: string, options?: DeleteOptions & WriteOptions): KubeObject {
    return this.requests.run("delete", resource, { namespace, name }, (_id, respond) => {
      const obj = this.registry.delete(resource, namespace, name, options ?? {}, options?.dryRun === true);
      respond?.({ code: 200 });
      return obj;
    });
  }

  /**
   * PATCH (beyond the contract; patch.ts): the patch is applied to the stored object and goes through the
   * update path. An apply patch of an absent object creates it (`created`, code 201).
   */
  patch<T extends KubeObject>(resource: string, namespace: string | undefined, name: string, type: PatchType, body: string,
                              options?: PatchOptions): { object: T; created: boolean } {
    return this.requests.run("patch", resource, { namespace, name }, (_id, respond) => {
      const r = patchObject(this.registry, this.storage.store(resource).info, namespace, name, type, body, options ?? {});
      respond?.({ code: r.created ? 201 : 200, resourceVersion: r.object.metadata.resourceVersion });
      return r as { object: T; created: boolean };
    });
  }

  /** GET …/scale of a deployment or replicaset (beyond the contract). */
  getScale(resource: string, namespace: string | undefined, name: string): Scale {
    return this.requests.run("get", resource, { namespace, name }, (_id, respond) => {
      const s = getScale(this.registry, this.storage.store(resource).info, namespace, name);
      respond?.({ code: 200, resourceVersion: s.metadata.resourceVersion });
      return s;
    });
  }

  /** PUT …/scale: sets spec.replicas through the update path; `resourceVersion` is a precondition. */
  updateScale(resource: string, namespace: string | undefined, name: string, replicas: number,
              options?: WriteOptions & { resourceVersion?: string }): Scale {
    return this.requests.run("update", resource, { namespace, name, objectResourceVersion: options?.resourceVersion }, (_id, respond) => {
      const s = updateScale(this.registry, this.storage.store(resource).info, namespace, name, replicas, options?.resourceVersion, options?.dryRun === true);
      respond?.({ code: 200, resourceVersion: s.metadata.resourceVersion });
      return s;
    });
  }

  get<T extends KubeObject>(resource: string, namespace: string | undefined, name: string): T {
    return this.requests.run("get", resource, { namespace, name }, (_id, respond) => {
      const obj = this.registry.get(resource, namespace, name);
      respond?.({ code: 200, resourceVersion: obj.metadata.resourceVersion });
      return obj as T;
    });
  }

  list<T extends KubeObject>(resource: string, options?: ListOptions): KubeList<T> {
    return this.tracedList(resource, options ?? {}, undefined) as KubeList<T>;
  }

  watch<T extends KubeObject>(resource: string, options: WatchOptions, sink: WatchSink<T>): Watch {
    return this.tracedWatch(resource, options ?? {}, sink as unknown as WatchSink<KubeObject>, undefined, false);
  }

  listerWatcher<T extends KubeObject>(resource: string, options?: ListerWatcherOptions): ListerWatcher<T> {
    return new ServerListerWatcher<T>(this.endpoint, resource, options ?? {});
  }

  // ───────────────────────────── faults ─────────────────────────────

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
   *   network heals within the client's timeout (45 s, client-go's HTTP/2 health check) everything is
   *   delivered late; otherwise a request fails with "http2: client connection lost" (ListAndWatch fails,
   *   the watch error handler fires, the Reflector relists) and a watch ends with ERROR 500 "unable to
   *   decode an event from the watch stream: http2: client connection lost" (backoff, relist).
   */
  partition(mode: PartitionMode = "refused"): void {
    this.fault("partition", mode === "timeout" ? "timeout" : undefined);
    this.faults.partitioned = true;
    this.faults.partitionMode = mode;
    if (mode === "timeout") this.cacher.hold((w) => w.viaListerWatcher, CLIENT_CONNECTION_TIMEOUT_MS, freezeCopy(watchConnectionLost()));
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

  // ───────────────────────────── wiring ─────────────────────────────

  private write<T extends KubeObject>(resource: string, obj: T, statusOnly: boolean, dryRun: boolean): T {
    const detail = { namespace: obj?.metadata?.namespace, name: obj?.metadata?.name, objectResourceVersion: obj?.metadata?.resourceVersion };
    return this.requests.run("update", resource, detail, (_id, respond) => {
      const stored = this.registry.update(resource, obj, statusOnly, dryRun);
      respond?.({ code: 200, resourceVersion: stored.metadata.resourceVersion });
      return stored;
    });
  }

  private tracedList(resource: string, options: ListOptions, client: string | undefined,
                     gate?: () => ReturnType<NetworkFaults["refusal"]>): KubeList<KubeObject> {
    return this.requests.run("list", resource, { client, options }, (_id, respond) => {
      const l = list<KubeObject>(this.storage, resource, options);
      respond?.({ code: 200, resourceVersion: l.metadata.resourceVersion, items: l.items.length, continue: l.metadata.continue });
      return l;
    }, gate);
  }

  private tracedWatch(resource: string, options: WatchOptions, sink: WatchSink<KubeObject>, client: string | undefined,
                      viaListerWatcher: boolean, gate?: () => ReturnType<NetworkFaults["refusal"]>): Watch {
    return this.requests.run("watch", resource, { client, options },
      (_id, respond) => this.cacher.watch(resource, options, sink, client, viaListerWatcher, respond), gate);
  }

  private fault(fault: Exclude<FaultKind, "slowHandler">, detail?: string): void {
    this.trace?.({ component: "fault", kind: "fault.injected", fault, ...(detail !== undefined ? { detail } : {}) });
  }
}
