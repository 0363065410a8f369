/**
 * Views derived from a WorldView for the stage and the tables (no state of their own).
 *
 * Contract: `indexBuckets(idx)` gives each index's buckets, index name → value → keys, values and keys
 * sorted; `focusedInformer(w)` is the informer the stage shows: the focus, else the first known.
 */
import type { IndexerView, InformerView, WorldView } from "./world.js";

/** Each index's buckets: index name → value → keys (values and keys sorted). */
export function indexBuckets(idx: IndexerView): Map<string, Map<string, string[]>> {
  const out = new Map<string, Map<string, string[]>>();
  // No index (live mode's informer: 10k keys, each with no index values): nothing to walk per re-load.
  if (idx.indexNames.length === 0) return out;
  for (const name of idx.indexNames) out.set(name, new Map());
  for (const [key, values] of idx.indexValues) {
    for (const [name, vals] of Object.entries(values)) {
      let buckets = out.get(name);
      if (buckets === undefined) {
        buckets = new Map();
        out.set(name, buckets);
      }
      for (const v of vals) {
        const list = buckets.get(v);
        if (list === undefined) buckets.set(v, [key]);
        else list.push(key);
      }
    }
  }
  const sorted = new Map<string, Map<string, string[]>>();
  for (const [name, buckets] of out) {
    for (const list of buckets.values()) list.sort();
    sorted.set(name, new Map([...buckets].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))));
  }
  return sorted;
}

/** The informer the stage should show: the focus, else the first known. */
export function focusedInformer(w: WorldView): InformerView | undefined {
  if (w.focus !== null) {
    const inf = w.informers.get(w.focus);
    if (inf !== undefined) return inf;
  }
  return w.informers.values().next().value;
}
