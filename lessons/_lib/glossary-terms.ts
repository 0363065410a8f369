/**
 * glossary-terms — how each glossary entry (lessons/glossary.md, lessons/glossary.zh-CN.md) is spelled in
 * lesson prose, and where a lesson first uses it (issue 20 item 10: the first use of a term in a lesson
 * links to the glossary page).
 *
 * Contract:
 * - `glossarySlug(heading)`: the English `## ` heading lowercased, every run of characters outside
 *   [a-z0-9] turned into one "-", no leading/trailing "-" ("Event handler" → "event-handler",
 *   "hasSynced / waitForCacheSync" → "hassynced-waitforcachesync"). Both locales use the English slug;
 *   links are plain markdown: `[text](#/glossary/<slug>)`.
 * - `TERMS`: one entry per glossary heading, in the glossary's order, with the prose spellings per locale
 *   (a regular expression over running text) and the code spans that count as a use (exact contents).
 * - `termUses(markdown, locale)`: for every term, its first use in the prose that is not inside another
 *   term's glossary link or any other link: front matter, headings and fenced blocks are not prose; a
 *   code span counts only when its whole content is one of the term's code spellings; a spelling of
 *   several words may be broken by a soft line break; a goal id heading a list item (`- **id**:`) is skipped. Each use says
 *   where it is and whether it sits inside a link to its own glossary entry.
 * Pure string work: no DOM, no I/O.
 */

export type GlossaryLocale = "en" | "zh-CN";

export interface GlossaryTerm {
  /** The English heading of the entry. */
  heading: string;
  /** Spellings in running text, per locale (global, so lastIndex-based scanning works). */
  prose: Record<GlossaryLocale, RegExp>;
  /** Code spans (their whole content) that are a use of the term. */
  code: readonly string[];
}

export function glossarySlug(heading: string): string {
  return heading.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
}

export const GLOSSARY_LINK = /^#\/glossary\/([a-z0-9-]+)$/;
export const glossaryHref = (heading: string) => `#/glossary/${glossarySlug(heading)}`;

const t = (heading: string, en: RegExp, zh: RegExp, code: readonly string[] = []): GlossaryTerm =>
  ({ heading, prose: { en, "zh-CN": zh }, code });

