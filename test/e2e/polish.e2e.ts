/**
 * Issue 21 items 3, 12 and 13 (the review's polish list), as a learner meets them in the browser:
 * - the stage's action bar is one row at 1280×800 (an "Actions" disclosure, keyboard operable, and the
 *   command bar); lesson 04 (a bare DeltaFIFO) offers no action that means nothing there;
 * - the command bar's `help` (both languages) and its ↑/↓ history, kept across a reload;
 * - Esc then Tab leaves the editor, and the editor says so while it has focus;
 * - Space scrolls the lesson pane when the learner is reading it (and still plays elsewhere);
 * - the shortcut sheet draws one key cap per key; lesson tables never break a word in two.
 * Screenshots: test-results/screenshots/polish-*.png.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { byTestId, openApp, settled, waitReady } from "./harness.js";

const LAPTOP = { width: 1280, height: 800 };
const seek = (page: Page, step: number) => page.evaluate((s) => (window as unknown as { __stage: { seek(n: number): void } }).__stage.seek(s), step);
const total = async (page: Page) => Number((await byTestId(page, "step-counter").innerText()).split(" / ")[1]);

async function code(page: Page): Promise<string> {
  return page.evaluate(() => {
    const m = (window as unknown as { monaco: { editor: { getModels(): Array<{ uri: { path: string }; getValue(): string }> } } }).monaco;
    return m.editor.getModels().find((x) => x.uri.path === "/main.ts")!.getValue();
  });
}

/** The vertical centres of the visible children of `selector` span less than `tolerance` px: one row. */
async function oneRow(page: Page, selector: string, tolerance = 10): Promise<{ spread: number; height: number }> {
  return page.locator(selector).locator("visible=true").first().evaluate((row, tol) => {
    const boxes = [...row.children].filter((c) => (c as HTMLElement).getClientRects().length > 0).map((c) => c.getBoundingClientRect());
    const mids = boxes.map((b) => b.top + b.height / 2);
    void tol;
    return { spread: Math.max(...mids) - Math.min(...mids), height: row.getBoundingClientRect().height };
  }, tolerance);
}

