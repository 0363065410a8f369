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
    expect(s).toBe("The pods Reflector received a MODIFIED event for default/web-1 at RV 42.");
  });

  it("reads the review's sentences as prose (#21 item 8)", () => {
    const backoff = event("reflector.backoff", { delayMs: 1535.1132011041045 });
    expect(narrate(backoff, "en")).toBe("The pods Reflector backs off for 1.54 s before retrying.");
    expect(narrate(backoff, "zh-CN")).toBe("pods 的 Reflector 退避 1.54 秒后重试。");
    expect(narrate(event("reflector.backoff", { delayMs: 800.4 }), "en")).toBe("The pods Reflector backs off for 800 ms before retrying.");
    const update = event("server.request", { verb: "update", name: "web-1", namespace: "default", origin: "action", client: undefined, resourceVersion: undefined });
    expect(narrate(update, "en")).toBe("Your action sent an UPDATE for pod default/web-1.");
    expect(narrate(update, "zh-CN")).toBe("你的操作向 API Server 发送了 Pod default/web-1 的 UPDATE 请求。");
    const lost = event("server.response", { verb: "watch", code: 0, reason: "ConnectionLost", message: "http2: client connection lost", items: undefined, resourceVersion: undefined });
    expect(narrate(lost, "en")).toBe("The WATCH for pods never got an answer: the connection failed (http2: client connection lost).");
    expect(narrate(event("reflector.state", { state: "backoff" }), "en")).toBe("The pods Reflector is now backing off.");
    const skipped = event("fifo.skipped", { reason: "unknownDelete" });
    expect(narrate(skipped, "en")).not.toContain("unknownDelete");
    expect(narrate(skipped, "zh-CN")).not.toContain("unknownDelete");
    expect(narrate(event("server.compacted"), "en")).toContain("410 Expired");
    expect(narrate(event("processor.distribute"), "zh-CN")).toBe("pods 的共享处理器把更新通知 default/web-1（RV 43，来自 Updated）分发给 listener #0 和 #1。");
  });

  it("names the informer of every per-informer step, so two informers of one resource read apart", () => {
    const a = narrate(event("handler.called", { name: "pods" }), "en");
    const b = narrate(event("handler.called", { name: "pods-2" }), "en");
    expect(a).toContain("Handler #1 of the pods informer");
    expect(b).toContain("Handler #1 of the pods-2 informer");
    expect(narrate(event("server.request", { client: "reflector:pods-2", origin: "informer" }), "en"))
      .toBe("The pods-2 Reflector sent a LIST for pods at RV 0.");
  });

  it("falls back to a neutral sentence for an unknown kind, and has a start sentence", () => {
    const unknown = { component: "x", kind: "x.y", seq: 1, time: 0 } as TraceEvent;
    expect(narrate(unknown, "en")).toContain("x.y");
    expect(narrate(unknown, "zh-CN")).toMatch(CJK);
    expect(narrateStart("en")).not.toBe(narrateStart("zh-CN"));
  });
});
