/**
 * RealFIFO / AtomicFIFO `popBatch` (spec §5.2, InOrderInformersBatchProcess): which consecutive entries
 * form one batch, when a single entry goes through `pop` instead, the initial-population boundary, the
 * sync bookkeeping, and the `batch` field of the traced pops.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AtomicFIFO, RealFIFO, type Delta, type PoppedBatch } from "../../../src/cache/index.js";
import { Recorder, Scheduler, asKnown } from "../../../src/sim/index.js";
import { known, obj } from "../../conformance/cache/helpers.js";

interface Popped { batch: Array<[string, string, string]> | undefined; single: Delta[] | undefined; initial: boolean }

/** Pops once; records the batch as [type, key, rv] triples, or the single pop's deltas. */
function popOnce(f: RealFIFO | AtomicFIFO, maxBatch?: number): Popped | undefined {
  let out: Popped | undefined;
  const popped = f.popBatch(
    (popped, initial) => {
      const batch: Array<[string, string, string]> = [];
      for (let i = 0; i < popped.size; i++) {
        const o = popped.object(i) as { metadata?: { resourceVersion?: string } };
        batch.push([popped.type(i), popped.key(i), o.metadata?.resourceVersion ?? ""]);
      }
      out = { batch, single: undefined, initial };
    },
    (deltas, initial) => { out = { batch: undefined, single: deltas as Delta[], initial }; },
    maxBatch,
  );
  expect(popped).toBe(out !== undefined);
  return out;
}

