/**
 * BatchKeySet — "was this key taken by the batch being assembled?" for RealFIFO.popBatch (spec §5.2).
 *
 * Contract:
 * - `begin()` starts a new, empty batch; `add(key)` adds the key to it and answers false when the key is
 *   already in it. Holds at most MAX_POP_BATCH (1000) keys per batch (the keys of the last batch until
 *   the next `begin()`).
 * - Storage: a JS Set, emptied per batch, probed once per key (`add`, then its size tells whether the
 *   key was new). V8 hashes the whole key and keeps the hash in the string, so the cache's lookup of the
 *   same key later needs no hashing of its own, and no two keys collide beyond their hash. Measured by
 *   cachegrind (bench/instructions.mjs, W1): fewer instructions per event than a stamped open-addressing
 *   table hashing the key's last 12 characters in JS (each `charCodeAt` of a freshly concatenated key
 *   pays for the rope V8 leaves in front of it), which also probed keys sharing a long suffix
 *   (`<ns>/kube-root-ca.crt`) in one cluster. Private to the FIFO: it changes no result.
 */

/** client-go's batch limit (`maxBatchSize` of RealFIFO.PopBatch). */
export const MAX_POP_BATCH = 1000;

export class BatchKeySet {
  private readonly keys = new Set<string>();

  begin(): void {
    if (this.keys.size !== 0) this.keys.clear();
  }

  /** Adds `key` to the current batch; false when it is already in it. */
  add(key: string): boolean {
    const keys = this.keys;
    const before = keys.size;
    keys.add(key);
    return keys.size !== before;
  }
}
