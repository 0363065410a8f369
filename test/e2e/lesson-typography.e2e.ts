/**
 * How lesson text is set (issue 21 item 13), in Chromium at 1280×800: the Go tab renders gofmt's tabs
 * 4 columns wide (as the TypeScript editor indents), and no word in a lesson table is broken across
 * lines (hyphens are break points; lessons 04, 17 and 10 have the widest tables).
 */
import { describe, expect, it } from "vitest";
import { byTestId, openApp, settled, waitReady } from "./harness.js";

const LAPTOP = { width: 1280, height: 800 };

describe("lesson typography", () => {
  it("the Go tab renders gofmt's tabs 4 columns wide (as the TypeScript editor indents), at 1280×800", async () => {
    const app = await openApp({ path: "#/lesson/01-the-big-picture", viewport: LAPTOP, reducedMotion: "reduce" });
    try {
      const { page } = app;
      await waitReady(app);
      await byTestId(page, "go-tab").click();
      const pre = page.locator(".go-source pre").locator("visible=true").first();
      await pre.waitFor();
      const m = await pre.evaluate((p) => {
        // One tab against four spaces, measured in the same font.
        const probe = (text: string) => {
          const s = document.createElement("span");
          s.style.whiteSpace = "pre";
          s.textContent = text;
          p.append(s);
          const w = s.getBoundingClientRect().width;
          s.remove();
          return w;
        };
        return { tab: probe("\tx") - probe("x"), four: probe("    x") - probe("x"), hasTabs: (p.textContent ?? "").includes("\t") };
      });
      expect(m.hasTabs).toBe(true);
      expect(Math.abs(m.tab - m.four)).toBeLessThan(1);
      await settled(page);
      await app.screenshot("typography-go-tab-1280");
    } finally {
      await app.close();
    }
  });

  for (const lesson of ["04-deltafifo", "17-chaos-lab", "10-reflector-under-stress"]) {
    it(`lesson ${lesson.slice(0, 2)} at 1280×800: no word in a lesson table is broken across lines`, async () => {
      const app = await openApp({ path: `#/lesson/${lesson}`, viewport: LAPTOP, reducedMotion: "reduce" });
      try {
        const { page } = app;
        await byTestId(page, "lesson-title").waitFor();
        const broken = await page.evaluate(() => {
          const out: string[] = [];
          for (const cell of document.querySelectorAll(".pane-lesson .prose td, .pane-lesson .prose th")) {
            const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
              const text = n.textContent ?? "";
              // A hyphen is a break opportunity ("re-" / "watches"); inside a word there is none.
              for (const m of text.matchAll(/[A-Za-z0-9#._/]+/g)) {
                const r = document.createRange();
                r.setStart(n, m.index);
                r.setEnd(n, m.index + m[0].length);
                const lines = new Set([...r.getClientRects()].filter((x) => x.width > 0).map((x) => Math.round(x.top)));
                if (lines.size > 1) out.push(m[0]);
              }
            }
          }
          return { tables: document.querySelectorAll(".pane-lesson .prose table").length, out };
        });
        expect(broken.tables).toBeGreaterThan(0);
        expect(broken.out).toEqual([]);
      } finally {
        await app.close();
      }
    });
  }
});
