/**
 * Property tests (fast-check) for DeltaFIFO, RealFIFO and the Indexer:
 * - DeltaFIFO never holds two adjacent Deleted deltas for a key;
 * - each key appears at most once in the DeltaFIFO queue, and pop order equals the order in which keys
 *   (re-)entered the queue (checked against an independent model of the queue order);
 * - RealFIFO pops every add/update/delete exactly once, in arrival order;
 * - relist convergence (both FIFOs, knownObjects = the consumer's cache): after any history, a
 *   replace(truth) followed by draining into the cache leaves the cache equal to the truth;
 * - indexer index contents always equal the indexes recomputed from the items.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DeletedFinalStateUnknown,
  DeltaFIFO,
  RealFIFO,
  deletionHandlingMetaNamespaceKeyFunc,
  metaNamespaceIndexFunc,
  newIndexer,
  type Delta,
  type IndexFunc,
  type Indexer,
} from "../../../src/cache/index.js";
import { obj, type TestObj } from "../../conformance/cache/helpers.js";

const KEYS = ["a", "b", "c", "d", "e"];
const keyArb = fc.constantFrom(...KEYS);

type FifoOp =
  | { op: "add" | "update" | "delete"; key: string }
  | { op: "replace"; keys: string[] }
  | { op: "resync" }
  | { op: "pop" };

const fifoOpArb: fc.Arbitrary<FifoOp> = fc.oneof(
  fc.record({ op: fc.constantFrom("add" as const, "update" as const, "delete" as const), key: keyArb }),
  fc.record({ op: fc.constant("replace" as const), keys: fc.array(keyArb, { maxLength: 6 }) }),
  fc.record({ op: fc.constant("resync" as const) }),
  fc.record({ op: fc.constant("pop" as const) }),
);

function keyOfDelta(d: Delta): string {
  return deletionHandlingMetaNamespaceKeyFunc(d.object);
}

describe("DeltaFIFO properties", () => {
  it("no adjacent Deleted deltas; each key queued once; pop order = queue-entry order", () => {
    fc.assert(
      fc.property(fc.array(fifoOpArb, { maxLength: 60 }), fc.boolean(), fc.boolean(), (ops, withKnown, emitReplaced) => {
        // The consumer's cache, kept up to date by pops like an informer's indexer.
        const cache: Indexer<unknown> = newIndexer(deletionHandlingMetaNamespaceKeyFunc, {});
        const f = new DeltaFIFO({ knownObjects: withKnown ? cache : undefined, emitDeltaTypeReplaced: emitReplaced });
        const model: string[] = []; // expected queue order
        const isKnown = (k: string): boolean => withKnown && cache.getByKey(k) !== undefined;
        let rv = 0;

        for (const step of ops) {
          switch (step.op) {
            case "add":
            case "update": {
              const o = obj(step.key, ++rv);
              f[step.op](o);
              if (!model.includes(step.key)) model.push(step.key);
              expect(f.getByKey(step.key)!.at(-1)).toEqual({ type: step.op === "add" ? "Added" : "Updated", object: o });
              break;
            }
            case "delete": {
              const wasQueued = model.includes(step.key);
              const before = f.getByKey(step.key);
              f.delete(obj(step.key, ++rv));
              if (!wasQueued && isKnown(step.key)) model.push(step.key);
              if (wasQueued || isKnown(step.key)) {
                // queued as Deleted, unless it collapsed into an adjacent real Deleted
                const newest = f.getByKey(step.key)!.at(-1)!;
                expect(newest.type).toBe("Deleted");
                const prev = before?.at(-1);
                const absorbed = prev?.type === "Deleted" && !(prev.object instanceof DeletedFinalStateUnknown);
                expect(newest.object).toEqual(absorbed ? prev!.object : obj(step.key, rv));
              } else {
                expect(f.getByKey(step.key)).toBeUndefined();
              }
              break;
            }
            case "replace": {
              const listed = new Set(step.keys);
              f.replace(step.keys.map((k) => obj(k, ++rv)), String(rv));
              for (const k of step.keys) if (!model.includes(k)) model.push(k);
              if (withKnown) for (const k of cache.listKeys()) if (!listed.has(k) && !model.includes(k)) model.push(k);
              break;
            }
            case "resync": {
              f.resync();
              if (withKnown) for (const k of cache.listKeys()) if (!model.includes(k)) model.push(k);
              break;
            }
            case "pop": {
              const expectedKey = model.shift();
              const popped = f.pop((deltas) => {
                const newest = deltas[deltas.length - 1] as Delta;
                if (newest.type === "Deleted") cache.delete(newest.object);
                else cache.update(newest.object);
              });
              if (expectedKey === undefined) {
                expect(popped).toBeUndefined();
              } else {
                expect(popped).toBeDefined();
                expect(popped!.length).toBeGreaterThan(0);
                for (const d of popped!) expect(keyOfDelta(d)).toBe(expectedKey);
              }
              break;
            }
          }
          // Invariants after every operation.
          const keys = f.listKeys();
          expect(keys).toEqual(model);
          expect(new Set(keys).size).toBe(keys.length);
          for (const k of keys) {
            const deltas = f.getByKey(k)!;
            expect(deltas.length).toBeGreaterThan(0);
            for (let i = 1; i < deltas.length; i++) {
              expect(deltas[i - 1]!.type === "Deleted" && deltas[i]!.type === "Deleted").toBe(false);
            }
            for (const d of deltas) {
              if (d.object instanceof DeletedFinalStateUnknown) {
                expect(d.type).toBe("Deleted");
                expect(d.object.obj instanceof DeletedFinalStateUnknown).toBe(false);
              }
            }
          }
          expect(f.list()).toHaveLength(keys.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});

/**
 * A deliberately naive DeltaFIFO written from spec §4 text (linear scans, no maps), used as an oracle
 * for the deltas each pop returns.
 */
