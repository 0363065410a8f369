/**
 * BatchKeySet — "was this key taken by the batch being assembled?" for RealFIFO.popBatch (spec §5.2).
 *
 * Contract:
 * - `begin()` starts a new, empty batch; `add(key)` adds the key to it and answers false when the key is
 *   already in it. Holds at most MAX_POP_BATCH (1000) keys per batch.
 * - Why not a Set: the table is stamped per batch, so starting a batch clears nothing and adding a key
 *   allocates nothing; a JS Set would be emptied and regrown for every batch, which was measured to cost
 *   more than the batch itself (bench/, W1). Private to the FIFO: it changes no result.
 */

/** client-go's batch limit (`maxBatchSize` of RealFIFO.PopBatch). */
export const MAX_POP_BATCH = 1000;
/** Slots: a power of two, at least twice MAX_POP_BATCH (load ≤ ½). */
const KEY_SLOTS = 2048;

export class BatchKeySet {
  private readonly keys = new Array<string | undefined>(KEY_SLOTS).fill(undefined);
  private readonly stamps = new Int32Array(KEY_SLOTS);
  private stamp = 0;

  begin(): void {
    if (++this.stamp === 0x7fffffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
  }

  /** Adds `key` to the current batch; false when it is already in it. */
  add(key: string): boolean {
    // FNV-1a over the last (most varying) characters of the key, and its length.
    let h = 0x811c9dc5 ^ key.length;
    for (let i = key.length - 1, n = 0; i >= 0 && n < 12; i--, n++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    const mask = KEY_SLOTS - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      if (this.stamps[slot] !== this.stamp) {
        this.stamps[slot] = this.stamp;
        this.keys[slot] = key;
        return true;
      }
      if (this.keys[slot] === key) return false;
    }
  }
}
