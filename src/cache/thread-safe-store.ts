/**
 * ThreadSafeStore — the informer cache's storage by key, with its indexes (client-go tools/cache
 * `threadSafeMap` + `storeIndex`, spec §6.1–§6.2). Single-threaded here; the name is client-go's.
 *
 * Contract:
 * - Items are stored by a key the caller computed. `add` and `update` are the same operation: put,
 *   overwriting, then maintain the indexes. Deleting an absent key is a silent no-op.
 * - Indexes: for each index name, indexed value → set of keys. On a put, the key leaves every value the
 *   previous object was indexed under and joins every value of the new object (nothing happens when
 *   both have exactly the same single value). On delete the key leaves all values of the old object.
 *   A set that becomes empty is removed, so `listIndexFuncValues` never reports a value without keys.
 *   After any sequence of operations the indexes equal those recomputed from the items.
 * - `replace` swaps in new contents and rebuilds every index from scratch.
 * - Queries on an unknown index name throw `Index with name <name> does not exist`
 *   (`listIndexFuncValues` returns [] instead). `indexKeys` is sorted; other listings are in
 *   insertion order, which callers must not rely on (Go's maps are unordered).
 * - `addIndexers` throws `indexer conflict: <names>` (adding nothing) if a name exists already; new
 *   indexes are built over the current items at once (client-go ≥ 1.30).
 * - An index function that throws is a programming error: the exception propagates.
 */
import { metaNamespaceIndexFunc } from "./keys.js";
import type { IndexFunc, Indexers } from "./types.js";

type Index = Map<string, Set<string>>;

interface IndexEntry {
  readonly name: string;
  readonly fn: IndexFunc;
  readonly index: Index;
}

const NO_VALUES: readonly string[] = [];

export class ThreadSafeStore<T = unknown> {
  private items = new Map<string, T>();
  /** One entry per index name, in the order they were added (the hot loop of every write). */
  private readonly entries: IndexEntry[] = [];
  private readonly byName = new Map<string, IndexEntry>();

  constructor(indexers: Indexers = {}) {
    for (const name of Object.keys(indexers)) this.addEntry(name, indexers[name] as IndexFunc);
  }

  add(key: string, obj: T): void {
    this.update(key, obj);
  }

  update(key: string, obj: T): void {
    const items = this.items;
    if (this.entries.length === 0) {
      items.set(key, obj);
      return;
    }
    const old = items.get(key);
    const had = old !== undefined || items.has(key);
    items.set(key, obj);
    this.updateIndices(had, old, true, obj, key);
  }

  /**
   * A put whose previous object the caller already read with `get(key)` (and nothing changed the key
   * since): the same as `update(key, obj)` without probing the map for the old object again.
   */
  putKnown(key: string, obj: T, old: T | undefined): void {
    const items = this.items;
    if (this.entries.length === 0) {
      items.set(key, obj);
      return;
    }
    const had = old !== undefined || items.has(key);
    items.set(key, obj);
    this.updateIndices(had, old, true, obj, key);
  }


  delete(key: string): void {
    const items = this.items;
    if (!items.has(key)) return;
    const old = items.get(key);
    items.delete(key);
    if (this.entries.length > 0) this.updateIndices(true, old, false, undefined, key);
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
    for (const entry of this.entries) {
      entry.index.clear();
      this.buildIndex(entry);
    }
  }

  /** No-op (kept for the Store surface). */
  resync(): void {}

  /** Objects whose indexed values intersect those of `obj` under `indexName` (each at most once). */
  index(indexName: string, obj: T): T[] {
    const entry = this.entry(indexName);
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
    const keys = this.entry(indexName).index.get(indexedValue);
    const out: T[] = [];
    if (keys !== undefined) for (const key of keys) out.push(this.items.get(key) as T);
    return out;
  }

