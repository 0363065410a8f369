/**
 * The boot moment (issue 15): while a lesson's view is still being built (editor, stage), the page says
 * so — Run is disabled, the log reads "Loading the lesson…" (`data-loading` on the log), the status line
 * too — and Run (button or Mod+Enter) cannot start anything on the half-built view. Once the view is
 * ready it runs the lesson once, as before.
 *
 * The moment is held open by the test hook `window.__bootGate` (site/shell/test-hooks.ts bootGate): a
 * promise the view waits for after building its editor and stage, before its first run. So the test looks
 * at the state without racing the boot. Screenshots: test-results/screenshots/boot-state-{en,zh}.png.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { byTestId, firstFrames, openApp, waitReady } from "./harness.js";

// (a statement, not an expression: page.evaluate would wait for the promise it evaluates to)
const HOLD = "window.__bootGate = new Promise((resolve) => { window.__releaseBoot = resolve; }); undefined;";

const logState = (page: Page) => page.evaluate(() => {
  const log = document.querySelector<HTMLElement>('[data-testid="log"]');
  return { loading: log?.dataset["loading"] === "true", text: log?.textContent ?? "", lesson: log?.dataset["sourceLesson"] };
});
const statusText = (page: Page) => page.locator(".run-status").innerText();
const runEnabled = (page: Page) => byTestId(page, "run").isEnabled();
/** The half-built view is there: Monaco's editor and the stage's step counter exist, the first run has not started. */
const viewBuilt = (page: Page) => page.evaluate(() =>
  document.querySelector('[data-testid="editor"] .monaco-editor') !== null && document.querySelector('[data-testid="step-counter"]') !== null);

describe("the boot moment of a lesson view", () => {
  it("Next: while the next lesson's view boots, Run is disabled and the log says it is loading; then it runs once", async () => {
    const app = await openApp({ path: "#/lesson/01-the-big-picture" });
    try {
      const { page } = app;
      await waitReady(app);
      const framesBefore = await firstFrames(page);
      await page.evaluate(HOLD);
      await byTestId(page, "next-lesson").click();
      await expect.poll(() => page.evaluate(() => location.hash), { timeout: 30_000 }).toContain("02-list-then-watch");
      await expect.poll(async () => (await logState(page)).loading, { timeout: 30_000 }).toBe(true);
      // Held after the editor and the stage are built: the moment a learner could press Run on a half-built view.
      await expect.poll(() => viewBuilt(page), { timeout: 60_000 }).toBe(true);
      expect(await runEnabled(page)).toBe(false);
      expect((await logState(page)).text).toBe("Loading the lesson: the editor and the stage are being set up. Run waits until they are ready.");
      expect(await statusText(page)).toBe("Loading the lesson…");
      expect(await byTestId(page, "step-counter").innerText()).toBe("0 / 0");
      // Mod+Enter reaches the lesson machine, which ignores it while booting (it would say "Compiling…").
      await page.locator("body").press("Control+Enter");
      expect(await statusText(page)).toBe("Loading the lesson…");
      expect((await logState(page)).loading).toBe(true);
      await app.screenshot("boot-state-en");

      await page.evaluate(() => (window as unknown as { __releaseBoot(): void }).__releaseBoot());
      const steps = await waitReady(app);
      expect(steps).toBeGreaterThan(0);
      const after = await logState(page);
      expect(after.loading).toBe(false);
      expect(after.lesson).toBe("02-list-then-watch");
      expect(await firstFrames(page)).toBe(framesBefore + 1);
    } finally {
      await app.close();
    }
  });

  it("a lesson opened directly says so in Chinese while it boots, and runs once ready", async () => {
    const app = await openApp({ path: "#/lesson/03-wait-for-cache-sync", locale: "zh-CN", initScripts: [HOLD] });
    try {
      const { page } = app;
      await expect.poll(() => viewBuilt(page), { timeout: 60_000 }).toBe(true);
      expect(await runEnabled(page)).toBe(false);
      const log = await logState(page);
      expect(log.loading).toBe(true);
      expect(log.text).toBe("正在加载课程：编辑器和舞台正在准备中，准备好之前无法运行。");
      expect(await statusText(page)).toBe("正在加载课程……");
      await app.screenshot("boot-state-zh");
      await page.evaluate(() => (window as unknown as { __releaseBoot(): void }).__releaseBoot());
      await waitReady(app);
      expect((await logState(page)).lesson).toBe("03-wait-for-cache-sync");
    } finally {
      await app.close();
    }
  });
});
