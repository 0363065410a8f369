/**
 * The shapes of a compiled lesson, as the build-time compiler (tools/lessons/compile.ts) produces them and
 * the app (site/lessons/index.ts, the lesson map and view) reads them.
 */
import type { Locale } from "../i18n/index.js";

export type { Locale };

export interface LessonMeta {
  title: string;
  summary: string;
  concepts: string[];
  minutes: number;
  demo: boolean;
}

export interface CompiledLocale {
  meta: LessonMeta;
  /** The prose, as HTML. */
  html: string;
  /** Graded hints, as HTML fragments in order. */
  hints: string[];
}

export interface CompiledLesson {
  id: string;
  /** The two-digit prefix as a number: the lesson's place in the course. */
  order: number;
  /** The number the course shows ("04", or "04a"/"04b" for a lesson split in two; site/lessons/label.ts). Set by the build. */
  label?: string;
  locales: Record<Locale, CompiledLocale>;
  /** go.md, the Go solution, as HTML ("" when absent): shown after a pass (or Show solution / Diff). */
  goHtml: string;
  /** go-starter.md, the Go starter, as HTML ("" when absent): shown beside the TypeScript starter. */
  goStarterHtml: string;
  /** front matter `startsFrom`: the slug of the lesson whose solution this lesson's starter grows from. */
  startsFrom?: string;
  starter: string;
  solution: string;
  hasScenario: boolean;
  hasGoals: boolean;
  warnings: string[];
}

/** The part of a lesson the lesson map needs (kept small: it is in the first screen's bundle). */
export interface LessonSummary {
  id: string;
  order: number;
  /** As CompiledLesson.label. */
  label?: string;
  title: Record<Locale, string>;
  summary: Record<Locale, string>;
  minutes: number;
  demo: boolean;
  concepts: string[];
}


/** The glossary page (tools/lessons/glossary.ts): per locale, its terms in order with their slugs. */
export interface CompiledGlossary {
  locales: Record<Locale, { title: string; summary: string; intro: string; terms: Array<{ slug: string; title: string; html: string }> }>;
}