describe("polish (issue 21 items 3, 12, 13)", () => {
  it("1280×800: the action bar and the playback bar are one row each; the Actions disclosure works by keyboard", async () => {
    const app = await openApp({ path: "#/lesson/01-the-big-picture", viewport: LAPTOP, reducedMotion: "reduce" });
    try {
      const { page } = app;
      await waitReady(app);
      const actions = await oneRow(page, ".stage .action-line");
      expect(actions.spread).toBeLessThan(6);
      expect(actions.height).toBeLessThanOrEqual(36);
      // The playback bar is one row of buttons (the counter and the clock share a column, one above the other).
      const transport = await oneRow(page, ".stage .transport");
      expect(transport.height).toBeLessThanOrEqual(34);
      await seek(page, await total(page)); // the widest numbers: "99 / 99", the last step's time
      const fits = await page.evaluate(() => {
        const box = document.querySelector(".stage .transport")!.getBoundingClientRect();
        return [...document.querySelectorAll(".stage .transport > *")].filter((e) => e.getClientRects().length > 0).every((e) => {
          const r = e.getBoundingClientRect();
          const text = e.matches(".step-counter, .step-time") ? (e as HTMLElement).scrollWidth <= (e as HTMLElement).clientWidth + 1 : true;
          return r.left >= box.left - 1 && r.right <= box.right + 1 && text;
        });
      });
      expect(fits).toBe(true);
      // Every action of lesson 01 is offered, behind the disclosure (closed: none visible).
      expect((await page.locator(".stage .actions").getAttribute("data-actions"))?.split(" ").sort()).toEqual(
        ["bind", "compact", "create", "delete", "drop-watch", "heal", "label", "partition", "partition-timeout", "restart", "slow-handler", "update"]);
      expect(await byTestId(page, "action").count()).toBe(0);
      await settled(page);
      await app.screenshot("polish-actions-closed-1280");
      // Keyboard: Enter opens and focuses the first action, ↓ moves (the stage does not step), Escape closes.
      const counter = await byTestId(page, "step-counter").innerText();
      await byTestId(page, "actions-menu").focus();
      await page.keyboard.press("Enter");
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-action"))).toBe("create");
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("ArrowRight");
      expect(await page.evaluate(() => document.activeElement?.getAttribute("data-action"))).toBe("delete");
      expect(await byTestId(page, "step-counter").innerText()).toBe(counter);
      expect(await byTestId(page, "action").count()).toBe(12);
      await app.screenshot("polish-actions-open-1280");
      await page.keyboard.press("Escape");
      expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("actions-menu");
      expect(await byTestId(page, "action").count()).toBe(0);
      // A click outside closes it too; an action from it is recorded and listed.
      await byTestId(page, "actions-menu").click();
      await page.locator(".stage-title").click();
      expect(await byTestId(page, "action").count()).toBe(0);
      await byTestId(page, "actions-menu").click();
      await byTestId(page, "action", '[data-action="drop-watch"]').click();
      await expect.poll(() => byTestId(page, "command-result").innerText()).toMatch(/^Recorded dropWatches after step \d+/);
      await waitReady(app);
      await expect.poll(() => page.locator('[data-testid="injected"]').getAttribute("data-count")).toBe("1");
    } finally {
      await app.close();
    }
  });

  it("lesson 04 (a bare DeltaFIFO) shows only the queue and offers no object, fault or handler action; the command bar still answers help", async () => {
    const app = await openApp({ path: "#/lesson/04-deltafifo", viewport: LAPTOP, reducedMotion: "reduce" });
    try {
      const { page } = app;
      await waitReady(app);
      expect(await page.locator(".stage .actions").getAttribute("data-actions")).toBe("");
      // Only the queue exists: one box in the diagram, one card, no "Next: 410 …" jumps.
      expect(await byTestId(page, "stage-node").evaluateAll((ns) => ns.map((n) => n.getAttribute("data-stage")))).toEqual(["deltafifo"]);
      expect(await page.locator(".stage .panels > section.panel").locator("visible=true").evaluateAll((ss) => ss.map((x) => x.className))).toEqual(["panel p-fifo"]);
      expect(await byTestId(page, "jump-next").count()).toBe(0);
      await seek(page, await total(page)); // the queue exists from its first call on
      expect(await page.locator(".stage-informer").innerText()).toBe("DeltaFIFO: lesson-04");
      expect(await byTestId(page, "actions-menu").isVisible()).toBe(false);
      await byTestId(page, "actions-none").waitFor();
      expect(await byTestId(page, "actions-none").getAttribute("title")).toMatch(/talks to an API server/);
      await byTestId(page, "command-bar").fill("help");
      await byTestId(page, "command-bar").press("Enter");
      await expect.poll(() => byTestId(page, "command-result").innerText()).toMatch(/^Commands/);
      await settled(page);
      await app.screenshot("polish-lesson04-1280");
    } finally {
      await app.close();
    }
  });

  it("command bar: help in English and Chinese; ↑/↓ walk this session's commands, also after a reload", async () => {
    const app = await openApp({ path: "#/lesson/01-the-big-picture", reducedMotion: "reduce" });
    try {
      const { page } = app;
      await waitReady(app);
      const bar = byTestId(page, "command-bar");
      const result = byTestId(page, "command-result");
      await bar.fill("help");
      await bar.press("Enter");
      const help = await result.innerText();
      for (const word of ["get <resource>", "create <kind>", "apply -f", "delete", "label", "scale", "bind pod", "partition", "heal", "compact", "drop-watches", "restart", "slow-handler", "↑ / ↓"]) {
        expect(help).toContain(word);
      }
      // Every command the help names is one the bar knows (none answers "unknown command").
      for (const line of ["get pods", "get nodes"]) {
        await bar.fill(line);
        await bar.press("Enter");
        await expect.poll(() => result.innerText()).not.toMatch(/unknown command/);
      }
      await bar.fill("half-typed");
      await bar.press("ArrowUp");
      expect(await bar.inputValue()).toBe("get nodes");
      await bar.press("ArrowUp");
      expect(await bar.inputValue()).toBe("get pods");
      await bar.press("ArrowUp");
      expect(await bar.inputValue()).toBe("help");
      await bar.press("ArrowUp"); // the oldest: stays
      expect(await bar.inputValue()).toBe("help");
      await bar.press("ArrowDown");
      await bar.press("ArrowDown");
      expect(await bar.inputValue()).toBe("get nodes");
      await bar.press("ArrowDown");
      expect(await bar.inputValue()).toBe("half-typed");
      await page.reload();
      await waitReady(app);
      await byTestId(page, "command-bar").press("ArrowUp");
      expect(await byTestId(page, "command-bar").inputValue()).toBe("get nodes");
      // Chinese help, same commands.
      await page.locator('[data-testid="locale"]').selectOption("zh-CN");
      await waitReady(app);
      await byTestId(page, "command-bar").fill("help");
      await byTestId(page, "command-bar").press("Enter");
      const zh = await byTestId(page, "command-result").innerText();
      expect(zh).toMatch(/^命令/);
      for (const word of ["get <资源>", "partition", "slow-handler", "调出之前的命令"]) expect(zh).toContain(word);
      await settled(page);
      await app.screenshot("polish-help-zh");
    } finally {
      await app.close();
    }
  });

  it("Esc then Tab leaves the editor (shown in the editor while it has focus); Tab alone still indents", async () => {
    const app = await openApp({ path: "#/lesson/01-the-big-picture", reducedMotion: "reduce" });
    try {
      const { page } = app;
      await waitReady(app);
      expect(await byTestId(page, "editor-tab-hint").isVisible()).toBe(false);
      await byTestId(page, "live").uncheck();
      await page.locator(".monaco-editor .view-lines").first().click();
      await byTestId(page, "editor-tab-hint").waitFor();
      expect(await byTestId(page, "editor-tab-hint").innerText()).toMatch(/Esc\s*then\s*Tab\s*leaves the editor/);
      expect(await byTestId(page, "editor-tab-hint").locator("kbd").allInnerTexts()).toEqual(["Esc", "Tab"]);
      await app.screenshot("polish-editor-tab-hint");
      const before = await code(page);
      await page.keyboard.press("Tab");
      await expect.poll(() => code(page)).not.toBe(before);
      const indented = await code(page);
      await page.keyboard.press("Escape");
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.closest(".monaco-editor") === null)).toBe(true);
      expect(await page.evaluate(() => document.activeElement !== document.body)).toBe(true);
      expect(await code(page)).toBe(indented);
      await byTestId(page, "editor-tab-hint").waitFor({ state: "hidden" });
      // Shift+Tab goes back out the other way.
      await page.locator(".monaco-editor .view-lines").first().click();
      await page.keyboard.press("Escape");
      await page.keyboard.press("Shift+Tab");
      const where = await page.evaluate(() => {
        const a = document.activeElement!;
        const ed = document.querySelector('[data-testid="editor"]')!;
        return { outside: a.closest(".monaco-editor") === null, before: (ed.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_PRECEDING) !== 0 };
      });
      expect(where).toEqual({ outside: true, before: true });
      expect(await code(page)).toBe(indented);
    } finally {
      await app.close();
    }
  });

  it("Space scrolls the lesson pane while reading it, and still plays from elsewhere; the sheet draws one cap per key", async () => {
    const app = await openApp({ path: "#/lesson/01-the-big-picture", viewport: LAPTOP, reducedMotion: "reduce" });
    try {
      const { page } = app;
      await waitReady(app);
      await page.locator(".pane-lesson .lesson-summary").click();
      const top = () => page.locator(".pane-lesson").evaluate((p) => p.scrollTop);
      expect(await top()).toBe(0);
      await page.keyboard.press(" ");
      await expect.poll(top).toBeGreaterThan(100);
      expect(await byTestId(page, "play").isVisible()).toBe(true);
      await page.keyboard.press("End");
      await expect.poll(top).toBeGreaterThan(400);
      expect(await byTestId(page, "step-counter").innerText()).toMatch(/^1 \//);
      // Elsewhere (the stage), Space plays.
      await page.locator(".stage-title").click();
      await page.keyboard.press(" ");
      await byTestId(page, "pause").waitFor();
      await page.keyboard.press(" ");
      await byTestId(page, "play").waitFor();
      // The shortcut sheet: Ctrl and M are two caps, Esc and Tab two more.
      await page.keyboard.press("?");
      const sheet = page.locator('[data-testid="shortcut-sheet"]');
      await sheet.waitFor();
      const rows = await sheet.locator("tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("kbd")].map((k) => k.textContent)));
      expect(rows).toContainEqual(["Ctrl", "M"]);
      expect(rows).toContainEqual(["Esc", "Tab"]);
      expect(rows).toContainEqual(["Ctrl", "Enter"]);
      expect(rows.flat().every((k) => k !== null && !/\+/.test(k))).toBe(true);
      await app.screenshot("polish-shortcut-sheet");
      await page.keyboard.press("Escape");
    } finally {
      await app.close();
    }
  });

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
      await app.screenshot("polish-go-tab-1280");
    } finally {
      await app.close();
    }
  });

  it("Export progress carries the learner's code; Import in a fresh browser restores it; a bad file changes nothing", async () => {
    const marker = `// exported with my code ${Date.now()} ✨`;
    const dir = mkdtempSync(join(tmpdir(), "ip-export-"));
    let file = "";
    const app = await openApp({ path: "#/lesson/01-the-big-picture", reducedMotion: "reduce" });
    try {
      const { page } = app;
      await waitReady(app);
      await page.evaluate((m) => {
        const mon = (window as unknown as { monaco: { editor: { getModels(): Array<{ uri: { path: string }; getValue(): string; setValue(v: string): void }> } } }).monaco;
        const model = mon.editor.getModels().find((x) => x.uri.path === "/main.ts")!;
        model.setValue(`${m}\n${model.getValue()}`);
      }, marker);
      await expect.poll(() => page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith("ip:v1:draft:01-the-big-picture"))), { timeout: 10_000 }).toBe(true);
      await app.goto("#/");
      await byTestId(page, "lesson-list").waitFor();
      const [download] = await Promise.all([page.waitForEvent("download"), byTestId(page, "export-progress").click()]);
      file = join(dir, download.suggestedFilename());
      await download.saveAs(file);
      const json = JSON.parse(readFileSync(file, "utf8")) as { drafts?: Array<{ lesson: string; code: string }> };
      expect(json.drafts?.find((d) => d.lesson === "01-the-big-picture")?.code.startsWith(marker)).toBe(true);
    } finally {
      await app.close();
    }
    const fresh = await openApp({ path: "#/" });
    try {
      const { page } = fresh;
      // A file whose code entry is broken: refused with the reason, nothing stored.
      const bad = join(dir, "bad.json");
      const parsed = JSON.parse(readFileSync(file, "utf8")) as { drafts: Array<Record<string, unknown>> };
      writeFileSync(bad, JSON.stringify({ ...parsed, drafts: [...parsed.drafts, { lesson: "01-the-big-picture", starter: "abc", code: 42 }] }));
      await page.locator('[data-testid="import-file"]').setInputFiles(bad);
      await expect.poll(() => page.locator(".import-status").innerText().catch(() => "")).toMatch(/not imported \(drafts\[\d+\] \(01-the-big-picture\): the code is not text\); nothing changed/);
      expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("ip:v1:draft:") || k === "ip:v1:progress"))).toEqual([]);
      await fresh.screenshot("polish-import-bad");
      await page.locator('[data-testid="import-file"]').setInputFiles(file);
      await expect.poll(() => page.locator(".import-status").innerText().catch(() => "")).toMatch(/Your code restored: 1/);
      await fresh.screenshot("polish-import-ok");
      await fresh.goto("#/lesson/01-the-big-picture");
      await waitReady(fresh);
      expect((await code(page)).startsWith(marker)).toBe(true);
    } finally {
      await fresh.close();
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
