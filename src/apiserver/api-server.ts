/**
 * ApiServer — the simulated kube-apiserver, API.md "Simulated API server", behaviour from
 * spec/apiserver.md §3. This file is the façade: the verbs and the wiring of the rooms, each named after
 * the part of the real apiserver it simulates:
 *
 *   api-server-options.ts the options and their defaults
 *   fault-switches.ts  the fault switches ApiServer inherits (dropWatches, compact, partition, …)
 *   resource-store.ts  the etcd3 store: one global revision, MVCC per resource, compaction
 *   registry.ts        the generic registry: create / update / updateStatus / delete rules
 *   graceful-delete.ts pods' two-phase delete and the built-in kubelet
 *   object-meta.ts     what the server stamps on metadata (uid, timestamps, generateName, name rules)
 *   list.ts            list semantics (RV, Exact snapshots, limit and continue, selectors)
 *   watch.ts           the cacher: watch windows, initial events, bookmarks, timeouts (W1–W7)
 *   cache-watcher.ts   one open watch: selector transitions, close (delivery-queue.ts, watch-event.ts)
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
import { isNotFound, type Status } from "../apimachinery/errors.js";
import type { KubeList, ListOptions, WatchOptions } from "../apimachinery/meta.js";
import type { ListerWatcher, Watch, WatchSink } from "../cache/listwatch.js";
import type { Scheduler } from "../sim/scheduler.js";
import { traceTo, type RequestOrigin, type SourcePosition } from "../sim/trace.js";
import type { KubeObject } from "../types.js";
import type { ApiServerOptions } from "./api-server-options.js";
import { FaultSwitches } from "./fault-switches.js";
import { NetworkFaults } from "./faults.js";
import { freezeShallow } from "./frozen.js";
import { GracefulDelete } from "./graceful-delete.js";
import { list } from "./list.js";
import { ServerListerWatcher, type ListerWatcherOptions, type ServerEndpoint } from "./lister-watcher.js";
import { NamespaceLifecycle } from "./namespace-lifecycle.js";
import { DEFAULT_EPOCH, MetaMinter } from "./object-meta.js";
import { Registry, type Binding, type DeleteOptions } from "./registry.js";
import { getScale, patchObject, updateScale, type PatchOptions, type Scale } from "./patch.js";
import type { PatchType } from "../apimachinery/patch.js";
import { RequestTrace } from "./request-trace.js";
import { Storage } from "./resource-store.js";
import { RESOURCES } from "./resources.js";
import { ResourceVersionCodec } from "./resource-version.js";
import { Cacher } from "./watch.js";

export type { ApiServerOptions } from "./api-server-options.js";
export type { Binding, DeleteOptions } from "./registry.js";
export type { PartitionMode } from "./faults.js";
export type { PatchOptions, Scale } from "./patch.js";

/** The body of a successful binding (Status Success, 201), as the real server answers. */
const BIND_SUCCESS: Status = Object.freeze({ kind: "Status", apiVersion: "v1", status: "Success", message: "", reason: "", code: 201 }) as Status;

/** Options every write takes: `dryRun` is the real `dryRun=All` (checked, answered, nothing stored). */
export interface WriteOptions { dryRun?: boolean }
export type { ListerWatcherOptions } from "./lister-watcher.js";

export class ApiServer extends FaultSwitches {
  private readonly registry: Registry;
  private readonly requests: RequestTrace;
  /** The narrow surface ListerWatchers see. */
  private readonly endpoint: ServerEndpoint;

  constructor(scheduler: Scheduler, options: ApiServerOptions = {}) {
    const trace = traceTo(options.tracer);
    const codec = new ResourceVersionCodec(options.resourceVersionFormat ?? "decimal", options.initialResourceVersion ?? 0);
    const faults = new NetworkFaults(scheduler, options.latencyMs ?? 0, options.slowConsumerLimit);
    let cacher: Cacher | undefined;
    const storage = new Storage(Object.values(RESOURCES), codec, trace, (resource, event) => cacher!.committed(resource, event));
    cacher = new Cacher(storage, {
      scheduler, trace,
      capacity: Math.max(0, Math.floor(options.watchCacheCapacity ?? 100)),
      bookmarkIntervalMs: options.bookmarkIntervalMs ?? 60_000,
      bookmarks: options.bookmarks ?? true,
      minRequestTimeoutMs: (options.minRequestTimeoutSeconds ?? 1800) * 1000,
      latencyFor: (client) => faults.latencyFor(client),
      slowConsumerLimit: () => faults.slowLimit,
      heard: () => faults.heard(),
    });
    super(scheduler, trace, storage, cacher, faults);
    this.requests = new RequestTrace(trace);
    const minter = new MetaMinter(scheduler, options.epoch ?? DEFAULT_EPOCH);
    const graceful = new GracefulDelete(this.storage, minter, scheduler, this.requests, options.kubelet ?? true);
    const namespaces = new NamespaceLifecycle(this.storage, minter, scheduler, this.requests, options.namespaceController ?? true, {
      deleteObject: (resource, namespace, name) => this.requests.run("delete", resource, { namespace, name, client: "namespace-controller" },
        (_id, respond) => { this.registry.delete(resource, namespace, name, {}); respond?.({ code: 200 }); }),
    });
    this.registry = new Registry(this.storage, minter, graceful, namespaces, options.allowUnconditionalUpdate ?? true);
    this.endpoint = {
      scheduler,
      list: (resource, o, client) => this.tracedList(resource, o, client, () => faults.refusal()),
      watch: (resource, o, sink, client) => this.tracedWatch(resource, o, sink, client, true, () => faults.refusal()),
      latencyFor: (client) => faults.latencyFor(client),
      hold: (send, lose) => faults.hold(send, lose),
      heard: () => faults.heard(),
    };
  }

  /**
   * Runs `fn` with the requests it makes attributed to `origin` in the trace (`server.request.origin`):
   * the clientset wraps learner calls ("code"), applyOp stage actions and scenario ops. Requests whose
   * client says who they are (reflectors, the kubelet) keep that origin. `src`: where the learner's code
   * made the call (traced as `server.request.src`), when the runner can tell.
   */
  withRequestOrigin<R>(origin: RequestOrigin, fn: () => R, src?: SourcePosition): R {
    return this.requests.withOrigin(origin, fn, src);
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
   * DELETE on a collection (deletecollection, apiserver store.go DeleteCollection; beyond the contract):
   * lists with the list options (namespace, selectors), then deletes each item with the delete options,
   * one traced delete each. Answers the list with the items as their deletes returned them (an object
   * deleted meanwhile is skipped, as the real server ignores NotFound). Dry run deletes nothing.
   */
  deleteCollection(resource: string, options: ListOptions & DeleteOptions & WriteOptions = {}): KubeList<KubeObject> {
    const { gracePeriodSeconds, preconditions, dryRun, ...listOptions } = options;
    const found = list<KubeObject>(this.storage, resource, listOptions);
    const deleted: KubeObject[] = [];
    for (const item of found.items) {
      try {
        deleted.push(this.delete(resource, item.metadata.namespace, item.metadata.name, {
          ...(gracePeriodSeconds !== undefined ? { gracePeriodSeconds } : {}),
          ...(preconditions !== undefined ? { preconditions } : {}),
          ...(dryRun !== undefined ? { dryRun } : {}),
        }));
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
    return freezeShallow({ ...found, items: freezeShallow(deleted) });
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


}
