/**
 * Issue 21 item 4 in the browser: a failing goal explains itself in the learner's language.
 *
 * Lesson 07's starter (a deleteFunc that prints the name, not the key, and casts a tombstone blindly)
 * fails three goals. In zh-CN every "原因" line must be Chinese (no English prose outside code and quoted
 * log text), marked lang="zh-CN", without the old "（英文）" label, and name what the log shows: the line
 * it expected, the line the learner's deleteFunc printed (which must be in the log pane), and the step
 * the "Go to step" button seeks to. Switching to English re-renders the same reasons in English.
 *
 * A reason can also come from the run worker (a goal that passes on the lesson's seed and fails on a later
 * one): lesson 10 with a program that prints the first seed's numbers after a fixed sleep passes
 * ready-line-true on seed 10 and fails it on seed 11; the page must render that reason in Chinese too.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { englishSentences, hasChinese } from "../lessons/english-sentences.js";
import { byTestId, openApp } from "./harness.js";

/** The lesson folder with this slug, whatever its number (the course may reorder lessons). */
function lessonId(slug: string): string {
  const id = readdirSync("lessons").find((n) => /^\d\d-/.test(n) && n.slice(3) === slug);
  if (id === undefined) throw new Error(`no lesson folder lessons/NN-${slug}`);
  return id;
}

const LESSON = lessonId("tombstones");
const WAIT = lessonId("wait-for-cache-sync");

interface ShownGoal { id: string; step: string | null; label: string; text: string; lang: string | null; reasonId: string | null }

async function failingGoals(page: import("playwright-core").Page): Promise<ShownGoal[]> {
  return page.locator('[data-testid="goal"][data-status="fail"]').evaluateAll((els) => els.map((el) => ({
    id: el.getAttribute("data-goal") ?? "",
    step: el.getAttribute("data-step"),
    label: el.querySelector(".goal-reason")?.textContent ?? "",
    text: el.querySelector(".goal-reason-text")?.textContent ?? "",
    lang: el.querySelector(".goal-reason-text")?.getAttribute("lang") ?? null,
    reasonId: el.querySelector('[data-testid="goal-reason"]')?.getAttribute("data-reason-id") ?? null,
  })));
}

async function logTexts(page: import("playwright-core").Page): Promise<string[]> {
  return byTestId(page, "log-line").evaluateAll((ls) => ls.map((l) => l.querySelector(".log-text")?.textContent ?? ""));
}

