/**
 * goal-message — typed, translatable reasons for failing goals (issue 21 item 4).
 *
 * Contract:
 * - `defineMessages(scope, { key: { en, "zh-CN" } })` declares message templates with `{name}`
 *   placeholders and returns one typed constructor per key: `M.key({ name: … })` gives a GoalReason
 *   `{ id: "scope.key", params }`. The parameters a constructor takes are exactly the placeholders of its
 *   English template (checked by the compiler); both templates must use the same placeholders (checked
 *   when the module loads, so a mismatch fails every test that imports the lesson).
 * - Every id is registered in one catalog (`templatesOf`), so whoever loaded a lesson's goals.ts (the
 *   page, the run worker, Node tests) can render its reasons, including reasons that crossed the worker
 *   boundary as plain data.
 * - `renderReason(reason, locale)` fills a template: text as is, integers as is, other numbers rounded,
 *   lists joined (", " / "、"), `{ ms }` as a virtual time ("1535 ms" / "1.54 s", "1535 毫秒" / "1.54 秒"),
 *   `{ lines }` as quoted log lines (at most four shown; none → "nothing" / "（没有任何输出）"),
 *   a nested reason rendered in the same language. An unknown id renders as the id and its params (never
 *   throws), and `missingTemplates` lists such ids for tests.
 * Pure data and string work: no DOM, no time.
 */
import type { GoalReason, GoalReasonParam } from "../../src/index.js";

export type { GoalReason, GoalReasonParam };
export type GoalLocale = "en" | "zh-CN";
export interface Templates { en: string; "zh-CN": string }

/** The `{name}` placeholders of a template, as a union of names. */
export type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;

type ParamsOf<S extends string> = { readonly [K in Placeholders<S>]: GoalReasonParam };
export type MessageFn<S extends string> = [Placeholders<S>] extends [never]
  ? () => GoalReason
  : (params: ParamsOf<S>) => GoalReason;

const catalog = new Map<string, Templates>();

/** Log lines a `{ lines }` parameter shows (and keeps), and the longest line shown. */
const MAX_LINES_SHOWN = 4;
const MAX_LINE_CHARS = 160;

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!))].sort();
}

export function defineMessages<const T extends Record<string, Templates>>(scope: string, defs: T): { [K in keyof T]: MessageFn<T[K]["en"]> } {
  const out: Record<string, (params?: Record<string, GoalReasonParam>) => GoalReason> = {};
  for (const [key, t] of Object.entries(defs)) {
    const id = `${scope}.${key}`;
    const en = placeholdersOf(t.en);
    const zh = placeholdersOf(t["zh-CN"]);
    if (en.join(",") !== zh.join(",")) {
      throw new Error(`goal message ${id}: the en template uses {${en.join("}, {")}} but the zh-CN one {${zh.join("}, {")}}`);
    }
    if (t.en.trim() === "" || t["zh-CN"].trim() === "") throw new Error(`goal message ${id}: an empty template`);
    // Re-registering (a reloaded module) replaces the templates.
    catalog.set(id, { en: t.en, "zh-CN": t["zh-CN"] });
    out[key] = (params) => (params === undefined || Object.keys(params).length === 0 ? { id } : { id, params: bounded(params) });
  }
  return out as { [K in keyof T]: MessageFn<T[K]["en"]> };
}

/** Longest text parameter kept in a reason (a reason crosses the worker boundary; the page caps it too). */
export const MAX_PARAM_CHARS = 1_000;
/** Most items of a list parameter kept. */
export const MAX_PARAM_ITEMS = 20;

const cutText = (t: string) => (t.length > MAX_PARAM_CHARS ? `${t.slice(0, MAX_PARAM_CHARS)}…` : t);

/** Params with long texts cut and log lines kept only as far as they are shown (the rest counted in `more`). */
function bounded(params: Record<string, GoalReasonParam>): Record<string, GoalReasonParam> {
  const out: Record<string, GoalReasonParam> = {};
  for (const [k, v] of Object.entries(params)) {
    if (typeof v === "string") out[k] = cutText(v);
    else if (Array.isArray(v)) out[k] = (v as readonly string[]).slice(0, MAX_PARAM_ITEMS).map(cutText);
    else if (isLines(v)) {
      const kept = v.lines.slice(0, MAX_LINES_SHOWN).map((l) => (l.length > MAX_LINE_CHARS ? `${l.slice(0, MAX_LINE_CHARS)}…` : l));
      const more = v.lines.length - kept.length + (v.more ?? 0);
      out[k] = more > 0 ? { lines: kept, more } : { lines: kept };
    } else out[k] = v;
  }
  return out;
}

