/**
 * ApiServer — the simulated kube-apiserver (watch cache + etcd3 store), API.md "Simulated API server",
 * behaviour from spec/apiserver.md §3.
 *
 * Contract:
 * - One global revision shared by every resource (the etcd revision). Every successful write bumps it,
 *   stamps the stored object's `metadata.resourceVersion` and commits one event; RVs are strings
 *   (decimal by default, opaque or starting above 2^53 on request: resource-version.ts).
 * - Direct calls (create/update/updateStatus/delete/get/list/watch) are the cluster itself: they take
 *   effect at once and throw ApiError synchronously (400 bad selector or RV, 404, 409, 410, 422, 504 "too
 *   large resource version" without the real 3 s wait). A rejected request changes nothing.
 * - Through `listerWatcher()` the same requests are network traffic: replies arrive from scheduled tasks
 *   after the client's latency, and faults apply (partition, restart downtime, throttling).
 * - Nothing reaches a watcher synchronously inside a write: events are queued per watcher and handed
 *   over by scheduled tasks (cache-watcher.ts).
 * - Isolation: every object the server stores or returns is deep-frozen and shared (frozen.ts says why).
 * - Storage is MVCC: every version of every key is kept (no automatic compaction) until `compact()`, so
 *   Exact lists and continue tokens are served from a snapshot; the watch window is separate and fixed
 *   (`watchCacheCapacity` events per resource, watch-cache.ts).
 * - Pods: unbound unless a scenario binds them (spec.nodeName). Deletes are two-phase (MODIFIED with
 *   deletionTimestamp, then DELETED): at once when the effective grace is 0 (unbound, finished, explicit
 *   0), else when the grace period ends — done by the built-in kubelet (option `kubelet`, default true).
 * - Faults: the contract's dropWatches/compact/partition/heal, and beyond it restart (with optional
 *   downtime), throttle (429 + Retry-After), setLatency (per client, with jitter), setSlowConsumerLimit,
 *   watchError (ERROR 500 mid-stream) and stallWatches (half-open). Network faults hit only
 *   ListerWatcher traffic; each fault emits `fault.injected`.
 * - The watch window is per resource (the real cacher has one per resource type): writes to ConfigMaps
 *   never push Pod events out of the Pod window.
 * - Simplifications (documented, deliberate): no admission (a namespace need not exist), no garbage
 *   collector or namespace controller, no PATCH (clients get + update), status is kept as given on create,
 *   list "0" is never stale, no automatic compaction (memory grows with writes until compact()).
 * - Trace (only when a tracer is given; no work otherwise): server.request/response per request,
 *   server.write per commit, server.watch.opened/event/closed, server.compacted, server.restarted,
 *   fault.injected.
 */
import { fieldGetter, RESOURCES, type ResourceInfo } from "./resources.js";
import { ResourceVersionCodec, type ResourceVersionFormat } from "./resource-version.js";
import { deepEqual, freezeCopy, freezeShallow } from "./frozen.js";
import { decodeContinue, encodeContinue } from "./continue-token.js";
import { WatchCache, type StoreEvent } from "./watch-cache.js";
import { CacheWatcher, type CloseReason, type WatcherHost } from "./cache-watcher.js";
import { ApiError, newApiError, type Status } from "./errors.js";
import type { KubeList, ListerWatcher, ListOptions, Watch, WatchOptions, WatchSink } from "./types.js";
import { parseSelector, type LabelSelector } from "../labels/selector.js";
import { parseFieldSelector } from "../labels/field-selector.js";
import { emit, type FaultKind, type Tracer, type Verb } from "../sim/trace.js";
import type { Scheduler } from "../sim/scheduler.js";
import type { KubeObject, ObjectMeta } from "../types.js";

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

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  /** Fail with 409 unless the object still has this uid / resourceVersion. */
  preconditions?: { uid?: string; resourceVersion?: string };
}

export interface ListerWatcherOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Who is calling (shown in the trace as `client`), e.g. "reflector:pods". */
  client?: string;
}

interface Version { rev: number; obj: KubeObject | null }

/** Per-resource storage: current objects, MVCC history, the watch window and open watchers. */
class ResourceStore {
  readonly objects = new Map<string, KubeObject>();
  readonly versions = new Map<string, Version[]>();
  private sorted: string[] | undefined = [];
  private sortedLive: string[] | undefined = [];
  readonly watchers = new Set<CacheWatcher>();
  readonly kubeletTimers = new Map<string, number>();
  cache: WatchCache;

  constructor(readonly info: ResourceInfo, capacity: number) {
    this.cache = new WatchCache(capacity, 0);
  }

  /** Keys sorted in etcd key order: every key with history (`all`), or only the live ones. */
  sortedKeys(all: boolean): string[] {
    if (all) {
      if (this.sorted === undefined) this.sorted = [...this.versions.keys()].sort();
      return this.sorted;
    }
    if (this.sortedLive === undefined) this.sortedLive = [...this.objects.keys()].sort();
    return this.sortedLive;
  }

  record(key: string, rev: number, obj: KubeObject | null): void {
    const vs = this.versions.get(key);
    if (vs === undefined) {
      this.versions.set(key, [{ rev, obj }]);
      this.sorted = undefined;
    } else {
      vs.push({ rev, obj });
    }
    if (obj === null) {
      this.objects.delete(key);
      this.sortedLive = undefined;
    } else {
      if (!this.objects.has(key)) this.sortedLive = undefined;
      this.objects.set(key, obj);
    }
  }

  /** The object at revision `rev` (undefined if absent then). */
  at(key: string, rev: number): KubeObject | undefined {
    const vs = this.versions.get(key);
    if (vs === undefined) return undefined;
    for (let i = vs.length - 1; i >= 0; i--) {
      const v = vs[i]!;
      if (v.rev <= rev) return v.obj ?? undefined;
    }
    return undefined;
  }

  /** Drops versions older than `rev`, keeping the newest version at or before it (etcd compaction). */
  compact(rev: number): void {
    for (const [key, vs] of this.versions) {
      let keep = 0;
      for (let i = vs.length - 1; i >= 0; i--) {
        if (vs[i]!.rev <= rev) { keep = i; break; }
      }
      if (keep > 0) vs.splice(0, keep);
      if (vs.length === 1 && vs[0]!.obj === null) {
        this.versions.delete(key);
        this.sorted = undefined;
      }
    }
  }
}

