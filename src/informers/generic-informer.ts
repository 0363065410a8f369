/**
 * GenericInformer — an informer and its lister for one resource (client-go `informers.GenericInformer`,
 * `informers/core/v1/pod.go`'s PodInformer).
 *
 * Contract:
 * - `informer()` returns the factory's one shared informer for the resource (creating it on first use).
 * - `lister()` returns a lister over that informer's indexer (it also creates/registers the informer),
 *   tracing its reads (lister.query) when the informer's cache traces its reads.
 */
import type { SharedIndexInformer } from "../cache/shared-informer.js";
import type { KubeObject, Pod } from "../types.js";
import { Lister, PodListerImpl, type GenericLister, type ListerTrace, type PodLister } from "./lister.js";

export interface GenericInformer<T extends KubeObject = KubeObject> {
  informer(): SharedIndexInformer<T>;
  lister(): GenericLister<T>;
}
export interface PodInformer extends GenericInformer<Pod> {
  lister(): PodLister;
}

export class GenericInformerImpl<T extends KubeObject> implements GenericInformer<T> {
  constructor(private readonly get: () => SharedIndexInformer<T>, private readonly singular: string) {}

  informer(): SharedIndexInformer<T> {
    return this.get();
  }

  lister(): GenericLister<T> {
    const informer = this.get();
    return new Lister<T>(informer.getIndexer(), this.singular, listerTrace(informer));
  }
}

export class PodInformerImpl implements PodInformer {
  constructor(private readonly get: () => SharedIndexInformer<Pod>) {}

  informer(): SharedIndexInformer<Pod> {
    return this.get();
  }

  lister(): PodLister {
    const informer = this.get();
    return new PodListerImpl(informer.getIndexer(), listerTrace(informer));
  }
}

/**
 * The informer's read tracer, if it has one: its cache (a KeyedIndexer, store.ts) traces reads through
 * `traceQuery`. Read by name, not by importing the class, so the playground's declarations stay as they were.
 */
function listerTrace<T extends KubeObject>(informer: SharedIndexInformer<T>): ListerTrace | undefined {
  const fn: unknown = (informer.getIndexer() as { readonly traceQuery?: unknown }).traceQuery;
  return typeof fn === "function" ? { fn: fn as ListerTrace["fn"], name: informer.name } : undefined;
}
