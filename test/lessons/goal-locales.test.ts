/**
 * Goals explain themselves in the learner's language (issue 21 item 4).
 *
 * For every lesson with goals, the starter and every shortcut program (test/lessons/shortcuts/NN-slug)
 * run on the seeds the lesson checks; every failing goal must give a typed reason (message id + params)
 * whose ids all have en and zh-CN templates, whose English rendering is the goal's `message`, and whose
 * zh-CN rendering is Chinese: no English sentence outside code spans and quoted log text, no unfilled
 * placeholder or value. The same holds for every template in the catalog, reached by a run or not.
 */
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { allMessageIds, missingTemplates, renderReason, templatesOf } from "../../lessons/_lib/goal-message.js";
import { checkGoals, type Goal, type Playground, type Scenario } from "../../src/scenario/index.js";
import { englishSentences, hasChinese } from "./english-sentences.js";

const ROOT = resolve(__dirname, "../..");
const LESSONS = join(ROOT, "lessons");
const SHORTCUTS = join(__dirname, "shortcuts");

const lessonIds = readdirSync(LESSONS)
  .filter((n) => /^\d\d-[a-z0-9-]+$/.test(n) && existsSync(join(LESSONS, n, "goals.ts")))
  .sort();

type Main = (ctx: Playground) => void | Promise<void>;

async function load<T>(file: string): Promise<T> {
  return (await import(pathToFileURL(file).href)) as T;
}

const programsOf = (id: string): Array<[string, string]> => [
  ...(existsSync(join(LESSONS, id, "starter.ts")) ? [["starter", join(LESSONS, id, "starter.ts")] as [string, string]] : []),
  ...(existsSync(join(SHORTCUTS, id))
    ? readdirSync(join(SHORTCUTS, id)).filter((f) => f.endsWith(".ts")).sort().map((f) => [`shortcut ${f}`, join(SHORTCUTS, id, f)] as [string, string])
    : []),
];

// An unfilled value shows up as a {placeholder}, "=undefined", "is undefined", "[object Object]" or NaN.
const UNFILLED = /\{[A-Za-z][A-Za-z0-9]*\}|(=|is |: |"|“)undefined\b|\[object |\bNaN\b/;

const cases = lessonIds.flatMap((id) => programsOf(id).map(([what, file]) => [id, what, file] as const));

describe.each(cases)("lesson %s, %s", (id, _what, file) => {
  it("fails with typed reasons that read as Chinese in zh-CN and match the English message", async () => {
    const scenario = (await load<{ default: Scenario }>(join(LESSONS, id, "scenario.ts"))).default;
    const { goals, seeds } = (await load<{ default: { goals: Goal[]; seeds?: number } }>(join(LESSONS, id, "goals.ts"))).default;
    const main = (await load<{ default: Main }>(file)).default;
    const report = await checkGoals(scenario, main, goals, seeds ?? 0);
    const failed = report.runs.flatMap((r) => r.goals.filter((g) => !g.pass).map((g) => ({ ...g, seed: r.seed })));
    for (const g of failed) {
      const where = `goal ${g.id} seed ${g.seed}`;
      expect(g.reason, `${where} failed with an English string only: "${g.message}"`).toBeDefined();
      const reason = g.reason!;
      expect(missingTemplates(reason), `${where}: message ids without templates`).toEqual([]);
      const en = renderReason(reason, "en");
      const zh = renderReason(reason, "zh-CN");
      expect(en, where).toBe(g.message);
      expect(en, `${where} (en)`).not.toMatch(UNFILLED);
      expect(zh, `${where} (zh-CN)`).not.toMatch(UNFILLED);
      expect(hasChinese(zh), `${where}: "${zh}" is not Chinese`).toBe(true);
      expect(englishSentences(zh), `${where}: English prose in "${zh}"`).toEqual([]);
    }
  });
});

describe("the goal message catalog", () => {
  it("every template of every lesson has both languages, the same placeholders, and Chinese without English prose", async () => {
    for (const id of lessonIds) await load(join(LESSONS, id, "goals.ts"));
    const ids = allMessageIds();
    expect(ids.length).toBeGreaterThan(150);
    for (const mid of ids) {
      const t = templatesOf(mid)!;
      expect(t.en.trim(), mid).not.toBe("");
      const holes = (s: string) => [...s.matchAll(/\{([A-Za-z][A-Za-z0-9]*)\}/g)].map((m) => m[1]).sort();
      expect(holes(t["zh-CN"]), mid).toEqual(holes(t.en));
      expect(hasChinese(t["zh-CN"]), `${mid}: "${t["zh-CN"]}"`).toBe(true);
      expect(englishSentences(t["zh-CN"]), `${mid}: "${t["zh-CN"]}"`).toEqual([]);
    }
  });
});
