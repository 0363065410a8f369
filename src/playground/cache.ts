/**
 * playground `cache` — client-go's tools/cache package as learner code sees it.
 *
 * Contract: the engine's key functions, stores, indexers, tombstones and handler adapters, unchanged;
 * plus the functions that need the run (its Scheduler, ApiServer, tracer), bound through the current run
 * (src/scenario/current-run.ts) — calling them outside a run throws a clear error:
 * - `waitForCacheSync(stop, ...hasSynced)` = tools/cache WaitForCacheSync on the run's clock, traced as
 *   `runner.cacheSync` (the value and each function's answer) when it resolves;
 * - `newDeltaFIFO(options?)` — a standalone DeltaFIFO traced into the run (name default "fifo");
 * - `newListWatchFromClient(clientset, resource, namespace?, fieldSelector?)` and
 *   `newSharedIndexInformer(lw, resyncPeriodMs, indexers?)` — an informer without the factory, as in Go.
 */
import { reflectorClient } from "../sim/trace.js";
import type { ListerWatcher } from "../cache/listwatch.js";
import { DeltaFIFO } from "../cache/delta-fifo.js";
import type { DeltaFIFOOptions } from "../cache/delta-fifo.js";
import { SharedIndexInformer } from "../cache/shared-informer.js";
import { typeDescriptionOf } from "../cache/reflector-errors.js";
import { RESOURCES } from "../apiserver/resources.js";
import type { Indexers, KeyFunc, KeyListerGetter } from "../cache/types.js";
import { waitForCacheSync as engineWaitForCacheSync } from "../cache/wait-for-cache-sync.js";
import { serverOf, type Clientset } from "../scenario/clientset.js";
import { requireRun } from "../scenario/current-run.js";
import type { KubeObject } from "../types.js";

export { DeletedFinalStateUnknown } from "../cache/deleted-final-state-unknown.js";
export {
  metaNamespaceKeyFunc, deletionHandlingMetaNamespaceKeyFunc, splitMetaNamespaceKey, metaNamespaceIndexFunc,
  NamespaceIndex,
} from "../cache/keys.js";
export { newIndexer, newStore } from "../cache/store.js";
export { FilteringResourceEventHandler } from "../cache/filtering-resource-event-handler.js";
export { FIFOClosedError } from "../cache/queue.js";
export type {
  Delta, DeltaType, KeyFunc, IndexFunc, Indexers, Store, Indexer, KeyListerGetter,
  ResourceEventHandler, ResourceEventHandlerFuncs, ResourceEventHandlerRegistration,
} from "../cache/types.js";
export type { DeltaFIFO, SharedIndexInformer };

/** Resolves true once every hasSynced reports true (polled every 100 ms of virtual time), false if stop is aborted first. */
export function waitForCacheSync(stop: AbortSignal, ...hasSynced: Array<() => boolean>): Promise<boolean> {
  const run = requireRun("cache.waitForCacheSync");
  return engineWaitForCacheSync(run.scheduler, stop, ...hasSynced).then((synced) => {
    // traced as it resolves (runner.cacheSync): the value, and what each function answers at that moment
    run.trace({ component: "runner", kind: "runner.cacheSync", synced, results: hasSynced.map((fn) => fn()) });
    return synced;
  });
}

export interface NewDeltaFIFOOptions {
  keyFunction?: KeyFunc;
  knownObjects?: KeyListerGetter;
  /** List items of replace() queue as "Replaced" instead of "Sync". Default false. */
  emitDeltaTypeReplaced?: boolean;
  /** Names this queue in the trace. Default "fifo". */
  name?: string;
}

/** A standalone DeltaFIFO whose every change is traced in the run (fifo.* events). */
export function newDeltaFIFO(options?: NewDeltaFIFOOptions): DeltaFIFO {
  const run = requireRun("cache.newDeltaFIFO");
  const fifoOptions: DeltaFIFOOptions = { ...(options ?? {}), tracer: run.tracer, name: options?.name ?? "fifo" };
  return new DeltaFIFO(fifoOptions);
}

/** Go's cache.NewListWatchFromClient: lists and watches `resource` through the run's (simulated) network. */
export function newListWatchFromClient<T extends KubeObject = KubeObject>(
  clientset: Clientset, resource: string, namespace?: string, fieldSelector?: string,
): ListerWatcher<T> {
  const server = serverOf(clientset);
  // The name its informer will trace under, unique in the run ("pods", "pods-2"): its client says whose requests these are.
  const name = requireRun("cache.newListWatchFromClient").uniqueName(resource);
  const lw = server.listerWatcher<T>(resource, {
    ...(namespace !== undefined && namespace !== "" ? { namespace } : {}),
    ...(fieldSelector !== undefined && fieldSelector !== "" ? { fieldSelector } : {}),
    client: reflectorClient(name),
  });
  traceNames.set(lw, name);
  const info = RESOURCES[resource];
  if (info !== undefined) typeNames.set(lw, typeDescriptionOf(info.apiVersion, info.kind));
  return lw;
}

/** The trace name claimed for each ListerWatcher made by newListWatchFromClient. */
const traceNames = new WeakMap<object, string>();
/** Its object type as Go names it ("*v1.Pod"): the informer's errors say "failed to list *v1.Pod: …". */
const typeNames = new WeakMap<object, string>();

/** Go's cache.NewSharedIndexInformer (without the factory), on the run's clock and trace. */
export function newSharedIndexInformer<T extends KubeObject = KubeObject>(
  lw: ListerWatcher<T>, resyncPeriodMs: number, indexers?: Indexers,
): SharedIndexInformer<T> {
  const run = requireRun("cache.newSharedIndexInformer");
  const name = traceNames.get(lw);
  const type = typeNames.get(lw);
  const informer = new SharedIndexInformer<T>(lw, {
    scheduler: run.scheduler, resyncPeriodMs, tracer: run.tracer, ...(name !== undefined ? { name } : {}), ...(indexers !== undefined ? { indexers } : {}),
    ...(type !== undefined ? { objectDescription: type } : {}),
    ...(run.errorLine !== undefined ? { errorLine: run.errorLine } : {}),
    ...(run.sourceLocator !== undefined ? { sourceLocator: run.sourceLocator } : {}),
  });
  run.informerCreated(informer);
  return informer;
}
