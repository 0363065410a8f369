/**
 * Store and Indexer — a ThreadSafeStore plus a key function (client-go tools/cache `cache`,
 * `NewStore`, `NewIndexer`; spec §6.1–§6.2).
 *
 * Contract:
 * - Every object-taking method computes the key with the key function; a failure throws `KeyError`
 *   and changes nothing. `add` and `update` are the same put; `delete` of an absent key is a no-op.
 * - `get(obj)` / `getByKey(key)` return undefined for a missing key (never throw for it).
 * - `list()` / `listKeys()` are unordered by contract (insertion order here).
 * - `replace(list, rv)` computes every key first (one failure ⇒ KeyError, old contents kept), then
 *   swaps the contents and rebuilds all indexes. The resourceVersion is ignored.
 * - `resync()` is a no-op.
 * - Storage: a ThreadSafeStore, told when the key function is metaNamespaceKeyFunc or
 *   deletionHandlingMetaNamespaceKeyFunc (every informer's cache) so that it may build the namespace
 *   index only when first read. `swapByKey(key, obj)` is the informer's put (process-deltas.ts): `key`
 *   is obj's key, the previous object is returned.
 * - Index queries and `addIndexers` behave as ThreadSafeStore documents (unknown index ⇒ "does not
 *   exist", name clash ⇒ "indexer conflict", new indexes built over existing items).
 * - Optional tracing (an extension of API.md's signatures: a third `options` argument). With a tracer,
 *   every change emits component "indexer" events: indexer.write (op "add" for a new key, "update" for
 *   an existing one, "delete" only when something was removed; `indexes` = the values the object is
 *   indexed under now, [] after delete), indexer.replace, indexer.indexAdded; every `byIndex` read emits
 *   indexer.query (index, value, items). The shared informer traces its own cache writes, so it creates
 *   its indexer with `queryTracer` only: learner reads (byIndex, a lister's namespace query) are traced.
 */
import { traceTo, type TraceFn, type Tracer } from "../sim/trace.js";
import type { KubeObject } from "../types.js";
import { resourceVersionOf } from "./deltas.js";
import { deletionHandlingMetaNamespaceKeyFunc, KeyError, metaNamespaceKeyFunc } from "./keys.js";
import { ThreadSafeStore } from "./thread-safe-store.js";
import type { Indexer, Indexers, KeyFunc, Store } from "./types.js";

export interface StoreOptions {
  tracer?: Tracer;
  /** The `name` of this store's trace events. Default "indexer". */
  name?: string;
  /**
   * Traces only the reads of an index (`indexer.query`), for a store whose writes are traced elsewhere
   * (the shared informer's cache: process-deltas.ts traces its writes). `tracer` traces both.
   */
  queryTracer?: Tracer;
}

function isKubeObject(obj: unknown): obj is KubeObject {
  return typeof obj === "object" && obj !== null && typeof (obj as { metadata?: unknown }).metadata === "object"
    && (obj as { metadata?: unknown }).metadata !== null;
}

/** Go's `cache`: the Store/Indexer implementation returned by newStore and newIndexer. */
export class KeyedIndexer<T = unknown> implements Indexer<T> {
  private readonly store: ThreadSafeStore<T>;
  private readonly keyFunc: KeyFunc;
  private readonly trace: TraceFn | undefined;
  /** Traces reads (indexer.query); the informer's listers trace theirs through it (lister.query). */
  readonly traceQuery: TraceFn | undefined;
  private readonly name: string;

  constructor(keyFunc: KeyFunc, indexers: Indexers = {}, options: StoreOptions = {}) {
    this.keyFunc = keyFunc;
    this.store = new ThreadSafeStore<T>(indexers, {
      namespaceKeys: keyFunc === metaNamespaceKeyFunc || keyFunc === deletionHandlingMetaNamespaceKeyFunc,
    });
    this.trace = traceTo(options.tracer);
    this.traceQuery = traceTo(options.tracer ?? options.queryTracer);
    this.name = options.name ?? "indexer";
  }

  /** The key of `obj` under this store's key function; throws KeyError. */
  keyOf(obj: T): string {
    try {
      return this.keyFunc(obj);
    } catch (error) {
      throw new KeyError(obj, error);
    }
  }

  add(obj: T): void {
    this.update(obj);
  }

