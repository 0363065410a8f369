/**
 * Faults and actions you can manage (issue 21 items 5 and 6), in Chromium on lesson 01:
 * - an action taken at step n happens after step n of the re-run, at its virtual time, and
 *   says so with a readable time;
 * - the command bar takes fault parameters (`partition 2s`, `slow-handler 0 3000`) and explains bad ones;
 * - the injected actions are listed, each removable (the run repeats without it), kept across a reload
 *   with the draft;
 * - Reset says what it does (the starter comes back, Ctrl+Z undoes that; the actions go) and does it.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { byTestId, clickAction, firstFrames, openApp, stepCounter, waitReady, type AppSession } from "./harness.js";

const LESSON = "#/lesson/01-the-big-picture";

const seek = (page: Page, step: number) => page.evaluate((s) => (window as unknown as { __stage: { seek(n: number): void } }).__stage.seek(s), step);

/** From `from`, steps forward (at most 40 steps) until the narration matches; the step, or undefined. */
async function findAfter(page: Page, from: number, re: RegExp): Promise<number | undefined> {
  await seek(page, from);
  for (let i = 0; i < 40; i++) {
    await byTestId(page, "step-forward").click();
    if (re.test(await byTestId(page, "narration").innerText())) return (await stepCounter(page))[0];
  }
  return undefined;
}

/** Types a command and waits for the run it causes to be drawn. */
async function command(app: AppSession, line: string): Promise<string> {
  const { page } = app;
  const frames = await firstFrames(page);
  await byTestId(page, "command-bar").fill(line);
  await byTestId(page, "command-bar").press("Enter");
  const said = await byTestId(page, "command-result").innerText();
  await expect.poll(async () => firstFrames(page), { timeout: 60_000 }).toBeGreaterThan(frames);
  await waitReady(app);
  return said;
}

describe("faults and actions", () => {
  it("places an action after the shown step, lists injected faults with their parameters, removes them, keeps them across a reload, and Reset says what it does", async () => {
    const app = await openApp({ path: LESSON, reducedMotion: "reduce", viewport: { width: 1440, height: 900 } });
    try {
      const { page } = app;
      await waitReady(app);
      expect(await byTestId(page, "injected").count()).toBe(0); // nothing injected yet: no list

      // An action button at step 40: the re-run keeps step 40, and step 41 is the action.
      await seek(page, 40);
      expect((await stepCounter(page))[0]).toBe(40);
      const frames = await firstFrames(page);
      await clickAction(page, "drop-watch");
      expect(await byTestId(page, "command-result").innerText()).toMatch(/^Recorded .* after step 40 \(at its time, t = (\d{1,3} ms|\d+\.\d{1,2} s)\); the run repeats with it\.$/);
      await expect.poll(async () => firstFrames(page), { timeout: 60_000 }).toBeGreaterThan(frames);
      await waitReady(app);
      expect((await stepCounter(page))[0]).toBe(40);
      const t40 = await byTestId(page, "step-time").innerText();
      const mine = await findAfter(page, 40, /^\d+\. Your action: /);
      expect(mine).toBeGreaterThan(40);
      expect(await byTestId(page, "step-time").innerText()).toBe(t40); // at the time of step 40, after it

      // Fault parameters from the command bar, at step 50.
      await seek(page, 50);
      const said = await command(app, "partition 2s");
      expect(said).toMatch(/^Recorded partition 2s after step 50 \(at its time, t = .+\)/);
      expect(await findAfter(page, 50, /Your action: a network partition/)).toBeGreaterThan(50);
      await command(app, "slow-handler 0 3000");
      const list = byTestId(page, "injected");
      expect(await list.getAttribute("data-count")).toBe("3");
      await list.locator("summary").click();
      const items = await byTestId(page, "injected-action").allInnerTexts();
      expect(items.length).toBe(3);
      expect(items.some((s) => /^partition \(refused, heals after 2\.0 s\) \(after step 50, t = .+\)/.test(s))).toBe(true);
      expect(items.some((s) => /^slow handler #0: 3\.0 s per notification/.test(s))).toBe(true);
      await app.screenshot("faults-injected-list-en");

      // A bad parameter is explained and injects nothing.
      await byTestId(page, "command-bar").fill("slow-handler x 100");
      await byTestId(page, "command-bar").press("Enter");
      expect(await byTestId(page, "command-result").innerText()).toContain('not "x"');
      expect(await list.getAttribute("data-count")).toBe("3");

      // Kept across a reload, with the draft.
      await page.reload();
      await waitReady(app);
      await expect.poll(async () => byTestId(page, "injected").getAttribute("data-count"), { timeout: 30_000 }).toBe("3");

      // Remove the partition: the run repeats without it.
      await byTestId(page, "injected").locator("summary").click();
      const partition = byTestId(page, "injected-action").filter({ hasText: "partition" });
      const before = await firstFrames(page);
      await partition.locator('[data-testid="remove-action"]').click();
      await expect.poll(async () => firstFrames(page), { timeout: 60_000 }).toBeGreaterThan(before);
      await waitReady(app);
      expect(await byTestId(page, "injected").getAttribute("data-count")).toBe("2");
      expect(await byTestId(page, "injected-action").filter({ hasText: "partition" }).count()).toBe(0);
      expect(await findAfter(page, 50, /Your action: a network partition/)).toBeUndefined();

      // Reset: the confirm says the actions go and Ctrl+Z brings the code back; afterwards none are left.
      let message = "";
      page.once("dialog", (d) => {
        message = d.message();
        void d.accept();
      });
      await byTestId(page, "reset").click();
      expect(message).toContain("remove the actions you injected into the run (2)");
      expect(message).toContain("Ctrl+Z");
      await expect.poll(async () => byTestId(page, "injected").count(), { timeout: 30_000 }).toBe(0);
      await page.reload();
      await waitReady(app);
      expect(await page.locator('[data-testid="injected"]').getAttribute("data-count")).toBe("0");
    } finally {
      await app.close();
    }
  });

  it("in Chinese: the injected list and the recorded message speak Chinese", async () => {
    const app = await openApp({ path: LESSON, locale: "zh-CN", reducedMotion: "reduce" });
    try {
      const { page } = app;
      await waitReady(app);
      await seek(page, 30);
      const said = await command(app, "partition timeout 4s");
      expect(said).toMatch(/^已记录 partition timeout 4s，放在第 30 步之后（同一时刻 t = .+）/);
      await byTestId(page, "injected").locator("summary").click();
      expect(await byTestId(page, "injected").locator("summary").innerText()).toBe("本次运行注入了 1 个操作");
      expect(await byTestId(page, "injected-action").innerText()).toMatch(/^网络分区（超时，4\.0 秒后恢复） ?（第 30 步之后，t = .+）/);
      await app.screenshot("faults-injected-list-zh");
    } finally {
      await app.close();
    }
  });
});