// Latin words inside Chinese text: \b works there (CJK characters are non-word characters for \b).
export const TERMS: readonly GlossaryTerm[] = [
  t("Informer", /\b[Ii]nformers?\b/g, /\b[Ii]nformers?\b/g, ["Informer", "SharedIndexInformer"]),
  t("SharedInformerFactory", /\bSharedInformerFactory\b|\b[Ii]nformer\s+factory\b|\b[Ff]actory\b/g,
    /\bSharedInformerFactory\b|共享\s*Informer\s*工厂|工厂/g, ["SharedInformerFactory"]),
  t("List-Watch", /\bList-Watch\b|\blist-watch\b|\bListWatch\b/g, /\bList-Watch\b|\blist-watch\b|\bListWatch\b/g),
  t("resourceVersion", /\bresourceVersions?\b|\bresource\s+versions?\b/g, /\bresourceVersion\b|资源版本/g,
    ["resourceVersion", "metadata.resourceVersion"]),
  t("Reflector", /\b[Rr]eflectors?\b/g, /\b[Rr]eflector\b/g, ["Reflector"]),
  t("Relist", /\b[Rr]elist(?:s|ed|ing)?\b/g, /重新\s*LIST|重新\s*list|\brelist\b/g),
  t("DeltaFIFO", /\bDeltaFIFO\b|\bDelta\s+FIFO\b/g, /\bDeltaFIFO\b|\bDelta\s+FIFO\b/g, ["DeltaFIFO"]),
  t("RealFIFO", /\bRealFIFO\b/g, /\bRealFIFO\b/g, ["RealFIFO"]),
  t("Indexer", /\b[Ii]ndexers?\b/g, /索引器|\b[Ii]ndexer\b/g, ["Indexer"]),
  t("Lister", /\b[Ll]isters?\b/g, /\b[Ll]ister\b/g),
  // "handler" alone is an event handler in this course; the watch error handler is named in full and skipped
  t("Event handler", /\b[Ee]vent\s+handlers?\b|(?<!\berror\s)\b[Hh]andlers?\b/g, /事件处理函数|(?<!错误)处理函数|\bhandler\b/g),
  t("Tombstone", /\b[Tt]ombstones?\b/g, /墓碑|\btombstone\b/g, ["DeletedFinalStateUnknown", "cache.DeletedFinalStateUnknown"]),
  t("Resync", /\b[Rr]esync(?:s|ed|ing)?\b/g, /\b[Rr]esync\b/g),
  t("hasSynced / waitForCacheSync", /\bhasSynced\b|\b[Ww]aitForCacheSync\b/g, /\bhasSynced\b|\b[Ww]aitForCacheSync\b/g,
    ["hasSynced", "hasSynced()", "waitForCacheSync", "cache.waitForCacheSync", "WaitForCacheSync"]),
  t("Workqueue", /\b[Ww]orkqueues?\b|\b[Ww]ork\s+queues?\b/g, /工作队列|\b[Ww]orkqueue\b/g, ["workqueue"]),
  t("Reconcile", /\b[Rr]econcil(?:e|es|ed|ing|iation)\b/g, /协调|\breconcile\b/g, ["reconcile"]),
  t("Level-triggered / edge-triggered", /\b[Ll]evel-triggered\b|\b[Ee]dge-triggered\b/g, /水平触发|边沿触发/g),
  t("Rate limiter", /\b[Rr]ate[-\s]limit(?:er|ers|ed|ing)?\b/g, /限速器|限速/g),
  t("409 Conflict", /\b409\b/g, /\b409\b/g),
  t("Label selector / transform", /\b[Ll]abel\s+selectors?\b|\b[Tt]ransforms?\b/g, /标签选择器|转换函数|\btransform\b/g),
  t("Streaming list (watch list)", /\b[Ww]atch[- ]list\b|\b[Ss]treaming\s+list\b/g, /流式列表|\bwatch\s?list\b/g, ["watchList"]),
];

/** A stretch of prose: plain text, a code span, or a link (its text, and where it points). */
interface Piece { start: number; end: number; kind: "text" | "code" | "link"; content: string; href?: string }

/**
 * The prose pieces of a markdown file, with offsets into it. Prose is scanned a block at a time (the
 * lines between blank lines, headings and fences), so a term broken over a soft line break is still found.
 */
