/**
 * Lesson 01's "spot the bugs" card (issue 20 item 5), in Chromium: the card renders in both languages
 * with the blog program's code (line numbers), its nine bugs stay folded until asked for, and once
 * opened each bug names a line that the code marks. Screenshots: test-results/screenshots/spot-bugs-{en,zh}-{folded,open}.png.
 */
import { describe, expect, it } from "vitest";
import { openApp } from "./harness.js";

describe("spot the bugs (lesson 01)", () => {
  it.each([["en-US", "en"], ["zh-CN", "zh"]] as const)("renders folded, then lists nine bugs on marked lines (%s)", async (locale, tag) => {
    const app = await openApp({ locale, path: "#/lesson/01-the-big-picture" });
    try {
      const card = app.page.locator('[data-testid="spot-bugs"]');
      await card.waitFor({ state: "visible" });
      expect(await card.getAttribute("data-bugs")).toBe("9");
      const reveal = card.locator("details.spot-bugs-reveal");
      expect(await reveal.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
      expect(await card.locator(".bugs-line").count()).toBeGreaterThan(40);
      await card.locator(".spot-bugs-title").evaluate((e) => e.scrollIntoView({ block: "start" }));
      await app.screenshot(`spot-bugs-${tag}-folded`);
      await card.locator("summary").click();
      expect(await reveal.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
      const lines = await card.locator(".spot-bugs-reveal li").evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-line"))));
      expect(lines).toHaveLength(9);
      for (const n of lines) expect(await card.locator(`.bugs-line.has-bug[data-line="${n}"]`).count(), `line ${n}`).toBe(1);
      expect(await card.locator('.bugs-line[data-line="12"]').innerText()).toContain("k8s.io/client-go/util/wait");
      await card.locator(".spot-bugs-reveal").evaluate((e) => e.scrollIntoView({ block: "start" }));
      await app.screenshot(`spot-bugs-${tag}-open`);
    } finally {
      await app.close();
    }
  });
});
