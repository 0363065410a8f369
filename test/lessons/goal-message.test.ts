/** lessons/_lib/goal-message.ts: typed, translatable goal reasons (issue 21 item 4). */
import { describe, expect, it } from "vitest";
import { defineMessages, formatMs, missingTemplates, renderReason, templatesOf } from "../../lessons/_lib/goal-message.js";
import { englishSentences } from "./english-sentences.js";

const T = defineMessages("msg-test", {
  plain: { en: "Nothing was popped.", "zh-CN": "没有 pop 出任何条目。" },
  line: {
    en: "{callback} for {key} (step {step}) should log \"{want}\"; it logged {saw}.",
    "zh-CN": "第 {step} 步，{callback} 处理 {key} 时应打印“{want}”，实际打印的是：{saw}。",
  },
  time: { en: "It came at {at} after {list}.", "zh-CN": "它在 {at}出现，在 {list} 之后。" },
  nested: { en: "The write was {how}.", "zh-CN": "这次写入{how}。" },
  never: { en: "never repeated", "zh-CN": "再也没有重做" },
});

describe("goal messages", () => {
  it("a constructor gives an id and the params; both templates are registered", () => {
    expect(T.plain()).toEqual({ id: "msg-test.plain" });
    expect(templatesOf("msg-test.plain")).toEqual({ en: "Nothing was popped.", "zh-CN": "没有 pop 出任何条目。" });
    const r = T.line({ callback: "addFunc", key: "default/web-1", step: 12, want: "Pod added: web-1", saw: { lines: [] } });
    expect(r.id).toBe("msg-test.line");
    expect(renderReason(r, "en")).toBe("addFunc for default/web-1 (step 12) should log \"Pod added: web-1\"; it logged nothing.");
    expect(renderReason(r, "zh-CN")).toBe("第 12 步，addFunc 处理 default/web-1 时应打印“Pod added: web-1”，实际打印的是：（没有任何输出）。");
  });

  it("log lines are quoted per language, at most four shown, the rest counted", () => {
    const saw = { lines: ["a", "b", "c", "d", "e", "f"] };
    const r = T.line({ callback: "deleteFunc", key: "k", step: 1, want: "x", saw });
    expect(r.params?.["saw"]).toEqual({ lines: ["a", "b", "c", "d"], more: 2 });
    expect(renderReason(r, "en")).toContain("it logged \"a\", \"b\", \"c\", \"d\" and 2 more.");
    expect(renderReason(r, "zh-CN")).toContain("实际打印的是：“a”、“b”、“c”、“d” 等（另有 2 行）。");
  });

  it("times read as ms or s (never raw floats), lists joined per language, nested reasons in the same language", () => {
    expect(formatMs(1535.4, "en")).toBe("1.54 s");
    expect(formatMs(15249.830659292638, "en")).toBe("15.25 s");
    expect(formatMs(87.6, "zh-CN")).toBe("88 毫秒");
    const r = T.time({ at: { ms: 1535 }, list: ["web-1", "web-2"] });
    expect(renderReason(r, "en")).toBe("It came at 1.54 s after web-1, web-2.");
    expect(renderReason(r, "zh-CN")).toBe("它在 1.54 秒出现，在 web-1、web-2 之后。");
    expect(renderReason(T.nested({ how: T.never() }), "zh-CN")).toBe("这次写入再也没有重做。");
    expect(renderReason(T.nested({ how: T.never() }), "en")).toBe("The write was never repeated.");
  });

  it("templates with different placeholders are refused when the module loads", () => {
    expect(() => defineMessages("msg-bad", { x: { en: "{a} and {b}", "zh-CN": "{a}" } })).toThrow(/msg-bad\.x/);
    expect(() => defineMessages("msg-bad", { y: { en: "text", "zh-CN": " " } })).toThrow(/empty/);
  });

  it("an unknown id renders as itself and is reported missing, never throws", () => {
    const r = { id: "nope.nothing", params: { key: "a", inner: { id: "msg-test.never" } } };
    expect(renderReason(r, "zh-CN")).toBe("nope.nothing (key=a, inner=再也没有重做)");
    expect(missingTemplates(r)).toEqual(["nope.nothing"]);
    expect(missingTemplates({ id: "msg-test.nested", params: { how: { id: "gone.too" } } })).toEqual(["gone.too"]);
  });

  it("the English-sentence check finds prose and allows code, kinds and quoted log text", () => {
    expect(englishSentences("第 3 步，你的处理函数 threw on the pod")).toEqual(["threw on the pod"]);
    expect(englishSentences("The handler's resync period is 30 s")).not.toEqual([]);
    expect(englishSentences("第 3 步，`addFunc` 处理 default/web-1 时应打印“Pod added: web-1”")).toEqual([]);
    expect(englishSentences("应打印\"late add web-9 initial=false\"；`cache.DeletedFinalStateUnknown` 与 API Server")).toEqual([]);
    expect(englishSentences("Informer 从未 LIST 过 Pod：你调用 `factory.start(stop)` 了吗？")).toEqual([]);
  });
});