export function prosePieces(md: string): Piece[] {
  const pieces: Piece[] = [];
  let offset = 0;
  let fence: string | null = null;
  let frontMatter = md.startsWith("---\n");
  let first = true;
  let block: { start: number; end: number } | null = null;
  const flush = () => {
    if (block !== null) scanBlock(md.slice(block.start, block.end), block.start, pieces);
    block = null;
  };
  for (const line of md.split("\n")) {
    const lineStart = offset;
    offset += line.length + 1;
    if (frontMatter) {
      if (!first && line.trim() === "---") frontMatter = false;
      first = false;
      continue;
    }
    const f = /^\s*(`{3,}|~{3,})/.exec(line);
    if (f !== null) {
      flush();
      if (fence === null) fence = f[1]!;
      else if (line.trim().startsWith(fence)) fence = null;
      continue;
    }
    if (fence !== null) continue;
    if (line.trim() === "" || /^\s{0,3}#/.test(line)) { flush(); continue; }
    if (block === null) block = { start: lineStart, end: lineStart + line.length };
    else block.end = lineStart + line.length;
  }
  flush();
  return pieces;
}

function scanBlock(text: string, base: number, out: Piece[]): void {
  let i = 0;
  let textStart = 0;
  const flush = (end: number) => {
    if (end > textStart) out.push({ start: base + textStart, end: base + end, kind: "text", content: text.slice(textStart, end) });
  };
  while (i < text.length) {
    const ch = text[i];
    if (i === 0 || text[i - 1] === "\n") {
      // a goal's id at the head of a list item (`- **level-triggered**: …`) is a name, not prose
      const label = /^[ \t]*[-*][ \t]+\*\*[a-z0-9]+(?:-[a-z0-9]+)*\*\*/.exec(text.slice(i));
      if (label !== null) {
        flush(i);
        i += label[0].length;
        textStart = i;
        continue;
      }
    }
    if (ch === "`") {
      const ticks = /^`+/.exec(text.slice(i))![0];
      const close = text.indexOf(ticks, i + ticks.length);
      if (close < 0) { i += ticks.length; continue; }
      flush(i);
      out.push({ start: base + i, end: base + close + ticks.length, kind: "code", content: text.slice(i + ticks.length, close).replace(/\s+/g, " ").trim() });
      i = close + ticks.length;
      textStart = i;
      continue;
    }
    if (ch === "[") {
      const m = /^\[((?:[^\]`]|`[^`]*`)*)\]\(([^)\s]*)\)/.exec(text.slice(i));
      if (m !== null) {
        flush(i);
        out.push({ start: base + i, end: base + i + m[0].length, kind: "link", content: m[1]!, href: m[2]! });
        i += m[0].length;
        textStart = i;
        continue;
      }
    }
    i++;
  }
  flush(text.length);
}

export interface TermUse {
  term: GlossaryTerm;
  slug: string;
  /** Offsets of the use in the markdown (for a link: the whole link). */
  start: number;
  end: number;
  /** The spelling found (for a code span: with its backticks). */
  text: string;
  /** Already inside a link to its own glossary entry. */
  linked: boolean;
  /** 1-based line of the use. */
  line: number;
}

/** The first use of every term the prose uses, in document order. */
export function termUses(md: string, locale: GlossaryLocale): TermUse[] {
  const pieces = prosePieces(md);
  const lineOf = (pos: number) => md.slice(0, pos).split("\n").length;
  const out: TermUse[] = [];
  for (const term of TERMS) {
    const slug = glossarySlug(term.heading);
    let found: TermUse | undefined;
    for (const p of pieces) {
      if (p.kind === "link") {
        const target = GLOSSARY_LINK.exec(p.href ?? "")?.[1];
        if (target === slug) { found = use(term, slug, p.start, p.end, md.slice(p.start, p.end), true); break; }
        continue; // another link: neither a use nor a place for one
      }
      if (p.kind === "code") {
        if (term.code.includes(p.content)) { found = use(term, slug, p.start, p.end, md.slice(p.start, p.end), false); break; }
        continue;
      }
      const re = new RegExp(term.prose[locale].source, "g");
      const m = re.exec(p.content);
      if (m !== null) {
        const start = p.start + m.index;
        found = use(term, slug, start, start + m[0].length, m[0], false);
        break;
      }
    }
    if (found !== undefined) out.push({ ...found, line: lineOf(found.start) });
  }
  return out.sort((a, b) => a.start - b.start);
}

function use(term: GlossaryTerm, slug: string, start: number, end: number, text: string, linked: boolean): TermUse {
  return { term, slug, start, end, text, linked, line: 0 };
}

/**
 * Links every first use that is not linked yet (`[text](#/glossary/slug)`), repeating until stable: a
 * new link can hide a term's earlier candidate (e.g. "informer" inside "informer factory").
 */
export function linkFirstUses(md: string, locale: GlossaryLocale): string {
  for (let round = 0; round < 50; round++) {
    const todo = termUses(md, locale).find((u) => !u.linked);
    if (todo === undefined) return md;
    md = `${md.slice(0, todo.start)}[${todo.text}](#/glossary/${todo.slug})${md.slice(todo.end)}`;
  }
  throw new Error("linkFirstUses: did not settle");
}
