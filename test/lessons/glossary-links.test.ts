/**
 * First-use glossary links (issue 20 item 10): in every lesson (lessons/NN-*, lessons/sandbox), in both
 * locales, the first use of each glossary term that the prose uses links to `#/glossary/<slug>`, and every
 * glossary link in any lesson's prose or hints points at an entry that exists, with link text that is a
 * spelling of that entry. The matcher (lessons/_lib/glossary-terms.ts) is tested on small inputs first, so
 * a matcher that finds nothing cannot make the lesson checks pass vacuously.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import {
  GLOSSARY_LINK, TERMS, glossarySlug, linkFirstUses, prosePieces, termUses, type GlossaryLocale,
} from "../../lessons/_lib/glossary-terms.js";
import { compileGlossary } from "../../tools/lessons/glossary.js";

const LESSONS = resolve(__dirname, "../../lessons");
const read = (...p: string[]) => readFileSync(join(LESSONS, ...p), "utf8");
const folders = readdirSync(LESSONS).filter((n) => (/^\d\d-[a-z0-9-]+$/.test(n) || n === "sandbox") && existsSync(join(LESSONS, n, "lesson.md"))).sort();
const FILES: Array<[string, GlossaryLocale]> = [["lesson.md", "en"], ["lesson.zh-CN.md", "zh-CN"]];
const glossary = compileGlossary(read("glossary.md"), read("glossary.zh-CN.md"), new Map());
const slugs = new Set(glossary.locales.en.terms.map((t) => t.slug));

describe("the glossary matcher", () => {
  it("has one term per glossary entry, in the glossary's order, with the page's slugs", () => {
    expect(TERMS.map((t) => glossarySlug(t.heading))).toEqual(glossary.locales.en.terms.map((t) => t.slug));
    expect(glossary.locales["zh-CN"].terms.map((t) => t.slug)).toEqual(glossary.locales.en.terms.map((t) => t.slug));
  });

  it("finds the first use in prose, not in front matter, headings, fences or other links", () => {
    const md = [
      "---", "title: The Reflector", "---", "", "# The Reflector", "",
      "See [the Reflector docs](https://example.com) first.", "",
      "```ts", "const reflector = 1; // Reflector", "```", "",
      "Then the **Reflector** lists. A Reflector again.",
    ].join("\n");
    const uses = termUses(md, "en");
    expect(uses.map((u) => [u.slug, u.text, u.linked, u.line])).toEqual([["reflector", "Reflector", false, 13]]);
    const linked = linkFirstUses(md, "en");
    expect(linked).toContain("the **[Reflector](#/glossary/reflector)** lists. A Reflector again.");
    expect(termUses(linked, "en").every((u) => u.linked)).toBe(true);
  });

  it("reports an unlinked first use even when a later use is linked", () => {
    const md = "An informer here.\n\nA linked [informer](#/glossary/informer) later.\n";
    const [use] = termUses(md, "en");
    expect(use).toMatchObject({ slug: "informer", linked: false, line: 1 });
  });

  it("finds a spelling of several words broken by a soft line break, in both locales", () => {
    expect(termUses("Give it a label\nselector first.", "en")[0]).toMatchObject({ slug: "label-selector-transform", text: "label\nselector" });
    expect(termUses("之后 Reflector 重新\nLIST。", "zh-CN").map((u) => u.slug)).toEqual(["reflector", "relist"]);
  });

  it("counts a code span only when its whole content is the term", () => {
    expect(termUses("Call `informer.hasSynced()` then `hasSynced`.", "en").map((u) => u.text)).toEqual(["`hasSynced`"]);
    expect(termUses("Call `informer.hasSynced()` and `Informer`.", "en").map((u) => u.text)).toEqual(["`Informer`"]);
  });

  it("does not take the watch error handler for an event handler", () => {
    const text = "The watch error handler fires; then your handler runs.";
    expect(termUses(text, "en").map((u) => u.start)).toEqual([text.lastIndexOf("handler")]);
    const zh = "watch 错误处理函数被调用；然后你的处理函数运行。";
    expect(termUses(zh, "zh-CN").map((u) => u.start)).toEqual([zh.lastIndexOf("处理函数")]);
  });

  it("skips a goal id heading a list item, not the prose after it", () => {
    expect(termUses("- **level-triggered**: reconcile from the lister.", "en").map((u) => u.slug)).toEqual(["reconcile", "lister"]);
  });

  it("matches Chinese spellings next to CJK characters", () => {
    const md = "每个已注册处理函数自己的缓冲区；Informer 的墓碑。";
    expect(termUses(md, "zh-CN").map((u) => u.slug)).toEqual(["event-handler", "informer", "tombstone"]);
    expect(prosePieces(md)).toHaveLength(1);
  });
});

describe.each(folders)("lessons/%s", (id) => {
  it.each(FILES)("%s links the first use of every glossary term it uses", (file, locale) => {
    if (!existsSync(join(LESSONS, id, file))) return;
    const md = read(id, file);
    const unlinked = termUses(md, locale).filter((u) => !u.linked).map((u) => `line ${u.line}: "${u.text}" (→ #/glossary/${u.slug})`);
    expect(unlinked, `first uses without a glossary link in lessons/${id}/${file}`).toEqual([]);
  });

  it.each(FILES)("%s links each glossary entry once", (file) => {
    if (!existsSync(join(LESSONS, id, file))) return;
    const hrefs = prosePieces(read(id, file)).filter((p) => p.kind === "link" && GLOSSARY_LINK.test(p.href ?? "")).map((p) => p.href);
    expect(hrefs.filter((h, i) => hrefs.indexOf(h) !== i), `glossary entries linked more than once in lessons/${id}/${file}`).toEqual([]);
  });

  it("every glossary link points at an existing entry, with a spelling of that entry as its text", () => {
    for (const file of ["lesson.md", "lesson.zh-CN.md", "hints.md", "hints.zh-CN.md"]) {
      if (!existsSync(join(LESSONS, id, file))) continue;
      const locale: GlossaryLocale = file.includes("zh-CN") ? "zh-CN" : "en";
      for (const p of prosePieces(read(id, file))) {
        if (p.kind !== "link" || !(p.href ?? "").startsWith("#/glossary")) continue;
        const slug = GLOSSARY_LINK.exec(p.href!)?.[1];
        expect(slug !== undefined && slugs.has(slug), `lessons/${id}/${file}: ${p.href} is not a glossary entry`).toBe(true);
        const term = TERMS.find((t) => glossarySlug(t.heading) === slug)!;
        const text = p.content.replace(/\*\*/g, "");
        const code = /^`([^`]*)`$/.exec(text)?.[1];
        const spelled = code !== undefined ? term.code.includes(code) : new RegExp(`^(?:${term.prose[locale].source})$`).test(text);
        expect(spelled, `lessons/${id}/${file}: link text "${p.content}" is not a spelling of "${term.heading}"`).toBe(true);
      }
    }
  });
});
