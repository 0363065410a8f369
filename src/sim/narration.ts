/**
 * Narration — one plain sentence per step, in English and Simplified Chinese, for every trace kind.
 *
 * Contract:
 * - `narrate(event, locale)` is pure: the sentence depends only on the event's payload.
 * - Both catalogues (narration-en.ts, narration-zh.ts) are `{ [K in TraceKind]: (event) => string }`, so
 *   a new trace kind fails the build until it has a sentence in both languages.
 * - An event whose kind is unknown (not in the closed union) gets a neutral sentence naming its kind.
 * - Sentences read as prose (#21 item 8): times through narration-words.ts (never a raw float), correct
 *   articles and plurals, no internal token of our code, one name per thing ("410 Expired"), and in
 *   Chinese the glossary's terms with a space between ASCII words and Chinese (our own words only: a
 *   learner's log line or error message is shown as written). test/unit/view/narration-prose.test.ts
 *   checks every sentence of every lesson.
 * The stage reads it out through an ARIA live region, so sentences name things the way the diagram does.
 */
import { en, type Catalogue } from "./narration-en.js";
import { zh } from "./narration-zh.js";
import type { Locale } from "./narration-words.js";
import type { KnownTraceEvent, TraceEvent } from "./trace.js";

export type { Locale };
export { duration as formatDuration } from "./narration-words.js";

export const NARRATION: Readonly<Record<Locale, Catalogue>> = { en, "zh-CN": zh };

/** Kinds whose sentence carries free text written by the learner or the server, shown exactly as written. */
const FREE_TEXT = new Set(["runner.log", "runner.error", "handler.threw"]);
const HAN = "\\u4e00-\\u9fff";
const ASCII_THEN_HAN = new RegExp(`([A-Za-z0-9])([${HAN}])`, "g");
const HAN_THEN_ASCII = new RegExp(`([${HAN}])([A-Za-z0-9])`, "g");

/** The glossary's spacing: a space between an ASCII word and a Chinese character (either order). */
function spaced(s: string): string {
  return s.replace(ASCII_THEN_HAN, "$1 $2").replace(HAN_THEN_ASCII, "$1 $2");
}

/** The sentence for one step. */
export function narrate(event: TraceEvent | KnownTraceEvent, locale: Locale): string {
  const catalogue = NARRATION[locale] as unknown as Record<string, ((e: unknown) => string) | undefined>;
  const sentence = catalogue[event.kind];
  if (sentence === undefined) return locale === "en" ? `Event ${event.kind}.` : `事件 ${event.kind}。`;
  const text = sentence(event);
  return locale === "zh-CN" && !FREE_TEXT.has(event.kind) ? spaced(text) : text;
}

/** The sentence before any step. */
export function narrateStart(locale: Locale): string {
  return locale === "en" ? "Nothing has happened yet. Press play or step forward." : "尚未发生任何事。请按播放或单步前进。";
}
