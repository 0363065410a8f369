/**
 * SharedInformerFactory — one shared informer per resource for everything built from it (client-go
 * `informers.sharedInformerFactory`, spec §8).
 *
 * Contract:
 * - `forResource(plural)` and the typed accessors (`core().v1().pods()`, `configMaps()`, `services()`,
 *   `nodes()`, `namespaces()`, `apps().v1().deployments()`, `replicaSets()`) return the one informer for
 *   that resource, created on first use: list/watch through `server.listerWatcher(resource)` (restricted
 *   to the factory's namespace), `tweakListOptions` applied to the options of every list AND watch
 *   request, resync = the per-resource custom period or the default, the "namespace" index, the
 *   factory's fifo/watchList/tracer options, trace name = the resource plural, or `informerName(plural)`
 *   when given (a run names a second informer of one resource "pods-2", so the trace tells them apart);
 *   its reflector's client is reflectorClient(trace name).
 * - `start(stop)` runs every informer not started yet (idempotent; informers created later start on a
 *   later call); after `shutdown()` it does nothing.
 * - `waitForCacheSync(stop)` waits (polling every 100 ms of virtual time) for the informers started so
 *   far and resolves `{ [plural]: synced }`; an informer created but not started is absent.
 * - `shutdown()` marks the factory shutting down; informers end when their stop signal is aborted.
 * - Unknown resource ⇒ throws `no informer found for <resource>`.
 * - `setListenerDelay(n, ms)` (the "slowHandler" fault) applies to listener n of every informer.
 */
import type { ApiServer } from "../apiserver/api-server.js";
import { RESOURCES } from "../apiserver/resources.js";
import type { ListOptions, WatchOptions } from "../apimachinery/meta.js";
import type { ListerWatcher, WatchSink } from "../cache/listwatch.js";
import { metaNamespaceIndexFunc, NamespaceIndex } from "../cache/keys.js";
import { typeDescriptionOf } from "../cache/reflector-errors.js";
import { SharedIndexInformer } from "../cache/shared-informer.js";
import { waitForCacheSync } from "../cache/wait-for-cache-sync.js";
import { reflectorClient, type FifoMode, type SourceLocator, type Tracer } from "../sim/trace.js";
import type { KubeObject, Pod } from "../types.js";
import { GenericInformerImpl, PodInformerImpl, type GenericInformer, type PodInformer } from "./generic-informer.js";

export interface SharedInformerFactoryOptions {
  namespace?: string;
  tweakListOptions?: (options: ListOptions) => void;
  fifo?: FifoMode;
  /** With an in-order fifo: batch processing (InOrderInformersBatchProcess, spec §5.2). */
  batchProcess?: boolean;
  watchList?: boolean;
  tracer?: Tracer;
  /** WithCustomResyncConfig: resync period per resource plural. */
  customResync?: Record<string, number>;
  /** WithTransform: set on every informer at creation. */
  transform?: (obj: unknown) => unknown;
  /** Maps a handler's error to the learner's source line (handler.threw.line). */
  errorLine?: (error: unknown) => number | undefined;
  /** Places learner handler functions in the learner's source (handler.called.src). */
  sourceLocator?: SourceLocator;
  /** The trace name of a new informer of `resource` (default: the plural itself), unique in a run. */
  informerName?: (resource: string) => string;
  /** Called with every informer this factory creates (e.g. the run context's informerCreated). */
  onInformerCreated?: (informer: SharedIndexInformer<KubeObject>) => void;
}

/** Applies tweakListOptions to every list and watch request. */
class TweakedListerWatcher<T> implements ListerWatcher<T> {
  constructor(private readonly inner: ListerWatcher<T>, private readonly tweak: (options: ListOptions) => void) {}

  list(options: ListOptions, done: Parameters<ListerWatcher<T>["list"]>[1]): void {
    const o: ListOptions = { ...options };
    this.tweak(o);
    this.inner.list(o, done);
  }

  watch(options: WatchOptions, sink: WatchSink<T>): ReturnType<ListerWatcher<T>["watch"]> {
    const o = { ...options } as WatchOptions & ListOptions;
    this.tweak(o);
    return this.inner.watch(o, sink);
  }
}

export class SharedInformerFactory {
  private readonly informers = new Map<string, SharedIndexInformer<KubeObject>>();
  private readonly started = new Set<string>();
  private shuttingDown = false;
  private readonly listenerDelays = new Map<number, number>();
  private readonly options: SharedInformerFactoryOptions;

  constructor(private readonly server: ApiServer, private readonly defaultResyncMs: number,
              options: SharedInformerFactoryOptions = {}) {
    this.options = options;
  }

