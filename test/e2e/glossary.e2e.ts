/**
 * Issue 20 item 10: the glossary page, reachable from the map and from every lesson, in en and zh-CN;
 * `#/glossary/<term>` (the link syntax lessons use for a term's first use) opens it at that term.
 */
import { describe, expect, it } from "vitest";
import { byTestId, openApp } from "./harness.js";

describe("glossary", () => {
  it("a lesson links to it; every term is listed; a term link opens it at that term; back returns to the lesson", async () => {
    const app = await openApp({ path: "#/lesson/04-deltafifo" });
    try {
      const { page } = app;
      await byTestId(page, "lesson-title").waitFor();
      await byTestId(page, "glossary-link").click();
      await page.waitForURL(/#\/glossary$/);
      await byTestId(page, "glossary").waitFor();
      expect(await page.locator(".glossary-terms .term").count()).toBeGreaterThanOrEqual(20);
      expect(await page.locator("h1").innerText()).toBe("Glossary");
      await app.screenshot("glossary-en");
      await page.locator('.glossary-index a[href="#/glossary/deltafifo"]').click();
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("term-deltafifo");
      expect(await page.locator("#term-deltafifo").getAttribute("class")).toContain("current");
      const box = await page.locator("#term-deltafifo").boundingBox();
      expect(box!.y).toBeLessThan(200);
      // The lesson numbers link to the lessons.
      await page.locator('#term-deltafifo a[href^="#/lesson/04-"]').first().click();
      await byTestId(page, "lesson-title").waitFor();
      expect(page.url()).toMatch(/#\/lesson\/04-deltafifo$/);
    } finally {
      await app.close();
    }
  });

  it.each([["en", "Tombstone"], ["zh-CN", "墓碑"]] as const)("%s: a lesson's first use of a term links to its entry, and back returns to the lesson", async (locale, heading) => {
    const app = await openApp({ path: "#/lesson/07-tombstones", locale, viewport: { width: 1280, height: 800 } });
    try {
      const { page } = app;
      await byTestId(page, "lesson-title").waitFor();
      const links = page.locator('article.prose a[href^="#/glossary/"]');
      await links.first().waitFor();
      // each linked term is linked once (its first use), and the tombstone link is among them
      const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")));
      expect(new Set(hrefs).size).toBe(hrefs.length);
      expect(hrefs).toContain("#/glossary/tombstone");
      const link = page.locator('article.prose a[href="#/glossary/tombstone"]');
      await link.scrollIntoViewIfNeeded();
      await app.screenshot(`glossary-link-lesson-${locale}`);
      await link.click();
      await page.waitForURL(/#\/glossary\/tombstone$/);
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("term-tombstone");
      expect(await page.locator("#term-tombstone h2").innerText()).toContain(heading);
      await app.screenshot(`glossary-from-lesson-${locale}`);
      await page.getByRole("button", { name: locale === "en" ? "Back" : "返回" }).click();
      await page.waitForURL(/#\/lesson\/07-tombstones$/);
      await byTestId(page, "lesson-title").waitFor();
    } finally {
      await app.close();
    }
  });

  it("in Chinese, dark: the same terms from glossary.zh-CN.md; an unknown term says so", async () => {
    const app = await openApp({ path: "#/glossary/event-handler", locale: "zh-CN", colorScheme: "dark" });
    try {
      const { page } = app;
      await byTestId(page, "glossary").waitFor();
      expect(await page.locator("h1").innerText()).toBe("术语表");
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("term-event-handler");
      expect(await page.locator("#term-event-handler h2").innerText()).toContain("事件处理函数");
      await app.screenshot("glossary-zh-dark-event-handler");
      await app.goto("#/glossary/no-such-term");
      await expect.poll(() => page.locator(".glossary-page .notice").innerText().catch(() => "")).toContain("no-such-term");
      expect(await page.locator(".glossary-terms .term").count()).toBeGreaterThanOrEqual(20);
    } finally {
      await app.close();
    }
  });
});
