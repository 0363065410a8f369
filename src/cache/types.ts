/**
 * tools/cache contracts shared by the stores, the FIFOs, the reflector and the shared informer
 * (API.md "tools/cache"). Behaviour lives in the files named after each concept.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- API.md: handler types default T to any, like Go's interface{} */

export type DeltaType = "Added" | "Updated" | "Deleted" | "Replaced" | "Sync";
/** The atomic in-order FIFO (spec §5.3) adds these. */
export type ExtendedDeltaType = DeltaType | "ReplacedAll" | "SyncAll" | "Bookmark";

/** One change to one object; `object` may be a DeletedFinalStateUnknown. */
export interface Delta {
  type: DeltaType;
  object: unknown;
}

/** Atomic mode (spec §5.3): a whole relist, applied by the consumer as one step. */
export interface ReplacedAllDelta {
  type: "ReplacedAll";
  object: { resourceVersion: string; objects: unknown[] };
}
/** Atomic mode: a resync of every cached object. */
export interface SyncAllDelta {
  type: "SyncAll";
  object: undefined;
}
/** Atomic mode: the server's progress marker; the consumer records the resourceVersion. */
export interface BookmarkDelta {
  type: "Bookmark";
  object: { resourceVersion: string };
}
/** What a RealFIFO entry can be (the last three only with atomicEvents). */
export type AtomicDelta = Delta | ReplacedAllDelta | SyncAllDelta | BookmarkDelta;

export type KeyFunc = (obj: unknown) => string;
export type IndexFunc = (obj: unknown) => string[];
export type Indexers = Record<string, IndexFunc>;

export interface Store<T = unknown> {
  add(obj: T): void;
  update(obj: T): void;
  delete(obj: T): void;
  list(): T[];
  listKeys(): string[];
  get(obj: T): T | undefined;
  getByKey(key: string): T | undefined;
  replace(list: T[], resourceVersion: string): void;
  resync(): void;
}

export interface Indexer<T = unknown> extends Store<T> {
  /** Objects sharing any indexed value with obj. */
  index(indexName: string, obj: T): T[];
  indexKeys(indexName: string, indexedValue: string): string[];
  listIndexFuncValues(indexName: string): string[];
  /** Unknown index ⇒ throws "... does not exist". */
  byIndex(indexName: string, indexedValue: string): T[];
  getIndexers(): Indexers;
  /** Name clash ⇒ throws "indexer conflict ...". */
  addIndexers(indexers: Indexers): void;
}

export interface KeyListerGetter {
  listKeys(): string[];
  getByKey(key: string): unknown | undefined;
}

/** What a Reflector writes to (DeltaFIFO, RealFIFO, or any Store). */
export interface ReflectorStore {
  add(obj: unknown): void;
  update(obj: unknown): void;
  delete(obj: unknown): void;
  replace(list: unknown[], resourceVersion: string): void;
  /** The same replace a few items per step (live mode; src/cache/replace-in-tasks.ts). */
  replaceInSteps?(list: unknown[], resourceVersion: string): { step(items: number): boolean };
  resync(): void;
  bookmark?(resourceVersion: string): void;
  updateResourceVersion?(resourceVersion: string): void;
}

export interface ResourceEventHandler<T = any> {
  onAdd(obj: T, isInInitialList: boolean): void;
  onUpdate(oldObj: T, newObj: T): void;
  onDelete(obj: unknown): void;
}
export interface ResourceEventHandlerFuncs<T = any> {
  addFunc?(obj: T, isInInitialList: boolean): void;
  updateFunc?(oldObj: T, newObj: T): void;
  deleteFunc?(obj: unknown): void;
}
export interface ResourceEventHandlerRegistration {
  hasSynced(): boolean;
}

/** The informer's queue (spec §4–§5); defined beside the trace's FifoKind, its in-order part. */
export type { FifoMode } from "../sim/trace.js";
