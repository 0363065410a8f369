/**
 * The course at run time: the lesson index (from the build-time plugin) and lazy per-lesson content.
 * A lesson's scenario.ts and goals.ts are real modules (they import src/); the page imports scenario.ts
 * (to post it to the runner) and goals.ts (for the goals' titles), each lesson in its own lazy chunk.
 */
import { lessons as index, loaders } from "virtual:lessons";
import type { CompiledLesson, CompiledLocale, Locale, LessonSummary } from "./types";
import type { Goal, Scenario } from "../../src/scenario/index.js";

export type { CompiledLesson, CompiledLocale, Locale, LessonSummary };

export interface GoalInfo {
  id: string;
  title: Record<Locale, string>;
}

export interface LoadedLesson extends CompiledLesson {
  scenario: Scenario | undefined;
  goals: GoalInfo[];
  /** The goals with their checks: the page decides passes from the trace it received (issue 14). */
  checks: Goal[];
  seeds: number;
}

const scenarios = import.meta.glob<{ default: Scenario }>("../../lessons/*/scenario.ts");
const goalModules = import.meta.glob<{ default: { goals: Goal[]; seeds?: number } }>("../../lessons/*/goals.ts");

/** Every lesson, in course order. */
export function listLessons(): LessonSummary[] {
  return [...index].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

export function findLesson(id: string): LessonSummary | undefined {
  return index.find((l) => l.id === id);
}

export function neighbours(id: string): { prev?: LessonSummary; next?: LessonSummary } {
  const all = listLessons();
  const i = all.findIndex((l) => l.id === id);
  if (i < 0) return {};
  return { prev: all[i - 1], next: all[i + 1] };
}

const cache = new Map<string, Promise<LoadedLesson>>();

/** Loads one lesson's content, scenario and goal titles (once; later calls share the promise). */
export function loadLesson(id: string): Promise<LoadedLesson> {
  let p = cache.get(id);
  if (p === undefined) {
    p = (async () => {
      const load = loaders[id];
      if (load === undefined) throw new Error(`no lesson "${id}"`);
      const [content, scenario, goals] = await Promise.all([
        load(),
        scenarios[`../../lessons/${id}/scenario.ts`]?.(),
        goalModules[`../../lessons/${id}/goals.ts`]?.(),
      ]);
      return {
        ...content.default,
        scenario: scenario?.default,
        goals: (goals?.default.goals ?? []).map((g) => ({ id: g.id, title: g.title })),
        checks: goals?.default.goals ?? [],
        seeds: goals?.default.seeds ?? 0,
      };
    })();
    p.catch(() => cache.delete(id));
    cache.set(id, p);
  }
  return p;
}