describe("popBatch", () => {
  it("takes consecutive entries until a key repeats", () => {
    const f = new RealFIFO({ knownObjects: known() });
    f.add(obj("a", 1));
    f.add(obj("b", 2));
    f.update(obj("c", 3));
    f.update(obj("a", 4)); // a again: ends the first batch
    f.delete(obj("b", 5));
    expect(popOnce(f)).toEqual({ batch: [["Added", "a", "1"], ["Added", "b", "2"], ["Updated", "c", "3"]], single: undefined, initial: false });
    expect(popOnce(f)).toEqual({ batch: [["Updated", "a", "4"], ["Deleted", "b", "5"]], single: undefined, initial: false });
    expect(popOnce(f)).toBeUndefined();
    expect(f.length()).toBe(0);
  });

  it("a batch of one goes through the normal pop", () => {
    const f = new RealFIFO({ knownObjects: known() });
    f.add(obj("a", 1));
    f.update(obj("a", 2));
    const first = popOnce(f);
    expect(first?.batch).toBeUndefined();
    expect(first?.single).toEqual([{ type: "Added", object: obj("a", 1) }]);
    expect(popOnce(f)?.single).toEqual([{ type: "Updated", object: obj("a", 2) }]);
  });

  it("stops at maxBatch entries", () => {
    const f = new RealFIFO({ knownObjects: known() });
    for (let i = 0; i < 7; i++) f.add(obj(`k${i}`, i));
    expect(popOnce(f, 3)?.batch?.map((e) => e[1])).toEqual(["k0", "k1", "k2"]);
    expect(popOnce(f, 3)?.batch?.map((e) => e[1])).toEqual(["k3", "k4", "k5"]);
    expect(popOnce(f, 3)?.single?.length).toBe(1);
  });

  it("never crosses the end of the initial population, and syncs only after its last entry", () => {
    const f = new RealFIFO({ knownObjects: known() });
    f.replace([obj("a", 1), obj("b", 2), obj("c", 3)], "3");
    f.update(obj("d", 4)); // queued after the initial population
    expect(f.hasSynced()).toBe(false);
    const first = popOnce(f, 2);
    expect(first).toEqual({ batch: [["Replaced", "a", "1"], ["Replaced", "b", "2"]], single: undefined, initial: true });
    expect(f.hasSynced()).toBe(false);
    // only c is left of the initial population: it is popped alone, d is not taken with it
    const second = popOnce(f);
    expect(second?.single?.map((d) => d.type)).toEqual(["Replaced"]);
    expect(second?.initial).toBe(true);
    expect(f.hasSynced()).toBe(true);
    expect(popOnce(f)?.initial).toBe(false);
  });

  it("hasSynced turns true only after the batch that ends the initial population was processed", () => {
    const f = new RealFIFO({ knownObjects: known() });
    f.replace([obj("a", 1), obj("b", 2)], "2");
    let syncedDuring: boolean | undefined;
    f.popBatch(() => { syncedDuring = f.hasSynced(); }, () => {});
    expect(syncedDuring).toBe(false);
    expect(f.hasSynced()).toBe(true);
  });

  it("atomic batch entries are never batched; per-object entries around them are", () => {
    const f = new AtomicFIFO({});
    f.add(obj("a", 1));
    f.add(obj("b", 2));
    f.bookmark("2");
    f.update(obj("a", 3));
    f.update(obj("b", 4));
    f.resync();
    expect(popOnce(f)?.batch?.map((e) => e[1])).toEqual(["a", "b"]);
    expect(popOnce(f)?.single?.map((d) => d.type)).toEqual(["Bookmark"]);
    expect(popOnce(f)?.batch?.map((e) => e[0])).toEqual(["Updated", "Updated"]);
    expect(popOnce(f)?.single?.map((d) => d.type)).toEqual(["SyncAll"]);
  });

  it("drops its references to popped objects once the batch was processed", () => {
    const f = new RealFIFO({ knownObjects: known() });
    for (let i = 0; i < 3; i++) f.add(obj(`k${i}`, i));
    f.update(obj("k0", 9)); // stays queued, so the storage is not simply emptied
    let seen: PoppedBatch | undefined;
    let during: unknown[] = [];
    f.popBatch((batch) => { seen = batch; during = [0, 1, 2].map((i) => batch.object(i)); }, () => {});
    expect(during.filter((o) => typeof o === "object" && o !== null)).toHaveLength(3);
    expect([0, 1, 2].map((i) => seen!.object(i))).toEqual([undefined, undefined, undefined]);
    expect(f.list()).toEqual([obj("k0", 9)]);
  });

  it("traces every entry of a batch as popped, with the batch size, before processing", () => {
    const r = new Recorder(new Scheduler({ seed: 1 }));
    const f = new RealFIFO({ knownObjects: known(), tracer: r, name: "pods" });
    f.add(obj("a", 1));
    f.add(obj("b", 2));
    f.add(obj("c", 3));
    let eventsAtProcess = -1;
    f.popBatch(() => { eventsAtProcess = r.events.length; }, () => {});
    const popped = r.events.map(asKnown).filter((e) => e.kind === "fifo.popped");
    expect(popped.map((e) => e.kind === "fifo.popped" && [e.key, e.queueLength, e.batch])).toEqual([
      ["a", 2, 3], ["b", 1, 3], ["c", 0, 3],
    ]);
    expect(eventsAtProcess).toBe(r.events.length);
  });

  it("batches exactly as the rule says, for any key sequence (model check)", () => {
    fc.assert(fc.property(
      fc.array(fc.oneof(fc.constantFrom("a", "b", "c", "ns/a", "ns/b"), fc.string({ maxLength: 14 })), { minLength: 1, maxLength: 3000 }),
      fc.integer({ min: 1, max: 1200 }),
      (keys, maxBatch) => {
        const f = new RealFIFO({ knownObjects: known() });
        keys.forEach((k, i) => f.add(obj(k, i)));
        // the model: consecutive entries until a key repeats or maxBatch (capped at 1000) entries
        const expected: string[][] = [];
        for (let i = 0; i < keys.length;) {
          const batch: string[] = [];
          const seen = new Set<string>();
          while (i < keys.length && batch.length < Math.min(maxBatch, 1000) && !seen.has(keys[i]!)) {
            seen.add(keys[i]!);
            batch.push(keys[i]!);
            i++;
          }
          expected.push(batch);
        }
        const actual: string[][] = [];
        for (let p = popOnce(f, maxBatch); p !== undefined; p = popOnce(f, maxBatch)) {
          actual.push(p.batch !== undefined ? p.batch.map((e) => e[1]) : [metaKey(p.single![0]!.object)]);
        }
        expect(actual).toEqual(expected);
      },
    ), { numRuns: 150 });
  });
});

function metaKey(o: unknown): string {
  return (o as { metadata: { name: string } }).metadata.name;
}