const DEFAULT_EPOCH = "2025-01-01T00:00:00Z";
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
const GENERATE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
const INITIAL_EVENTS_END = "k8s.io/initial-events-end";

/**
 * A copy of ObjectMeta with every field in one fixed order. Uniform shapes keep V8 on its fast paths
 * (spreading arbitrary metadata and adding fields was measured 5–10× slower per create); fields left
 * `undefined` are dropped by freezeCopy.
 */
function objectMeta(src: ObjectMeta): Record<string, unknown> {
  return {
    name: src.name, generateName: src.generateName, namespace: src.namespace, uid: src.uid,
    resourceVersion: src.resourceVersion, generation: src.generation, creationTimestamp: src.creationTimestamp,
    deletionTimestamp: src.deletionTimestamp, deletionGracePeriodSeconds: src.deletionGracePeriodSeconds,
    labels: src.labels, annotations: src.annotations, ownerReferences: src.ownerReferences,
    finalizers: src.finalizers, managedFields: src.managedFields, selfLink: src.selfLink,
  };
}


export class ApiServer {
  readonly scheduler: Scheduler;
  private readonly tracer: Tracer | undefined;
  private readonly capacity: number;
  private readonly bookmarkIntervalMs: number;
  private readonly bookmarks: boolean;
  private readonly kubelet: boolean;
  private readonly minRequestTimeoutMs: number;
  private readonly allowUnconditionalUpdate: boolean;
  private readonly epochMs: number;
  private readonly codec: ResourceVersionCodec;
  private readonly stores = new Map<string, ResourceStore>();

  private rev = 0;
  private compactRev = 0;
  private nextRequestId = 1;
  private nextWatchId = 1;
  private lastSecond = Number.NaN;
  private lastStamp = "";

  // faults
  private partitioned = false;
  private downUntil = -1;
  private throttleFraction = 0;
  private throttleRetryAfter = 1;
  private defaultLatency: { ms: number; jitterMs: number };
  private readonly clientLatency = new Map<string, { ms: number; jitterMs: number }>();
  private slowLimit: number | undefined;

  private readonly host: WatcherHost;

  constructor(scheduler: Scheduler, options: ApiServerOptions = {}) {
    this.scheduler = scheduler;
    this.tracer = options.tracer;
    this.capacity = Math.max(0, Math.floor(options.watchCacheCapacity ?? 100));
    this.bookmarkIntervalMs = options.bookmarkIntervalMs ?? 60_000;
    this.bookmarks = options.bookmarks ?? true;
    this.kubelet = options.kubelet ?? true;
    this.minRequestTimeoutMs = (options.minRequestTimeoutSeconds ?? 1800) * 1000;
    this.allowUnconditionalUpdate = options.allowUnconditionalUpdate ?? true;
    this.epochMs = Date.parse(options.epoch ?? DEFAULT_EPOCH);
    this.codec = new ResourceVersionCodec(options.resourceVersionFormat ?? "decimal", options.initialResourceVersion ?? 0);
    this.defaultLatency = { ms: Math.max(0, options.latencyMs ?? 0), jitterMs: 0 };
    this.slowLimit = options.slowConsumerLimit;
    for (const info of Object.values(RESOURCES)) this.stores.set(info.resource, new ResourceStore(info, this.capacity));
    const self = this;
    this.host = {
      scheduler,
      tracer: this.tracer,
      latencyFor: (client) => self.latencyFor(client),
      slowConsumerLimit: () => self.slowLimit,
      detach: (w) => { self.stores.get(w.resource)?.watchers.delete(w); },
    };
  }

  /** The server's current resourceVersion (the global revision), as clients see it. */
  currentResourceVersion(): string {
    return this.codec.encode(this.rev);
  }

  /** Resources this server serves (plural names). */
  resources(): string[] {
    return [...this.stores.keys()];
  }

  /** Number of open watches (all resources), for tests and the UI. */
  openWatches(): number {
    let n = 0;
    for (const s of this.stores.values()) n += s.watchers.size;
    return n;
  }

  // ───────────────────────────── writes ─────────────────────────────

  create<T extends KubeObject>(resource: string, obj: T): T {
    return this.request("create", resource, { namespace: obj?.metadata?.namespace, name: obj?.metadata?.name },
      () => this.doCreate(resource, obj), 201);
  }

  update<T extends KubeObject>(resource: string, obj: T): T {
    return this.request("update", resource, { namespace: obj?.metadata?.namespace, name: obj?.metadata?.name },
      () => this.doUpdate(resource, obj, false));
  }

  /** PUT …/status: only `.status` changes are kept (beyond the contract). */
  updateStatus<T extends KubeObject>(resource: string, obj: T): T {
    return this.request("update", resource, { namespace: obj?.metadata?.namespace, name: obj?.metadata?.name },
      () => this.doUpdate(resource, obj, true));
  }

  delete(resource: string, namespace: string | undefined, name: string, options?: DeleteOptions): void {
    this.request("delete", resource, { namespace, name }, () => { this.doDelete(resource, namespace, name, options ?? {}); });
  }

  get<T extends KubeObject>(resource: string, namespace: string | undefined, name: string): T {
    return this.request("get", resource, { namespace, name }, () => {
      const store = this.store(resource);
      const obj = store.objects.get(this.keyOf(store.info, namespace, name));
      if (obj === undefined) throw notFound(store.info, name);
      return obj as T;
    });
  }

  list<T extends KubeObject>(resource: string, options?: ListOptions): KubeList<T> {
    return this.doListTraced<T>(resource, options ?? {}, undefined);
  }

  watch<T extends KubeObject>(resource: string, options: WatchOptions, sink: WatchSink<T>): Watch {
    return this.doWatchTraced(resource, options ?? {}, sink as unknown as WatchSink<KubeObject>, undefined, false);
  }