class NaiveDeltaFIFO {
  queue: Array<{ key: string; deltas: Array<{ type: string; object: unknown }> }> = [];
  constructor(private readonly known: Indexer<unknown> | undefined, private readonly emitReplaced: boolean) {}
  private entry(key: string) {
    return this.queue.find((e) => e.key === key);
  }
  private enqueue(type: string, object: unknown, key: string): void {
    let e = this.entry(key);
    if (e === undefined) this.queue.push((e = { key, deltas: [] }));
    const ds = e.deltas;
    ds.push({ type, object });
    const n = ds.length;
    if (n >= 2 && ds[n - 1]!.type === "Deleted" && ds[n - 2]!.type === "Deleted") {
      const keep = ds[n - 2]!.object instanceof DeletedFinalStateUnknown ? ds[n - 1]! : ds[n - 2]!;
      ds.splice(n - 2, 2, keep);
    }
  }
  add(key: string, o: unknown): void { this.enqueue("Added", o, key); }
  update(key: string, o: unknown): void { this.enqueue("Updated", o, key); }
  delete(key: string, o: unknown): void {
    const knownHasIt = this.known !== undefined && this.known.getByKey(key) !== undefined;
    if (this.entry(key) === undefined && !knownHasIt) return;
    this.enqueue("Deleted", o, key);
  }
  replace(items: Array<[string, unknown]>): void {
    for (const [k, o] of items) this.enqueue(this.emitReplaced ? "Replaced" : "Sync", o, k);
    const listed = new Set(items.map(([k]) => k));
    for (const e of [...this.queue]) {
      if (listed.has(e.key)) continue;
      let last = e.deltas[e.deltas.length - 1]!.object;
      if (last instanceof DeletedFinalStateUnknown) last = last.obj;
      this.enqueue("Deleted", new DeletedFinalStateUnknown(e.key, last), e.key);
    }
    if (this.known !== undefined) {
      for (const k of this.known.listKeys()) {
        if (listed.has(k) || this.entry(k) !== undefined) continue;
        this.enqueue("Deleted", new DeletedFinalStateUnknown(k, this.known.getByKey(k) ?? null), k);
      }
    }
  }
  resync(): void {
    if (this.known === undefined) return;
    for (const k of this.known.listKeys()) if (this.entry(k) === undefined) this.enqueue("Sync", this.known.getByKey(k), k);
  }
  pop(): { key: string; deltas: Array<{ type: string; object: unknown }> } | undefined {
    return this.queue.shift();
  }
}

