/**
 * The one specialisation of the cache's storage (src/cache/thread-safe-store.ts `namespaceKeys`): a
 * KeyedIndexer with metaNamespaceKeyFunc / deletionHandlingMetaNamespaceKeyFunc builds its namespace
 * index only when first read, from per-namespace counts; with any other key function the index is
 * maintained on every write. Wrapping the same key function in a closure gives the maintained store
 * with the same keys, so random operation sequences (reads at random points) must give the same
 * answers, the same orders and the same errors — including objects whose key does not fix their
 * namespace (no metadata, "/" in a namespace or a cluster-scoped name, tombstones).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DeletedFinalStateUnknown, KeyedIndexer, NamespaceIndex, deletionHandlingMetaNamespaceKeyFunc, metaNamespaceIndexFunc,
  metaNamespaceKeyFunc, type IndexFunc, type Indexers, type KeyFunc,
} from "../../../src/cache/index.js";

interface Obj { metadata: { namespace?: string; name: string; labels?: Record<string, string>; resourceVersion: string } }
type Item = Obj | { spec: string } | DeletedFinalStateUnknown;

const byColor: IndexFunc = (o) => {
  const c = (o as Obj).metadata?.labels?.["color"];
  return c === undefined ? [] : c.split(",");
};

const objArb: fc.Arbitrary<Item> = fc.oneof(
  { weight: 12, arbitrary: fc.record({
    ns: fc.constantFrom(undefined, "", "a", "b", "c"),
    name: fc.constantFrom("p", "q", "r", "s"),
    color: fc.constantFrom(undefined, "red", "blue", "red,blue"),
    rv: fc.nat(99),
  }).map(({ ns, name, color, rv }): Obj => ({ metadata: {
    ...(ns !== undefined ? { namespace: ns } : {}), name, resourceVersion: String(rv),
    ...(color !== undefined ? { labels: { color } } : {}),
  } })) },
  // objects the namespaced layout cannot place
  { weight: 1, arbitrary: fc.constantFrom<Item>(
    { metadata: { namespace: "a/x", name: "p", resourceVersion: "1" } },
    { metadata: { name: "a/p", resourceVersion: "2" } },
    { metadata: { namespace: "a", name: "x/p", resourceVersion: "3" } },
    new DeletedFinalStateUnknown("a/p", undefined),
    { spec: "no metadata" },
  ) },
);

type Op =
  | { op: "add" | "update" | "delete" | "swap"; item: Item }
  | { op: "replace"; items: Item[] }
  | { op: "addIndexers"; which: "color" | "ns2" }
  | { op: "read" };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ op: fc.constantFrom("add" as const, "update" as const, "delete" as const, "swap" as const), item: objArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("replace" as const), items: fc.array(objArb, { maxLength: 6 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("addIndexers" as const), which: fc.constantFrom("color" as const, "ns2" as const) }) },
  { weight: 1, arbitrary: fc.constant({ op: "read" as const }) },
);

const KEYS = ["p", "a/p", "b/q", "c/r", "a/x/p", "a/", "", "/p", "q", "a/s", "x/p"];
const VALUES = ["", "a", "b", "c", "red", "blue", "a/x", "zzz"];

/** Runs `f`, answering its result or the error's name and message. */
function attempt<R>(f: () => R): R | string {
  try {
    return f();
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
}

/** Everything observable through the Indexer surface. */
function observe(ix: KeyedIndexer<Item>): unknown {
  const names = Object.keys(ix.getIndexers());
  return {
    keys: ix.listKeys(), list: ix.list(), size: ix.size(), names,
    gets: KEYS.map((k) => ix.getByKey(k)),
    indexes: [...names, "nope"].map((n) => ({
      values: ix.listIndexFuncValues(n),
      byIndex: VALUES.map((v) => attempt(() => ix.byIndex(n, v))),
      indexKeys: VALUES.map((v) => attempt(() => ix.indexKeys(n, v))),
      index: attempt(() => ix.index(n, { metadata: { namespace: "a", name: "p", labels: { color: "red,blue" }, resourceVersion: "0" } })),
    })),
  };
}

function apply(ix: KeyedIndexer<Item>, step: Op): unknown {
  switch (step.op) {
    case "add": return attempt(() => ix.add(step.item));
    case "update": return attempt(() => ix.update(step.item));
    case "delete": return attempt(() => ix.delete(step.item));
    case "swap": return attempt(() => ix.swapByKey(ix.keyOf(step.item), step.item));
    case "replace": return attempt(() => ix.replace(step.items, "1"));
    case "addIndexers": return attempt(() => ix.addIndexers(step.which === "color" ? { color: byColor } : { ns2: metaNamespaceIndexFunc }));
    case "read": return observe(ix);
  }
}

function equalRuns(keyFunc: KeyFunc): void {
  fc.assert(fc.property(fc.array(opArb, { maxLength: 40 }), fc.boolean(), (ops, withIndex) => {
    const indexers: Indexers = withIndex ? { [NamespaceIndex]: metaNamespaceIndexFunc } : {};
    const special = new KeyedIndexer<Item>(keyFunc, indexers);
    const general = new KeyedIndexer<Item>((o) => keyFunc(o), indexers);
    for (const step of ops) {
      expect(apply(special, step)).toEqual(apply(general, step));
      // what writes show without reading an index
      expect([special.listKeys(), special.list(), special.size()]).toEqual([general.listKeys(), general.list(), general.size()]);
    }
    expect(observe(special)).toEqual(observe(general));
  }), { numRuns: Number(process.env.NAMESPACE_INDEX_RUNS ?? 300) });
}

describe("The deferred namespace index equals a maintained one", () => {
  it("metaNamespaceKeyFunc: same answers, orders and errors on random operation sequences", () => {
    equalRuns(metaNamespaceKeyFunc);
  });

  it("deletionHandlingMetaNamespaceKeyFunc (the informer's cache): the same", () => {
    equalRuns(deletionHandlingMetaNamespaceKeyFunc);
  });

  it("builds the index as maintenance would have: values in the order namespaces got their first object", () => {
    const ix = new KeyedIndexer<Item>(metaNamespaceKeyFunc, { [NamespaceIndex]: metaNamespaceIndexFunc });
    const o = (ns: string, name: string, rv: string): Obj => ({ metadata: { namespace: ns, name, resourceVersion: rv } });
    ix.add(o("b", "x", "1"));
    ix.add(o("a", "y", "2"));
    ix.add(o("b", "z", "3"));
    ix.update(o("b", "x", "4"));
    expect(ix.listKeys()).toEqual(["b/x", "a/y", "b/z"]);
    ix.delete(o("b", "x", "5"));
    ix.add(o("b", "x", "6"));
    expect(ix.listKeys()).toEqual(["a/y", "b/z", "b/x"]);
    expect(ix.byIndex(NamespaceIndex, "b").map((x) => (x as Obj).metadata.name)).toEqual(["z", "x"]);
    expect(ix.listIndexFuncValues(NamespaceIndex)).toEqual(["b", "a"]);
    ix.delete(o("a", "y", "7"));
    expect(ix.listIndexFuncValues(NamespaceIndex)).toEqual(["b"]);
  });
});