  listerWatcher<T extends KubeObject>(resource: string, options?: ListerWatcherOptions): ListerWatcher<T> {
    return new ServerListerWatcher<T>(this, resource, options ?? {});
  }

  // ───────────────────────────── faults ─────────────────────────────

  /** Every open watch ends as if the connection dropped (no error). */
  dropWatches(): void {
    this.fault("dropWatches");
    this.abortWatches(() => true, "dropped");
  }

  /** Forgets all history: watches, Exact lists and continue tokens at older RVs get 410. */
  compact(): void {
    this.fault("compact");
    this.compactRev = this.rev;
    for (const s of this.stores.values()) {
      s.compact(this.rev);
      s.cache.reset(this.rev);
    }
    emit(this.tracer, { component: "server", kind: "server.compacted", resourceVersion: this.codec.encode(this.rev) });
  }

  /** Until heal(): requests through a ListerWatcher fail with connection refused; their watches drop. */
  partition(): void {
    this.fault("partition");
    this.partitioned = true;
    this.abortWatches((w) => w.viaListerWatcher, "partition");
  }

  heal(): void {
    this.fault("heal");
    this.partitioned = false;
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
    this.abortWatches(() => true, "restart");
    for (const s of this.stores.values()) s.cache.reset(this.rev);
    this.downUntil = downtime > 0 ? this.scheduler.now() + downtime : -1;
    emit(this.tracer, { component: "server", kind: "server.restarted", resourceVersion: this.codec.encode(this.rev) });
  }

  /**
   * API Priority and Fairness throttling (spec F12, beyond the contract): each list or watch request
   * through a ListerWatcher fails with 429 TooManyRequests (Retry-After: `retryAfterSeconds`) with
   * probability `fraction`, decided by the scheduler's PRNG. `throttle(0)` turns it off.
   */
  throttle(fraction: number, retryAfterSeconds = 1): void {
    this.throttleFraction = Math.min(1, Math.max(0, fraction));
    this.throttleRetryAfter = retryAfterSeconds;
    this.fault("throttle", `${this.throttleFraction} retry-after ${retryAfterSeconds}s`);
  }

  /**
   * Delivery latency (spec F5, beyond the contract): list replies and watch events for `client` (or, without
   * a client, the default for everyone) arrive `ms` (+ uniform jitter in [0, jitterMs)) later in virtual
   * time. Order within a watch is kept: an event never overtakes an earlier one.
   */
  setLatency(ms: number, options?: { client?: string; jitterMs?: number }): void {
    const spec = { ms: Math.max(0, ms), jitterMs: Math.max(0, options?.jitterMs ?? 0) };
    if (options?.client !== undefined) this.clientLatency.set(options.client, spec);
    else this.defaultLatency = spec;
    this.fault("latency", `${options?.client ?? "*"} ${spec.ms} ms${spec.jitterMs > 0 ? ` ±${spec.jitterMs}` : ""}`);
  }

  /** Slow-consumer close (spec W7, beyond the contract): a watch with more undelivered events is closed. */
  setSlowConsumerLimit(limit: number | undefined): void {
    this.slowLimit = limit;
    this.fault("slowConsumer", limit === undefined ? "off" : `limit ${limit}`);
  }

  /**
   * ERROR mid-stream (spec F14, beyond the contract): every open watch receives one ERROR event carrying a
   * Status with `code` (default 500 InternalError), then the stream closes. A client should re-watch from
   * its last RV (500) rather than relist.
   */
  watchError(code = 500): void {
    this.fault("watchError", String(code));
    const reason = code === 500 ? "InternalError" : code === 429 ? "TooManyRequests" : code === 410 ? "Expired" : "InternalError";
    const status = freezeCopy<Status>({
      kind: "Status", apiVersion: "v1", status: "Failure", code, reason,
      message: code === 500 ? "an error on the server (\"unknown\") has prevented the request from succeeding" : `injected watch error ${code}`,
    });
    for (const s of this.stores.values()) {
      for (const w of [...s.watchers]) {
        w.send({ type: "ERROR", object: status });
        w.finish("error");
      }
    }
  }

  /**
   * Half-open connections (spec F2, beyond the contract): every open watch goes silent forever — no events,
   * no bookmarks, no timeout close. Only a client-side timer (or stop()) gets a client out of it.
   */
  stallWatches(): void {
    this.fault("stall");
    for (const s of this.stores.values()) for (const w of [...s.watchers]) w.stall();
  }

  // ───────────────────────────── internals: requests ─────────────────────────────

  private request<R>(verb: Verb, resource: string, detail: { namespace?: string | undefined; name?: string | undefined },
                     fn: () => R, okCode = 200, client?: string): R {
    const tracer = this.tracer;
    if (tracer === undefined) return fn();
    const requestId = this.nextRequestId++;
    emit(tracer, {
      component: "server", kind: "server.request", requestId, verb, resource,
      ...(detail.namespace !== undefined ? { namespace: detail.namespace } : {}),
      ...(detail.name !== undefined ? { name: detail.name } : {}),
      ...(client !== undefined ? { client } : {}),
    });
    let result: R;
    try {
      result = fn();
    } catch (e) {
      if (e instanceof ApiError) this.traceError(requestId, verb, resource, e);
      throw e;
    }
    const rv = (result as { metadata?: { resourceVersion?: string } } | undefined)?.metadata?.resourceVersion;
    emit(tracer, {
      component: "server", kind: "server.response", requestId, verb, resource, code: okCode,
      ...(rv !== undefined ? { resourceVersion: rv } : {}),
    });
    return result;
  }

  private traceError(requestId: number, verb: Verb, resource: string, e: ApiError): void {
    const ra = e.status.details?.retryAfterSeconds;
    emit(this.tracer, {
      component: "server", kind: "server.response", requestId, verb, resource, code: e.code, reason: e.reason,
      message: e.message, ...(ra !== undefined ? { retryAfterSeconds: ra } : {}),
    });
  }