describe("DeltaFIFO against a naive oracle", () => {
  it("every pop returns exactly the oracle's deltas", () => {
    fc.assert(
      fc.property(fc.array(fifoOpArb, { maxLength: 60 }), fc.boolean(), fc.boolean(), (ops, withKnown, emitReplaced) => {
        const cache: Indexer<unknown> = newIndexer(deletionHandlingMetaNamespaceKeyFunc, {});
        const known = withKnown ? cache : undefined;
        const f = new DeltaFIFO({ knownObjects: known, emitDeltaTypeReplaced: emitReplaced });
        const oracle = new NaiveDeltaFIFO(known, emitReplaced);
        let rv = 0;
        for (const step of ops) {
          if (step.op === "pop") {
            const expected = oracle.pop();
            const got = f.pop((deltas) => {
              const newest = deltas[deltas.length - 1] as Delta;
              if (newest.type === "Deleted") cache.delete(newest.object);
              else cache.update(newest.object);
            });
            expect(got).toEqual(expected?.deltas);
            if (got !== undefined) {
              got.forEach((d, i) => expect(d.object instanceof DeletedFinalStateUnknown).toBe(expected!.deltas[i]!.object instanceof DeletedFinalStateUnknown));
            }
          } else if (step.op === "replace") {
            const items = step.keys.map((k) => obj(k, ++rv));
            f.replace(items, String(rv));
            oracle.replace(items.map((o) => [o.metadata.name, o]));
          } else if (step.op === "resync") {
            f.resync();
            oracle.resync();
          } else {
            const o = obj(step.key, ++rv);
            f[step.op](o);
            oracle[step.op](step.key, o);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("RealFIFO properties", () => {
  it("pops every add/update/delete exactly once, in arrival order", () => {
    const opArb = fc.oneof(
      fc.record({ op: fc.constantFrom("add" as const, "update" as const, "delete" as const), key: keyArb }),
      fc.record({ op: fc.constant("pop" as const) }),
    );
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 80 }), (ops) => {
        const f = new RealFIFO();
        const expected: string[] = [];
        const got: string[] = [];
        let rv = 0;
        const label = (d: Delta): string => `${d.type} ${(d.object as TestObj).metadata.name}@${(d.object as TestObj).metadata.resourceVersion}`;
        for (const step of ops) {
          if (step.op === "pop") {
            const popped = f.pop(() => {});
            if (popped !== undefined) {
              expect(popped).toHaveLength(1);
              got.push(label(popped[0]!));
            }
          } else {
            const o = obj(step.key, ++rv);
            f[step.op](o);
            expected.push(`${step.op === "add" ? "Added" : step.op === "update" ? "Updated" : "Deleted"} ${step.key}@${rv}`);
          }
        }
        for (let d = f.pop(() => {}); d !== undefined; d = f.pop(() => {})) got.push(label(d[0]!));
        expect(got).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe("relist convergence", () => {
  const histOpArb = fc.oneof(
    fc.record({ op: fc.constantFrom("add" as const, "update" as const, "delete" as const), key: keyArb }),
    fc.record({ op: fc.constant("pop" as const) }),
    fc.record({ op: fc.constant("resync" as const) }),
    fc.record({ op: fc.constant("replace" as const), keys: fc.uniqueArray(keyArb, { maxLength: 5 }) }),
  );
  for (const kind of ["delta", "real"] as const) {
    it(`${kind}: replace(truth) + drain ⇒ cache equals truth`, () => {
      fc.assert(
        fc.property(fc.array(histOpArb, { maxLength: 40 }), fc.uniqueArray(keyArb, { maxLength: 5 }), (history, truthKeys) => {
          const cache: Indexer<unknown> = newIndexer(deletionHandlingMetaNamespaceKeyFunc, {});
          const f = kind === "delta"
            ? new DeltaFIFO({ knownObjects: cache, emitDeltaTypeReplaced: true })
            : new RealFIFO({ knownObjects: cache });
          const apply = (deltas: Delta[]): void => {
            for (const d of deltas) {
              if (d.type === "Deleted") cache.delete(d.object);
              else cache.update(d.object);
            }
          };
          let rv = 0;
          for (const step of history) {
            if (step.op === "pop") f.pop(apply);
            else if (step.op === "resync") f.resync();
            else if (step.op === "replace") f.replace(step.keys.map((k) => obj(k, ++rv)), String(rv));
            else f[step.op](obj(step.key, ++rv));
          }
          const truth = truthKeys.map((k) => obj(k, ++rv));
          f.replace(truth, String(rv));
          while (f.pop(apply) !== undefined);
          expect(cache.listKeys().sort()).toEqual([...truthKeys].sort());
          for (const t of truth) expect(cache.getByKey(t.metadata.name)).toBe(t);
        }),
        { numRuns: 300 },
      );
    });
  }
});

// ───────────────────────────── Indexer ─────────────────────────────

interface Tagged {
  metadata: { name: string; namespace: string };
  tags: string[];
  color: string;
}
const TAGS = ["x", "y", "z", "w"];
interface TaggedInput {
  name: string;
  namespace: string;
  tags: string[];
  color: string;
}
const taggedArb: fc.Arbitrary<TaggedInput> = fc.record({
  name: keyArb,
  namespace: fc.constantFrom("n1", "n2"),
  tags: fc.array(fc.constantFrom(...TAGS), { maxLength: 4 }), // 0..4 values, duplicates allowed
  color: fc.constantFrom("red", "blue"),
});
type IndexerOp =
  | { op: "add" | "update" | "delete"; item: TaggedInput }
  | { op: "replace"; items: Array<TaggedInput> }
  | { op: "addIndexer" };
const indexerOpArb: fc.Arbitrary<IndexerOp> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constantFrom("add" as const, "update" as const, "delete" as const), item: taggedArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("replace" as const), items: fc.array(taggedArb, { maxLength: 5 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("addIndexer" as const) }) },
);

const toTagged = (i: TaggedInput): Tagged => ({ metadata: { name: i.name, namespace: i.namespace }, tags: i.tags, color: i.color });
const byTags: IndexFunc = (o) => (o as Tagged).tags;
// The engine's own namespace index function (ThreadSafeStore has a fast path for it).
const byNamespace: IndexFunc = metaNamespaceIndexFunc;
const byColor: IndexFunc = (o) => [(o as Tagged).color];
// Keyed by name only, so an update of a key can move it to another namespace.
const keyOf = (o: unknown): string => (o as Tagged).metadata.name;

/** value → sorted keys, recomputed from the items. */
function recompute(items: Tagged[], fn: IndexFunc): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  for (const item of items) for (const v of fn(item)) (out.get(v) ?? out.set(v, new Set()).get(v)!).add(keyOf(item));
  return new Map(Array.from(out, ([v, ks]) => [v, Array.from(ks).sort()]));
}

describe("Indexer properties", () => {
  it("indexes always equal indexes recomputed from the items", () => {
    fc.assert(
      fc.property(fc.array(indexerOpArb, { maxLength: 50 }), (ops) => {
        const ix = newIndexer<Tagged>(keyOf, { tags: byTags, namespace: byNamespace });
        const model = new Map<string, Tagged>();
        for (const step of ops) {
          switch (step.op) {
            case "add":
            case "update": {
              const t = toTagged(step.item);
              ix[step.op](t);
              model.set(keyOf(t), t);
              break;
            }
            case "delete": {
              const t = toTagged(step.item);
              ix.delete(t);
              model.delete(keyOf(t));
              break;
            }
            case "replace": {
              const ts = step.items.map(toTagged);
              ix.replace(ts, "1");
              model.clear();
              for (const t of ts) model.set(keyOf(t), t);
              break;
            }
            case "addIndexer": {
              if (!("color" in ix.getIndexers())) ix.addIndexers({ color: byColor });
              else expect(() => ix.addIndexers({ color: byColor })).toThrow(/indexer conflict/);
              break;
            }
          }
          const items = Array.from(model.values());
          expect(ix.listKeys().sort()).toEqual(Array.from(model.keys()).sort());
          for (const [name, fn] of Object.entries(ix.getIndexers())) {
            const expected = recompute(items, fn);
            expect(ix.listIndexFuncValues(name).sort()).toEqual(Array.from(expected.keys()).sort());
            for (const [value, keys] of expected) {
              expect(ix.indexKeys(name, value)).toEqual(keys);
              expect(ix.byIndex(name, value).map(keyOf).sort()).toEqual(keys);
            }
            for (const value of TAGS) if (!expected.has(value)) expect(ix.byIndex(name, value)).toEqual([]);
          }
          // index(name, obj) is the deduplicated union over obj's values.
          const probe = toTagged({ name: "a", namespace: "n1", tags: ["x", "y", "x"], color: "red" });
          const union = new Set(items.filter((t) => t.tags.some((v) => v === "x" || v === "y")).map(keyOf));
          expect(ix.index("tags", probe).map(keyOf).sort()).toEqual(Array.from(union).sort());
        }
      }),
      { numRuns: 300 },
    );
  });
});
