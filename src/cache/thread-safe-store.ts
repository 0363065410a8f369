/**
 * ThreadSafeStore — a cache's storage by key, with its indexes (client-go tools/cache `threadSafeMap`,
 * spec §6.1–§6.2): one flat map from key to object. Single-threaded here; the name is client-go's.
 *
 * Contract:
 * - Items are stored by a key the caller computed. `add` and `update` are the same operation: put,
 *   overwriting, then maintain the indexes. Deleting an absent key is a silent no-op.
 * - Indexes (store-index.ts): for each index name, indexed value → set of keys, kept up to date on
 *   every put and delete; a set that becomes empty is removed, so `listIndexFuncValues` never reports a
 *   value without keys. After any sequence of operations the indexes equal those recomputed from the
 *   items.
 * - `swap(key, obj)` is a put that returns the previous object (undefined when the key was absent);
 *   `delete(key, obj)` may be told what is deleted (`key` is its key, or it is a tombstone).
 * - `namespaceKeys` (the informer's cache: keys made by metaNamespaceKeyFunc or
 *   deletionHandlingMetaNamespaceKeyFunc): a namespace index (metaNamespaceIndexFunc) given at
 *   construction is built only when first read. Until then writes only count the objects per namespace
 *   (in the order namespaces gain their first object), from which the index is built exactly as
 *   maintenance would have left it: values in that order, keys in item order. An object whose key does
 *   not fix its namespace ("/" in its namespace, or in a cluster-scoped name; no metadata) has the
 *   index built before it is written. Nothing observable differs.
 * - `replace` swaps in new contents and rebuilds every index from scratch.
 * - Queries on an unknown index name throw `Index with name <name> does not exist`
 *   (`listIndexFuncValues` returns [] instead). `indexKeys` is sorted; other listings are in
 *   insertion order, which callers must not rely on (Go's maps are unordered).
 * - `addIndexers` throws `indexer conflict: <names>` (adding nothing) if a name exists already; new
 *   indexes are built over the current items at once (client-go ≥ 1.30).
 * - An index function that throws is a programming error: the exception propagates.
 */
import { namespaceOf, StoreIndex } from "./store-index.js";
import { metaNamespaceIndexFunc } from "./keys.js";
import type { Indexers } from "./types.js";

export interface ThreadSafeStoreOptions {
  /** Keys are the stored objects' namespace keys: the namespace index may be built when first read. */
  namespaceKeys?: boolean;
}

export class ThreadSafeStore<T = unknown> {
  private items = new Map<string, T>();
  private readonly indices: StoreIndex;
  /** While the namespace index is deferred: objects per namespace, namespaces in first-object order. */
  private counts: Map<string, number> | undefined;

  constructor(indexers: Indexers = {}, options: ThreadSafeStoreOptions = {}) {
    this.indices = new StoreIndex(indexers, (fn) => options.namespaceKeys === true && fn === metaNamespaceIndexFunc);
    if (this.indices.deferring) this.counts = new Map();
  }

  add(key: string, obj: T): void {
    this.swap(key, obj);
  }

  update(key: string, obj: T): void {
    this.swap(key, obj);
  }

  swap(key: string, obj: T): T | undefined {
    const items = this.items;
    const old = items.get(key);
    const had = old !== undefined || items.has(key);
    const counts = this.counts;
    if (counts !== undefined && !(had && sameNamespace(old, obj))) {
      const ns = fixedNamespace(obj);
      if (ns === undefined) this.materialize();
      else if (!had) counts.set(ns, (counts.get(ns) ?? 0) + 1);
    }
    items.set(key, obj);
    if (this.indices.maintained > 0) this.indices.update(had, old, true, obj, key);
    return old;
  }

  delete(key: string, obj?: unknown): void {
    const items = this.items;
    const old = items.get(key);
    if (old === undefined && !items.has(key)) return;
    items.delete(key);
    const counts = this.counts;
    if (counts !== undefined) {
      // every stored object's key fixes its namespace: so does what the caller deletes under that key
      const ns = (obj !== undefined ? fixedNamespace(obj) : undefined) ?? (fixedNamespace(old) as string);
      const n = (counts.get(ns) ?? 1) - 1;
      if (n === 0) counts.delete(ns);
      else counts.set(ns, n);
    }
    if (this.indices.maintained > 0) this.indices.update(true, old, false, undefined, key);
  }

  get(key: string): T | undefined {
    return this.items.get(key);
  }

  has(key: string): boolean {
    return this.items.has(key);
  }

  size(): number {
    return this.items.size;
  }

  list(): T[] {
    return Array.from(this.items.values());
  }

  listKeys(): string[] {
    return Array.from(this.items.keys());
  }

