/**
 * Lesson compiler — turns one lesson folder's text files into the data the app shows. Runs at BUILD time
 * (in the Vite plugin tools/vite-plugin-lessons.ts) and in Node tests; never in the browser, so neither
 * markdown-it nor highlight.js reaches the page bundle. The shapes it produces are site/lessons/types.ts.
 *
 * Contract:
 * - Input: the folder name (`NN-slug`, the lesson id; or `sandbox`, order 0) and its files by name (LESSONS.md "One lesson =
 *   one folder"). `lesson.md` is required; a missing `lesson.zh-CN.md` / `hints.zh-CN.md` falls back to
 *   English (and is reported in `warnings`, the contract tests in test/lessons/ are where that fails).
 * - Front matter (YAML between `---` lines) gives title, summary, concepts[], minutes, demo; lesson.md's
 *   may also give `startsFrom: <slug>`: the lesson (by the slug of its folder, so renumbering keeps it)
 *   whose solution this lesson's starter grows from (issue 20 item 6: the page offers the learner's own
 *   passing code of that lesson). A slug that is not a lesson folder fails the build (vite plugin).
 * - Go: `go.md` is the Go solution (shown once the lesson is passed or its solution shown), `go-starter.md`
 *   the Go starter (shown beside the TypeScript starter); both optional, rendered like the prose.
 * - Markdown → HTML with markdown-it, `html: false` (raw HTML in prose is escaped, never injected);
 *   fenced code is highlighted by highlight.js core with typescript/go/yaml/bash only. The info string's
 *   first word is the language (`ts snippet` → ts).
 * - Hints: `hints.md` split on `## N` headings, one HTML fragment per hint, in order.
 * - Errors name the folder and the file, as the Svelte tutorial's loader does.
 */
import MarkdownIt from "markdown-it";
import hljs from "highlight.js/lib/core";
import typescript from "highlight.js/lib/languages/typescript";
import go from "highlight.js/lib/languages/go";
import yamlLang from "highlight.js/lib/languages/yaml";
import bash from "highlight.js/lib/languages/bash";
import { parse as parseYaml } from "yaml";
import { renderBugsCard } from "../../site/lessons/bugs-card.js";

hljs.registerLanguage("typescript", typescript);
hljs.registerLanguage("go", go);
hljs.registerLanguage("yaml", yamlLang);
hljs.registerLanguage("bash", bash);

import { LOCALES } from "../../site/i18n/index.js";
import type { CompiledLesson, CompiledLocale, LessonMeta, LessonSummary, Locale } from "../../site/lessons/types.js";

export type { CompiledLesson, CompiledLocale, LessonMeta, LessonSummary, Locale } from "../../site/lessons/types.js";

/** A lesson's id is its folder name: two digits, a dash, a slug. */
export const LESSON_DIR = /^(\d\d)-[a-z0-9][a-z0-9-]*$/;
/** The sandbox's folder (#/sandbox): compiled like a lesson, outside the course (order 0, no goals). */
export const SANDBOX_ID = "sandbox";

const ALIASES: Record<string, string> = {
  ts: "typescript", typescript: "typescript", tsx: "typescript", js: "typescript", javascript: "typescript",
  go: "go", golang: "go", yaml: "yaml", yml: "yaml", bash: "bash", sh: "bash", shell: "bash", console: "bash",
};

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Highlights one code block; unknown languages are escaped as plain text. */
export function highlight(code: string, info: string): string {
  const lang = ALIASES[(info.trim().split(/\s+/)[0] ?? "").toLowerCase()];
  if (lang === undefined) return escapeHtml(code);
  return hljs.highlight(code, { language: lang, ignoreIllegals: true }).value;
}

const md = new MarkdownIt({ html: false, linkify: false, typographer: false, highlight });
// External links open in a new tab and never send the referrer.
const defaultLinkOpen = md.renderer.rules.link_open;
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  const href = String(token.attrGet("href") ?? "");
  if (/^https?:/i.test(href)) {
    token.attrSet("target", "_blank");
    token.attrSet("rel", "noopener noreferrer");
  }
  return defaultLinkOpen ? defaultLinkOpen(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
};