  /** The informer for a resource plural ("pods", "configmaps", …), created on first use. */
  informerFor<T extends KubeObject = KubeObject>(resource: string): SharedIndexInformer<T> {
    const existing = this.informers.get(resource);
    if (existing !== undefined) return existing as unknown as SharedIndexInformer<T>;
    const info = RESOURCES[resource];
    if (info === undefined) throw new Error(`no informer found for ${resource}`);
    const o = this.options;
    const name = o.informerName?.(resource) ?? resource;
    let lw: ListerWatcher<T> = this.server.listerWatcher<T>(resource, {
      ...(o.namespace !== undefined && o.namespace !== "" && info.namespaced ? { namespace: o.namespace } : {}),
      client: reflectorClient(name),
    });
    if (o.tweakListOptions !== undefined) lw = new TweakedListerWatcher(lw, o.tweakListOptions);
    const informer = new SharedIndexInformer<T>(lw, {
      scheduler: this.server.scheduler,
      resyncPeriodMs: o.customResync?.[resource] ?? this.defaultResyncMs,
      indexers: { [NamespaceIndex]: metaNamespaceIndexFunc },
      name,
      expectedKind: info.kind,
      objectDescription: typeDescriptionOf(info.apiVersion, info.kind),
      ...(o.fifo !== undefined ? { fifo: o.fifo } : {}),
      ...(o.batchProcess !== undefined ? { batchProcess: o.batchProcess } : {}),
      ...(o.watchList !== undefined ? { watchList: o.watchList } : {}),
      tracer: o.tracer,
      ...(o.errorLine !== undefined ? { errorLine: o.errorLine } : {}),
      ...(o.sourceLocator !== undefined ? { sourceLocator: o.sourceLocator } : {}),
    });
    if (o.transform !== undefined) informer.setTransform(o.transform);
    for (const [index, delayMs] of this.listenerDelays) informer.setListenerDelay(index, delayMs);
    this.informers.set(resource, informer as unknown as SharedIndexInformer<KubeObject>);
    o.onInformerCreated?.(informer as unknown as SharedIndexInformer<KubeObject>);
    return informer;
  }

  forResource(resource: string): GenericInformer {
    const info = RESOURCES[resource];
    if (info === undefined) throw new Error(`no informer found for ${resource}`);
    const singular = info.kind.toLowerCase();
    return new GenericInformerImpl(() => this.informerFor(resource), info.group === "" ? singular : `${singular}.${info.group}`);
  }

  core(): { v1(): { pods(): PodInformer; configMaps(): GenericInformer; services(): GenericInformer;
                    nodes(): GenericInformer; namespaces(): GenericInformer } } {
    const v1 = {
      pods: (): PodInformer => new PodInformerImpl(() => this.informerFor<Pod>("pods")),
      configMaps: (): GenericInformer => this.forResource("configmaps"),
      services: (): GenericInformer => this.forResource("services"),
      nodes: (): GenericInformer => this.forResource("nodes"),
      namespaces: (): GenericInformer => this.forResource("namespaces"),
    };
    return { v1: () => v1 };
  }

  apps(): { v1(): { deployments(): GenericInformer; replicaSets(): GenericInformer } } {
    const v1 = {
      deployments: (): GenericInformer => this.forResource("deployments"),
      replicaSets: (): GenericInformer => this.forResource("replicasets"),
    };
    return { v1: () => v1 };
  }

  start(stop: AbortSignal): void {
    if (this.shuttingDown) return;
    for (const [resource, informer] of this.informers) {
      if (this.started.has(resource)) continue;
      informer.run(stop);
      this.started.add(resource);
    }
  }

  waitForCacheSync(stop: AbortSignal): Promise<Record<string, boolean>> {
    const scheduler = this.server.scheduler;
    const entries = [...this.informers].filter(([resource]) => this.started.has(resource));
    return new Promise((resolve) => {
      const out: Record<string, boolean> = {};
      for (const [resource] of entries) out[resource] = false;
      let remaining = entries.length;
      if (remaining === 0) {
        scheduler.setTimeout(() => resolve(out), 0);
        return;
      }
      for (const [resource, informer] of entries) {
        void waitForCacheSync(scheduler, stop, () => informer.hasSynced()).then((synced) => {
          out[resource] = synced;
          if (--remaining === 0) resolve(out);
        });
      }
    });
  }

  /**
   * The "slowHandler" fault: listener n (0-based registration order) of every informer of this factory,
   * present and future, takes `delayMs` of virtual time per notification.
   */
  setListenerDelay(listenerIndex: number, delayMs: number): void {
    this.listenerDelays.set(listenerIndex, delayMs);
    for (const informer of this.informers.values()) informer.setListenerDelay(listenerIndex, delayMs);
  }

  shutdown(): void {
    this.shuttingDown = true;
  }

  /** Resource plurals of the informers created so far, in creation order. */
  resources(): string[] {
    return [...this.informers.keys()];
  }
}