  /** @internal list with tracing; used by direct calls and ListerWatchers. */
  doListTraced<T extends KubeObject>(resource: string, options: ListOptions, client: string | undefined,
                                     gate?: () => ApiError | undefined): KubeList<T> {
    const tracer = this.tracer;
    let requestId = 0;
    if (tracer !== undefined) {
      requestId = this.nextRequestId++;
      emit(tracer, {
        component: "server", kind: "server.request", requestId, verb: "list", resource,
        ...defined({
          namespace: options.namespace, client, resourceVersion: options.resourceVersion,
          resourceVersionMatch: options.resourceVersionMatch, labelSelector: options.labelSelector,
          fieldSelector: options.fieldSelector, limit: options.limit, continue: options.continue,
        }),
      });
    }
    let list: KubeList<T>;
    try {
      const refused = gate?.();
      if (refused !== undefined) throw refused;
      list = this.doList<T>(resource, options);
    } catch (e) {
      if (tracer !== undefined && e instanceof ApiError) this.traceError(requestId, "list", resource, e);
      throw e;
    }
    if (tracer !== undefined) {
      emit(tracer, {
        component: "server", kind: "server.response", requestId, verb: "list", resource, code: 200,
        resourceVersion: list.metadata.resourceVersion, items: list.items.length,
        ...(list.metadata.continue !== undefined ? { continue: list.metadata.continue } : {}),
      });
    }
    return list;
  }

  /** @internal watch with tracing; used by direct calls and ListerWatchers. */
  doWatchTraced(resource: string, options: WatchOptions, sink: WatchSink<KubeObject>, client: string | undefined,
                viaListerWatcher: boolean, gate?: () => ApiError | undefined): Watch {
    const tracer = this.tracer;
    let requestId = 0;
    if (tracer !== undefined) {
      requestId = this.nextRequestId++;
      emit(tracer, {
        component: "server", kind: "server.request", requestId, verb: "watch", resource,
        ...defined({
          namespace: options.namespace, client, resourceVersion: options.resourceVersion,
          resourceVersionMatch: options.resourceVersionMatch, labelSelector: options.labelSelector,
          fieldSelector: options.fieldSelector, sendInitialEvents: options.sendInitialEvents,
          timeoutSeconds: options.timeoutSeconds,
        }),
      });
    }
    try {
      const refused = gate?.();
      if (refused !== undefined) throw refused;
      return this.doWatch(resource, options, sink, client, viaListerWatcher, requestId);
    } catch (e) {
      if (tracer !== undefined && e instanceof ApiError) this.traceError(requestId, "watch", resource, e);
      throw e;
    }
  }

  /** @internal the error a ListerWatcher request gets from network faults, if any (may use the PRNG). */
  networkFault(): ApiError | undefined {
    if (this.partitioned) return connectionRefused();
    if (this.downUntil >= 0 && this.scheduler.now() < this.downUntil) return connectionRefused();
    if (this.throttleFraction > 0 && this.scheduler.random() < this.throttleFraction) {
      return newApiError(429, "TooManyRequests", "Too many requests, please try again later.",
        { retryAfterSeconds: this.throttleRetryAfter });
    }
    return undefined;
  }

  /** @internal */
  latencyFor(client: string | undefined): number {
    const spec = (client !== undefined ? this.clientLatency.get(client) : undefined) ?? this.defaultLatency;
    return spec.jitterMs > 0 ? spec.ms + Math.floor(this.scheduler.random() * spec.jitterMs) : spec.ms;
  }

  private fault(fault: Exclude<FaultKind, "slowHandler">, detail?: string): void {
    emit(this.tracer, { component: "fault", kind: "fault.injected", fault, ...(detail !== undefined ? { detail } : {}) });
  }

  private abortWatches(which: (w: CacheWatcher) => boolean, reason: CloseReason): void {
    for (const s of this.stores.values()) {
      for (const w of [...s.watchers]) if (which(w)) w.abort(reason);
    }
  }

  private store(resource: string): ResourceStore {
    const s = this.stores.get(resource);
    if (s === undefined) {
      throw newApiError(404, "NotFound", `the server could not find the requested resource (resource "${resource}")`);
    }
    return s;
  }

  private keyOf(info: ResourceInfo, namespace: string | undefined, name: string): string {
    return info.namespaced ? `${namespace || "default"}/${name}` : name;
  }

