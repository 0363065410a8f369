/**
 * Issue 21 item 11: one term per concept across the stage's labels, the UI catalogue and the narration,
 * as the glossary (lessons/glossary*.md) writes them: API Server, listener, 共享处理器 / shared processor.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { narrate, type TraceEvent } from "../../../src/sim/index.js";
import { zhCN } from "../../../site/i18n/zh-CN.js";
import { STAGE_TEXT } from "../../../site/views/stage-i18n.js";

/** Every string a value holds (functions called with sample arguments). */
function strings(v: unknown): string[] {
  if (typeof v === "string") return [v];
  if (typeof v === "function") {
    // Sample arguments: numbers, or (for the few that take words and lists) strings and arrays.
    for (const args of [[2, 3, 4], ["x", ["y", "z"]], ["x", "y", "z"]]) {
      try {
        return strings((v as (...a: unknown[]) => unknown)(...args));
      } catch {
        /* the next sample */
      }
    }
    return [];
  }
  if (v !== null && typeof v === "object") return Object.values(v).flatMap(strings);
  return [];
}

const ZH_WRONG = [/API 服务器/, /监听器/, /\bProcessor\b/];

describe("one term per concept", () => {
  it("the zh-CN stage labels and UI catalogue say API Server, listener and 共享处理器", () => {
    const zh = [...strings(STAGE_TEXT["zh-CN"]), ...strings(zhCN)];
    for (const re of ZH_WRONG) expect(zh.filter((s) => re.test(s))).toEqual([]);
    expect(STAGE_TEXT["zh-CN"].apiserver).toBe("API Server");
    expect(STAGE_TEXT["zh-CN"].processor).toBe("共享处理器");
    expect(readFileSync("lessons/glossary.zh-CN.md", "utf8")).toMatch(/API Server/);
  });

  it("the narration in zh-CN uses the same words (no 监听器, no API 服务器)", () => {
    const src = readFileSync("src/sim/narration-zh.ts", "utf8");
    for (const re of ZH_WRONG.slice(0, 2)) expect(src).not.toMatch(re);
  });

  it("English: the diagram, the timeline legend and the narration all say shared processor", () => {
    expect(STAGE_TEXT.en.processor).toBe("Shared processor");
    expect(STAGE_TEXT.en.components.processor).toBe("Shared processor");
    const e = { seq: 1, time: 0, component: "processor", kind: "processor.listenerAdded", name: "pods", listener: 0, resyncPeriodMs: 0 } as unknown as TraceEvent;
    expect(narrate(e, "en")).toMatch(/^The pods shared processor added listener #0/);
    expect(narrate(e, "zh-CN")).toMatch(/共享处理器/);
  });
});
