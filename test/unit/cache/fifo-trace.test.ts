/** Trace events of DeltaFIFO and RealFIFO (src/sim/trace.ts FifoTrace), and error atomicity of writes. */
import { describe, expect, it } from "vitest";
import { DeltaFIFO, KeyError, RealFIFO, newIndexer, metaNamespaceKeyFunc } from "../../../src/cache/index.js";
import { Recorder, Scheduler, asKnown, type KnownTraceEvent } from "../../../src/sim/index.js";
import { known, obj } from "../../conformance/cache/helpers.js";

function recorder(): Recorder {
  return new Recorder(new Scheduler({ seed: 1 }));
}
/** Events without seq/time, for compact comparisons. */
function payloads(r: Recorder): Array<Omit<KnownTraceEvent, "seq" | "time">> {
  return r.events.map((e) => {
    const { seq: _seq, time: _time, ...rest } = asKnown(e);
    return rest as Omit<KnownTraceEvent, "seq" | "time">;
  });
}

describe("DeltaFIFO trace", () => {
  it("queued carries the key's whole list after the add; newKey and queueLength", () => {
    const r = recorder();
    const f = new DeltaFIFO({ tracer: r, name: "pods" });
    f.add(obj("foo", 1));
    f.update(obj("foo", 2));
    f.add(obj("bar", 3));
    expect(payloads(r)).toEqual([
      { component: "fifo", kind: "fifo.queued", name: "pods", key: "foo", delta: { type: "Added", rv: "1" },
        deltas: [{ type: "Added", rv: "1" }], newKey: true, queueLength: 1 },
      { component: "fifo", kind: "fifo.queued", name: "pods", key: "foo", delta: { type: "Updated", rv: "2" },
        deltas: [{ type: "Added", rv: "1" }, { type: "Updated", rv: "2" }], newKey: false, queueLength: 1 },
      { component: "fifo", kind: "fifo.queued", name: "pods", key: "bar", delta: { type: "Added", rv: "3" },
        deltas: [{ type: "Added", rv: "3" }], newKey: true, queueLength: 2 },
    ]);
  });

  it("skipped: dedup of adjacent deletes, unknown delete, resync of a queued key", () => {
    const r = recorder();
    const f = new DeltaFIFO({ tracer: r, knownObjects: known(obj("k", 1)) });
    f.delete(obj("zz", 9)); // unknown
    f.add(obj("a", 1));
    f.delete(obj("a", 2));
    f.delete(obj("a", 3)); // collapses into the older real delete
    f.update(obj("k", 2));
    f.resync(); // k is queued
    const skipped = payloads(r).filter((e) => e.kind === "fifo.skipped");
    expect(skipped).toEqual([
      { component: "fifo", kind: "fifo.skipped", name: "fifo", key: "zz", delta: { type: "Deleted", rv: "9" }, reason: "unknownDelete" },
      { component: "fifo", kind: "fifo.skipped", name: "fifo", key: "a", delta: { type: "Deleted", rv: "3" }, reason: "dedupDelete" },
      { component: "fifo", kind: "fifo.skipped", name: "fifo", key: "k", delta: { type: "Sync", rv: "1" }, reason: "resyncQueued" },
    ]);
  });

  it("replace reports items and tombstones after the queued events; a fresher tombstone replaces the older one", () => {
    const r = recorder();
    const f = new DeltaFIFO({ tracer: r, knownObjects: known(obj("gone", 4)) });
    f.add(obj("x", 1));
    f.replace([], "7");
    f.replace([], "8");
    const events = payloads(r);
    expect(events.map((e) => e.kind)).toEqual([
      "fifo.queued", "fifo.queued", "fifo.queued", "fifo.replace", "fifo.queued", "fifo.queued", "fifo.replace",
    ]);
    // The second relist re-tombstones both queued keys; each fresher tombstone replaces the older one.
    expect(f.getByKey("gone")).toHaveLength(1);
    expect(events[3]).toEqual({ component: "fifo", kind: "fifo.replace", name: "fifo", items: 0, resourceVersion: "7", tombstones: 2 });
    expect(events[4]).toMatchObject({ key: "x", newKey: false,
      deltas: [{ type: "Added", rv: "1" }, { type: "Deleted", rv: "1", tombstone: true }] });
  });

  it("popped (before processing) and closed", () => {
    const r = recorder();
    const f = new DeltaFIFO({ tracer: r });
    f.replace([obj("a", 1), obj("b", 2)], "5");
    let kindsAtProcess: string[] = [];
    f.pop(() => {
      kindsAtProcess = r.events.map((e) => e.kind);
    });
    f.close();
    expect(kindsAtProcess.at(-1)).toBe("fifo.popped");
    const popped = payloads(r).filter((e) => e.kind === "fifo.popped");
    expect(popped).toEqual([
      { component: "fifo", kind: "fifo.popped", name: "fifo", key: "a", deltas: [{ type: "Sync", rv: "1" }], isInInitialList: true, queueLength: 1 },
    ]);
    expect(payloads(r).at(-1)).toEqual({ component: "fifo", kind: "fifo.closed", name: "fifo" });
  });

  it("every payload survives structuredClone and JSON", () => {
    const r = recorder();
    const f = new DeltaFIFO({ tracer: r, knownObjects: known(obj("k", 1)) });
    f.add(obj("a", 1));
    f.replace([obj("a", 2)], "3");
    f.resync();
    f.pop(() => {});
    expect(structuredClone(r.events)).toEqual(r.events);
    expect(JSON.parse(JSON.stringify(r.events))).toEqual(r.events);
  });

  it("a key error in replace keeps the items queued before it (delta_fifo.go Replace)", () => {
    const f = new DeltaFIFO();
    f.add(obj("a", 1));
    expect(() => f.replace([obj("b", 1), { bad: true }], "1")).toThrow(KeyError);
    expect(f.listKeys()).toEqual(["a", "b"]);
    expect(f.getByKey("a")).toHaveLength(1);
  });
});

