/**
 * StoreIndex — the indexes of a cache's storage (client-go tools/cache thread_safe_store.go `storeIndex`:
 * `indexers` + `indices`, spec §6.2), used by ThreadSafeStore (thread-safe-store.ts).
 *
 * Contract:
 * - One entry per index name, in the order added; `addIndexers` throws `indexer conflict: <names>`
 *   (adding nothing) if a name exists already, and TypeError for a non-function (keeping the entries
 *   added before it); each new entry is built over the given items at once. `entry(name)` throws
 *   `Index with name <name> does not exist`; `find(name)` answers undefined instead.
 * - An index maps each indexed value to the set of keys indexed under it. `update(hadOld, old, hasNew,
 *   new, key)`: the key leaves every value the old object was indexed under and joins every value of
 *   the new one (nothing happens when both have exactly the same single value, nor for the namespace
 *   index when both objects have the same namespace); a set that becomes empty is removed. An index
 *   function that throws is a programming error: the exception propagates.
 * - DEFERRED entries: the entries given at construction that `defer(fn)` picks are not maintained on
 *   writes; their storage keeps what it needs to build them exactly as maintenance would have left them
 *   and calls `materialize(setsOf)` before anything reads or could no longer be told apart: from then
 *   on every entry is maintained. `maintained` counts the entries writes must update (0 ⇒ none).
 * - `rebuild(items)` clears and builds every maintained entry.
 */
import { metaNamespaceIndexFunc } from "./keys.js";
import type { IndexFunc, Indexers } from "./types.js";

/** Indexed value → the keys indexed under it. */
export type Index = Map<string, Set<string>>;

export interface IndexEntry {
  readonly name: string;
  readonly fn: IndexFunc;
  readonly index: Index;
  deferred: boolean;
}

const NO_VALUES: readonly string[] = [];

export class StoreIndex {
  /** Every entry, in the order added. */
  readonly entries: IndexEntry[] = [];
  /** Entries that are maintained (the hot loop of every write). */
  private live: IndexEntry[] = [];
  private readonly byName = new Map<string, IndexEntry>();

  /** Some entry is deferred. */
  deferring = false;

  constructor(indexers: Indexers, defer: (fn: IndexFunc) => boolean = () => false) {
    this.add(indexers, [], defer);
  }

  get maintained(): number {
    return this.live.length;
  }

  find(indexName: string): IndexEntry | undefined {
    return this.byName.get(indexName);
  }

  entry(indexName: string): IndexEntry {
    const entry = this.byName.get(indexName);
    if (entry === undefined) throw new Error(`Index with name ${indexName} does not exist`);
    return entry;
  }

  getIndexers(): Indexers {
    const out: Indexers = {};
    for (const entry of this.entries) out[entry.name] = entry.fn;
    return out;
  }

  addIndexers(indexers: Indexers, items: Iterable<[string, unknown]>): void {
    this.add(indexers, items, () => false);
  }

  /** Derives nothing from now on: every deferred entry becomes maintained, holding `setsOf(entry)`. */
  materialize(setsOf: (entry: IndexEntry) => Iterable<[string, Set<string>]>): void {
    for (const entry of this.entries) {
      if (!entry.deferred) continue;
      for (const [value, keys] of setsOf(entry)) entry.index.set(value, keys);
      entry.deferred = false;
    }
    this.live = this.entries.slice();
    this.deferring = false;
  }

  private add(indexers: Indexers, items: Iterable<[string, unknown]>, defer: (fn: IndexFunc) => boolean): void {
    const names = Object.keys(indexers);
    const conflicts = names.filter((name) => this.byName.has(name));
    if (conflicts.length > 0) throw new Error(`indexer conflict: ${conflicts.join(", ")}`);
    for (const name of names) {
      const fn = indexers[name] as IndexFunc;
      if (typeof fn !== "function") throw new TypeError(`index function for ${JSON.stringify(name)} is not a function`);
      const entry: IndexEntry = { name, fn, index: new Map(), deferred: defer(fn) };
      this.entries.push(entry);
      this.byName.set(name, entry);
      if (entry.deferred) {
        this.deferring = true;
      } else {
        this.live.push(entry);
        this.build(entry, items);
      }
    }
  }

  private build(entry: IndexEntry, items: Iterable<[string, unknown]>): void {
    const byNamespace = entry.fn === metaNamespaceIndexFunc;
    for (const [key, obj] of items) {
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

  rebuild(items: Iterable<[string, unknown]>): void {
    for (const entry of this.live) {
      entry.index.clear();
      this.build(entry, items);
    }
  }

  update(hadOld: boolean, oldObj: unknown, hasNew: boolean, newObj: unknown, key: string): void {
    const entries = this.live;
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
export function namespaceOf(obj: unknown): string | undefined {
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
