/**
 * The stage in Chromium, through the real app (lesson 01 runs once when opened): every stage node,
 * playback that moves and comes back, FIFO keys with delta chips, the moving token, an action that
 * re-runs and marks the timeline, reduced motion and both languages. Screenshots are saved for review.
 */
import { describe, expect, it } from "vitest";
import { byTestId, openApp, settled, type AppSession, clickAction } from "./harness.js";

const LESSON = "#/lesson/01-the-big-picture";
const DELTA_TYPES = ["Added", "Updated", "Deleted", "Replaced", "Sync", "ReplacedAll", "SyncAll", "Bookmark"];

async function waitForRun(app: AppSession): Promise<number> {
  const counter = byTestId(app.page, "step-counter");
  await counter.waitFor({ timeout: 60_000 });
  await expect.poll(async () => counter.innerText(), { timeout: 60_000, interval: 200 }).toMatch(/^\d+ \/ [1-9]\d*$/);
  return Number((await counter.innerText()).split(" / ")[1]);
}
const stepOf = async (app: AppSession) => Number((await byTestId(app.page, "step-counter").innerText()).split(" / ")[0]);

describe("stage", () => {
  it("plays, pauses, steps back and forth, shows every stage and the FIFO's delta chips", async () => {
    const app = await openApp({ path: LESSON });
    try {
      const { page } = app;
      const total = await waitForRun(app);
      for (const s of ["apiserver", "reflector", "deltafifo", "indexer", "processor", "listener", "handler"]) {
        expect(await byTestId(page, "stage-node", `[data-stage="${s}"]`).count()).toBeGreaterThan(0);
      }
      expect(await byTestId(page, "stage-node", '[data-active="true"]').count()).toBeLessThanOrEqual(1);
      // playing: the step advances by itself; only `pause` is visible
      await expect.poll(async () => byTestId(page, "pause").count()).toBe(1);
      expect(await byTestId(page, "play").count()).toBe(0);
      await expect.poll(async () => stepOf(app), { timeout: 10_000 }).toBeGreaterThan(1);
      await byTestId(page, "pause").click();
      expect(await byTestId(page, "play").count()).toBe(1);
      const n = await stepOf(app);
      await byTestId(page, "step-forward").click();
      expect(await stepOf(app)).toBe(Math.min(total, n + 1));
      await byTestId(page, "step-back").click();
      expect(await stepOf(app)).toBe(n);
      expect(await byTestId(page, "step-counter").innerText()).toBe(`${n} / ${total}`);
      await byTestId(page, "jump-start").click();
      expect(await stepOf(app)).toBe(1);
      // walk forward until the FIFO holds a key: its chips carry exact DeltaTypes and RVs
      let found = false;
      for (let i = 0; i < total && !found; i++) {
        await page.keyboard.press("ArrowRight");
        found = (await byTestId(page, "fifo-key").count()) > 0;
      }
      expect(found).toBe(true);
      const chip = byTestId(page, "fifo-delta").first();
      expect(DELTA_TYPES).toContain(await chip.getAttribute("data-type"));
      expect(await chip.getAttribute("data-rv")).toMatch(/^\d+$/);
      await app.screenshot("stage-lesson1-fifo-en-light");
      // the token travels: its position changes between two steps (animation on)
      const token = page.locator("svg.pipeline circle.token");
      const before = await token.evaluate((c) => `${c.getAttribute("cx")},${c.getAttribute("cy")}`);
      for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
      await expect.poll(() => token.evaluate((c) => `${c.getAttribute("cx")},${c.getAttribute("cy")}`), { timeout: 5_000 }).not.toBe(before);
      await settled(page);
      await page.keyboard.press("End");
      expect(await stepOf(app)).toBe(total);
      expect((await byTestId(page, "store-row").count())).toBeGreaterThan(0);
      expect(await byTestId(page, "reflector-state").innerText()).toMatch(/^(listing|watching|backoff|stopped)$/);
      expect(await byTestId(page, "listener-buffer").count()).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });

  it("an action at the current step re-runs, and the timeline marks where the new run departs", async () => {
    const app = await openApp({ path: LESSON });
    try {
      const { page } = app;
      await waitForRun(app);
      await byTestId(page, "pause").click();
      await byTestId(page, "jump-start").click();
      for (let i = 0; i < 40; i++) await page.keyboard.press("ArrowRight");
      await clickAction(page, "drop-watch");
      await expect.poll(async () => page.locator(".stage .diff-note").isVisible(), { timeout: 60_000 }).toBe(true);
      expect(await page.locator(".stage .diff-note").innerText()).toMatch(/step \d+/);
      await app.screenshot("stage-after-action");
      // the command bar answers `get` from the server at this step and refuses nonsense
      const bar = byTestId(page, "command-bar");
      await bar.fill("get pods");
      await bar.press("Enter");
      await expect.poll(async () => byTestId(page, "command-result").innerText()).toContain("NAME");
      await bar.fill("delete pod does-not-exist");
      await bar.press("Enter");
      await expect.poll(async () => byTestId(page, "command-result").innerText()).toContain("not found");
    } finally {
      await app.close();
    }
  });

  it("the two kinds of partition: the timeout one is recorded from the action bar and the server facts name it", async () => {
    const app = await openApp({ path: LESSON });
    try {
      const { page } = app;
      await waitForRun(app);
      await byTestId(page, "pause").click();
      await byTestId(page, "jump-start").click();
      for (let i = 0; i < 30; i++) await page.keyboard.press("ArrowRight");
      await byTestId(page, "actions-menu").click();
      expect(await byTestId(page, "action", '[data-action="partition"]').innerText()).toBe("Partition (refused)");
      await clickAction(page, "partition-timeout");
      await expect.poll(async () => page.locator(".stage .diff-note").isVisible(), { timeout: 60_000 }).toBe(true);
      await page.keyboard.press("End");
      await expect.poll(async () => page.locator(".server-facts").innerText(), { timeout: 10_000 }).toContain("partitioned (timeouts)");
      await app.screenshot("stage-partition-timeout");
      // the command bar records the same fault, and binds a pod
      const bar = byTestId(page, "command-bar");
      await bar.fill("partition sometimes");
      await bar.press("Enter");
      await expect.poll(async () => byTestId(page, "command-result").innerText()).toContain('say "refused"');
    } finally {
      await app.close();
    }
  });

  it("a failing goal puts a mark on the timeline, and goal-jump lands on its step", async () => {
    // lesson 01's starter has no deleteFunc: the `every-delete` goal fails at the server's DELETE
    const app = await openApp({ path: LESSON, clock: true });
    try {
      const { page } = app;
      const total = await waitForRun(app);
      const failing = byTestId(page, "goal", '[data-status="fail"][data-step]');
      await expect.poll(async () => failing.count(), { timeout: 60_000 }).toBeGreaterThan(0);
      const step = Number(await failing.first().getAttribute("data-step"));
      expect(step).toBeGreaterThan(0);
      expect(step).toBeLessThanOrEqual(total);
      const marks = async () => ((await byTestId(page, "timeline").getAttribute("data-failed-steps")) ?? "").split(" ").filter(Boolean).map(Number);
      await expect.poll(marks, { timeout: 10_000 }).toContain(step);
      await byTestId(page, "jump-start").click();
      await failing.first().locator('[data-testid="goal-jump"]').click();
      await expect.poll(async () => byTestId(page, "step-counter").innerText()).toBe(`${step} / ${total}`);
      expect(await byTestId(page, "play").count()).toBe(1);
      await page.clock.runFor(800); // the page's timers jump 800 ms: a playing stage would move on
      expect(await byTestId(page, "step-counter").innerText()).toBe(`${step} / ${total}`);
      await app.screenshot("stage-goal-mark");
    } finally {
      await app.close();
    }
  });

  it("under reduced motion, in Chinese and dark: paused at step 1, the token jumps, the tables exist", async () => {
    const app = await openApp({ path: LESSON, reducedMotion: "reduce", locale: "zh-CN", colorScheme: "dark", clock: true });
    try {
      const { page } = app;
      const total = await waitForRun(app);
      expect(await byTestId(page, "step-counter").innerText()).toBe(`1 / ${total}`);
      await page.clock.runFor(1500); // the page's timers jump 1.5 s: it stays at step 1
      expect(await byTestId(page, "step-counter").innerText()).toBe(`1 / ${total}`);
      expect(await byTestId(page, "play").count()).toBe(1);
      // the control: the same jump moves a playing stage
      await byTestId(page, "play").click();
      await page.clock.runFor(1500);
      expect(await stepOf(app)).toBeGreaterThan(1);
      await byTestId(page, "pause").click();
      await byTestId(page, "jump-start").click();
      for (let i = 0; i < 20; i++) await byTestId(page, "step-forward").click();
      expect(/[\u4e00-\u9fff]/.test(await byTestId(page, "narration").innerText())).toBe(true);
      await app.screenshot("stage-lesson1-zh-dark-reduced");
      await page.locator(".stage-tables-toggle input").check();
      expect(await byTestId(page, "view-table").count()).toBeGreaterThan(3);
      await app.screenshot("stage-lesson1-tables");
    } finally {
      await app.close();
    }
  });
});
