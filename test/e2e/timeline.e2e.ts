/**
 * Time you can see and a timeline that explains itself (issue 21 items 5, 6 "jump to next", 7), in
 * Chromium on lesson 07 (its run has a 410, a relist and two tombstones):
 * - the transport shows the shown step's virtual time (`t = 1.54 s` / `t = 535 ms`, never a raw float),
 *   and the scrubber's aria-valuetext says "step n of N, time";
 * - "Next: 410 · 409 · relist · tombstone" go to the next such step (wrapping), with counts; none → disabled;
 * - hovering the timeline shows "Step n · t = … · what happened" for the step under the pointer;
 * - the timeline is a keyboard slider (← → Page Up/Down Home End) with aria-valuenow/valuetext;
 * - a legend names every colour and mark, and Escape closes it; the same in Chinese.
 */
import { describe, expect, it } from "vitest";
import { byTestId, openApp, stepCounter, waitReady, type AppSession } from "./harness.js";

const LESSON = "#/lesson/07-tombstones";
const TIME = /^t = (\d{1,3} ms|\d+\.\d{1,2} s)$/;
const TIME_ZH = /^t = (\d{1,3} 毫秒|\d+\.\d{1,2} 秒)$/;


describe("timeline", () => {
  it("shows the step's time, jumps to the next 410 / relist / tombstone, explains itself on hover and in a legend, and takes the keyboard", async () => {
    const app = await openApp({ path: LESSON, reducedMotion: "reduce", viewport: { width: 1440, height: 900 } });
    try {
      const { page } = app;
      const total = await waitReady(app);
      expect(await stepCounter(app.page)).toEqual([1, total]);

      // the clock and the scrubber's value text
      const clock = byTestId(page, "step-time");
      expect(await clock.innerText()).toMatch(TIME);
      await byTestId(page, "jump-end").click();
      expect(await clock.innerText()).toMatch(TIME);
      const endTime = (await clock.innerText()).slice(4);
      expect(await byTestId(page, "scrub").getAttribute("aria-valuetext")).toBe(`step ${total} of ${total}, ${endTime}`);
      await byTestId(page, "jump-start").click();

      // jump to the next notable moment: counts, wrap-around, and a disabled kind the run lacks
      const jump = (mark: string) => byTestId(page, "jump-next", `[data-mark="${mark}"]`);
      expect(await jump("410").getAttribute("data-count")).toBe("1");
      expect(await jump("relist").getAttribute("data-count")).toBe("1");
      expect(await jump("tombstone").getAttribute("data-count")).toBe("2");
      expect(await jump("409").isDisabled()).toBe(true);
      await jump("410").click();
      const [at410] = await stepCounter(app.page);
      expect(at410).toBeGreaterThan(1);
      expect(await byTestId(page, "narration").innerText()).toMatch(/410|[Ee]xpired|too old/);
      await jump("relist").click();
      const [atRelist] = await stepCounter(app.page);
      expect(atRelist).toBeGreaterThan(at410);
      expect(await byTestId(page, "narration").innerText()).toMatch(/LIST|list/);
      await jump("tombstone").click();
      const [t1] = await stepCounter(app.page);
      await jump("tombstone").click();
      const [t2] = await stepCounter(app.page);
      await jump("tombstone").click();
      const [t3] = await stepCounter(app.page);
      expect(t1).toBeGreaterThan(atRelist);
      expect(t2).toBeGreaterThan(t1);
      expect(t3).toBe(t1); // wraps to the first
      expect(await byTestId(page, "play").count()).toBe(1); // a jump pauses

      // hover: the tooltip names the step under the pointer, its time and what happened
      const canvas = byTestId(page, "timeline");
      const box = (await canvas.boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
      const tip = byTestId(page, "timeline-tooltip");
      await expect.poll(async () => tip.isVisible()).toBe(true);
      const hovered = Number(await tip.getAttribute("data-step"));
      expect(Math.abs(hovered - Math.floor(0.5 * total) - 1)).toBeLessThanOrEqual(1);
      expect(await tip.innerText()).toMatch(new RegExp(`^Step ${hovered} · t = (\\d{1,3} ms|\\d+\\.\\d{1,2} s) · \\S.+`));
      expect(await stepCounter(app.page)).toEqual([t3, total]); // hovering does not seek
      await app.screenshot("timeline-tooltip-en");
      await page.mouse.move(box.x + box.width / 2, box.y - 200);
      await expect.poll(async () => tip.isVisible()).toBe(false);

      // keyboard: the timeline is a slider
      await canvas.focus();
      expect(await canvas.getAttribute("role")).toBe("slider");
      await page.keyboard.press("Home");
      expect(await stepCounter(app.page)).toEqual([1, total]);
      await page.keyboard.press("ArrowRight");
      expect(await stepCounter(app.page)).toEqual([2, total]); // once: the global keymap does not step again
      await page.keyboard.press("PageUp");
      expect(await stepCounter(app.page)).toEqual([2 + Math.round(total / 10), total]);
      expect(await canvas.getAttribute("aria-valuenow")).toBe(String(2 + Math.round(total / 10)));
      expect(await canvas.getAttribute("aria-valuetext")).toMatch(new RegExp(`^step ${2 + Math.round(total / 10)} of ${total}, `));
      await page.keyboard.press("End");
      expect(await stepCounter(app.page)).toEqual([total, total]);

      // the legend names the colours and marks; Escape closes it and gives focus back
      const toggle = byTestId(page, "timeline-legend-toggle");
      const legend = byTestId(page, "timeline-legend");
      expect(await legend.count()).toBe(0);
      await toggle.click();
      await expect.poll(async () => legend.count()).toBe(1);
      const text = await legend.innerText();
      for (const word of ["API server", "Reflector", "Handler", "your action", "a goal failed", "departs from the previous one"]) expect(text).toContain(word);
      expect(await toggle.getAttribute("aria-expanded")).toBe("true");
      await app.screenshot("timeline-legend-en");
      await page.keyboard.press("Escape");
      await expect.poll(async () => legend.count()).toBe(0);
      expect(await toggle.evaluate((b) => b === document.activeElement)).toBe(true);
    } finally {
      await app.close();
    }
  });

  it("in Chinese and dark: the clock, the jump buttons, the tooltip and the legend speak Chinese", async () => {
    const app = await openApp({ path: LESSON, locale: "zh-CN", colorScheme: "dark", reducedMotion: "reduce" });
    try {
      const { page } = app;
      await waitReady(app);
      expect(await byTestId(page, "step-time").innerText()).toMatch(TIME_ZH);
      expect(await byTestId(page, "jump-next", '[data-mark="tombstone"]').innerText()).toBe("墓碑 (2)");
      await byTestId(page, "jump-next", '[data-mark="relist"]').click();
      expect(await byTestId(page, "step-time").innerText()).toMatch(TIME_ZH);
      const box = (await byTestId(page, "timeline").boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2);
      await expect.poll(async () => byTestId(page, "timeline-tooltip").isVisible()).toBe(true);
      expect(await byTestId(page, "timeline-tooltip").innerText()).toMatch(/^第 \d+ 步 · t = /);
      await byTestId(page, "timeline-legend-toggle").click();
      const legend = await byTestId(page, "timeline-legend").innerText();
      expect(legend).toContain("时间线上显示什么");
      expect(legend).toContain("处理函数");
      await app.screenshot("timeline-legend-zh-dark");
    } finally {
      await app.close();
    }
  });
});
