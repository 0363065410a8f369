/**
 * The app shell in a real browser: lesson map, the three panes, both locales, both themes, the CSP,
 * and nothing requested from outside the machine.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { byTestId, openApp } from "./harness.js";

/** The file names of the scripts the page has fetched so far (Resource Timing). */
const scripts = (page: Page) => page.evaluate(() =>
  performance.getEntriesByType("resource").map((e) => e.name.split("/").pop() ?? "").filter((n) => n.endsWith(".js")));

describe("app shell", () => {
  it("shows the lesson map with visible lesson links and opens a lesson with the stage", async () => {
    const app = await openApp();
    try {
      const { page } = app;
      await byTestId(page, "lesson-list").waitFor();
      const links = byTestId(page, "lesson-link");
      expect(await links.count()).toBeGreaterThan(0);
      const first = links.first();
      const id = await first.getAttribute("data-lesson");
      expect(id).toMatch(/^\d\d-/);
      expect(await first.getAttribute("href")).toBe(`#/lesson/${id}`);
      expect(["true", "false"]).toContain(await first.getAttribute("data-passed"));
      await first.click();
      await page.waitForURL(new RegExp(`#/lesson/${id}$`));
      await byTestId(page, "stage").waitFor();
      await byTestId(page, "editor").waitFor();
      await byTestId(page, "lesson-title").waitFor();
      await app.screenshot("shell-lesson-en-light");
    } finally {
      await app.close();
    }
  });

  it("the map does not load the lesson view; a hover or focus on a lesson link fetches it and that lesson", async () => {
    // No idle time: requestIdleCallback never calls back, so only the hover and the focus can load anything.
    const app = await openApp({ initScripts: ["window.requestIdleCallback = () => 0;"] });
    try {
      const { page } = app;
      await byTestId(page, "lesson-list").waitFor();
      expect((await scripts(page)).filter((n) => /^(lesson-chunk|xstate)/.test(n))).toEqual([]);
      const links = byTestId(page, "lesson-link");
      const hovered = (await links.nth(2).getAttribute("data-lesson"))!;
      await links.nth(2).hover();
      await expect.poll(async () => (await scripts(page)).some((n) => n.startsWith("lesson-chunk-"))).toBe(true);
      await expect.poll(async () => (await scripts(page)).some((n) => n.startsWith(`${hovered}-`))).toBe(true);
      const focused = (await links.nth(4).getAttribute("data-lesson"))!;
      expect((await scripts(page)).some((n) => n.startsWith(`${focused}-`))).toBe(false);
      await links.nth(4).focus();
      await expect.poll(async () => (await scripts(page)).some((n) => n.startsWith(`${focused}-`))).toBe(true);
      await links.nth(2).click();
      await byTestId(page, "lesson-title").waitFor();
      await byTestId(page, "editor").waitFor();
    } finally {
      await app.close();
    }
  });

  it("the map loads the lesson view once it is idle", async () => {
    const app = await openApp();
    try {
      await byTestId(app.page, "lesson-list").waitFor();
      await expect.poll(async () => (await scripts(app.page)).some((n) => n.startsWith("lesson-chunk-")), { timeout: 10_000 }).toBe(true);
    } finally {
      await app.close();
    }
  });

  it("a lesson whose code does not arrive says so and offers a reload, instead of loading for ever", async () => {
    const app = await openApp({ initScripts: ["window.requestIdleCallback = () => 0;"] });
    try {
      const { page } = app;
      await byTestId(page, "lesson-list").waitFor();
      await page.route("**/lesson-chunk-*.js", (route) => route.abort());
      app.allow(/lesson-chunk|Failed to fetch dynamically imported module|net::ERR_FAILED/);
      await byTestId(page, "lesson-link").first().click();
      await byTestId(page, "lesson-load-failed").waitFor();
      expect(await byTestId(page, "lesson-load-failed").innerText()).toMatch(/could not be loaded[\s\S]*Reload/);
    } finally {
      await app.close();
    }
  });

  it("ships a Content-Security-Policy that allows only its own origin", async () => {
    const app = await openApp();
    try {
      const csp = await app.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
      expect(csp).toContain("default-src 'self'");
      expect(csp).not.toMatch(/https?:/);
      const blocked = await app.page.evaluate(async () => {
        try {
          await fetch("http://127.0.0.2:9/x");
          return false;
        } catch {
          return true;
        }
      });
      expect(blocked).toBe(true);
      app.allow(/Content Security Policy|127\.0\.0\.2|Failed to fetch|net::ERR/);
    } finally {
      await app.close();
    }
  });

  it("switches to Simplified Chinese and to the dark theme", async () => {
    const app = await openApp();
    try {
      const { page } = app;
      const locale = byTestId(page, "locale");
      await locale.waitFor();
      expect(await locale.locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(
        expect.arrayContaining(["en", "zh-CN"]),
      );
      const titleEn = await byTestId(page, "lesson-list").innerText();
      await locale.selectOption("zh-CN");
      await expect.poll(async () => byTestId(page, "lesson-list").innerText()).not.toBe(titleEn);
      expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
      expect(/[\u4e00-\u9fff]/.test(await byTestId(page, "lesson-list").innerText())).toBe(true);

      const theme = byTestId(page, "theme");
      const bgBefore = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      await theme.selectOption("dark");
      await expect.poll(async () => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe(bgBefore);
      await app.screenshot("shell-map-zh-dark");
    } finally {
      await app.close();
    }
  });

  it("follows the browser's locale and the OS colour scheme by default", async () => {
    const app = await openApp({ locale: "zh-CN", colorScheme: "dark" });
    try {
      const { page } = app;
      await byTestId(page, "lesson-list").waitFor();
      expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const [r, g, b] = (bg.match(/\d+/g) ?? []).map(Number);
      expect((r ?? 255) + (g ?? 255) + (b ?? 255)).toBeLessThan(3 * 128);
    } finally {
      await app.close();
    }
  });
});