  private timestamp(offsetMs = 0): string {
    const second = Math.floor((this.scheduler.now() + offsetMs) / 1000);
    if (second !== this.lastSecond) {
      this.lastSecond = second;
      this.lastStamp = new Date(this.epochMs + second * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
    }
    return this.lastStamp;
  }

  /** A version-4 UUID from the scheduler's PRNG (deterministic per seed). */
  private newUid(): string {
    const r = (): number => (this.scheduler.random() * 0x100000000) >>> 0;
    const a = r();
    const b = r();
    const c = r();
    const d = r();
    return HEX[a >>> 24]! + HEX[(a >>> 16) & 255]! + HEX[(a >>> 8) & 255]! + HEX[a & 255]! + "-" +
      HEX[b >>> 24]! + HEX[(b >>> 16) & 255]! + "-" + HEX[0x40 | ((b >>> 8) & 15)]! + HEX[b & 255]! + "-" +
      HEX[0x80 | (c >>> 26)]! + HEX[(c >>> 16) & 255]! + "-" + HEX[(c >>> 8) & 255]! + HEX[c & 255]! +
      HEX[d >>> 24]! + HEX[(d >>> 16) & 255]! + HEX[(d >>> 8) & 255]! + HEX[d & 255]!;
  }

  // ───────────────────────────── internals: writes ─────────────────────────────

  /** Commits one change: bumps the revision (already stamped into `obj`), records MVCC, fans out. */
  private commit(store: ResourceStore, type: StoreEvent["type"], key: string, obj: KubeObject,
                 prev: KubeObject | undefined): void {
    const rev = this.rev;
    store.record(key, rev, type === "DELETED" ? null : obj);
    const event: StoreEvent = { rev, type, key, object: obj, prev };
    store.cache.push(event);
    if (this.tracer !== undefined) {
      emit(this.tracer, {
        component: "server", kind: "server.write", resource: store.info.resource, key, type,
        resourceVersion: obj.metadata.resourceVersion!, object: obj,
      });
    }
    for (const w of store.watchers) w.dispatch(event, true);
  }

  /** The next revision, as a string (the caller stamps it and commits). */
  private bump(): string {
    this.rev++;
    return this.codec.encode(this.rev);
  }

  private restamp(obj: KubeObject, resourceVersion: string): KubeObject {
    return freezeShallow({ ...obj, metadata: freezeShallow({ ...obj.metadata, resourceVersion }) });
  }

  private doCreate<T extends KubeObject>(resource: string, input: T): T {
    const store = this.store(resource);
    const info = store.info;
    if (typeof input !== "object" || input === null || typeof input.metadata !== "object" || input.metadata === null) {
      throw invalid(info, "", "metadata: Required value: metadata is required");
    }
    const meta = input.metadata;
    let name = meta.name;
    if (!name) {
      if (!meta.generateName) throw invalid(info, "", "metadata.name: Required value: name or generateName is required");
      let suffix = "";
      for (let i = 0; i < 5; i++) suffix += GENERATE_ALPHABET[Math.floor(this.scheduler.random() * GENERATE_ALPHABET.length)]!;
      name = meta.generateName + suffix;
    }
    this.validateName(info, name);
    let namespace: string | undefined;
    if (info.namespaced) {
      namespace = meta.namespace || "default";
      if (!DNS_LABEL.test(namespace)) throw invalid(info, name, `metadata.namespace: Invalid value: "${namespace}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-'`);
    }
    const key = this.keyOf(info, namespace, name);
    if (store.objects.has(key)) {
      throw newApiError(409, "AlreadyExists", `${info.resource} "${name}" already exists`, { name, kind: info.resource, group: info.group });
    }
    const rv = this.bump();
    const m = objectMeta(meta);
    m["deletionTimestamp"] = undefined;                       // undefined fields are dropped by freezeCopy
    m["deletionGracePeriodSeconds"] = undefined;
    m["name"] = name;
    if (namespace !== undefined) m["namespace"] = namespace;
    else m["namespace"] = undefined;
    m["uid"] = this.newUid();
    m["creationTimestamp"] = this.timestamp();
    m["resourceVersion"] = rv;
    if (info.generation) m["generation"] = 1;
    else m["generation"] = undefined;
    const body: Record<string, unknown> = { apiVersion: info.apiVersion, kind: info.kind, ...(input as unknown as Record<string, unknown>), metadata: m };
    if (body["apiVersion"] !== info.apiVersion) body["apiVersion"] = info.apiVersion;
    if (body["kind"] !== info.kind) body["kind"] = info.kind;
    const stored = freezeCopy(body) as unknown as T;
    this.commit(store, "ADDED", key, stored, undefined);
    return stored;
  }

  private validateName(info: ResourceInfo, name: string): void {
    const re = info.resource === "namespaces" || info.resource === "services" ? DNS_LABEL : DNS_SUBDOMAIN;
    if (name.length > 253 || !re.test(name)) {
      throw invalid(info, name, `metadata.name: Invalid value: "${name}": a lowercase RFC 1123 ${re === DNS_LABEL ? "label" : "subdomain"} must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`);
    }
  }

  private doUpdate<T extends KubeObject>(resource: string, input: T, statusOnly: boolean): T {
    const store = this.store(resource);
    const info = store.info;
    if (typeof input !== "object" || input === null || typeof input.metadata !== "object" || input.metadata === null || !input.metadata.name) {
      throw invalid(info, "", "metadata.name: Required value: name is required");
    }
    if (statusOnly && !info.statusSubresource) {
      throw newApiError(404, "NotFound", `the server could not find the requested resource (${info.resource}/status)`);
    }
    const meta = input.metadata;
    const name = meta.name;
    const key = this.keyOf(info, meta.namespace, name);
    const existing = store.objects.get(key);
    if (existing === undefined) throw notFound(info, name);
    const em = existing.metadata;
    if (!meta.resourceVersion) {
      if (!this.allowUnconditionalUpdate) {
        throw invalid(info, name, "metadata.resourceVersion: Invalid value: 0x0: must be specified for an update");
      }
    } else if (meta.resourceVersion !== em.resourceVersion) {
      throw conflict(info, name, "the object has been modified; please apply your changes to the latest version and try again");
    }
    if (meta.uid && meta.uid !== em.uid) {
      throw conflict(info, name, `Precondition failed: UID in precondition: ${meta.uid}, UID in object meta: ${em.uid}`);
    }
    // Compose the object the server would persist.
    let next: Record<string, unknown>;
    if (statusOnly) {
      next = { ...(existing as unknown as Record<string, unknown>) };
      const status = (input as unknown as Record<string, unknown>)["status"];
      next["status"] = status;
    } else {
      next = { ...(input as unknown as Record<string, unknown>) };
      const m = objectMeta(meta);
      m["uid"] = em.uid;
      m["creationTimestamp"] = em.creationTimestamp;
      m["deletionTimestamp"] = em.deletionTimestamp;
      m["deletionGracePeriodSeconds"] = em.deletionGracePeriodSeconds;
      m["generation"] = em.generation;
      m["namespace"] = em.namespace;
      if (em.deletionTimestamp !== undefined) {
        const old = new Set(em.finalizers ?? []);
        const added = (meta.finalizers ?? []).filter((f) => !old.has(f));
        if (added.length > 0) {
          throw invalid(info, name, `metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers ${JSON.stringify(added)}`);
        }
      }
      next["metadata"] = m;
      if (info.statusSubresource) {
        next["status"] = (existing as unknown as Record<string, unknown>)["status"];
      }
    }
    if (next["apiVersion"] !== info.apiVersion) next["apiVersion"] = info.apiVersion;
    if (next["kind"] !== info.kind) next["kind"] = info.kind;
    const nm = statusOnly ? objectMeta(em) : next["metadata"] as Record<string, unknown>;
    nm["resourceVersion"] = em.resourceVersion;
    if (info.generation && !statusOnly) {
      const specChanged = !deepEqual(next["spec"], (existing as unknown as Record<string, unknown>)["spec"]);
      const annotationsChanged = info.annotationsBumpGeneration && !deepEqual(nm["annotations"], em.annotations);
      if (specChanged || annotationsChanged) nm["generation"] = (em.generation ?? 0) + 1;
    }
    next["metadata"] = nm;
    if (deepEqual(next, existing)) return existing as T;       // R4: no-op update, same RV, no event
    const emptied = em.deletionTimestamp !== undefined && (nm["finalizers"] === undefined || (nm["finalizers"] as string[]).length === 0)
      && (!info.graceful || (em.deletionGracePeriodSeconds ?? 0) === 0);
    const rv = this.bump();
    nm["resourceVersion"] = rv;
    const stored = freezeCopy(next) as unknown as T;
    if (emptied) {
      // errEmptiedFinalizers: the update is not persisted; the object is deleted instead. Watchers see one
      // DELETED carrying the last persisted state (finalizer still present) at the new RV.
      this.cancelKubelet(store, key);
      this.commit(store, "DELETED", key, this.restamp(existing, rv), existing);
      return stored;
    }
    this.commit(store, "MODIFIED", key, stored, existing);
    return stored;
  }

  private doDelete(resource: string, namespace: string | undefined, name: string, options: DeleteOptions): void {
    const store = this.store(resource);
    const info = store.info;
    const key = this.keyOf(info, namespace, name);
    const existing = store.objects.get(key);
    if (existing === undefined) throw notFound(info, name);
    const em = existing.metadata;
    const pre = options.preconditions;
    if (pre?.uid !== undefined && pre.uid !== em.uid) {
      throw conflict(info, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${em.uid ?? ""}`);
    }
    if (pre?.resourceVersion !== undefined && pre.resourceVersion !== em.resourceVersion) {
      throw conflict(info, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${em.resourceVersion ?? ""}`);
    }
    const hasFinalizers = (em.finalizers ?? []).length > 0;
    if (info.graceful) {
      this.deletePod(store, key, existing, options.gracePeriodSeconds);
      return;
    }
    if (hasFinalizers) {
      if (em.deletionTimestamp !== undefined) return;   // already terminating: nothing new
      this.markDeleting(store, key, existing, 0, true);
      return;
    }
    this.commit(store, "DELETED", key, this.restamp(existing, this.bump()), existing);
  }

  /** Sets deletionTimestamp = now + grace (MODIFIED). Returns the stored object. */
  private markDeleting(store: ResourceStore, key: string, existing: KubeObject, grace: number, first: boolean): KubeObject {
    const rv = this.bump();
    const m = objectMeta(existing.metadata);
    m["deletionTimestamp"] = this.timestamp(grace * 1000);
    m["deletionGracePeriodSeconds"] = grace;
    if (first && typeof m["generation"] === "number" && (m["generation"] as number) > 0) m["generation"] = (m["generation"] as number) + 1;
    m["resourceVersion"] = rv;
    const stored = freezeShallow({ ...existing, metadata: freezeCopy(m) as unknown as ObjectMeta });
    this.commit(store, "MODIFIED", key, stored, existing);
    return stored;
  }

  /** Pod deletion: always graceful, two-phase (client-go.md §11.5). */
  private deletePod(store: ResourceStore, key: string, existing: KubeObject, requested: number | undefined): void {
    const pod = existing as unknown as { spec?: { nodeName?: string; terminationGracePeriodSeconds?: number }; status?: { phase?: string } };
    let grace = requested ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
    if (!(grace > 0)) grace = 0;
    const phase = pod.status?.phase;
    if (!pod.spec?.nodeName || phase === "Succeeded" || phase === "Failed") grace = 0;
    grace = Math.floor(grace);
    const em = existing.metadata;
    const hasFinalizers = (em.finalizers ?? []).length > 0;
    let current = existing;
    if (em.deletionTimestamp !== undefined) {
      const pending = em.deletionGracePeriodSeconds ?? 0;
      if (grace >= pending) return;                      // grace can only be shortened
      current = this.markDeleting(store, key, existing, grace, false);
    } else {
      current = this.markDeleting(store, key, existing, grace, true);
    }
    this.cancelKubelet(store, key);
    if (grace === 0) {
      if (!hasFinalizers) this.commit(store, "DELETED", key, this.restamp(current, this.bump()), current);
      return;
    }
    if (this.kubelet) {
      const uid = em.uid;
      const id = this.scheduler.setTimeout(() => {
        store.kubeletTimers.delete(key);
        const now = store.objects.get(key);
        if (now === undefined || now.metadata.uid !== uid || now.metadata.deletionTimestamp === undefined) return;
        this.request("delete", store.info.resource, { namespace: now.metadata.namespace, name: now.metadata.name },
          () => this.deletePod(store, key, now, 0), 200, "kubelet");
      }, grace * 1000);
      store.kubeletTimers.set(key, id);
    }
  }

  private cancelKubelet(store: ResourceStore, key: string): void {
    const t = store.kubeletTimers.get(key);
    if (t !== undefined) {
      this.scheduler.clearTimeout(t);
      store.kubeletTimers.delete(key);
    }
  }

  // ───────────────────────────── internals: reads ─────────────────────────────

  private decodeRv(rv: string): number {
    const n = this.codec.decode(rv);
    if (n === undefined) throw newApiError(400, "BadRequest", `resourceVersion: Invalid value: "${rv}": must be a resource version this server issued`);
    return n;
  }

  private tooLarge(rv: string): ApiError {
    return newApiError(504, "Timeout",
      `Too large resource version: ${rv}, current: ${this.codec.encode(this.rev)}`,
      { causes: [{ reason: "ResourceVersionTooLarge", message: "Too large resource version" }], retryAfterSeconds: 1 });
  }

  private predicate(info: ResourceInfo, namespace: string | undefined, labelSelector: string | undefined,
                    fieldSelector: string | undefined): ((obj: KubeObject) => boolean) | undefined {
    const ns = info.namespaced && namespace ? namespace : undefined;
    const labels: LabelSelector = parseSelector(labelSelector);
    const fields = parseFieldSelector(fieldSelector);
    const getters = fields.requirements.map((r) => {
      const g = fieldGetter(info, r.field);
      if (g === undefined) throw newApiError(400, "BadRequest", `field label not supported: ${r.field}`);
      return { r, g };
    });
    if (ns === undefined && labels.empty() && getters.length === 0) return undefined;
    const labelsEmpty = labels.empty();
    return (obj) => {
      if (ns !== undefined && obj.metadata.namespace !== ns) return false;
      if (!labelsEmpty && !labels.matches(obj.metadata.labels)) return false;
      for (const { r, g } of getters) {
        const v = g(obj);
        if (r.operator === "=" ? v !== r.value : v === r.value) return false;
      }
      return true;
    };
  }

  /**
   * The key range to scan: keys of `store` (live ones, or all with history for a snapshot) in etcd order,
   * from index `from`, while they start with `prefix` (the namespace; "" for all).
   */
  private keyRange(store: ResourceStore, namespace: string | undefined, start: string | undefined,
                   live: boolean): { keys: string[]; from: number; prefix: string } {
    const keys = store.sortedKeys(!live);
    const prefix = store.info.namespaced && namespace ? `${namespace}/` : "";
    let first = prefix;
    if (start !== undefined && start > first) first = start;
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keys[mid]! < first) lo = mid + 1;
      else hi = mid;
    }
    return { keys, from: lo, prefix };
  }

  private doList<T extends KubeObject>(resource: string, options: ListOptions): KubeList<T> {
    const store = this.store(resource);
    const info = store.info;
    const rvOpt = options.resourceVersion ?? "";
    const match = options.resourceVersionMatch;
    let limit = options.limit !== undefined && options.limit > 0 ? Math.floor(options.limit) : 0;
    if ((options as { sendInitialEvents?: unknown }).sendInitialEvents !== undefined) {
      throw invalidOptions("sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list");
    }
    if (match !== undefined) {
      if (match !== "Exact" && match !== "NotOlderThan") throw invalidOptions(`resourceVersionMatch: Unsupported value: "${String(match)}"`);
      if (rvOpt === "") throw invalidOptions("resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided");
      if (options.continue) throw invalidOptions("resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden when continue is provided");
      if (match === "Exact" && rvOpt === "0") throw invalidOptions("resourceVersionMatch: Forbidden: resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\"");
    }
    const pred = this.predicate(info, options.namespace, options.labelSelector, options.fieldSelector);
    let snapshot = this.rev;
    let start: string | undefined;
    if (options.continue) {
      if (rvOpt !== "" && rvOpt !== "0") {
        throw newApiError(400, "BadRequest", "specifying resource version is not allowed when using continue");
      }
      const token = decodeContinue(options.continue);
      if (token === undefined) throw newApiError(400, "BadRequest", "continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
      if (token.rv !== -1 && token.rv < this.compactRev) {
        const err = newApiError(410, "Expired",
          "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.");
        err.status.metadata = { continue: encodeContinue({ rv: -1, start: token.start }) };
        throw err;
      }
      snapshot = token.rv === -1 ? this.rev : token.rv;
      start = token.start;
    } else if (rvOpt === "0") {
      limit = 0;                                   // the watch cache ignores limit for RV "0"
    } else if (rvOpt !== "") {
      const n = this.decodeRv(rvOpt);
      if (n > this.rev) throw this.tooLarge(rvOpt);
      const exact = match === "Exact" || (match === undefined && limit > 0);
      if (exact) {
        if (n < this.compactRev) throw newApiError(410, "Expired", "The resourceVersion for the provided list is too old.");
        snapshot = n;
      }
    }
    const items: KubeObject[] = [];
    let next: string | undefined;
    const current = snapshot === this.rev;
    const { keys, from, prefix } = this.keyRange(store, options.namespace, start, current);
    for (let i = from; i < keys.length; i++) {
      const key = keys[i]!;
      if (prefix !== "" && !key.startsWith(prefix)) break;
      const obj = current ? store.objects.get(key) : store.at(key, snapshot);
      if (obj === undefined || (pred !== undefined && !pred(obj))) continue;
      if (limit > 0 && items.length === limit) { next = key; break; }
      items.push(obj);
    }
    const metadata: { resourceVersion: string; continue?: string } = { resourceVersion: this.codec.encode(snapshot) };
    if (next !== undefined) metadata.continue = encodeContinue({ rv: snapshot, start: next });
    return freezeShallow({
      apiVersion: info.apiVersion, kind: info.listKind, metadata: freezeShallow(metadata), items: freezeShallow(items as T[]),
    });
  }

  private doWatch(resource: string, options: WatchOptions, sink: WatchSink<KubeObject>, client: string | undefined,
                  viaListerWatcher: boolean, requestId: number): Watch {
    const store = this.store(resource);
    const info = store.info;
    const rvOpt = options.resourceVersion ?? "";
    if (options.sendInitialEvents === true) {
      if (options.resourceVersionMatch !== "NotOlderThan") {
        throw invalidOptions("resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan");
      }
      if (options.allowWatchBookmarks !== true) {
        throw invalidOptions("allowWatchBookmarks: Forbidden: sendInitialEvents requires allowWatchBookmarks=true");
      }
    } else if (options.resourceVersionMatch !== undefined) {
      throw invalidOptions("resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided");
    }
    const pred = this.predicate(info, options.namespace, options.labelSelector, options.fieldSelector);
    let from: number | undefined;                  // resume point, or undefined for synthetic ADDEDs
    if (rvOpt !== "" && rvOpt !== "0") {
      from = this.decodeRv(rvOpt);
      if (from > this.rev) throw this.tooLarge(rvOpt);
    }
    const id = this.nextWatchId++;
    const w = new CacheWatcher(this.host, id, resource, client, viaListerWatcher, pred, sink);
    const tracer = this.tracer;
    if (tracer !== undefined) {
      emit(tracer, {
        component: "server", kind: "server.response", requestId, verb: "watch", resource, code: 200,
        resourceVersion: this.codec.encode(this.rev),
      });
      emit(tracer, {
        component: "server", kind: "server.watch.opened", watchId: id, resource, resourceVersion: rvOpt,
        ...defined({
          namespace: options.namespace, labelSelector: options.labelSelector, fieldSelector: options.fieldSelector,
          client, sendInitialEvents: options.sendInitialEvents, timeoutSeconds: options.timeoutSeconds,
        }),
      });
    }
    if (from !== undefined && from < store.cache.floor) {
      // W1: too old — the watch itself succeeds; one ERROR 410 event, then the stream closes.
      const status = freezeCopy<Status>({
        kind: "Status", apiVersion: "v1", status: "Failure", code: 410, reason: "Expired",
        message: `too old resource version: ${rvOpt} (${this.codec.encode(store.cache.floor)})`,
      });
      w.send({ type: "ERROR", object: status });
      w.finish("expired");
      return w;
    }
    if (options.sendInitialEvents === true || from === undefined) {
      const { keys, from: first, prefix } = this.keyRange(store, options.namespace, undefined, true);
      for (let i = first; i < keys.length; i++) {
        const key = keys[i]!;
        if (prefix !== "" && !key.startsWith(prefix)) break;
        const obj = store.objects.get(key);
        if (obj !== undefined && (pred === undefined || pred(obj))) w.send({ type: "ADDED", object: obj }, key);
      }
      if (options.sendInitialEvents === true) {
        w.send({ type: "BOOKMARK", object: this.bookmark(info, true) });
      }
    } else {
      for (const e of store.cache.since(from)) w.dispatch(e);
    }
    store.watchers.add(w);
    // Timeout (W6) and bookmarks (W5).
    const s = this.scheduler;
    const timeoutMs = options.timeoutSeconds !== undefined && options.timeoutSeconds > 0
      ? options.timeoutSeconds * 1000
      : this.minRequestTimeoutMs * (1 + s.random());
    w.addTimer(s.setTimeout(() => w.finish("timeout"), timeoutMs));
    if (options.allowWatchBookmarks === true && this.bookmarks) {
      if (timeoutMs > 2000) w.addTimer(s.setTimeout(() => w.send({ type: "BOOKMARK", object: this.bookmark(info, false) }), timeoutMs - 2000));
      const interval = this.bookmarkIntervalMs;
      if (interval > 0) {
        const tick = (): void => {
          if (!w.isOpen()) return;
          w.send({ type: "BOOKMARK", object: this.bookmark(info, false) });
          if (w.isOpen()) w.setBookmarkTimer(s.setTimeout(tick, interval));
        };
        w.setBookmarkTimer(s.setTimeout(tick, interval));
      }
    }
    return w;
  }

  private bookmark(info: ResourceInfo, initialEventsEnd: boolean): KubeObject {
    const metadata: Record<string, unknown> = { resourceVersion: this.codec.encode(this.rev) };
    if (initialEventsEnd) metadata["annotations"] = { [INITIAL_EVENTS_END]: "true" };
    return freezeCopy({ kind: info.kind, apiVersion: info.apiVersion, metadata: metadata as unknown as ObjectMeta });
  }
}

