/**
 * knownObjects and relist tombstones — what the FIFOs read from their consumer's cache (client-go
 * tools/cache `KeyListerGetter`, the `knownObjects` of DeltaFIFO and RealFIFO), in one place for both.
 *
 * Contract:
 * - `knownSyncObjects(known)`: every knownObjects key with its object, in listKeys order, for a resync;
 *   a key whose lookup throws or finds nothing is left out (delta_fifo.go / the_real_fifo.go
 *   syncKeyLocked: "key does not exist in known objects store, unable to queue object for sync").
 * - `knownTombstones(known, listed, queued)`: Replace's deletions against what the consumer knows: for
 *   every knownObjects key (listKeys order) that the list does not have and `queued(key)` says the
 *   queue does not hold, a DeletedFinalStateUnknown with the known object, or null when the lookup
 *   throws or finds nothing ("deleted object not found").
 * - `mayBeKnown(known, key)`: whether a delete of `key` may concern an object the consumer holds; a
 *   lookup error counts as "maybe" (DeltaFIFO.Delete drops only deletes of keys surely unknown).
 * - Lookups have no side effects, so callers may compute these before queueing anything.
 */
import { DeletedFinalStateUnknown } from "./deleted-final-state-unknown.js";
import type { KeyListerGetter } from "./types.js";

export function knownSyncObjects(known: KeyListerGetter): Array<[key: string, obj: unknown]> {
  const out: Array<[string, unknown]> = [];
  for (const key of known.listKeys()) {
    let obj: unknown;
    try {
      obj = known.getByKey(key);
    } catch {
      continue;
    }
    if (obj !== undefined) out.push([key, obj]);
  }
  return out;
}

export function knownTombstones(known: KeyListerGetter | undefined, listed: ReadonlySet<string>,
                                queued: (key: string) => boolean): DeletedFinalStateUnknown[] {
  const out: DeletedFinalStateUnknown[] = [];
  if (known === undefined) return out;
  for (const key of known.listKeys()) {
    if (listed.has(key) || queued(key)) continue;
    let last: unknown = null;
    try {
      last = known.getByKey(key) ?? null;
    } catch {
      last = null;
    }
    out.push(new DeletedFinalStateUnknown(key, last));
  }
  return out;
}

export function mayBeKnown(known: KeyListerGetter | undefined, key: string): boolean {
  if (known === undefined) return false;
  try {
    return known.getByKey(key) !== undefined;
  } catch {
    return true;
  }
}
