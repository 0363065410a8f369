/**
 * The Reflector line's "last error" of a failed LIST, in Chromium on lesson 10 (its timeout partition):
 * the line says what the Reflector reports, worded as client-go's (`failed to list *v1.Pod: Get "…/api/v1/
 * pods?…": dial tcp …: i/o timeout`), not only "DialTimeout"; the full text (with the URL and the address)
 * appears on hover and on keyboard focus; in en and zh-CN.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { openApp, settled, waitReady } from "./harness.js";

const LESSON = "#/lesson/10-reflector-under-stress";

/** Seeks to the first step whose Reflector line shows the relist's dial timeout; its number. */
async function seekDialTimeout(page: Page, total: number): Promise<number> {
  return page.evaluate((total) => {
    const stage = (window as unknown as { __stage: { seek(step: number): void } }).__stage;
    for (let step = 1; step <= total; step++) {
      stage.seek(step);
      if (/i\/o timeout/.test(document.querySelector(".stage .reflector-line .error")?.textContent ?? "")) return step;
    }
    return -1;
  }, total);
}

/** The text a sighted reader sees in the error span: its text and its parts drawn wider than a pixel (the full text is clipped to 1 px until hover/focus). */
const shown = (page: Page) => page.locator(".stage .reflector-line .error").evaluate((el) => [...el.childNodes]
  .filter((n) => !(n instanceof HTMLElement) || n.getBoundingClientRect().width > 1).map((n) => n.textContent).join(""));

describe("the last error of a failed LIST", () => {
  for (const locale of ["en-US", "zh-CN"] as const) {
    it(`reads as the Reflector's error, shortened on the line, whole on hover and focus (${locale})`, async () => {
      const app = await openApp({ path: LESSON, locale, reducedMotion: "reduce", viewport: { width: 1440, height: 900 } });
      try {
        const { page } = app;
        const total = await waitReady(app);
        const step = await seekDialTimeout(page, total);
        expect(step, "the relist's dial timeout is never shown").toBeGreaterThan(0);
        const label = locale === "en-US" ? "last error" : "最近错误";
        const line = `${label}: failed to list *v1.Pod: Get "…/api/v1/pods?…": dial tcp …: i/o timeout`;
        await expect.poll(() => shown(page)).toContain(line);
        expect(await shown(page)).not.toMatch(/DialTimeout|10\.96\.0\.1/);
        await settled(page);
        await app.screenshot(`reflector-error-${locale}`);

        const error = page.locator(".stage .reflector-line .error");
        await error.hover();
        await expect.poll(() => shown(page)).toContain(`${label}: failed to list *v1.Pod: Get "https://10.96.0.1:443/api/v1/pods?resourceVersion=6": dial tcp 10.96.0.1:443: i/o timeout`);
        await app.screenshot(`reflector-error-hover-${locale}`);
        await page.mouse.move(1, 1);
        await expect.poll(() => shown(page)).toContain(line);

        await error.focus();
        expect(await error.evaluate((el) => el === document.activeElement)).toBe(true);
        await expect.poll(() => shown(page)).toContain("dial tcp 10.96.0.1:443: i/o timeout");
        expect(await error.getAttribute("title")).toMatch(locale === "en-US" ? /watch error handler/ : /watch error handler 收到/);
      } finally {
        await app.close();
      }
    }, 180_000);
  }
});
