/**
 * playground `informers` — client-go's informers package as learner code sees it.
 *
 * Contract: `newSharedInformerFactory(clientset, defaultResyncMs, options?)` is
 * informers.NewSharedInformerFactoryWithOptions over the run's ApiServer (the one behind `ctx.clientset`),
 * traced into the run (handler errors mapped to the learner's line when the runner can); every informer it creates is registered with the run (scenario faults such as
 * slowHandler apply to it) and named uniquely in the run's trace ("pods", then "pods-2" for another factory's); its waitForCacheSync is traced (`runner.cacheSync`). Everything else is the engine's SharedInformerFactory (src/informers).
 */
import type { ListOptions } from "../apimachinery/meta.js";
import type { SharedIndexInformer } from "../cache/shared-informer.js";
import { SharedInformerFactory } from "../informers/index.js";
import { serverOf, type Clientset } from "../scenario/clientset.js";
import { requireRun, type RunContext } from "../scenario/current-run.js";
import type { FifoMode } from "../sim/trace.js";
import type { KubeObject } from "../types.js";

/** Registers every informer it creates with the run, so run-wide faults (slowHandler) reach it. */
class RunInformerFactory extends SharedInformerFactory {
  private run: RunContext | undefined;

  attach(run: RunContext): this {
    this.run = run;
    return this;
  }

  override informerFor<T extends KubeObject = KubeObject>(resource: string): SharedIndexInformer<T> {
    const informer = super.informerFor<T>(resource);
    this.run?.informerCreated(informer);
    return informer;
  }

  /** The factory's WaitForCacheSync, traced as `runner.cacheSync` (one result per started informer) when it resolves. */
  override waitForCacheSync(stop: AbortSignal): Promise<Record<string, boolean>> {
    return super.waitForCacheSync(stop).then((out) => {
      const resources = Object.keys(out);
      const results = resources.map((r) => out[r] === true);
      this.run?.trace({ component: "runner", kind: "runner.cacheSync", synced: results.every(Boolean), results, resources });
      return out;
    });
  }
}

export type { SharedInformerFactory };
export type { GenericInformer, GenericLister, GenericNamespaceLister, PodInformer, PodLister } from "../informers/index.js";

export interface SharedInformerOptions {
  /** Only objects in this namespace (informers.WithNamespace). */
  namespace?: string;
  /** Adjusts every list/watch request (informers.WithTweakListOptions), e.g. to set a labelSelector. */
  tweakListOptions?: (options: ListOptions) => void;
  /**
   * "delta" (classic DeltaFIFO, default), "real" (the in-order RealFIFO of client-go ≥ 1.33) or
   * "realAtomic" (RealFIFO in atomic mode: a relist is one entry, client-go ≥ 1.36).
   */
  fifo?: FifoMode;
  /** With fifo "real"/"realAtomic": pop and apply up to 1000 entries at once (client-go ≥ 1.35). Default false. */
  batchProcess?: boolean;
  /** Streaming initial list (sendInitialEvents). Default false. */
  watchList?: boolean;
}

export function newSharedInformerFactory(clientset: Clientset, defaultResyncMs: number,
                                         options?: SharedInformerOptions): SharedInformerFactory {
  const run = requireRun("informers.newSharedInformerFactory");
  return new RunInformerFactory(serverOf(clientset), defaultResyncMs, {
    ...(options ?? {}), tracer: run.tracer, ...(run.errorLine !== undefined ? { errorLine: run.errorLine } : {}),
    ...(run.sourceLocator !== undefined ? { sourceLocator: run.sourceLocator } : {}),
    // A second informer of one resource in the run (another factory) is "pods-2" in the trace: two informers, shown as two.
    informerName: (resource) => run.uniqueName(resource),
  }).attach(run);
}