/** The templates of one id, or undefined when no loaded module defines it. */
export function templatesOf(id: string): Templates | undefined {
  return catalog.get(id);
}

/** Every id defined so far (for tests that check the whole catalog). */
export function allMessageIds(): string[] {
  return [...catalog.keys()].sort();
}

/** The ids in a reason (and the reasons nested in its params) that have no templates. */
export function missingTemplates(reason: GoalReason): string[] {
  const out: string[] = [];
  const walk = (r: GoalReason): void => {
    if (!catalog.has(r.id)) out.push(r.id);
    for (const v of Object.values(r.params ?? {})) if (isReason(v)) walk(v);
  };
  walk(reason);
  return out;
}

export function isReason(v: unknown): v is GoalReason {
  return typeof v === "object" && v !== null && !Array.isArray(v) && typeof (v as { id?: unknown }).id === "string";
}

function isTime(v: unknown): v is { ms: number } {
  return typeof v === "object" && v !== null && !Array.isArray(v) && typeof (v as { ms?: unknown }).ms === "number";
}

function number(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return String(n);
  return String(Math.round(n * 100) / 100);
}

/** A virtual time: whole milliseconds below 1 s, seconds with up to two decimals above. */
export function formatMs(ms: number, locale: GoalLocale): string {
  const zh = locale === "zh-CN";
  if (Math.abs(ms) < 1000) return `${Math.round(ms)}${zh ? " 毫秒" : " ms"}`;
  return `${Math.round(ms / 10) / 100}${zh ? " 秒" : " s"}`;
}

function isLines(v: unknown): v is { lines: readonly string[]; more?: number } {
  return typeof v === "object" && v !== null && Array.isArray((v as { lines?: unknown }).lines);
}

/** Log lines as the learner saw them, quoted: `"a", "b"` / `“a”、“b”`; none → "nothing" / "（没有任何输出）". */
function lines(items: readonly string[], extra: number, locale: GoalLocale): string {
  const zh = locale === "zh-CN";
  if (items.length === 0 && extra <= 0) return zh ? "（没有任何输出）" : "nothing";
  const shown = items.slice(0, MAX_LINES_SHOWN).map((l) => (l.length > MAX_LINE_CHARS ? `${l.slice(0, MAX_LINE_CHARS)}…` : l));
  const quoted = shown.map((l) => (zh ? `“${l}”` : `"${l}"`)).join(zh ? "、" : ", ");
  const more = items.length - shown.length + Math.max(0, Math.floor(extra));
  if (more <= 0) return quoted;
  return zh ? `${quoted} 等（另有 ${more} 行）` : `${quoted} and ${more} more`;
}

function param(v: GoalReasonParam, locale: GoalLocale, depth: number): string {
  if (typeof v === "string") return v;
  if (typeof v === "number") return number(v);
  if (typeof v === "boolean") return String(v);
  if (Array.isArray(v)) {
    const items = v as readonly string[];
    if (items.length === 0) return locale === "zh-CN" ? "（无）" : "(none)";
    return items.join(locale === "zh-CN" ? "、" : ", ");
  }
  if (isTime(v)) return formatMs(v.ms, locale);
  if (isLines(v)) return lines(v.lines, v.more ?? 0, locale);
  if (isReason(v)) return depth > 4 ? v.id : render(v, locale, depth + 1);
  return String(v);
}

function render(reason: GoalReason, locale: GoalLocale, depth: number): string {
  const t = catalog.get(reason.id);
  const params = reason.params ?? {};
  if (t === undefined) {
    const shown = Object.entries(params).map(([k, v]) => `${k}=${param(v, locale, depth)}`).join(", ");
    return shown === "" ? reason.id : `${reason.id} (${shown})`;
  }
  return t[locale].replace(PLACEHOLDER, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? param(params[name]!, locale, depth) : whole);
}

/** The reason as a sentence in one language. */
export function renderReason(reason: GoalReason, locale: GoalLocale): string {
  return render(reason, locale, 0);
}