// ```predict fences (predict-then-reveal questions, format in test/lessons/lessons.test.ts and the lessons
// helper's note in /work/notes/requests.md) become a question card; the answer stays folded in <details>.
// The card carries the block's machine fields as data-* attributes so the player can pause before
// `data-before` and check the learner's pick against the run. Added by the lessons 02–09 helper.
const defaultFence = md.renderer.rules.fence;
md.renderer.rules.fence = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  if (token.info.trim() === "bugs") {
    return renderBugsCard(token.content, { highlight, inline: (t) => md.renderInline(t), escape: escapeHtml });
  }
  if (token.info.trim() !== "predict") {
    return defaultFence ? defaultFence(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
  }
  let q: Record<string, unknown>;
  try {
    q = (parseYaml(token.content) ?? {}) as Record<string, unknown>;
  } catch {
    return `<pre><code>${escapeHtml(token.content)}</code></pre>\n`;
  }
  const text = (v: unknown) => md.renderInline(String(v ?? ""));
  const options_ = Array.isArray(q["options"]) ? (q["options"] as Array<Record<string, unknown>>) : [];
  const answer = String(q["answer"] ?? "");
  const right = options_.find((o) => String(o["value"] ?? "") === answer);
  const zh = /[\u4e00-\u9fff]/.test(String(q["question"] ?? ""));
  const attr = (name: string, v: unknown) => ` data-${name}="${escapeHtml(typeof v === "string" ? v : JSON.stringify(v ?? null))}"`;
  return `<div class="predict" data-testid="predict"${attr("predict-id", String(q["id"] ?? ""))}${attr("before", q["before"])}` +
    `${attr("field", String(q["field"] ?? ""))}${attr("answer", answer)}>\n` +
    `<p class="predict-question">${text(q["question"])}</p>\n<ol class="predict-options">\n` +
    options_.map((o) => `<li${attr("value", String(o["value"] ?? ""))}>${text(o["text"])}</li>\n`).join("") +
    `</ol>\n<details class="predict-reveal"><summary>${zh ? "显示答案" : "Show the answer"}</summary>\n` +
    `<p class="predict-answer">${right === undefined ? escapeHtml(answer) : text(right["text"])}</p>\n` +
    (q["explain"] === undefined ? "" : `<p class="predict-explain">${text(q["explain"])}</p>\n`) +
    `</details>\n</div>\n`;
};

/**
 * CJK-aware line joining (issue 21 item 11): a soft line break between two CJK characters (Han, kana,
 * Hangul, full-width punctuation) joins the lines with nothing, as a Chinese reader expects; HTML would
 * render it as a space ("大多数 bug，都来自"). Breaks next to Latin text stay spaces.
 */
const CJK = /[\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF\u3000-\u303F]/u;
type InlineToken = { type: string; content: string; children: InlineToken[] | null };
function edgeChar(tokens: InlineToken[], from: number, step: 1 | -1): string {
  for (let i = from; i >= 0 && i < tokens.length; i += step) {
    const t = tokens[i]!;
    if (t.type === "softbreak" || t.type === "hardbreak") return "";
    if (t.type === "text" || t.type === "code_inline") {
      if (t.content === "") continue;
      return step === 1 ? t.content[0]! : t.content[t.content.length - 1]!;
    }
  }
  return "";
}
export function joinCjkSoftBreaks(tokens: InlineToken[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type !== "softbreak") continue;
    if (CJK.test(edgeChar(tokens, i - 1, -1)) && CJK.test(edgeChar(tokens, i + 1, 1))) {
      t.type = "text";
      t.content = "";
    }
  }
}
md.core.ruler.push("cjk_soft_breaks", (state) => {
  for (const block of state.tokens as unknown as InlineToken[]) if (block.type === "inline" && block.children) joinCjkSoftBreaks(block.children);
});

export function renderMarkdown(source: string): string {
  return md.render(source);
}

