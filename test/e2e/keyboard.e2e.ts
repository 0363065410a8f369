/**
 * Keyboard use (issue 21 item 12), in Chromium:
 * - Esc then Tab leaves the editor, and the editor says so while it has focus; Tab alone still indents;
 * - Space scrolls the lesson pane when the learner is reading it, and still plays from elsewhere;
 * - the shortcut sheet draws one key cap per key.
 */
import { describe, expect, it } from "vitest";
import { byTestId, getCode, openApp, waitReady } from "./harness.js";

const LAPTOP = { width: 1280, height: 800 };

describe("keyboard", () => {
  it("Esc then Tab leaves the editor (shown in the editor while it has focus); Tab alone still indents", async () => {
    const app = await openApp({ path: "#/lesson/01-the-big-picture", reducedMotion: "reduce" });
    try {
      const { page } = app;
      await waitReady(app);
      expect(await byTestId(page, "editor-tab-hint").isVisible()).toBe(false);
      await byTestId(page, "live").uncheck();
      await page.locator(".monaco-editor .view-lines").first().click();
      await byTestId(page, "editor-tab-hint").waitFor();
      expect(await byTestId(page, "editor-tab-hint").innerText()).toMatch(/Esc\s*then\s*Tab\s*leaves the editor/);
      expect(await byTestId(page, "editor-tab-hint").locator("kbd").allInnerTexts()).toEqual(["Esc", "Tab"]);
      await app.screenshot("keyboard-editor-tab-hint");
      const before = await getCode(page);
      await page.keyboard.press("Tab");
      await expect.poll(() => getCode(page)).not.toBe(before);
      const indented = await getCode(page);
      await page.keyboard.press("Escape");
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.closest(".monaco-editor") === null)).toBe(true);
      expect(await page.evaluate(() => document.activeElement !== document.body)).toBe(true);
      expect(await getCode(page)).toBe(indented);
      await byTestId(page, "editor-tab-hint").waitFor({ state: "hidden" });
      // Shift+Tab goes back out the other way.
      await page.locator(".monaco-editor .view-lines").first().click();
      await page.keyboard.press("Escape");
      await page.keyboard.press("Shift+Tab");
      const where = await page.evaluate(() => {
        const a = document.activeElement!;
        const ed = document.querySelector('[data-testid="editor"]')!;
        return { outside: a.closest(".monaco-editor") === null, before: (ed.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_PRECEDING) !== 0 };
      });
      expect(where).toEqual({ outside: true, before: true });
      expect(await getCode(page)).toBe(indented);
    } finally {
      await app.close();
    }
  });

  it("Space scrolls the lesson pane while reading it, and still plays from elsewhere; the sheet draws one cap per key", async () => {
    const app = await openApp({ path: "#/lesson/01-the-big-picture", viewport: LAPTOP, reducedMotion: "reduce" });
    try {
      const { page } = app;
      await waitReady(app);
      await page.locator(".pane-lesson .lesson-summary").click();
      const top = () => page.locator(".pane-lesson").evaluate((p) => p.scrollTop);
      expect(await top()).toBe(0);
      await page.keyboard.press(" ");
      await expect.poll(top).toBeGreaterThan(100);
      expect(await byTestId(page, "play").isVisible()).toBe(true);
      await page.keyboard.press("End");
      await expect.poll(top).toBeGreaterThan(400);
      expect(await byTestId(page, "step-counter").innerText()).toMatch(/^1 \//);
      // Elsewhere (the stage), Space plays.
      await page.locator(".stage-title").click();
      await page.keyboard.press(" ");
      await byTestId(page, "pause").waitFor();
      await page.keyboard.press(" ");
      await byTestId(page, "play").waitFor();
      // The shortcut sheet: Ctrl and M are two caps, Esc and Tab two more.
      await page.keyboard.press("?");
      const sheet = page.locator('[data-testid="shortcut-sheet"]');
      await sheet.waitFor();
      const rows = await sheet.locator("tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("kbd")].map((k) => k.textContent)));
      expect(rows).toContainEqual(["Ctrl", "M"]);
      expect(rows).toContainEqual(["Esc", "Tab"]);
      expect(rows).toContainEqual(["Ctrl", "Enter"]);
      expect(rows.flat().every((k) => k !== null && !/\+/.test(k))).toBe(true);
      await app.screenshot("keyboard-shortcut-sheet");
      await page.keyboard.press("Escape");
    } finally {
      await app.close();
    }
  });
});
