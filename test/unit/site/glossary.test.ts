/** The glossary page's compiler (issue 20 item 10): slugs, the two locales aligned, lesson links. */
import { describe, expect, it } from "vitest";
import { compileGlossary, glossarySlug } from "../../../tools/lessons/glossary.js";
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

  it("a zh-CN file with another number of terms is refused, naming both files", () => {
    expect(() => compileGlossary("## A\n\nx\n\n## B\n\ny\n", "## 甲\n\nx\n", new Map())).toThrow(/glossary\.md has 2 terms but lessons\/glossary\.zh-CN\.md has 1/);
  });
});
