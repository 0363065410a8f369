/** The tools/cache storage names of API.md, as exported by src/index.ts (the contract surface). */
import { describe, expect, it } from "vitest";
import * as engine from "../../../src/index.js";

describe("API.md tools/cache storage surface", () => {
  it("exports the documented names", () => {
    for (const name of [
      "DeletedFinalStateUnknown", "metaNamespaceKeyFunc", "deletionHandlingMetaNamespaceKeyFunc", "splitMetaNamespaceKey",
      "metaNamespaceIndexFunc", "newStore", "newIndexer", "DeltaFIFO", "RealFIFO", "FIFOClosedError",
    ] as const) {
      expect(typeof engine[name], name).toBe("function");
    }
    expect(engine.NamespaceIndex).toBe("namespace");
  });

  it("the documented shapes work through the engine entry point", () => {
    const t = new engine.DeletedFinalStateUnknown("ns/a", null);
    expect([t.key, t.obj]).toEqual(["ns/a", null]);
    const ix = engine.newIndexer<engine.Pod>(engine.metaNamespaceKeyFunc, { [engine.NamespaceIndex]: engine.metaNamespaceIndexFunc });
    ix.add({ metadata: { name: "a", namespace: "ns" } });
    expect(ix.byIndex("namespace", "ns").map((p) => p.metadata.name)).toEqual(["a"]);
    // DeltaFIFO queues list items first, then tombstones; RealFIFO queues tombstones first.
    const cases = [[engine.DeltaFIFO, ["ns/b", "ns/a"]], [engine.RealFIFO, ["ns/a", "ns/b"]]] as const;
    for (const [Fifo, expectedKeys] of cases) {
      const f = new Fifo({ knownObjects: ix, emitDeltaTypeReplaced: true });
      f.replace([{ metadata: { name: "b", namespace: "ns" } }], "1");
      expect(f.hasSynced()).toBe(false);
      expect(f.listKeys()).toEqual(expectedKeys);
      while (f.pop(() => {}) !== undefined);
      expect(f.hasSynced()).toBe(true);
      f.close();
      expect(() => f.pop(() => {})).toThrow(engine.FIFOClosedError);
      expect(new engine.FIFOClosedError()).toBeInstanceOf(Error);
    }
  });
});