/**
 * A ListerWatcher over the server: the same requests as the direct calls, but as network traffic —
 * replies come from scheduled tasks after the client's latency, and partition / restart downtime /
 * throttling apply. The LW's namespace wins over the request's; selectors are ANDed with the request's.
 */
class ServerListerWatcher<T extends KubeObject> implements ListerWatcher<T> {
  constructor(private readonly server: ApiServer, private readonly resource: string,
              private readonly base: ListerWatcherOptions) {}

  private merge<O extends ListOptions | WatchOptions>(options: O): O {
    const out: O = { ...options };
    const and = (a: string | undefined, b: string | undefined): string | undefined =>
      a && b ? (a === b ? a : `${a},${b}`) : (a || b || undefined);
    const ns = this.base.namespace ?? options.namespace;
    const ls = and(this.base.labelSelector, options.labelSelector);
    const fs = and(this.base.fieldSelector, options.fieldSelector);
    if (ns !== undefined) out.namespace = ns;
    if (ls !== undefined) out.labelSelector = ls;
    if (fs !== undefined) out.fieldSelector = fs;
    return out;
  }

  list(options: ListOptions, done: (error: ApiError | undefined, list?: KubeList<T>) => void): void {
    const server = this.server;
    const client = this.base.client;
    let error: ApiError | undefined;
    let list: KubeList<T> | undefined;
    try {
      list = server.doListTraced<T>(this.resource, this.merge(options ?? {}), client, () => server.networkFault());
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      error = e;
    }
    server.scheduler.setTimeout(() => done(error, list), server.latencyFor(client));
  }