describe("RealFIFO trace", () => {
  it("each entry is queued as its own list; replace and pops are reported", () => {
    const r = recorder();
    const f = new RealFIFO({ tracer: r, name: "pods", knownObjects: known(obj("old", 1)) });
    f.add(obj("a", 1));
    f.add(obj("a", 2));
    f.replace([obj("a", 3)], "9");
    f.pop(() => {});
    const e = payloads(r);
    expect(e.map((x) => x.kind)).toEqual(["fifo.queued", "fifo.queued", "fifo.queued", "fifo.queued", "fifo.replace", "fifo.popped"]);
    expect(e[1]).toEqual({ component: "fifo", kind: "fifo.queued", name: "pods", key: "a", delta: { type: "Added", rv: "2" },
      deltas: [{ type: "Added", rv: "2" }], newKey: true, queueLength: 2, fifoKind: "real" });
    expect(e[2]).toMatchObject({ key: "old", delta: { type: "Deleted", rv: "1", tombstone: true }, queueLength: 3 });
    expect(e[4]).toEqual({ component: "fifo", kind: "fifo.replace", name: "pods", items: 1, resourceVersion: "9", tombstones: 1, fifoKind: "real" });
    expect(e[5]).toEqual({ component: "fifo", kind: "fifo.popped", name: "pods", key: "a", deltas: [{ type: "Added", rv: "1" }],
      isInInitialList: false, queueLength: 3, fifoKind: "real" });
  });

  it("resync skips keys anywhere in the queue", () => {
    const r = recorder();
    const f = new RealFIFO({ tracer: r, knownObjects: known(obj("a", 1), obj("b", 2)) });
    f.update(obj("a", 5));
    f.add(obj("z", 1));
    f.resync();
    expect(f.listKeys()).toEqual(["a", "z", "b"]);
    expect(payloads(r).filter((x) => x.kind === "fifo.skipped")).toEqual([
      { component: "fifo", kind: "fifo.skipped", name: "fifo", key: "a", delta: { type: "Sync", rv: "1" }, reason: "resyncQueued", fifoKind: "real" },
    ]);
  });
});

describe("no tracer", () => {
  it("works without a tracer and never calls into one", () => {
    const f = new DeltaFIFO({ knownObjects: newIndexer(metaNamespaceKeyFunc, {}) });
    f.add(obj("a", 1));
    f.replace([], "1");
    f.resync();
    f.close();
    expect(f.pop(() => {})).toHaveLength(2);
  });
});
