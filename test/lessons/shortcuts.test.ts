/**
 * Lazy programs as tests (issue 20 item 2). test/lessons/shortcuts/NN-slug/*.ts are programs a learner
 * might write to get the green tick without doing what the lesson teaches: print the expected lines,
 * hard-code names or counts, poll the lister from main instead of handling events, skip
 * waitForCacheSync, set options only, write without a resourceVersion, catch a tombstone by exception…
 *
 * Each file exports `default` (the program) and `caughtBy` (goal ids; at least one of them must fail).
 * For every lesson with goals there is at least one shortcut, and every shortcut must fail at least one
 * goal on the seeds the lesson checks, with a message a learner can read (a sentence, no unfilled value
 * such as "=undefined" or "[object …]", and a step inside the run when one is given).
 */
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { checkGoals, type Goal, type Playground, type Scenario } from "../../src/scenario/index.js";

const ROOT = resolve(__dirname, "../..");
const LESSONS = join(ROOT, "lessons");
const SHORTCUTS = join(__dirname, "shortcuts");

const lessonIds = readdirSync(LESSONS)
  .filter((n) => /^\d\d-[a-z0-9-]+$/.test(n) && existsSync(join(LESSONS, n, "goals.ts")))
  .sort();

type Main = (ctx: Playground) => void | Promise<void>;
interface ShortcutModule { default: Main; caughtBy: string[] }

async function load<T>(file: string): Promise<T> {
  return (await import(pathToFileURL(file).href)) as T;
}

const shortcutsOf = (id: string): string[] =>
  existsSync(join(SHORTCUTS, id)) ? readdirSync(join(SHORTCUTS, id)).filter((f) => f.endsWith(".ts")).sort() : [];

describe("every lesson keeps its lazy programs as failing tests", () => {
  it.each(lessonIds)("lesson %s has at least one shortcut", (id) => {
    expect(shortcutsOf(id).length, `add a lazy program under test/lessons/shortcuts/${id}/`).toBeGreaterThan(0);
  });
});

const cases = lessonIds.flatMap((id) => shortcutsOf(id).map((file) => [id, file] as const));

describe.each(cases)("lesson %s shortcut %s", (id, file) => {
  it("fails a goal it names, with a learner-readable reason", async () => {
    const scenario = (await load<{ default: Scenario }>(join(LESSONS, id, "scenario.ts"))).default;
    const { goals, seeds } = (await load<{ default: { goals: Goal[]; seeds?: number } }>(join(LESSONS, id, "goals.ts"))).default;
    const shortcut = await load<ShortcutModule>(join(SHORTCUTS, id, file));
    const ids = new Set(goals.map((g) => g.id));
    expect(shortcut.caughtBy.length).toBeGreaterThan(0);
    for (const g of shortcut.caughtBy) expect(ids.has(g), `caughtBy names unknown goal ${g}`).toBe(true);

    const report = await checkGoals(scenario, shortcut.default, goals, seeds ?? 0);
    expect(report.pass, `${file} passed every goal of ${id} on every seed`).toBe(false);
    const failed = report.runs.flatMap((r) => r.goals.filter((g) => !g.pass).map((g) => ({ ...g, seed: r.seed, run: r.run })));
    const named = failed.filter((g) => shortcut.caughtBy.includes(g.id));
    expect(named.map((g) => g.id).length, `${file} failed only ${[...new Set(failed.map((g) => g.id))].join(", ")}`).toBeGreaterThan(0);
    for (const g of named) {
      const message = g.message ?? "";
      expect(message.length, `goal ${g.id} seed ${g.seed}: a reason of a few words`).toBeGreaterThan(15);
      // an unfilled value shows up as "=undefined", "is undefined", "[object Object]" or NaN
      expect(message, `goal ${g.id} seed ${g.seed}`).not.toMatch(/(=|is |: |")undefined\b|\[object |\bNaN\b/);
      if (g.failedAtStep !== undefined) {
        expect(g.failedAtStep).toBeGreaterThanOrEqual(1);
        expect(g.failedAtStep).toBeLessThanOrEqual(g.run.trace.length);
      }
    }
  });
});
