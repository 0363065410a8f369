/**
 * GenericInformer — an informer and its lister for one resource (client-go `informers.GenericInformer`,
 * `informers/core/v1/pod.go`'s PodInformer).
 *
 * Contract:
 * - `informer()` returns the factory's one shared informer for the resource (creating it on first use).
 * - `lister()` returns a lister over that informer's indexer (it also creates/registers the informer).
 */
import type { SharedIndexInformer } from "../cache/shared-informer.js";
import type { KubeObject, Pod } from "../types.js";
import { Lister, PodListerImpl, type GenericLister, type PodLister } from "./lister.js";

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
    return new Lister<T>(this.get().getIndexer(), this.singular);
  }
}

export class PodInformerImpl implements PodInformer {
  constructor(private readonly get: () => SharedIndexInformer<Pod>) {}

  informer(): SharedIndexInformer<Pod> {
    return this.get();
  }

  lister(): PodLister {
    return new PodListerImpl(this.get().getIndexer());
  }
}
