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
 * - Index queries and `addIndexers` behave as ThreadSafeStore documents (unknown index ⇒ "does not
 *   exist", name clash ⇒ "indexer conflict", new indexes built over existing items).
 */
import { KeyError } from "./keys.js";
import { ThreadSafeStore } from "./thread-safe-store.js";
import type { Indexer, Indexers, KeyFunc, Store } from "./types.js";

/** Go's `cache`: the Store/Indexer implementation returned by newStore and newIndexer. */
export class KeyedIndexer<T = unknown> implements Indexer<T> {
  private readonly store: ThreadSafeStore<T>;
  private readonly keyFunc: KeyFunc;

  constructor(keyFunc: KeyFunc, indexers: Indexers = {}) {
    this.keyFunc = keyFunc;
    this.store = new ThreadSafeStore<T>(indexers);
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
    this.store.add(this.keyOf(obj), obj);
  }

  update(obj: T): void {
    this.store.update(this.keyOf(obj), obj);
  }

  delete(obj: T): void {
    this.store.delete(this.keyOf(obj));
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
    this.store.replace(items);
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
    return this.store.byIndex(indexName, indexedValue);
  }

  getIndexers(): Indexers {
    return this.store.getIndexers();
  }

  addIndexers(indexers: Indexers): void {
    this.store.addIndexers(indexers);
  }

  /** Number of stored objects. */
  size(): number {
    return this.store.size();
  }
}

/** A Store without indexes. */
export function newStore<T>(keyFunc: KeyFunc): Store<T> {
  return new KeyedIndexer<T>(keyFunc, {});
}

/** A Store with the given indexes (more may be added later with addIndexers). */
export function newIndexer<T>(keyFunc: KeyFunc, indexers: Indexers): Indexer<T> {
  return new KeyedIndexer<T>(keyFunc, indexers);
}
