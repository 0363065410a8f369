/**
 * Issue 21 item 3: a lesson fits a 1280×800 laptop. The toolbar is one row, the starter's lines wrap
 * instead of scrolling sideways, banners take a bounded strip above the code, the lesson pane can be
 * hidden (and comes back, remembered across a reload) to give the editor and the stage its width, and
 * the sandbox at 1920×1080 has no empty column.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { byTestId, openApp, waitReady } from "./harness.js";

const LESSON = "01-the-big-picture";

/** The Monaco editor of main.ts: its content width against its viewport width. */
async function editorWidths(page: import("playwright-core").Page): Promise<{ scroll: number; layout: number }> {
  return page.evaluate(() => {
    type Ed = { getModel(): { uri: { path: string } } | null; getScrollWidth(): number; getLayoutInfo(): { contentWidth: number } };
    const ed = (window as unknown as { monaco: { editor: { getEditors(): Ed[] } } }).monaco.editor.getEditors().find((e) => e.getModel()?.uri.path === "/main.ts")!;
    return { scroll: ed.getScrollWidth(), layout: ed.getLayoutInfo().contentWidth };
  });
}

describe("layout at laptop size", () => {
  it("1280×800: one-row toolbar, no sideways scroll in the editor, bounded banners; hiding the lesson widens editor and stage", async () => {
    const app = await openApp({ path: `#/lesson/${LESSON}`, viewport: { width: 1280, height: 800 } });
    try {
      const { page } = app;
      await waitReady(app);
      // The toolbar never wraps: every visible control is centred on the one row.
      const rows = await page.locator(".toolbar").evaluate((bar) => {
        const tops = [...bar.children].filter((c) => (c as HTMLElement).offsetParent !== null && !(c as HTMLElement).hidden).map((c) => (c as HTMLElement).getBoundingClientRect());
        return { heights: bar.getBoundingClientRect().height, maxTop: Math.max(...tops.map((r) => r.top + r.height / 2)), minTop: Math.min(...tops.map((r) => r.top + r.height / 2)), right: Math.max(...tops.map((r) => r.right)), barRight: bar.getBoundingClientRect().right };
      });
      expect(rows.maxTop - rows.minTop).toBeLessThan(10);
      expect(rows.heights).toBeLessThan(56);
      expect(rows.right).toBeLessThanOrEqual(rows.barRight);
      // The starter's long comment lines wrap: nothing is wider than the editor.
      await expect.poll(async () => { const w = await editorWidths(page); return w.scroll <= w.layout + 2; }, { timeout: 15_000 }).toBe(true);
      // Banners (here: the safe-boot-like notice plus a compile error) stay a bounded strip above the code.
      await page.evaluate(() => {
        const m = (window as unknown as { monaco: { editor: { getModels(): Array<{ uri: { path: string }; getValue(): string; setValue(v: string): void }> } } }).monaco;
        const model = m.editor.getModels().find((x) => x.uri.path === "/main.ts")!;
        model.setValue(`${model.getValue()}\nconst a = ;\nconst b = ;\nconst c = ;\n`);
      });
      await byTestId(page, "error").first().waitFor({ timeout: 30_000 });
      const editorBox = await byTestId(page, "editor").boundingBox();
      expect(editorBox!.height).toBeGreaterThan(300);
      await app.screenshot("layout-1280-compile-error");
      const before = { editor: (await byTestId(page, "editor").boundingBox())!.width, stage: (await byTestId(page, "stage").boundingBox())!.width };
      await byTestId(page, "lesson-collapse").click();
      await expect.poll(() => page.locator(".pane-lesson").isVisible()).toBe(false);
      const after = { editor: (await byTestId(page, "editor").boundingBox())!.width, stage: (await byTestId(page, "stage").boundingBox())!.width };
      expect(after.editor).toBeGreaterThan(before.editor + 80);
      expect(after.stage).toBeGreaterThan(before.stage + 80);
      expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("lesson-expand");
      await app.screenshot("layout-1280-lesson-hidden");
      // Remembered across a reload; the rail brings the lesson back.
      await page.reload();
      await byTestId(page, "lesson-expand").waitFor();
      expect(await page.locator(".pane-lesson").isVisible()).toBe(false);
      await byTestId(page, "lesson-expand").click();
      await byTestId(page, "lesson-title").waitFor();
      expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("lesson-collapse");
    } finally {
      await app.close();
    }
  });

  it("the sandbox at 1920×1080 fills its reading column with the scenario and things to try", async () => {
    const app = await openApp({ path: "#/sandbox", viewport: { width: 1920, height: 1080 } });
    try {
      const { page } = app;
      await waitReady(app);
      const pane = await page.locator(".pane-lesson").evaluate((p) => {
        const last = [...p.children].at(-1)!.getBoundingClientRect();
        return { bottom: last.bottom, top: p.getBoundingClientRect().top, width: p.getBoundingClientRect().width };
      });
      expect(pane.bottom - pane.top).toBeGreaterThan(500);
      expect(pane.width).toBeLessThan(1920 * 0.25);
      expect(await page.locator(".sandbox-timeline tr").count()).toBeGreaterThanOrEqual(4);
      // The reading pane is lessons/sandbox/lesson.md (its one source): the front matter's summary, then its sections.
      const md = readFileSync("lessons/sandbox/lesson.md", "utf8");
      expect(await page.locator(".pane-lesson .lesson-summary").innerText()).toBe(/^summary: (.+)$/m.exec(md)?.[1]);
      expect(await page.locator(".pane-lesson .prose h2").allInnerTexts()).toEqual([...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]));
      await app.screenshot("layout-1920-sandbox");
    } finally {
      await app.close();
    }
  });
});
