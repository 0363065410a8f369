import { describe, expect, it } from "vitest";
import { NARRATION, narrate, narrateStart } from "../../../src/sim/narration.js";
import type { TraceEvent } from "../../../src/sim/trace.js";
import { ALL_KINDS, event } from "./samples.js";

const CJK = /[\u4e00-\u9fff]/;

describe("narration", () => {
  it("has a sentence for exactly the known kinds in both languages", () => {
    expect(Object.keys(NARRATION.en).sort()).toEqual([...ALL_KINDS].sort());
    expect(Object.keys(NARRATION["zh-CN"]).sort()).toEqual([...ALL_KINDS].sort());
  });

  it.each(ALL_KINDS)("%s: one plain sentence in English and in Chinese", (kind) => {
    const e = event(kind, {}, 3, 30);
    const en = narrate(e, "en");
    const zh = narrate(e, "zh-CN");
    expect(en.length).toBeGreaterThan(8);
    expect(en).not.toMatch(/undefined|\[object Object\]|NaN/);
    expect(zh).not.toMatch(/undefined|\[object Object\]|NaN/);
    expect(zh).toMatch(CJK);
    expect(en).not.toMatch(CJK);
    expect(zh).not.toBe(en);
  });

  it("says what the FIFO key holds after a queued delta, with its RV", () => {
    const e = event("fifo.queued", {
      key: "default/web-1", delta: { type: "Updated", rv: "42" },
      deltas: [{ type: "Added", rv: "41" }, { type: "Updated", rv: "42" }], newKey: false,
    });
    expect(narrate(e, "en")).toBe("DeltaFIFO queued Updated for default/web-1 (RV 42); key default/web-1 now holds [Added, Updated].");
    expect(narrate(e, "zh-CN")).toContain("[Added, Updated]");
  });

  it("names the in-order queue, counts its entries and says when a pop was part of a batch", () => {
    const queued = event("fifo.queued", {
      key: "default/web-1", delta: { type: "Updated", rv: "42" }, deltas: [{ type: "Updated", rv: "42" }],
      newKey: true, queueLength: 1, fifoKind: "real",
    });
    expect(narrate(queued, "en")).toBe("RealFIFO queued Updated for default/web-1 (RV 42) at the tail (1 entry queued).");
    expect(narrate(queued, "zh-CN")).toContain("RealFIFO");
    const popped = event("fifo.popped", {
      key: "default/web-1", deltas: [{ type: "Updated", rv: "42" }], isInInitialList: false, queueLength: 2,
      batch: 3, fifoKind: "realAtomic",
    });
    expect(narrate(popped, "en")).toBe("RealFIFO (atomic) popped default/web-1 with [Updated], in a batch of 3; 2 entries left.");
    expect(narrate(popped, "zh-CN")).toContain("一批 3 个");
    const replace = event("fifo.replace", { items: 1, resourceVersion: "9", tombstones: 0, fifoKind: "realAtomic" });
    expect(narrate(replace, "en")).toBe("RealFIFO (atomic) queued the whole list of 1 item at RV 9 as one ReplacedAll entry.");
  });

  it("names the watch event, key and RV the reflector received", () => {
    const s = narrate(event("reflector.watch.event", { type: "MODIFIED", key: "default/web-1", resourceVersion: "42" }), "en");
    expect(s).toBe("Reflector pods received MODIFIED default/web-1 at RV 42.");
  });

  it("falls back to a neutral sentence for an unknown kind, and has a start sentence", () => {
    const unknown = { component: "x", kind: "x.y", seq: 1, time: 0 } as TraceEvent;
    expect(narrate(unknown, "en")).toContain("x.y");
    expect(narrate(unknown, "zh-CN")).toMatch(CJK);
    expect(narrateStart("en")).not.toBe(narrateStart("zh-CN"));
  });
});
