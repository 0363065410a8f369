/** ThreadSafeStore and the Store wrapper: edge cases beyond the §12.C scenarios. */
import { describe, expect, it } from "vitest";
import { KeyError, NamespaceIndex, ThreadSafeStore, metaNamespaceIndexFunc, metaNamespaceKeyFunc, newIndexer, type Indexers } from "../../../src/cache/index.js";

const pod = (ns: string, name: string, rv = "1") => ({ metadata: { namespace: ns, name, resourceVersion: rv } });

describe("ThreadSafeStore", () => {
  it("keyed put/get/delete, replace rebuilds indexes", () => {
    const s = new ThreadSafeStore<{ v: string[] }>({ byV: (o) => (o as { v: string[] }).v });
    s.add("a", { v: ["x", "y"] });
    s.update("b", { v: ["y"] });
    expect([s.has("a"), s.size(), s.get("b")]).toEqual([true, 2, { v: ["y"] }]);
    expect(s.indexKeys("byV", "y")).toEqual(["a", "b"]);
    s.delete("nope"); // silent no-op
    s.delete("a");
    expect(s.listIndexFuncValues("byV")).toEqual(["y"]);
    s.replace(new Map([["c", { v: ["z"] }]]));
    expect(s.listKeys()).toEqual(["c"]);
    expect(s.listIndexFuncValues("byV")).toEqual(["z"]);
    expect(s.byIndex("byV", "y")).toEqual([]);
  });

  it("an index function that is not a function is rejected", () => {
    expect(() => new ThreadSafeStore({ bad: 42 } as unknown as Indexers)).toThrow(TypeError);
  });

  it("getIndexers returns a copy", () => {
    const ix = newIndexer(metaNamespaceKeyFunc, { [NamespaceIndex]: metaNamespaceIndexFunc });
    const copy = ix.getIndexers();
    delete copy[NamespaceIndex];
    expect(Object.keys(ix.getIndexers())).toEqual([NamespaceIndex]);
  });
});

describe("Store wrapper", () => {
  it("a key error in replace keeps the old contents and indexes", () => {
    const ix = newIndexer(metaNamespaceKeyFunc, { [NamespaceIndex]: metaNamespaceIndexFunc });
    ix.add(pod("n1", "a"));
    expect(() => ix.replace([pod("n2", "b"), { nope: 1 }], "2")).toThrow(KeyError);
    expect(ix.listKeys()).toEqual(["n1/a"]);
    expect(ix.indexKeys(NamespaceIndex, "n1")).toEqual(["n1/a"]);
    expect(ix.listIndexFuncValues(NamespaceIndex)).toEqual(["n1"]);
  });

  it("moving an object to another namespace (custom key) moves it in the namespace index", () => {
    const ix = newIndexer((o) => (o as { metadata: { name: string } }).metadata.name, { [NamespaceIndex]: metaNamespaceIndexFunc });
    ix.add(pod("n1", "a"));
    ix.update(pod("n2", "a", "2"));
    expect(ix.listIndexFuncValues(NamespaceIndex)).toEqual(["n2"]);
    expect(ix.byIndex(NamespaceIndex, "n2")).toEqual([pod("n2", "a", "2")]);
  });

  it("get/getByKey of a missing key is undefined, never an error", () => {
    const ix = newIndexer(metaNamespaceKeyFunc, {});
    expect(ix.get(pod("n", "x"))).toBeUndefined();
    expect(ix.getByKey("n/x")).toBeUndefined();
  });
});
