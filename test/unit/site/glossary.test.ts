/** The glossary page's compiler (issue 20 item 10): slugs, the two locales aligned, lesson links. */
import { describe, expect, it } from "vitest";
import { compileGlossary, glossaryLessonRefs, glossarySlug } from "../../../tools/lessons/glossary.js";
import { readGlossary } from "../../../tools/vite-plugin-lessons.js";

describe("glossary", () => {
  it("slugs are the English heading, lowercased, non-alphanumerics as one dash", () => {
    expect(glossarySlug("Event handler")).toBe("event-handler");
    expect(glossarySlug("hasSynced / waitForCacheSync")).toBe("hassynced-waitforcachesync");
    expect(glossarySlug("409 Conflict")).toBe("409-conflict");
    expect(glossarySlug("Streaming list (watch list)")).toBe("streaming-list-watch-list");
  });

  it("the course's glossary: every term in both locales with the same slug, lesson numbers linked", () => {
    const g = readGlossary("lessons");
    const en = g.locales.en.terms;
    const zh = g.locales["zh-CN"].terms;
    expect(en.length).toBeGreaterThanOrEqual(20);
    expect(zh.map((t) => t.slug)).toEqual(en.map((t) => t.slug));
    const informer = en.find((t) => t.slug === "informer")!;
    expect(informer.html).toContain('id="term-informer"');
    expect(informer.html).toMatch(/Lessons <a href="#\/lesson\/01-[a-z-]+">1<\/a>, <a href="#\/lesson\/09-[a-z-]+">9<\/a>/);
    expect(zh.find((t) => t.slug === "informer")!.html).toMatch(/第 <a href="#\/lesson\/01-[a-z-]+">1<\/a>、<a href="#\/lesson\/09-[a-z-]+">9<\/a> 课/);
  });

  it("a lesson split in two is cited as 4a / 4b; a bare 4 names its first half", () => {
    const refs = glossaryLessonRefs(["03-wait", "04-deltafifo", "04-replace-and-resync", "05-indexer"]);
    const g = compileGlossary("## A\n\nx. Lessons 4, 4b, 5.\n", "## 甲\n\nx。第 4a、4b 课。\n", refs);
    expect(g.locales.en.terms[0]!.html).toContain('Lessons <a href="#/lesson/04-deltafifo">4</a>, <a href="#/lesson/04-replace-and-resync">4b</a>, <a href="#/lesson/05-indexer">5</a>.');
    expect(g.locales["zh-CN"].terms[0]!.html).toContain('第 <a href="#/lesson/04-deltafifo">4a</a>、<a href="#/lesson/04-replace-and-resync">4b</a> 课');
  });

  it("a zh-CN file with another number of terms is refused, naming both files", () => {
    expect(() => compileGlossary("## A\n\nx\n\n## B\n\ny\n", "## 甲\n\nx\n", new Map())).toThrow(/glossary\.md has 2 terms but lessons\/glossary\.zh-CN\.md has 1/);
  });
});
