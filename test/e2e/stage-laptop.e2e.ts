/**
 * The stage on a laptop screen (issue 21 item 3), in Chromium at 1280×800:
 * - the action bar and the playback bar are one row each; the "Actions" disclosure works by keyboard
 *   (Enter opens and focuses the first action, ↓ moves without stepping the stage, Escape closes);
 * - lesson 04 (a bare DeltaFIFO) shows only the queue and offers no object, fault or handler action,
 *   and the command bar still answers `help`.
 * Screenshots: test-results/screenshots/stage-laptop-*.png.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { byTestId, openApp, settled, stepCounter, waitReady } from "./harness.js";

const LAPTOP = { width: 1280, height: 800 };
const seek = (page: Page, step: number) => page.evaluate((s) => (window as unknown as { __stage: { seek(n: number): void } }).__stage.seek(s), step);
const total = async (page: Page) => (await stepCounter(page))[1];

/** The vertical centres of the visible children of `selector` span less than `tolerance` px: one row. */
async function oneRow(page: Page, selector: string, tolerance = 10): Promise<{ spread: number; height: number }> {
  return page.locator(selector).locator("visible=true").first().evaluate((row, tol) => {
    const boxes = [...row.children].filter((c) => (c as HTMLElement).getClientRects().length > 0).map((c) => c.getBoundingClientRect());
    const mids = boxes.map((b) => b.top + b.height / 2);
    void tol;
    return { spread: Math.max(...mids) - Math.min(...mids), height: row.getBoundingClientRect().height };
  }, tolerance);
}

describe("the stage at 1280×800", () => {
  it("1280×800: the action bar and the playback bar are one row each; the Actions disclosure works by keyboard", async () => {
    const app = await openApp({ path: "#/lesson/01-the-big-picture", viewport: LAPTOP, reducedMotion: "reduce" });
    try {
      const { page } = app;
      await waitReady(app);
      const actions = await oneRow(page, ".stage .action-line");
      expect(actions.spread).toBeLessThan(6);
      expect(actions.height).toBeLessThanOrEqual(36);
      // The playback bar is one row of buttons (the counter and the clock share a column, one above the other).
      const transport = await oneRow(page, ".stage .transport");
      expect(transport.height).toBeLessThanOrEqual(34);
      await seek(page, await total(page)); // the widest numbers: "99 / 99", the last step's time
      const fits = await page.evaluate(() => {
        const box = document.querySelector(".stage .transport")!.getBoundingClientRect();
        return [...document.querySelectorAll(".stage .transport > *")].filter((e) => e.getClientRects().length > 0).every((e) => {
          const r = e.getBoundingClientRect();
          const text = e.matches(".step-counter, .step-time") ? (e as HTMLElement).scrollWidth <= (e as HTMLElement).clientWidth + 1 : true;
          return r.left >= box.left - 1 && r.right <= box.right + 1 && text;
        });
      });
      expect(fits).toBe(true);
      // Every action of lesson 01 is offered, behind the disclosure (closed: none visible).
      expect((await page.locator(".stage .actions").getAttribute("data-actions"))?.split(" ").sort()).toEqual(
        ["bind", "compact", "create", "delete", "drop-watch", "heal", "label", "partition", "partition-timeout", "restart", "slow-handler", "update"]);
      expect(await byTestId(page, "action").count()).toBe(0);
      await settled(page);
      await app.screenshot("stage-laptop-actions-closed-1280");
      // Keyboard: Enter opens and focuses the first action, ↓ moves (the stage does not step), Escape closes.
      const counter = await byTestId(page, "step-counter").innerText();
      await byTestId(page, "actions-menu").focus();
      await page.keyboard.press("Enter");
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-action"))).toBe("create");
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("ArrowRight");
      expect(await page.evaluate(() => document.activeElement?.getAttribute("data-action"))).toBe("delete");
      expect(await byTestId(page, "step-counter").innerText()).toBe(counter);
      expect(await byTestId(page, "action").count()).toBe(12);
      await app.screenshot("stage-laptop-actions-open-1280");
      await page.keyboard.press("Escape");
      expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("actions-menu");
      expect(await byTestId(page, "action").count()).toBe(0);
      // A click outside closes it too; an action from it is recorded and listed.
      await byTestId(page, "actions-menu").click();
      await page.locator(".stage-title").click();
      expect(await byTestId(page, "action").count()).toBe(0);
      await byTestId(page, "actions-menu").click();
      await byTestId(page, "action", '[data-action="drop-watch"]').click();
      await expect.poll(() => byTestId(page, "command-result").innerText()).toMatch(/^Recorded dropWatches after step \d+/);
      await waitReady(app);
      await expect.poll(() => page.locator('[data-testid="injected"]').getAttribute("data-count")).toBe("1");
    } finally {
      await app.close();
    }
  });

  it("lesson 04 (a bare DeltaFIFO) shows only the queue and offers no object, fault or handler action; the command bar still answers help", async () => {
    const app = await openApp({ path: "#/lesson/04-deltafifo", viewport: LAPTOP, reducedMotion: "reduce" });
    try {
      const { page } = app;
      await waitReady(app);
      expect(await page.locator(".stage .actions").getAttribute("data-actions")).toBe("");
      // Only the queue exists: one box in the diagram, one card, no "Next: 410 …" jumps.
      expect(await byTestId(page, "stage-node").evaluateAll((ns) => ns.map((n) => n.getAttribute("data-stage")))).toEqual(["deltafifo"]);
      expect(await page.locator(".stage .panels > section.panel").locator("visible=true").evaluateAll((ss) => ss.map((x) => x.className))).toEqual(["panel p-fifo"]);
      expect(await byTestId(page, "jump-next").count()).toBe(0);
      await seek(page, await total(page)); // the queue exists from its first call on
      expect(await page.locator(".stage-informer").innerText()).toBe("DeltaFIFO: lesson-04");
      expect(await byTestId(page, "actions-menu").isVisible()).toBe(false);
      await byTestId(page, "actions-none").waitFor();
      expect(await byTestId(page, "actions-none").getAttribute("title")).toMatch(/talks to an API server/);
      await byTestId(page, "command-bar").fill("help");
      await byTestId(page, "command-bar").press("Enter");
      await expect.poll(() => byTestId(page, "command-result").innerText()).toMatch(/^Commands/);
      await settled(page);
      await app.screenshot("stage-laptop-lesson04-1280");
    } finally {
      await app.close();
    }
  });
});
