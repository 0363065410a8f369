/**
 * Glossary compiler (issue 20 item 10) — lessons/glossary.md and glossary.zh-CN.md into the glossary page's
 * HTML, at BUILD time (tools/vite-plugin-lessons.ts → `virtual:glossary`).
 *
 * Contract:
 * - Every `## ` heading of the English file is a term; its slug is the heading lowercased with every run of
 *   characters outside [a-z0-9] turned into "-" (trimmed): "Event handler" → `event-handler`,
 *   "hasSynced / waitForCacheSync" → `hassynced-waitforcachesync`. Lessons link a term's first use as
 *   `[text](#/glossary/<slug>)`; the zh-CN page uses the same slugs.
 * - The two files have the same terms in the same order (the n-th zh-CN heading gets the n-th slug); a
 *   different count is an error naming both files.
 * - Each term becomes `<section id="term-<slug>" data-term="<slug>">` with its heading and body.
 * - "Lesson 2" / "Lessons 1, 9, 4b" (en) and "第 2 课" / "第 1、9、4b 课" (zh-CN) link each number to that
 *   lesson's page, when a lesson with that number exists (`glossaryLessonRefs`: "4b" is the second lesson
 *   numbered 04, a bare "4" the first; site/lessons/label.ts).
 */
import { renderMarkdown, splitFrontMatter, stripTitle } from "./compile.js";
import type { CompiledGlossary } from "../../site/lessons/types.js";
import { lessonLabels, shortLabel } from "../../site/lessons/label.js";

export type { CompiledGlossary };

export function glossarySlug(heading: string): string {
  return heading.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
}

interface Parsed { title: string; summary: string; intro: string; terms: Array<{ title: string; body: string }> }

function parse(source: string, where: string): Parsed {
  const { data, body } = splitFrontMatter(source, where);
  const text = stripTitle(body);
  const parts = text.split(/^## +(.+)$/m);
  const terms: Parsed["terms"] = [];
  for (let i = 1; i < parts.length; i += 2) terms.push({ title: parts[i]!.trim(), body: (parts[i + 1] ?? "").trim() });
  return { title: String(data["title"] ?? ""), summary: String(data["summary"] ?? ""), intro: (parts[0] ?? "").trim(), terms };
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** How glossary text names lessons ("4", "4a", "12") → lesson ids; a bare number names the first lesson with it. */
export function glossaryLessonRefs(ids: readonly string[]): Map<string, string> {
  const refs = new Map<string, string>();
  const labels = lessonLabels(ids);
  for (const id of [...ids].sort((a, b) => a.localeCompare(b))) {
    const label = shortLabel(labels.get(id)!);
    refs.set(label, id);
    const bare = String(Number(id.slice(0, 2)));
    if (!refs.has(bare)) refs.set(bare, id);
  }
  return refs;
}

/** Links lesson numbers in a rendered term body to the lessons' pages. */
function linkLessons(html: string, lessonIds: ReadonlyMap<string, string>): string {
  const link = (n: string) => {
    const id = lessonIds.get(n);
    return id === undefined ? n : `<a href="#/lesson/${id}">${n}</a>`;
  };
  return html
    .replace(/\b(Lessons?) ((?:\d+[a-z]?(?:, | and )?)+)/g, (_m, word: string, nums: string) => `${word} ${nums.replace(/\d+[a-z]?/g, link)}`)
    .replace(/第 ((?:\d+[a-z]?(?:、)?)+) 课/g, (_m, nums: string) => `第 ${nums.replace(/\d+[a-z]?/g, link)} 课`);
}

export function compileGlossary(en: string, zh: string, lessonIds: ReadonlyMap<string, string>): CompiledGlossary {
  const pe = parse(en, "lessons/glossary.md");
  const pz = parse(zh, "lessons/glossary.zh-CN.md");
  if (pe.terms.length !== pz.terms.length) {
    throw new Error(`lessons/glossary.md has ${pe.terms.length} terms but lessons/glossary.zh-CN.md has ${pz.terms.length}: they must list the same terms in the same order`);
  }
  const slugs = pe.terms.map((t) => glossarySlug(t.title));
  const dup = slugs.find((s, i) => slugs.indexOf(s) !== i);
  if (dup !== undefined) throw new Error(`lessons/glossary.md: two terms share the slug "${dup}"`);
  const build = (p: Parsed) => ({
    title: p.title,
    summary: p.summary,
    intro: renderMarkdown(p.intro),
    terms: p.terms.map((t, i) => ({
      slug: slugs[i]!,
      title: t.title,
      html: `<section class="term" id="term-${slugs[i]}" data-term="${slugs[i]}" tabindex="-1">\n<h2>${escapeHtml(t.title)}</h2>\n${linkLessons(renderMarkdown(t.body), lessonIds)}</section>\n`,
    })),
  });
  return { locales: { en: build(pe), "zh-CN": build(pz) } };
}