describe("goal reasons in the learner's language", () => {
  it("lesson 07's starter in zh-CN (dark): every failing reason is Chinese and quotes the log; in English it reads English", async () => {
    const app = await openApp({ path: `#/lesson/${LESSON}`, locale: "zh-CN", colorScheme: "dark" });
    app.allow(/Cannot read properties of undefined/); // the starter's blind tombstone cast, on purpose
    try {
      const { page } = app;
      await expect.poll(async () => (await failingGoals(page)).map((g) => g.id).sort(), { timeout: 120_000, interval: 250 })
        .toEqual(["every-delete", "no-handler-error", "tombstone"]);
      const zh = await failingGoals(page);
      for (const g of zh) {
        expect(g.label, g.id).toBe("原因：");
        expect(g.lang, g.id).toBe("zh-CN");
        expect(g.reasonId, g.id).toMatch(/^[a-z-]+\.[A-Za-z]+$/);
        expect(hasChinese(g.text), `${g.id}: ${g.text}`).toBe(true);
        expect(englishSentences(g.text), `${g.id}: ${g.text}`).toEqual([]);
        // the step in the sentence is the step the "Go to step" button seeks to
        expect(g.text, g.id).toContain(`第 ${g.step} 步`);
      }
      // every-delete names the line it expected and the line the starter's deleteFunc printed …
      const everyDelete = zh.find((g) => g.id === "every-delete")!;
      const m = /应打印“(Pod deleted: [^”]+)”，实际打印的是：“([^”]+)”/.exec(everyDelete.text);
      expect(m, everyDelete.text).not.toBeNull();
      expect(m![1]).toMatch(/^Pod deleted: default\/web-\d+$/);
      // … and the printed line is in the log pane, at the step the reason names
      const seen = m![2]!;
      expect(await logTexts(page)).toContain(seen);
      const logStep = await byTestId(page, "log-line").evaluateAll((ls, text) =>
        ls.filter((l) => l.querySelector(".log-text")?.textContent === text).map((l) => Number(l.getAttribute("data-step"))), seen);
      expect(logStep.some((s) => s > Number(everyDelete.step)), `${seen} printed after step ${everyDelete.step}`).toBe(true);
      // the handler's exception is quoted as the engine reported it, inside a Chinese sentence
      expect(zh.find((g) => g.id === "no-handler-error")!.text).toMatch(/你的 deleteFunc 处理 default\/web-\d+ 时抛出了异常：“.+”。在 Go 中/);

      await page.locator('[data-goal="every-delete"]').scrollIntoViewIfNeeded();
      await app.screenshot("goal-reasons-zh-CN-dark");

      await byTestId(page, "locale").selectOption("en");
      await expect.poll(async () => (await failingGoals(page)).find((g) => g.id === "every-delete")?.lang ?? null, { timeout: 120_000, interval: 250 })
        .toBe("en");
      const en = await failingGoals(page);
      expect(en.map((g) => g.id).sort()).toEqual(["every-delete", "no-handler-error", "tombstone"]);
      for (const g of en) {
        expect(g.label, g.id).toBe("Why: ");
        expect(hasChinese(g.text), `${g.id}: ${g.text}`).toBe(false);
        expect(g.reasonId, g.id).toBe(zh.find((z) => z.id === g.id)!.reasonId);
      }
      expect(en.find((g) => g.id === "every-delete")!.text).toContain(`should log "${m![1]}"; it logged "${seen}".`);
      await page.locator('[data-goal="every-delete"]').scrollIntoViewIfNeeded();
      await app.screenshot("goal-reasons-en");
    } finally {
      await app.close();
    }
  });

  it("wait for cache sync in zh-CN: a reason reported by the worker for a later seed is rendered in Chinese too", async () => {
    const app = await openApp({ path: `#/lesson/${WAIT}`, locale: "zh-CN" });
    try {
      const { page } = app;
      await page.waitForFunction(() => {
        const m = (window as unknown as { monaco?: { editor: { getModels(): Array<{ uri: { path: string } }> } } }).monaco;
        return m !== undefined && m.editor.getModels().some((x) => x.uri.path === "/main.ts");
      }, null, { timeout: 60_000 });
      // the starter's run first, so the edit below starts a second one
      await expect.poll(async () => (await failingGoals(page)).length, { timeout: 120_000, interval: 250 }).toBeGreaterThan(0);
      const code = readFileSync(`test/lessons/shortcuts/${WAIT}/sleep-then-constant.ts`, "utf8");
      await page.evaluate((text) => {
        const m = (window as unknown as { monaco: { editor: { getModels(): Array<{ uri: { path: string }; setValue(v: string): void }> } } }).monaco;
        m.editor.getModels().find((x) => x.uri.path === "/main.ts")!.setValue(text);
      }, code);
      // the starter also fails this goal (with "lister=0 handler=0"): wait for the new program's reason
      await expect.poll(async () => (await failingGoals(page)).find((g) => g.id === "ready-line-true")?.text ?? "",
        { timeout: 120_000, interval: 250 }).toContain("lister=6 handler=6");
      const g = (await failingGoals(page)).find((x) => x.id === "ready-line-true")!;
      expect(g.reasonId).toBe("wait-for-cache-sync.wrongNumbers");
      const note = await page.locator('[data-goal="ready-line-true"] [data-testid="goal-reason"]').innerText();
      expect(note, "the seed the worker checked is named").toMatch(/（种子 1[1-3]）/);
      expect(g.step, "no jump into a run the page does not show").toBeNull();
      expect(g.lang).toBe("zh-CN");
      expect(g.text).toMatch(/^“ready: lister=6 handler=6”（第 \d+ 步）：两个数字都应为 \d+，即初始 Pod 的数量。$/);
      expect(englishSentences(g.text)).toEqual([]);
      await page.locator('[data-goal="ready-line-true"]').scrollIntoViewIfNeeded();
      await app.screenshot("goal-reasons-worker-seed-zh-CN");
    } finally {
      await app.close();
    }
  });
});
