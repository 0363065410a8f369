/**
 * The core loop in a real browser (issue 6): edit → run → log; an endless loop is stopped and the page
 * stays responsive; the code survives a reload and is not run again; a syntax error is listed and never
 * runs; a share link reproduces the run in a fresh browser; the locale switch keeps the work.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { byTestId, clickAction, editorReady, firstFrames, getCode, openApp, setCode, settled, stepCounter } from "./harness.js";

const LESSON = "01-the-big-picture";

async function logTexts(page: Page): Promise<string[]> {
  return byTestId(page, "log-line").evaluateAll((ls) => ls.map((l) => l.querySelector(".log-text")?.textContent ?? ""));
}

describe("the core loop", () => {
  it("edit → run → new log lines; the run plays from step 1 with a fixed total", async () => {
    const app = await openApp({ path: `#/lesson/${LESSON}` });
    try {
      const { page } = app;
      await byTestId(page, "lesson-title").waitFor();
      await editorReady(page);
      // Opening a lesson runs it once.
      await expect.poll(() => logTexts(page), { timeout: 30_000 }).toContain("Pod added: web-1");
      const [, total] = await stepCounter(page);
      expect(total).toBeGreaterThan(20);
      expect(await byTestId(page, "goal", '[data-goal="every-delete"]').getAttribute("data-status")).toBe("fail");

      await byTestId(page, "live").uncheck();
      const code = await getCode(page);
      await setCode(page, code.replace("Pod added: ${pod.metadata.name}", "Pod created: ${pod.metadata.name}"));
      await byTestId(page, "run").click();
      await expect.poll(() => logTexts(page), { timeout: 30_000 }).toContain("Pod created: web-1");
      expect(await logTexts(page)).not.toContain("Pod added: web-1");
      const [step, total2] = await stepCounter(page);
      expect(total2).toBe(total);             // same scenario, same number of steps
      expect(step).toBeGreaterThanOrEqual(1);
      // Every log line links to its step; all are shown at once, not revealed step by step.
      const steps = await byTestId(page, "log-line").evaluateAll((ls) => ls.map((l) => Number(l.getAttribute("data-step"))));
      expect(steps.length).toBe(5);
      expect(steps.every((s, i) => s > 0 && s <= total && (i === 0 || s > steps[i - 1]!))).toBe(true);
      await app.screenshot("app-edit-run");
    } finally {
      await app.close();
    }
  });

  it("an endless loop is stopped with a timeout error, the page stays responsive, and after a reload the code is back but not run", async () => {
    const app = await openApp({ path: `#/lesson/${LESSON}` });
    try {
      const { page } = app;
      await editorReady(page);
      await expect.poll(() => logTexts(page), { timeout: 30_000 }).toContain("Pod added: web-1");
      await byTestId(page, "live").uncheck();
      const looping = (await getCode(page)).replace("log(`Pod updated:", "while (newPod.metadata.name !== \"\") { /* spin */ }\n      log(`Pod updated:");
      await setCode(page, looping);
      await byTestId(page, "run").click();
      const error = byTestId(page, "error", '[data-kind="timeout"]');
      await error.waitFor({ timeout: 20_000 });
      expect(await error.innerText()).toMatch(/2 seconds/);
      // The trace up to the kill is kept: the adds before the first update are on screen.
      expect(await logTexts(page)).toContain("Pod added: db-1");
      expect((await stepCounter(page))[1]).toBeGreaterThan(0);
      // Responsive: the page answers and the run button is usable again.
      const t0 = Date.now();
      expect(await page.evaluate(() => 1 + 1)).toBe(2);
      expect(Date.now() - t0).toBeLessThan(1_000);
      await expect.poll(() => byTestId(page, "run").isEnabled()).toBe(true);
      await app.screenshot("app-timeout");

      await page.reload();
      await editorReady(page);
      expect(await getCode(page)).toContain("while (newPod.metadata.name");
      await byTestId(page, "lesson-title").waitFor();
      await page.locator(".notice").locator("visible=true").waitFor();
      // Not run automatically: nothing runs, nothing is printed. The boot decides "run or not" in the
      // same task in which the later of editor and stage appears, and a run sets the status to
      // "Compiling…" before its first await; so once both are up, the status tells what boot did.
      await byTestId(page, "step-counter").waitFor({ timeout: 60_000 });
      await settled(page);
      expect(await page.locator(".run-status").innerText()).toBe("Not run yet");
      expect(await page.evaluate(() => performance.getEntriesByName("ip:load-start").length)).toBe(0);
      expect(await byTestId(page, "log-line").count()).toBe(0);
      expect(await byTestId(page, "step-counter").innerText()).toBe("0 / 0");
      expect(await byTestId(page, "goal").evaluateAll((gs) => gs.map((g) => g.getAttribute("data-status")))).toEqual(["pending", "pending", "pending", "pending"]);
      await app.screenshot("app-safe-boot");
    } finally {
      await app.close();
    }
  });

  it("a syntax error is listed under the editor with its line and never starts a run; the last good run stays", async () => {
    const app = await openApp({ path: `#/lesson/${LESSON}` });
    try {
      const { page } = app;
      await editorReady(page);
      await expect.poll(() => logTexts(page), { timeout: 30_000 }).toContain("Pod added: web-1");
      const before = await logTexts(page);
      const [, total] = await stepCounter(page);
      const broken = (await getCode(page)).replace("factory.start(stop);", "factory.start(stop;\n  const x: number = \"text\";");
      await setCode(page, broken); // live is on: the edit compiles, fails and must not run
      const diag = byTestId(page, "diagnostic");
      await diag.first().waitFor({ timeout: 30_000 });
      const lines = await diag.evaluateAll((ds) => ds.map((d) => Number(d.getAttribute("data-line"))));
      const startLine = broken.split("\n").findIndex((l) => l.includes("factory.start(stop;")) + 1;
      expect(lines).toContain(startLine);
      await byTestId(page, "error", '[data-kind="compile"]').waitFor();
      // Record every run-status text from now on: Run sets "Compiling…" at once, and after a compile
      // with errors puts back the last good run's status; a run would say "Running…" in between.
      const doneText = await page.locator(".run-status").innerText();
      await page.evaluate(() => {
        const el = document.querySelector(".run-status")!;
        const seen: string[] = [];
        (window as unknown as { __statusSeen: string[] }).__statusSeen = seen;
        new MutationObserver(() => seen.push(el.textContent ?? "")).observe(el, { childList: true, characterData: true, subtree: true });
      });
      await byTestId(page, "run").click();
      const seen = () => page.evaluate(() => (window as unknown as { __statusSeen: string[] }).__statusSeen);
      await expect.poll(seen, { timeout: 30_000 }).toEqual(["Compiling…", doneText]);
      expect(await byTestId(page, "run").isEnabled()).toBe(true);
      expect(await logTexts(page)).toEqual(before);
      expect((await stepCounter(page))[1]).toBe(total);
      await app.screenshot("app-syntax-error");
    } finally {
      await app.close();
    }
  });

  it("a share link reproduces lesson, code, actions and step in a fresh browser", async () => {
    const app = await openApp({ path: `#/lesson/${LESSON}` });
    let link = "";
    let expected: { log: string[]; counter: string } = { log: [], counter: "" };
    try {
      const { page } = app;
      await editorReady(page);
      await expect.poll(() => logTexts(page), { timeout: 30_000 }).toContain("Pod added: web-1");
      await byTestId(page, "live").uncheck();
      await setCode(page, (await getCode(page)).replace("Pod added: ${pod.metadata.name}", "新 Pod ✨ ${pod.metadata.name}"));
      await byTestId(page, "run").click();
      await expect.poll(() => logTexts(page), { timeout: 30_000 }).toContain("新 Pod ✨ web-1");
      if (await byTestId(page, "pause").isVisible()) await byTestId(page, "pause").click();
      await page.locator(".stage-title").click(); // focus on the stage: keys drive playback (in the lesson pane Home scrolls)
      await page.keyboard.press("Home");
      await expect.poll(() => byTestId(page, "step-counter").innerText()).toMatch(/^1 \//);
      for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowRight");
      await expect.poll(() => byTestId(page, "step-counter").innerText()).toMatch(/^5 \//);
      // An action at this step (drop the watch): the run repeats with it, identical up to step 5.
      const totalBefore = (await stepCounter(page))[1];
      await clickAction(page, "drop-watch");
      await expect.poll(async () => (await stepCounter(page))[1], { timeout: 30_000 }).not.toBe(totalBefore);
      await expect.poll(() => byTestId(page, "step-counter").innerText()).toMatch(/^5 \//);
      expected = { log: await logTexts(page), counter: await byTestId(page, "step-counter").innerText() };
      expect(expected.counter).toMatch(/^5 \/ \d+$/);
      await byTestId(page, "share").click();
      link = await byTestId(page, "share-url").inputValue();
      expect(link).toMatch(/#\/lesson\/01-the-big-picture\?share=[A-Za-z0-9+\-$]+$/);
    } finally {
      await app.close();
    }
    const other = await openApp({ path: link.slice(link.indexOf("#")) });
    try {
      const { page } = other;
      await editorReady(page);
      await expect.poll(() => logTexts(page), { timeout: 30_000 }).toEqual(expected.log);
      await expect.poll(() => byTestId(page, "step-counter").innerText(), { timeout: 10_000 }).toBe(expected.counter);
      expect(await getCode(page)).toContain("新 Pod ✨");
      await other.screenshot("app-shared");
    } finally {
      await other.close();
    }
  });

  it("switching the locale translates the lesson and the UI and keeps the code and the run", async () => {
    const app = await openApp({ path: `#/lesson/${LESSON}` });
    try {
      const { page } = app;
      await editorReady(page);
      await expect.poll(() => logTexts(page), { timeout: 30_000 }).toContain("Pod added: web-1");
      await byTestId(page, "live").uncheck();
      await setCode(page, (await getCode(page)).replace("// TODO: add a deleteFunc", "// 我的代码 TODO: add a deleteFunc"));
      const titleEn = await byTestId(page, "lesson-title").innerText();
      const drawn = await firstFrames(page);
      await byTestId(page, "locale").selectOption("zh-CN");
      await expect.poll(() => byTestId(page, "lesson-title").innerText()).not.toBe(titleEn);
      expect(await byTestId(page, "lesson-title").innerText()).toMatch(/[\u4e00-\u9fff]/);
      expect(await byTestId(page, "run").innerText()).toContain("运行");
      expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
      await editorReady(page);
      expect(await getCode(page)).toContain("我的代码");
      await expect.poll(() => logTexts(page), { timeout: 30_000 }).toContain("Pod added: web-1");
      // the run after the switch is drawn (a new first-frame mark), then the stage is still
      await expect.poll(() => firstFrames(page), { timeout: 30_000 }).toBeGreaterThan(drawn);
      await settled(page);
      await app.screenshot("app-lesson-zh");
    } finally {
      await app.close();
    }
  });
});
