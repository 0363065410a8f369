/**
 * Debugging support (issue 21 items 5 and 10), in Chromium:
 * - a line printed just before an endless loop reaches the log (the run is stopped, the line is kept);
 * - a handler exception is a line of the log at its step, and clicking it seeks the stage there;
 * - clicking anywhere on a log line seeks to its step; log times read `0 ms` / `2.0 s`;
 * - the runtime-error banner seeks the stage to the exception's step (and reveals the line).
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { byTestId, openApp, runAndWait, setCode, stepCounter, waitReady, type AppSession } from "./harness.js";

describe("debugging", () => {
  it("keeps the line printed before an endless loop", async () => {
    const app = await openApp({ path: "#/sandbox", reducedMotion: "reduce" });
    app.allow(/stopped|wall-clock/i);
    try {
      const { page } = app;
      await waitReady(app);
      await runAndWait(app, () => setCode(page, `import type { Playground } from "playground";\nexport default function main({ log }: Playground) {\n  log("before the loop");\n  while (true) { /* spin */ }\n}\n`));
      await expect.poll(async () => byTestId(page, "error", '[data-kind="timeout"]').count(), { timeout: 30_000 }).toBe(1);
      const texts = await byTestId(page, "log-line").evaluateAll((ls) => ls.map((l) => l.querySelector(".log-text")?.textContent ?? ""));
      expect(texts).toEqual(["before the loop"]);
      await app.screenshot("debugging-line-before-hang");
    } finally {
      await app.close();
    }
  });

  it("shows a handler exception in the log at its step; log lines and the error banner seek the stage", async () => {
    const app = await openApp({ path: "#/lesson/07-tombstones", reducedMotion: "reduce" });
    try {
      const { page } = app;
      const total = await waitReady(app);
      // The starter's deleteFunc throws on the tombstone (the lesson's point).
      const error = byTestId(page, "log-error");
      await expect.poll(async () => error.count(), { timeout: 30_000 }).toBeGreaterThan(0);
      const step = Number(await error.first().getAttribute("data-step"));
      expect(step).toBeGreaterThan(1);
      expect(await error.first().innerText()).toMatch(/Cannot read properties of undefined/);
      // it sits between the printed lines of its steps
      const steps = await page.locator('[data-testid="log"] > li[data-step]').evaluateAll((ls) => ls.map((l) => Number(l.getAttribute("data-step"))));
      expect(steps).toEqual([...steps].sort((a, b) => a - b));
      await error.first().locator(".log-text").click();
      expect(await stepCounter(page)).toEqual([step, total]);
      expect(await byTestId(page, "narration").innerText()).toMatch(new RegExp(`^${step}\\. `));

      // any log line: a click on its text seeks to its step; its time reads "0 ms" / "2.0 s"
      const line = byTestId(page, "log-line").nth(1);
      const lineStep = Number(await line.getAttribute("data-step"));
      await line.locator(".log-text").click();
      expect(await stepCounter(page)).toEqual([lineStep, total]);
      const times = await byTestId(page, "log-line").evaluateAll((ls) => ls.map((l) => l.querySelector(".log-time")?.textContent ?? ""));
      for (const t of times) expect(t).toMatch(/^(\d{1,3} ms|\d+\.\d{1,2} s)$/);

      // the error banner seeks too
      await byTestId(page, "jump-start").click();
      await byTestId(page, "error", '[data-kind="runtime"]').locator(".error-text").click();
      expect(await stepCounter(page)).toEqual([step, total]);
      await app.screenshot("debugging-exception-in-log");
    } finally {
      await app.close();
    }
  });
});
