/**
 * The gutters between the panes (site/shell/splitter.ts, lesson/workspace.ts), dragged with a real
 * pointer in Chromium: a gutter stays under the pointer that drags it — with the lesson pane shown and
 * with it hidden (issue 15: the editor/stage gutter jumped away from the pointer when the lesson pane
 * was collapsed, because the drag assumed the editor starts where the hidden lesson pane would end) —
 * and the sizes survive a reload.
 */
import { describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { byTestId, editorReady, openApp, settled } from "./harness.js";

const LAPTOP = { width: 1280, height: 800 };
/** How far (px) a gutter's centre may end from the pointer: the gutter is 6 px wide. */
const TOLERANCE = 3;

async function centre(g: Locator): Promise<{ x: number; y: number }> {
  const b = await g.boundingBox();
  if (b === null) throw new Error("the gutter is not on screen");
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

/** Drags gutter `g` by (dx, dy) from its centre; returns where the pointer was let go and where the gutter's centre ended. */
async function drag(page: Page, g: Locator, dx: number, dy: number): Promise<{ pointer: { x: number; y: number }; after: { x: number; y: number } }> {
  const from = await centre(g);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + dx / 2, from.y + dy / 2, { steps: 4 });
  await page.mouse.move(from.x + dx, from.y + dy, { steps: 4 });
  await page.mouse.up();
  return { pointer: { x: from.x + dx, y: from.y + dy }, after: await centre(g) };
}

const verticalGutters = (page: Page) => page.locator(".workspace > .gutter-v").locator("visible=true");

describe("pane gutters", () => {
  it("each gutter follows the pointer with the lesson pane shown and hidden, and the sizes are kept", async () => {
    const app = await openApp({ path: "#/lesson/01-the-big-picture", viewport: LAPTOP, reducedMotion: "reduce" });
    try {
      const { page } = app;
      await editorReady(page);
      expect(await verticalGutters(page).count()).toBe(2);

      // Lesson pane shown: lesson | editor, then editor | stage.
      let r = await drag(page, verticalGutters(page).nth(0), -60, 0);
      expect(Math.abs(r.after.x - r.pointer.x)).toBeLessThanOrEqual(TOLERANCE);
      r = await drag(page, verticalGutters(page).nth(1), 70, 0);
      expect(Math.abs(r.after.x - r.pointer.x)).toBeLessThanOrEqual(TOLERANCE);
      // Editor | log.
      r = await drag(page, page.locator(".pane-editor .gutter-h"), 0, -50);
      expect(Math.abs(r.after.y - r.pointer.y)).toBeLessThanOrEqual(TOLERANCE);

      // Lesson pane hidden: only the editor | stage gutter is left, and it still follows the pointer both ways.
      await byTestId(page, "lesson-collapse").click();
      await page.locator(".workspace.lesson-collapsed").waitFor();
      expect(await verticalGutters(page).count()).toBe(1);
      const g = verticalGutters(page).first();
      r = await drag(page, g, -120, 0);
      expect(Math.abs(r.after.x - r.pointer.x)).toBeLessThanOrEqual(TOLERANCE);
      r = await drag(page, g, 90, 0);
      expect(Math.abs(r.after.x - r.pointer.x)).toBeLessThanOrEqual(TOLERANCE);
      // A drag that only grabs and lets go moves nothing.
      const still = await centre(g);
      r = await drag(page, g, 0, 0);
      expect(Math.abs(r.after.x - still.x)).toBeLessThanOrEqual(1);
      await settled(page);
      await app.screenshot("pane-gutters-lesson-hidden-after-drag");

      // The sizes are prefs: a reload lays the panes out where they were left.
      const before = await centre(g);
      await page.reload();
      await editorReady(page);
      await page.locator(".workspace.lesson-collapsed").waitFor();
      const reloaded = await centre(verticalGutters(page).first());
      expect(Math.abs(reloaded.x - before.x)).toBeLessThanOrEqual(1);
    } finally {
      await app.close();
    }
  });
});