/** Drops a leading `# Heading` line: the app shows the front matter's title itself. */
export function stripTitle(body: string): string {
  return body.replace(/^\s*# [^\n]*\n/, "");
}

/** Splits `---\nyaml\n---\nbody`; a file without front matter has `{}`. */
export function splitFrontMatter(source: string, where: string): { data: Record<string, unknown>; body: string } {
  const text = source.replace(/^\uFEFF/, "").replace(/\r\n/g, "\n");
  const m = /^---\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(text);
  if (!m) return { data: {}, body: text };
  let data: unknown;
  try {
    data = parseYaml(m[1]!);
  } catch (e) {
    throw new Error(`${where}: bad front matter: ${(e as Error).message}`);
  }
  if (data === null || data === undefined) data = {};
  if (typeof data !== "object" || Array.isArray(data)) throw new Error(`${where}: front matter must be a YAML mapping`);
  return { data: data as Record<string, unknown>, body: text.slice(m[0].length) };
}

function toMeta(data: Record<string, unknown>, where: string): LessonMeta {
  const title = data["title"];
  if (typeof title !== "string" || title.trim() === "") throw new Error(`${where}: front matter needs a \`title\``);
  const minutes = typeof data["minutes"] === "number" ? data["minutes"] : Number(data["minutes"] ?? 0) || 0;
  return {
    title: title.trim(),
    summary: typeof data["summary"] === "string" ? data["summary"].trim() : "",
    concepts: Array.isArray(data["concepts"]) ? data["concepts"].map(String) : [],
    minutes,
    demo: data["demo"] === true,
  };
}

/** Splits hints.md on `## 1`, `## 2`, … and renders each hint. Text before the first heading is ignored. */
export function splitHints(source: string): string[] {
  const text = source.replace(/\r\n/g, "\n");
  const parts = text.split(/^##[ \t]+\d+[^\n]*$/m);
  return parts.slice(1).map((p) => p.trim()).filter((p) => p !== "").map(renderMarkdown);
}

/**
 * Compiles one lesson folder. `files` maps file names (lesson.md, hints.zh-CN.md, starter.ts, …) to
 * their text; absent files are absent keys.
 */
export function compileLesson(id: string, files: Record<string, string | undefined>): CompiledLesson {
  const m = LESSON_DIR.exec(id);
  if (!m && id !== SANDBOX_ID) throw new Error(`lessons/${id}: a lesson folder is named NN-slug (two digits, a dash, lowercase slug)`);
  const warnings: string[] = [];
  const en = files["lesson.md"];
  if (en === undefined) throw new Error(`lessons/${id}: lesson.md is missing`);
  const locales = {} as Record<Locale, CompiledLocale>;
  for (const locale of LOCALES) {
    const name = locale === "en" ? "lesson.md" : `lesson.${locale}.md`;
    const hintsName = locale === "en" ? "hints.md" : `hints.${locale}.md`;
    let source = files[name];
    if (source === undefined) {
      warnings.push(`lessons/${id}/${name} is missing (English shown)`);
      source = en;
    }
    const where = `lessons/${id}/${source === en ? "lesson.md" : name}`;
    const { data, body } = splitFrontMatter(source, where);
    let hints = files[hintsName];
    if (hints === undefined && locale !== "en") {
      if (files["hints.md"] !== undefined) warnings.push(`lessons/${id}/${hintsName} is missing (English shown)`);
      hints = files["hints.md"];
    }
    locales[locale] = { meta: toMeta(data, where), html: renderMarkdown(stripTitle(body)), hints: hints === undefined ? [] : splitHints(hints) };
  }
  const starter = files["starter.ts"] ?? "";
  const solution = files["solution.ts"] ?? "";
  const startsFrom = splitFrontMatter(en, `lessons/${id}/lesson.md`).data["startsFrom"];
  if (startsFrom !== undefined && (typeof startsFrom !== "string" || !/^[a-z0-9][a-z0-9-]*$/.test(startsFrom))) {
    throw new Error(`lessons/${id}/lesson.md: \`startsFrom\` must be a lesson's slug (its folder name without "NN-")`);
  }
  if (starter === "") warnings.push(`lessons/${id}/starter.ts is missing`);
  if (starter !== "" && starter === solution) warnings.push(`lessons/${id}: starter.ts and solution.ts are identical`);
  return {
    id,
    order: m ? Number(m[1]) : 0,
    locales,
    goHtml: files["go.md"] === undefined ? "" : renderMarkdown(stripTitle(files["go.md"])),
    goStarterHtml: files["go-starter.md"] === undefined ? "" : renderMarkdown(stripTitle(files["go-starter.md"])),
    ...(startsFrom !== undefined ? { startsFrom } : {}),
    starter,
    solution,
    hasScenario: files["scenario.ts"] !== undefined,
    hasGoals: files["goals.ts"] !== undefined,
    warnings,
  };
}

export function summarize(lesson: CompiledLesson): LessonSummary {
  return {
    id: lesson.id,
    order: lesson.order,
    ...(lesson.label !== undefined ? { label: lesson.label } : {}),
    title: { en: lesson.locales.en.meta.title, "zh-CN": lesson.locales["zh-CN"].meta.title },
    summary: { en: lesson.locales.en.meta.summary, "zh-CN": lesson.locales["zh-CN"].meta.summary },
    minutes: lesson.locales.en.meta.minutes,
    demo: lesson.locales.en.meta.demo,
    concepts: lesson.locales.en.meta.concepts,
  };
}
