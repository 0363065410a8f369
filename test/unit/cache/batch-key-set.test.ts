// BatchKeySet (RealFIFO.popBatch's "key taken in this batch?") must answer exactly as a fresh Set per
// batch would, whatever the keys: short, long, sharing prefixes or suffixes, colliding in its table.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BatchKeySet, MAX_POP_BATCH } from "../../../src/cache/batch-key-set.js";

const keyArb = fc.oneof(
  fc.string({ maxLength: 40 }),
  // namespace/name keys that differ only where a sampled hash might not look
  fc.tuple(fc.constantFrom("default", "team-a", "team-b", "kube-system"), fc.integer({ min: 0, max: 300 }))
    .map(([ns, i]) => `${ns}/web-${String(i).padStart(4, "0")}-deployment`),
  fc.integer({ min: 0, max: 50 }).map((i) => `ns-${i}/same-name`),
);

describe("BatchKeySet", () => {
  it("equals a fresh Set per batch (fast-check)", () => {
    fc.assert(fc.property(fc.array(fc.array(keyArb, { maxLength: MAX_POP_BATCH }), { minLength: 1, maxLength: 6 }), (batches) => {
      const set = new BatchKeySet();
      for (const batch of batches) {
        set.begin();
        const model = new Set<string>();
        for (const key of batch) {
          const fresh = !model.has(key);
          model.add(key);
          expect(set.add(key)).toBe(fresh);
        }
      }
    }), { numRuns: 200 });
  });

  it("holds a full batch of keys that share everything but their middle", () => {
    const set = new BatchKeySet();
    set.begin();
    const keys = Array.from({ length: MAX_POP_BATCH }, (_, i) => `ns/${String(i).padStart(6, "0")}-suffix`);
    for (const key of keys) expect(set.add(key)).toBe(true);
    for (const key of keys) expect(set.add(`${key}`.slice(0))).toBe(false);
    set.begin();
    expect(set.add(keys[0]!)).toBe(true);
  });
});
