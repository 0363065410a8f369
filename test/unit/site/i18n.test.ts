/** UI catalogs: both locales have every key, placeholders match, and the browser's language decides. */
import { describe, expect, it } from "vitest";
import { en } from "../../../site/i18n/en.js";
import { zhCN } from "../../../site/i18n/zh-CN.js";
import { detectLocale, translator } from "../../../site/i18n/index.js";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("UI catalogs", () => {
  it("zh-CN has exactly the English keys, each with the same placeholders and real Chinese text", () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect(placeholders(zhCN[key]), key).toEqual(placeholders(en[key]));
    }
    const chinese = Object.values(zhCN).filter((s) => /[\u4e00-\u9fff]/.test(s)).length;
    expect(chinese / Object.keys(zhCN).length).toBeGreaterThan(0.8);
  });

  it("fills placeholders", () => {
    expect(translator("en")("map.progress", { done: 3, total: 17 })).toBe("3 of 17 lessons passed");
    expect(translator("zh-CN")("map.progress", { done: 3, total: 17 })).toBe("已通过 3 / 17 课");
  });

  it("follows the browser: Simplified Chinese for zh, zh-CN, zh-Hans; English otherwise", () => {
    expect(detectLocale(["zh-CN", "en"])).toBe("zh-CN");
    expect(detectLocale(["zh"])).toBe("zh-CN");
    expect(detectLocale(["zh-Hans-CN"])).toBe("zh-CN");
    expect(detectLocale(["zh-TW", "en-US"])).toBe("en");
    expect(detectLocale(["fr-FR", "en-GB"])).toBe("en");
    expect(detectLocale(["de"])).toBe("en");
    expect(detectLocale([])).toBe("en");
  });
});
