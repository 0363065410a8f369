/**
 * The glossary (lessons/glossary.md, lessons/glossary.zh-CN.md; issue 20 item 10): both locales define the
 * same terms in the same order (one `## ` heading per term), every entry names the lesson(s) that explain
 * it and those lessons exist, and the Chinese entry keeps client-go's own name next to the translation.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { glossaryLessonRefs } from "../../tools/lessons/glossary.js";

const LESSONS = resolve(__dirname, "../../lessons");
const read = (f: string) => readFileSync(join(LESSONS, f), "utf8");
// what glossary text may cite: "4" (the first lesson numbered 04), "4b" (a split lesson's second half), "12"
const lessonRefs = glossaryLessonRefs(readdirSync(LESSONS).filter((n) => /^\d\d-/.test(n)));

/** [term heading, body] per `## ` section. */
function entries(md: string): Array<[string, string]> {
  return md.split(/^## /m).slice(1).map((sec) => {
    const nl = sec.indexOf("\n");
    return [sec.slice(0, nl).trim(), sec.slice(nl + 1).trim()];
  });
}

describe("glossary", () => {
  it("exists in both locales with the same terms", () => {
    for (const f of ["glossary.md", "glossary.zh-CN.md"]) expect(existsSync(join(LESSONS, f)), f).toBe(true);
    const en = entries(read("glossary.md"));
    const zh = entries(read("glossary.zh-CN.md"));
    expect(en.length).toBeGreaterThanOrEqual(15);
    expect(zh.length).toBe(en.length);
    en.forEach(([term], i) => {
      const [zhTerm] = zh[i]!;
      // the zh heading carries the client-go name: "Informer", "墓碑（tombstone）", "索引器（Indexer）" …
      const key = term.split(/[ /(]/)[0]!.toLowerCase();
      expect(zhTerm.toLowerCase(), `zh entry ${i + 1} (${zhTerm}) for ${term}`).toMatch(new RegExp(`${key}|（`));
    });
  });

  it("every entry points at lessons that exist, the same ones in both locales", () => {
    const cited = (body: string, re: RegExp) => [...body.matchAll(re)].flatMap((m) => m[1]!.split(/[,、]\s*/));
    const en = entries(read("glossary.md")).map(([, b]) => cited(b, /Lessons? ([\da-z, ]+)\./g));
    const zh = entries(read("glossary.zh-CN.md")).map(([, b]) => cited(b, /第 ([\da-z、]+) 课/g));
    en.forEach((nums, i) => {
      expect(nums.length, `entry ${i + 1} names no lesson`).toBeGreaterThan(0);
      for (const n of nums) expect(lessonRefs.has(n), `lesson ${n}`).toBe(true);
      expect(zh[i]).toEqual(nums);
    });
  });
});
