/** Optional tracing of a standalone Store/Indexer (component "indexer"). */
import { describe, expect, it } from "vitest";
import { NamespaceIndex, metaNamespaceIndexFunc, metaNamespaceKeyFunc, newIndexer, newStore } from "../../../src/cache/index.js";
import { Recorder, Scheduler } from "../../../src/sim/index.js";

const pod = (ns: string, name: string, rv: string) => ({ metadata: { namespace: ns, name, resourceVersion: rv } });

describe("indexer tracing", () => {
  it("write ops report add/update/delete with the object's index values", () => {
    const r = new Recorder(new Scheduler());
    const ix = newIndexer(metaNamespaceKeyFunc, { [NamespaceIndex]: metaNamespaceIndexFunc }, { tracer: r, name: "pods" });
    const a1 = pod("n1", "a", "1");
    ix.add(a1);
    ix.update(pod("n1", "a", "2"));
    ix.delete(pod("n1", "a", "3"));
    ix.delete(pod("n1", "zz", "4")); // absent: no change, no event
    ix.replace([pod("n2", "b", "5"), pod("n2", "c", "6")], "6");
    ix.addIndexers({ byName: (o) => [(o as { metadata: { name: string } }).metadata.name] });
    const events = r.events.map(({ seq: _s, time: _t, ...rest }) => rest);
    expect(events).toEqual([
      { component: "indexer", kind: "indexer.write", name: "pods", op: "add", key: "n1/a", resourceVersion: "1", object: a1, indexes: { namespace: ["n1"] } },
      { component: "indexer", kind: "indexer.write", name: "pods", op: "update", key: "n1/a", resourceVersion: "2", object: pod("n1", "a", "2"), indexes: { namespace: ["n1"] } },
      { component: "indexer", kind: "indexer.write", name: "pods", op: "delete", key: "n1/a", resourceVersion: "2", indexes: { namespace: [] } },
      { component: "indexer", kind: "indexer.replace", name: "pods", items: 2 },
      { component: "indexer", kind: "indexer.indexAdded", name: "pods", indexName: "byName" },
    ]);
    expect(ix.byIndex("byName", "c")).toEqual([pod("n2", "c", "6")]);
  });

  it("a store without a tracer behaves the same", () => {
    const s = newStore(metaNamespaceKeyFunc);
    s.add(pod("n", "a", "1"));
    s.delete(pod("n", "a", "1"));
    expect(s.list()).toEqual([]);
  });
});