  /** The keys indexed under `indexedValue`, sorted; [] for an unknown value. */
  indexKeys(indexName: string, indexedValue: string): string[] {
    const keys = this.entry(indexName).index.get(indexedValue);
    return keys === undefined ? [] : Array.from(keys).sort();
  }

  /** Every value that currently has at least one key; [] for an unknown index. */
  listIndexFuncValues(indexName: string): string[] {
    const entry = this.byName.get(indexName);
    return entry === undefined ? [] : Array.from(entry.index.keys());
  }

  getIndexers(): Indexers {
    const out: Indexers = {};
    for (const entry of this.entries) out[entry.name] = entry.fn;
    return out;
  }

  addIndexers(newIndexers: Indexers): void {
    const names = Object.keys(newIndexers);
    const conflicts = names.filter((name) => this.byName.has(name));
    if (conflicts.length > 0) throw new Error(`indexer conflict: ${conflicts.join(", ")}`);
    for (const name of names) this.buildIndex(this.addEntry(name, newIndexers[name] as IndexFunc));
  }

  private addEntry(name: string, fn: IndexFunc): IndexEntry {
    if (typeof fn !== "function") throw new TypeError(`index function for ${JSON.stringify(name)} is not a function`);
    const entry: IndexEntry = { name, fn, index: new Map() };
    this.entries.push(entry);
    this.byName.set(name, entry);
    return entry;
  }

  private entry(indexName: string): IndexEntry {
    const entry = this.byName.get(indexName);
    if (entry === undefined) throw new Error(`Index with name ${indexName} does not exist`);
    return entry;
  }

  private buildIndex(entry: IndexEntry): void {
    const byNamespace = entry.fn === metaNamespaceIndexFunc;
    for (const [key, obj] of this.items) {
      if (byNamespace) {
        // the namespace index without a one-element array per object (a relist rebuilds it whole)
        const ns = namespaceOf(obj);
        if (ns !== undefined) {
          addKeyToIndex(entry.index, ns, key);
          continue;
        }
      }
      for (const value of entry.fn(obj)) addKeyToIndex(entry.index, value, key);
    }
  }

  private updateIndices(hadOld: boolean, oldObj: T | undefined, hasNew: boolean, newObj: T | undefined, key: string): void {
    const entries = this.entries;
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i] as IndexEntry;
      // Fast path for the namespace index every factory informer has: an update within one namespace
      // changes nothing, and comparing the two namespaces allocates nothing.
      if (entry.fn === metaNamespaceIndexFunc && hadOld && hasNew && sameNamespace(oldObj, newObj)) continue;
      const oldValues = hadOld ? entry.fn(oldObj) : NO_VALUES;
      const newValues = hasNew ? entry.fn(newObj) : NO_VALUES;
      if (oldValues.length === 1 && newValues.length === 1 && oldValues[0] === newValues[0]) continue;
      const index = entry.index;
      for (const value of oldValues) {
        const keys = index.get(value);
        if (keys === undefined) continue;
        keys.delete(key);
        if (keys.size === 0) index.delete(value);
      }
      for (const value of newValues) addKeyToIndex(index, value, key);
    }
  }
}

/** metaNamespaceIndexFunc(obj)[0] for an object with metadata; undefined otherwise (the index func decides). */
function namespaceOf(obj: unknown): string | undefined {
  if (typeof obj !== "object" || obj === null) return undefined;
  const meta = (obj as { metadata?: unknown }).metadata;
  if (typeof meta !== "object" || meta === null) return undefined;
  const ns = (meta as { namespace?: unknown }).namespace;
  return typeof ns === "string" ? ns : "";
}

/** Both objects have metadata and the same namespace (absent counts as ""). */
function sameNamespace(a: unknown, b: unknown): boolean {
  const na = namespaceOf(a);
  return na !== undefined && na === namespaceOf(b);
}

function addKeyToIndex(index: Index, value: string, key: string): void {
  const keys = index.get(value);
  if (keys === undefined) index.set(value, new Set([key]));
  else keys.add(key);
}
