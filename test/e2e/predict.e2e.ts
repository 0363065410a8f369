/**
 * Predict-then-reveal in Chromium (lesson 04, its starter runs when opened): playback pauses just before
 * the first question's step and the card says so; a wrong pick shows `false` and the engine's actual
 * value; Ask again, then the right pick shows `true`; after a reload the question stays answered.
 */
import { describe, expect, it } from "vitest";
import { byTestId, openApp } from "./harness.js";

const LESSON = "#/lesson/04-deltafifo";

describe("predict-then-reveal", () => {
  it("pauses before the question's step, checks picks against the engine, persists across a reload", async () => {
    const app = await openApp({ path: LESSON, clock: true });
    try {
      const { page } = app;
      const counter = byTestId(page, "step-counter");
      await expect.poll(async () => (await counter.count()) > 0 ? counter.innerText() : "", { timeout: 60_000, interval: 200 }).toMatch(/^\d+ \/ [1-9]\d*$/);
      // the cards carry their step in this run once it is ready; the first one in run order is asked first
      const cards = byTestId(page, "predict", "[data-step]");
      await expect.poll(async () => cards.count(), { timeout: 30_000 }).toBeGreaterThan(0);
      const steps = await cards.evaluateAll((els) => els.map((e) => ({ id: e.getAttribute("data-predict-id")!, step: Number(e.getAttribute("data-step")) })));
      const first = steps.sort((a, b) => a.step - b.step)[0]!;
      expect(first.step).toBeGreaterThan(2);
      const card = page.locator(`[data-testid="predict"][data-predict-id="${first.id}"]`);
      const total = Number((await counter.innerText()).split(" / ")[1]);
      // playback (autoplay after the run) stops at step s − 1 and the card says why
      await expect.poll(async () => card.getAttribute("class"), { timeout: 60_000, interval: 200 }).toContain("asking");
      expect(await counter.innerText()).toBe(`${first.step - 1} / ${total}`);
      expect(await byTestId(page, "play").count()).toBe(1);
      await expect.poll(async () => card.locator('[data-testid="predict-prompt"]').isVisible()).toBe(true);
      expect(await card.locator('[data-testid="predict-prompt"]').innerText()).toContain(`step ${first.step - 1}`);
      expect(await card.locator("details").getAttribute("data-locked")).toBe("true");
      await page.clock.runFor(600); // the page's timers jump 600 ms: playing, it would have moved on
      expect(await counter.innerText()).toBe(`${first.step - 1} / ${total}`); // it stays paused
      await app.screenshot("predict-asking-en-light");

      // the engine's value at that step, read from the run the page holds
      const options = await card.locator('[data-testid="predict-option"]').evaluateAll((els) => els.map((e) => e.getAttribute("data-value")!));
      const answer = await card.getAttribute("data-answer");
      expect(options).toContain(answer);
      const wrong = options.find((v) => v !== answer)!;
      await card.locator(`[data-testid="predict-option"][data-value="${wrong}"]`).click();
      const result = card.locator('[data-testid="predict-result"]');
      await expect.poll(async () => result.getAttribute("data-correct")).toBe("false");
      const actual = await card.locator('[data-testid="predict-actual"]').innerText();
      expect(actual).toBe(answer); // the starter makes calls 1–10 as the lesson's program does
      expect(await card.locator("details").evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
      await app.screenshot("predict-wrong-en-light");

      // Jump to this step seeks the stage to s
      await card.locator('[data-testid="predict-jump"]').click();
      expect(await counter.innerText()).toBe(`${first.step} / ${total}`);

      await card.locator('[data-testid="predict-again"]').click();
      expect(await result.count()).toBe(0);
      await card.locator(`[data-testid="predict-option"][data-value="${answer}"]`).click();
      await expect.poll(async () => result.getAttribute("data-correct")).toBe("true");

      // a reload does not ask again: the pick and its verdict come back
      await page.reload();
      await expect.poll(async () => card.getAttribute("data-step"), { timeout: 60_000, interval: 200 }).toBe(String(first.step));
      expect(await card.getAttribute("data-answered")).toBe("true");
      await expect.poll(async () => card.locator('[data-testid="predict-result"]').getAttribute("data-correct")).toBe("true");
      expect(await card.locator(`[data-testid="predict-option"][data-value="${answer}"]`).getAttribute("aria-checked")).toBe("true");
    } finally {
      await app.close();
    }
  });
  it("lesson 08 in Chinese (dark): the pause is announced in zh-CN and a pick is judged by the engine's value", async () => {
    const app = await openApp({ path: "#/lesson/08-resync", locale: "zh-CN", colorScheme: "dark" });
    try {
      const { page } = app;
      const cards = byTestId(page, "predict", "[data-step]");
      await expect.poll(async () => cards.count(), { timeout: 60_000, interval: 200 }).toBeGreaterThan(0);
      const steps = await cards.evaluateAll((els) => els.map((e) => ({ id: e.getAttribute("data-predict-id")!, step: Number(e.getAttribute("data-step")) })));
      const first = steps.filter((x) => x.step > 2).sort((a, b) => a.step - b.step)[0]!;
      const card = page.locator(`[data-testid="predict"][data-predict-id="${first.id}"]`);
      await expect.poll(async () => card.getAttribute("class"), { timeout: 90_000, interval: 200 }).toContain("asking");
      expect((await byTestId(page, "step-counter").innerText()).split(" / ")[0]).toBe(String(first.step - 1));
      expect(await card.locator('[data-testid="predict-prompt"]').innerText()).toContain("先预测");
      expect(await card.locator("summary").innerText()).toBe("先选一个答案才能查看");
      await app.screenshot("predict-asking-zh-CN-dark");
      const option = card.locator('[data-testid="predict-option"]').first();
      const value = await option.getAttribute("data-value");
      await option.click();
      const actual = await card.locator('[data-testid="predict-actual"]').innerText();
      expect(await card.locator('[data-testid="predict-result"]').getAttribute("data-correct")).toBe(String(value === actual));
      await app.screenshot("predict-picked-zh-CN-dark");
    } finally {
      await app.close();
    }
  });
});
