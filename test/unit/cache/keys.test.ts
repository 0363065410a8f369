/** Key functions (spec §2) and the tombstone's key (scenario 70). */
import { describe, expect, it } from "vitest";
import {
  DeletedFinalStateUnknown,
  DeltaFIFO,
  KeyError,
  NamespaceIndex,
  deletionHandlingMetaNamespaceKeyFunc,
  metaNamespaceIndexFunc,
  metaNamespaceKeyFunc,
  newIndexer,
  splitMetaNamespaceKey,
} from "../../../src/cache/index.js";

const pod = (namespace: string | undefined, name: string) => ({ metadata: { name, ...(namespace === undefined ? {} : { namespace }) } });

describe("metaNamespaceKeyFunc", () => {
  it("namespaced ⇒ ns/name; empty or absent namespace ⇒ name", () => {
    expect(metaNamespaceKeyFunc(pod("default", "a"))).toBe("default/a");
    expect(metaNamespaceKeyFunc(pod("", "node-1"))).toBe("node-1");
    expect(metaNamespaceKeyFunc(pod(undefined, "node-2"))).toBe("node-2");
  });
  it("a string is its own key (ExplicitKey)", () => {
    expect(metaNamespaceKeyFunc("ns/x")).toBe("ns/x");
    expect(deletionHandlingMetaNamespaceKeyFunc("y")).toBe("y");
  });
  it("repeated and alternating calls stay correct (the key is a pure function of namespace and name)", () => {
    const a = pod("n1", "a");
    const b = pod("n2", "a");
    expect([metaNamespaceKeyFunc(a), metaNamespaceKeyFunc(a), metaNamespaceKeyFunc(b), metaNamespaceKeyFunc(a)]).toEqual(["n1/a", "n1/a", "n2/a", "n1/a"]);
    const m = { metadata: { name: "x", namespace: "n" } };
    expect(metaNamespaceKeyFunc(m)).toBe("n/x");
    m.metadata.name = "y";
    expect(metaNamespaceKeyFunc(m)).toBe("n/y");
    m.metadata.namespace = "";
    expect(metaNamespaceKeyFunc(m)).toBe("y");
    expect(metaNamespaceKeyFunc(pod(undefined, "y"))).toBe("y");
  });
  it("a FIFO whose transformer renames objects still lets the consumer key the new name", () => {
    const f = new DeltaFIFO({ transformer: (o) => ({ metadata: { ...(o as { metadata: object }).metadata, name: "T" } }) });
    f.add(pod("ns", "orig"));
    let consumerKey = "";
    f.pop((deltas) => {
      consumerKey = deletionHandlingMetaNamespaceKeyFunc(deltas[0]!.object);
    });
    expect(consumerKey).toBe("ns/T");
  });
  it("an object without metadata throws 'object has no meta'", () => {
    for (const bad of [{}, { metadata: null }, 42, null, undefined, [1]]) {
      expect(() => metaNamespaceKeyFunc(bad)).toThrow(/object has no meta/);
    }
    expect(() => metaNamespaceIndexFunc({ spec: {} })).toThrow(/object has no meta/);
  });
});

describe("deletionHandlingMetaNamespaceKeyFunc", () => {
  it("scenario 70: a tombstone keys by its stored key, even when its object is null", () => {
    const last = pod("ns", "a");
    expect(deletionHandlingMetaNamespaceKeyFunc(new DeletedFinalStateUnknown("ns/a", last))).toBe("ns/a");
    expect(deletionHandlingMetaNamespaceKeyFunc(new DeletedFinalStateUnknown("ns/a", null))).toBe("ns/a");
    expect(deletionHandlingMetaNamespaceKeyFunc(pod("ns", "b"))).toBe("ns/b");
    expect(() => metaNamespaceKeyFunc(new DeletedFinalStateUnknown("ns/a", null))).toThrow(/no meta/);
  });
  it("deleting a tombstone from an indexer removes the right entry", () => {
    const ix = newIndexer(deletionHandlingMetaNamespaceKeyFunc, { [NamespaceIndex]: metaNamespaceIndexFunc });
    ix.add(pod("ns", "a"));
    ix.add(pod("ns", "b"));
    ix.delete(new DeletedFinalStateUnknown("ns/a", null));
    expect(ix.listKeys()).toEqual(["ns/b"]);
    expect(ix.indexKeys(NamespaceIndex, "ns")).toEqual(["ns/b"]);
  });
  it("the tombstone is immutable", () => {
    const t = new DeletedFinalStateUnknown("k", null);
    expect(Object.isFrozen(t)).toBe(true);
  });
});

describe("splitMetaNamespaceKey", () => {
  it("one part, two parts, edge cases", () => {
    expect(splitMetaNamespaceKey("name")).toEqual(["", "name"]);
    expect(splitMetaNamespaceKey("ns/name")).toEqual(["ns", "name"]);
    expect(splitMetaNamespaceKey("")).toEqual(["", ""]);
    expect(splitMetaNamespaceKey("/x")).toEqual(["", "x"]);
    expect(splitMetaNamespaceKey("x/")).toEqual(["x", ""]);
  });
  it("three or more parts ⇒ unexpected key format", () => {
    expect(() => splitMetaNamespaceKey("a/b/c")).toThrow('unexpected key format: "a/b/c"');
    expect(() => splitMetaNamespaceKey("//")).toThrow(/unexpected key format/);
  });
  it("round-trips keys made by metaNamespaceKeyFunc", () => {
    for (const [ns, name] of [["default", "a"], ["", "n"]] as const) {
      expect(splitMetaNamespaceKey(metaNamespaceKeyFunc(pod(ns, name)))).toEqual([ns, name]);
    }
  });
});

describe("metaNamespaceIndexFunc", () => {
  it("indexes by namespace; cluster-scoped under ''", () => {
    expect(NamespaceIndex).toBe("namespace");
    expect(metaNamespaceIndexFunc(pod("team-a", "x"))).toEqual(["team-a"]);
    expect(metaNamespaceIndexFunc(pod(undefined, "x"))).toEqual([""]);
  });
});

describe("KeyError", () => {
  it("stores and FIFOs wrap key failures in KeyError naming the cause", () => {
    const ix = newIndexer(metaNamespaceKeyFunc, {});
    let caught: unknown;
    try {
      ix.add({ nope: true });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(KeyError);
    expect((caught as KeyError).obj).toEqual({ nope: true });
    expect((caught as KeyError).message).toMatch(/couldn't create key.*object has no meta/);
  });
});
