/** spec/client-go.md §12.C — Store / Indexer conformance scenarios 44–50 and 52 (51 needs an informer). */
import { describe, expect, it } from "vitest";
import { newIndexer, newStore, type IndexFunc, type KeyFunc } from "../../../src/cache/index.js";

interface Item {
  id: string;
  val: string;
}
const byId: KeyFunc = (o) => (o as Item).id;
const vals = (items: Item[]): string[] => items.map((i) => i.val).sort();
const ids = (items: Item[]): string[] => items.map((i) => i.id).sort();

interface Labeled {
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
}
const pod = (name: string, extra: Partial<Labeled["metadata"]> = {}): Labeled => ({ metadata: { name, namespace: "ns", ...extra } });
const names = (pods: Labeled[]): string[] => pods.map((p) => p.metadata.name).sort();

describe("§12.C Store / Indexer", () => {
  it("scenario 44: add, update, delete, list and replace", () => {
    const s = newStore<Item>(byId);
    s.add({ id: "foo", val: "bar" });
    expect(s.getByKey("foo")?.val).toBe("bar");
    expect(s.get({ id: "foo", val: "" })?.val).toBe("bar");
    s.update({ id: "foo", val: "baz" });
    expect(s.getByKey("foo")?.val).toBe("baz");
    s.delete({ id: "foo", val: "" });
    expect(s.getByKey("foo")).toBeUndefined();
    s.add({ id: "a", val: "b" });
    s.add({ id: "c", val: "d" });
    s.add({ id: "e", val: "e" });
    expect(vals(s.list())).toEqual(["b", "d", "e"]);
    s.replace([{ id: "foo", val: "foo" }, { id: "bar", val: "bar" }], "0");
    expect(vals(s.list())).toEqual(["bar", "foo"]);
    expect(s.listKeys().sort()).toEqual(["bar", "foo"]);
  });

  it("scenario 45: Index returns the objects sharing an indexed value", () => {
    const ix = newIndexer<Item>(byId, { by_val: (o) => [(o as Item).val] });
    for (const [id, val] of [["a", "b"], ["c", "b"], ["e", "f"], ["g", "h"]] as const) ix.add({ id, val });
    expect(ids(ix.index("by_val", { id: "x", val: "b" }))).toEqual(["a", "c"]);
    expect(ids(ix.index("by_val", { id: "x", val: "f" }))).toEqual(["e"]);
    expect(ids(ix.index("by_val", { id: "x", val: "h" }))).toEqual(["g"]);
  });

  it("scenario 46: ListIndexFuncValues lists each value once", () => {
    const ix = newIndexer<Labeled>((o) => (o as Labeled).metadata.name, {
      testmodes: (o) => [(o as Labeled).metadata.labels?.foo ?? ""],
    });
    ix.add(pod("one", { labels: { foo: "bar" } }));
    ix.add(pod("two", { labels: { foo: "bar" } }));
    ix.add(pod("tre", { labels: { foo: "biz" } }));
    expect(ix.listIndexFuncValues("testmodes").sort()).toEqual(["bar", "biz"]);
  });

  it("scenario 47: multi-value index keys follow deletes and updates", () => {
    const users: IndexFunc = (o) => ((o as Labeled).metadata.annotations?.users ?? "").split(",");
    const ix = newIndexer<Labeled>((o) => (o as Labeled).metadata.name, { byUser: users });
    ix.add(pod("one", { annotations: { users: "ernie,bert" } }));
    ix.add(pod("two", { annotations: { users: "bert,oscar" } }));
    ix.add(pod("tre", { annotations: { users: "ernie,elmo" } }));
    expect(names(ix.byIndex("byUser", "ernie"))).toEqual(["one", "tre"]);
    expect(names(ix.byIndex("byUser", "bert"))).toEqual(["one", "two"]);
    expect(names(ix.byIndex("byUser", "elmo"))).toEqual(["tre"]);
    expect(names(ix.byIndex("byUser", "oscar"))).toEqual(["two"]);
    expect(names(ix.byIndex("byUser", "elmo1"))).toEqual([]);
    ix.delete(pod("tre"));
    expect(names(ix.byIndex("byUser", "ernie"))).toEqual(["one"]);
    expect(names(ix.byIndex("byUser", "elmo"))).toEqual([]);
    ix.update(pod("two", { annotations: { users: "oscar" } }));
    expect(names(ix.byIndex("byUser", "bert"))).toEqual(["one"]);
  });

  it("scenario 48: indexing functions with multiple values", () => {
    const ix = newIndexer<Item>(byId, { test: (o) => (o as Item).val.split(",") });
    const keysOf = (v: string): string[] => ix.indexKeys("test", v);
    ix.add({ id: "key1", val: "foo" });
    ix.add({ id: "key2", val: "bar" });
    expect([keysOf("foo"), keysOf("bar")]).toEqual([["key1"], ["key2"]]);
    ix.update({ id: "key2", val: "foo,bar" });
    expect([keysOf("foo"), keysOf("bar")]).toEqual([["key1", "key2"], ["key2"]]);
    ix.update({ id: "key1", val: "foo,bar" });
    expect([keysOf("foo"), keysOf("bar")]).toEqual([["key1", "key2"], ["key1", "key2"]]);
    ix.add({ id: "key3", val: "foo,bar,baz" });
    expect([keysOf("foo"), keysOf("bar"), keysOf("baz")]).toEqual([["key1", "key2", "key3"], ["key1", "key2", "key3"], ["key3"]]);
    ix.update({ id: "key1", val: "foo" });
    expect([keysOf("foo"), keysOf("bar")]).toEqual([["key1", "key2", "key3"], ["key2", "key3"]]);
    ix.update({ id: "key2", val: "bar" });
    expect([keysOf("foo"), keysOf("bar")]).toEqual([["key1", "key3"], ["key2", "key3"]]);
    ix.delete({ id: "key1", val: "" });
    expect(keysOf("foo")).toEqual(["key3"]);
    ix.delete({ id: "key3", val: "" });
    expect([keysOf("foo"), keysOf("bar"), keysOf("baz")]).toEqual([[], ["key2"], []]);
    expect(ix.listIndexFuncValues("test")).toEqual(["bar"]);
  });

  it("scenario 49: deleting the last key of a value removes the value from the index", () => {
    const ix = newIndexer<Item>(byId, { value: (o) => [(o as Item).val] });
    ix.add({ id: "testKey", val: "testKey" });
    expect(ix.indexKeys("value", "testKey")).toEqual(["testKey"]);
    ix.delete({ id: "testKey", val: "testKey" });
    expect(ix.listIndexFuncValues("value")).not.toContain("testKey");
    expect(ix.listIndexFuncValues("value")).toEqual([]);
  });

  it("scenario 50: a value keeps its set while it still has keys", () => {
    const ix = newIndexer<Item>(byId, { testIndex: () => ["testIndex"] });
    ix.add({ id: "retain", val: "" });
    ix.add({ id: "delete", val: "" });
    expect(ix.indexKeys("testIndex", "testIndex")).toEqual(["delete", "retain"]);
    ix.delete({ id: "delete", val: "" });
    expect(ix.listIndexFuncValues("testIndex")).toEqual(["testIndex"]);
    expect(ix.indexKeys("testIndex", "testIndex")).toEqual(["retain"]);
  });

  it("scenario 51 (indexer part): addIndexers over existing items indexes them at once", () => {
    const labelKeys: IndexFunc = (o) => Object.keys((o as Labeled).metadata.labels ?? {});
    const ix = newIndexer<Labeled>((o) => (o as Labeled).metadata.name, { labels: labelKeys });
    ix.add(pod("pod1", { labels: { a: "1", b: "1" } }));
    ix.add(pod("pod2", { labels: { b: "1" } }));
    expect(names(ix.byIndex("labels", "a"))).toEqual(["pod1"]);
    ix.add(pod("pod3", { labels: { a: "1" } }));
    ix.addIndexers({ "labels-again": labelKeys });
    expect(names(ix.byIndex("labels-again", "a"))).toEqual(["pod1", "pod3"]);
    expect(ix.listIndexFuncValues("labels").sort()).toEqual(["a", "b"]);
    expect(ix.listIndexFuncValues("labels-again").sort()).toEqual(["a", "b"]);
    expect(Object.keys(ix.getIndexers()).sort()).toEqual(["labels", "labels-again"]);
  });

  it("scenario 52: unknown index ⇒ does not exist; name clash ⇒ indexer conflict, nothing added", () => {
    const ix = newIndexer<Item>(byId, { by_val: (o) => [(o as Item).val] });
    ix.add({ id: "a", val: "x" });
    expect(() => ix.byIndex("nope", "x")).toThrow("Index with name nope does not exist");
    expect(() => ix.index("nope", { id: "a", val: "x" })).toThrow(/does not exist/);
    expect(() => ix.indexKeys("nope", "x")).toThrow(/does not exist/);
    expect(ix.listIndexFuncValues("nope")).toEqual([]);
    const other: IndexFunc = () => ["o"];
    expect(() => ix.addIndexers({ other, by_val: other })).toThrow(/indexer conflict: by_val/);
    expect(Object.keys(ix.getIndexers())).toEqual(["by_val"]);
    expect(() => ix.byIndex("other", "o")).toThrow(/does not exist/);
  });
});