  /** Swaps in `items` (key → object) and rebuilds every index. The map is owned by the store afterwards. */
  replace(items: Map<string, T>): void {
    this.items = items;
    if (this.counts !== undefined) {
      const counts = new Map<string, number>();
      for (const obj of items.values()) {
        const ns = fixedNamespace(obj);
        if (ns === undefined) {
          this.materialize();   // rebuilt from the new items just below
          break;
        }
        counts.set(ns, (counts.get(ns) ?? 0) + 1);
      }
      if (this.counts !== undefined) this.counts = counts;
    }
    this.indices.rebuild(items);
  }

  /** No-op (kept for the Store surface). */
  resync(): void {}

  /** Objects whose indexed values intersect those of `obj` under `indexName` (each at most once). */
  index(indexName: string, obj: T): T[] {
    const entry = this.read(indexName);
    const values = entry.fn(obj);
    const out: T[] = [];
    if (values.length === 1) {
      const keys = entry.index.get(values[0] as string);
      if (keys !== undefined) for (const key of keys) out.push(this.items.get(key) as T);
      return out;
    }
    const seen = new Set<string>();
    for (const value of values) {
      const keys = entry.index.get(value);
      if (keys === undefined) continue;
      for (const key of keys) {
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(this.items.get(key) as T);
      }
    }
    return out;
  }

  /** The objects indexed under `indexedValue`; [] for an unknown value. */
  byIndex(indexName: string, indexedValue: string): T[] {
    const keys = this.read(indexName).index.get(indexedValue);
    const out: T[] = [];
    if (keys !== undefined) for (const key of keys) out.push(this.items.get(key) as T);
    return out;
  }

  /** The keys indexed under `indexedValue`, sorted; [] for an unknown value. */
  indexKeys(indexName: string, indexedValue: string): string[] {
    const keys = this.read(indexName).index.get(indexedValue);
    return keys === undefined ? [] : Array.from(keys).sort();
  }

  /** Every value that currently has at least one key; [] for an unknown index. */
  listIndexFuncValues(indexName: string): string[] {
    const entry = this.indices.find(indexName);
    if (entry === undefined) return [];
    if (entry.deferred) this.materialize();
    return Array.from(entry.index.keys());
  }

  getIndexers(): Indexers {
    return this.indices.getIndexers();
  }

  addIndexers(newIndexers: Indexers): void {
    this.indices.addIndexers(newIndexers, this.items);
  }

  /** The entry to read (built first if it was deferred); throws for an unknown name. */
  private read(indexName: string): ReturnType<StoreIndex["entry"]> {
    const entry = this.indices.entry(indexName);
    if (entry.deferred) this.materialize();
    return entry;
  }

  /** Builds the deferred namespace index from the counts' namespace order and the items' order. */
  private materialize(): void {
    const counts = this.counts;
    if (counts === undefined) return;
    this.counts = undefined;
    this.indices.materialize(() => {
      const sets = new Map<string, Set<string>>();
      for (const ns of counts.keys()) sets.set(ns, new Set());
      for (const [key, obj] of this.items) sets.get(namespaceOf(obj) as string)?.add(key);
      return sets;
    });
  }
}

/**
 * The namespace of an object whose namespace key fixes it (the key's part before its first "/", or ""
 * without one); undefined for any other value.
 */
function fixedNamespace(obj: unknown): string | undefined {
  if (typeof obj !== "object" || obj === null) return undefined;
  const meta = (obj as { metadata?: unknown }).metadata;
  if (typeof meta !== "object" || meta === null) return undefined;
  const ns = (meta as { namespace?: unknown }).namespace;
  if (typeof ns === "string" && ns.length > 0) return hasSlash(ns) ? undefined : ns;
  const name = (meta as { name?: unknown }).name;
  return typeof name === "string" && hasSlash(name) ? undefined : "";
}

/**
 * An update that keeps its (non-empty) namespace: the stored object's namespace was fixed by its key
 * when it was written, so the new one is too and the counts do not move. Spares the "/" scan of
 * fixedNamespace on most writes (the old object's metadata is read next anyway, for the same-RV test).
 */
function sameNamespace(old: unknown, obj: unknown): boolean {
  if (typeof old !== "object" || old === null || typeof obj !== "object" || obj === null) return false;
  const a = (old as { metadata?: { namespace?: unknown } | null }).metadata;
  const b = (obj as { metadata?: { namespace?: unknown } | null }).metadata;
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) return false;
  const ns = b.namespace;
  return typeof ns === "string" && ns.length > 0 && a.namespace === ns;
}

/** s.includes("/") as an inlined loop: called on every write, where the builtin's call costs more than the scan. */
function hasSlash(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 47) return true;
  return false;
}