  watch(options: WatchOptions, sink: WatchSink<T>): Watch {
    const server = this.server;
    const client = this.base.client;
    try {
      return server.doWatchTraced(this.resource, this.merge(options ?? {}), sink as unknown as WatchSink<KubeObject>,
        client, true, () => server.networkFault());
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      let stopped = false;
      server.scheduler.setTimeout(() => { if (!stopped) sink.onClose(e); }, server.latencyFor(client));
      return { stop: () => { stopped = true; } };
    }
  }
}

function defined(o: Record<string, unknown>): Record<string, never> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) if (o[k] !== undefined && o[k] !== "") out[k] = o[k];
  return out as Record<string, never>;
}

function notFound(info: ResourceInfo, name: string): ApiError {
  return newApiError(404, "NotFound", `${info.resource} "${name}" not found`, { name, kind: info.resource, group: info.group });
}

function conflict(info: ResourceInfo, name: string, why: string): ApiError {
  return newApiError(409, "Conflict", `Operation cannot be fulfilled on ${info.resource} "${name}": ${why}`,
    { name, kind: info.resource, group: info.group });
}

function invalid(info: ResourceInfo, name: string, why: string): ApiError {
  return newApiError(422, "Invalid", `${info.kind} "${name}" is invalid: ${why}`, { name, kind: info.kind, group: info.group });
}

function invalidOptions(why: string): ApiError {
  return newApiError(422, "Invalid", `ListOptions.meta.k8s.io "" is invalid: ${why}`, { kind: "ListOptions", group: "meta.k8s.io" });
}



/** No server answered (partition, restart downtime): not an HTTP status, so code 0 (errors.ts isConnectionRefused). */
function connectionRefused(): ApiError {
  return newApiError(0, "ConnectionRefused", "dial tcp 10.96.0.1:443: connect: connection refused");
}