  update(obj: T): void {
    const key = this.keyOf(obj);
    const existed = this.trace !== undefined && this.store.has(key);   // only the trace needs it
    this.store.update(key, obj);
    this.traceWrite(existed ? "update" : "add", key, obj);
  }

  delete(obj: T): void {
    this.deleteByKey(this.keyOf(obj), obj);
  }

  /**
   * A put under `key`, the key of `obj` under this store's key function (computed by the caller);
   * returns the previous object (undefined when the key was absent). Traced like `update`.
   */
  swapByKey(key: string, obj: T): T | undefined {
    const old = this.store.swap(key, obj);
    if (this.trace !== undefined) this.traceWrite(old !== undefined ? "update" : "add", key, obj);   // no call when untraced
    return old;
  }

  /**
   * A delete by a key the caller computed with this store's key function; `obj`, when given, is what
   * is being deleted (`key` is its key, or it is a tombstone filed under `key`). Traced like `delete`.
   */
  deleteByKey(key: string, obj?: unknown): void {
    if (this.trace === undefined) {
      this.store.delete(key, obj);
      return;
    }
    if (!this.store.has(key)) return;                                  // nothing removed: nothing traced
    const old = this.store.get(key);
    this.store.delete(key, obj);
    this.traceWrite("delete", key, old);
  }

  list(): T[] {
    return this.store.list();
  }

  listKeys(): string[] {
    return this.store.listKeys();
  }

  get(obj: T): T | undefined {
    return this.store.get(this.keyOf(obj));
  }

  getByKey(key: string): T | undefined {
    return this.store.get(key);
  }

  replace(list: T[], _resourceVersion: string): void {
    const items = new Map<string, T>();
    for (const obj of list) items.set(this.keyOf(obj), obj);
    this.replaceByKey(items);
  }

  /** `replace` with the key → object map already built by the caller (keyed by this store's key function). */
  replaceByKey(items: Map<string, T>): void {
    this.store.replace(items);
    this.trace?.({ component: "indexer", kind: "indexer.replace", name: this.name, items: items.size });
  }

  resync(): void {
    this.store.resync();
  }

  index(indexName: string, obj: T): T[] {
    return this.store.index(indexName, obj);
  }

  indexKeys(indexName: string, indexedValue: string): string[] {
    return this.store.indexKeys(indexName, indexedValue);
  }

  listIndexFuncValues(indexName: string): string[] {
    return this.store.listIndexFuncValues(indexName);
  }

  byIndex(indexName: string, indexedValue: string): T[] {
    const items = this.store.byIndex(indexName, indexedValue);
    this.traceQuery?.({ component: "indexer", kind: "indexer.query", name: this.name, indexName, value: indexedValue, items: items.length });
    return items;
  }

  getIndexers(): Indexers {
    return this.store.getIndexers();
  }

  addIndexers(indexers: Indexers): void {
    this.store.addIndexers(indexers);
    const trace = this.trace;
    if (trace !== undefined) {
      for (const indexName of Object.keys(indexers)) trace({ component: "indexer", kind: "indexer.indexAdded", name: this.name, indexName });
    }
  }

  /** Number of stored objects. */
  size(): number {
    return this.store.size();
  }

  private traceWrite(op: "add" | "update" | "delete", key: string, obj: unknown): void {
    const trace = this.trace;
    if (trace === undefined) return;
    const indexes: Record<string, string[]> = {};
    const indexers = this.store.getIndexers();
    for (const indexName of Object.keys(indexers)) {
      indexes[indexName] = op === "delete" ? [] : (indexers[indexName] as (o: unknown) => string[])(obj).slice();
    }
    trace({ component: "indexer", kind: "indexer.write", name: this.name, op, key,
      resourceVersion: resourceVersionOf(obj), ...(op !== "delete" && isKubeObject(obj) ? { object: obj } : {}), indexes });
  }
}

/** A Store without indexes. */
export function newStore<T>(keyFunc: KeyFunc, options?: StoreOptions): Store<T> {
  return new KeyedIndexer<T>(keyFunc, {}, options);
}

/** A Store with the given indexes (more may be added later with addIndexers). */
export function newIndexer<T>(keyFunc: KeyFunc, indexers: Indexers, options?: StoreOptions): Indexer<T> {
  return new KeyedIndexer<T>(keyFunc, indexers, options);
}
