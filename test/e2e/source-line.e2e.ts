/**
 * The editor highlights the line of the current step (issue 21 item 10), in Chromium with the real run
 * worker (TypeScript compiled by Monaco's worker, positions mapped through its source map):
 * - lesson 01's solution: stepping to a handler call marks the line of its `addFunc`;
 * - a click on a printed line seeks its step and marks that line's `log(` call;
 * - a request the learner's code sent (the clientset's `list()`) marks that call's line;
 * - an edit takes the mark away ("code changed since this run") until the edited code has run, and then
 *   the mark follows the code (a line inserted above moves it down by one), and the stage does not call
 *   that run different from the previous one (only source positions moved);
 * - light and dark screenshots (looked at).
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { byTestId, getCode, openApp, runAndWait, setCode, settled, showSolutionAndWait, waitReady, type AppSession } from "./harness.js";


/** The marked line: the editor's data-step-line, checked against Monaco's decorations and the painted overlay. */
async function markedLine(page: Page): Promise<number | undefined> {
  return page.evaluate(() => {
    const box = document.querySelector<HTMLElement>('[data-testid="editor"]')!;
    const line = box.dataset["stepLine"] === undefined ? undefined : Number(box.dataset["stepLine"]);
    type Ed = { getModel(): { uri: { path: string }; getAllDecorations(): Array<{ range: { startLineNumber: number }; options: { className?: string | null } }> } | null };
    const editors = (window as unknown as { monaco: { editor: { getEditors(): Ed[] } } }).monaco.editor.getEditors();
    const decorated = editors.flatMap((e) => e.getModel()?.uri.path === "/main.ts" ? e.getModel()!.getAllDecorations() : [])
      .filter((d) => d.options.className === "step-line").map((d) => d.range.startLineNumber);
    if (line === undefined ? decorated.length !== 0 : decorated.length !== 1 || decorated[0] !== line) {
      throw new Error(`data-step-line ${String(line)} but step-line decorations on ${JSON.stringify(decorated)}`);
    }
    return line;
  });
}

const counter = async (page: Page) => Number((await byTestId(page, "step-counter").innerText()).split(" / ")[0]);

/** Steps forward (the step-forward button) until the editor marks a line; returns that step. */
async function stepToFirstMark(page: Page, total: number): Promise<number> {
  for (let i = 0; i < total; i++) {
    if ((await markedLine(page)) !== undefined) return counter(page);
    await byTestId(page, "step-forward").click();
  }
  throw new Error("no step marked a line");
}

/** 1-based line of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  const i = text.split("\n").findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`no line contains ${needle}`);
  return i + 1;
}

async function openSolution(colorScheme: "light" | "dark"): Promise<{ app: AppSession; total: number }> {
  const app = await openApp({ path: "#/lesson/01-the-big-picture", reducedMotion: "reduce", colorScheme, viewport: { width: 1440, height: 900 } });
  app.page.on("dialog", (d) => void d.accept());
  await waitReady(app);
  const total = await showSolutionAndWait(app);
  return { app, total };
}

describe("the editor line of the current step", () => {
  it("marks the handler's line, a clicked log line's log( call, and nothing once the code is edited", async () => {
    const { app, total } = await openSolution("light");
    try {
      const { page } = app;
      const code = await getCode(page);
      expect(code).toContain("addFunc");
      // Step 1 is the run's start: nothing of the learner's code.
      expect(await counter(page)).toBe(1);
      expect(await markedLine(page)).toBeUndefined();

      // The first marked step is the first handler call (an add for the initial list): its addFunc line.
      const step = await stepToFirstMark(page, total);
      expect(await byTestId(page, "narration").innerText()).toMatch(new RegExp(`^${step}\\. .*(Handler|handler).*called`));
      const handlerLine = (await markedLine(page))!;
      expect(handlerLine).toBe(lineOf(code, "addFunc:"));
      // The line is painted: the overlay and the gutter bar are in the DOM, and the line is in view.
      await expect.poll(() => page.locator(".monaco-editor .step-line").count()).toBe(1);
      expect(await page.locator(".monaco-editor .step-line-gutter").count()).toBe(1);
      await settled(page);
      await app.screenshot("source-line-handler-light");

      // The next step prints: the log( line inside addFunc.
      await byTestId(page, "step-forward").click();
      expect(await markedLine(page)).toBe(lineOf(code, "log(`Pod added"));

      // A click on a printed line seeks its step and marks its log( call.
      const updated = byTestId(page, "log-line").filter({ hasText: "Pod updated" }).first();
      const updatedStep = Number(await updated.getAttribute("data-step"));
      await updated.locator(".log-text").click();
      expect(await counter(page)).toBe(updatedStep);
      expect(await markedLine(page)).toBe(lineOf(code, "log(`Pod updated"));
      const deleted = byTestId(page, "log-line").filter({ hasText: "Pod deleted" }).first();
      await deleted.locator(".log-text").click();
      expect(await markedLine(page)).toBe(lineOf(code, "log(`Pod deleted"));
      await settled(page);
      await app.screenshot("source-line-log-light");

      // Edit (live runs off, so the edited code does not run by itself): the mark goes, and says why.
      await byTestId(page, "live").uncheck();
      await setCode(page, `// my note\n${await getCode(page)}`);
      await expect.poll(() => markedLine(page)).toBeUndefined();
      expect(await byTestId(page, "editor").getAttribute("data-step-line-state")).toBe("stale");
      expect(await page.locator(".monaco-editor .step-line").count()).toBe(0);
      // Stepping or clicking a log line of the old run marks nothing in the new text.
      await updated.locator(".log-text").click();
      expect(await markedLine(page)).toBeUndefined();

      // Run the edited code: the mark is back, one line lower (it follows the code that ran).
      await byTestId(page, "run").click();
      await expect.poll(async () => byTestId(page, "editor").getAttribute("data-step-line-state"), { timeout: 60_000 }).toBeNull();
      await waitReady(app);
      const edited = await getCode(page);
      await byTestId(page, "log-line").filter({ hasText: "Pod updated" }).first().locator(".log-text").click();
      expect(await markedLine(page)).toBe(lineOf(edited, "log(`Pod updated"));
      expect(lineOf(edited, "log(`Pod updated")).toBe(lineOf(code, "log(`Pod updated") + 1);
      // Moving code is not a change of behaviour: no "this run departs from the previous" note.
      expect(await byTestId(page, "diff-note").count()).toBe(0);
    } finally {
      await app.close();
    }
  });

  it("marks the line of a request the learner's code sent (sandbox)", async () => {
    const app = await openApp({ path: "#/sandbox", reducedMotion: "reduce" });
    try {
      const { page } = app;
      await waitReady(app);
      const code = [
        'import type { Playground } from "playground";',
        "",
        "export default async function main({ clientset, log }: Playground) {",
        "  const pods = await clientset.coreV1().pods().list();",
        "  log(`pods: ${pods.items.length}`);",
        "}",
        "",
      ].join("\n");
      await runAndWait(app, () => setCode(page, code));
      const total = await waitReady(app);
      await byTestId(page, "jump-start").click();
      const step = await stepToFirstMark(page, total);
      expect(await byTestId(page, "narration").innerText()).toMatch(new RegExp(`^${step}\\. Your code sent`));
      expect(await markedLine(page)).toBe(lineOf(code, ".list()"));
      await settled(page);
      await app.screenshot("source-line-request");
      // Steps of the server and the informers are not the learner's code: no mark until the log line.
      await byTestId(page, "step-forward").click();
      expect(await markedLine(page)).toBeUndefined();
      const logLine = byTestId(page, "log-line").first();
      await logLine.locator(".log-text").click();
      expect(await markedLine(page)).toBe(lineOf(code, "log(`pods"));
    } finally {
      await app.close();
    }
  });

  it("reads in the dark theme too", async () => {
    const { app, total } = await openSolution("dark");
    try {
      const { page } = app;
      const code = await getCode(page);
      await stepToFirstMark(page, total);
      await byTestId(page, "log-line").filter({ hasText: "Pod deleted" }).first().locator(".log-text").click();
      expect(await markedLine(page)).toBe(lineOf(code, "log(`Pod deleted"));
      // The soft background is the theme's accent-soft, not the light theme's.
      const bg = await page.locator(".monaco-editor .step-line").evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(bg).toBe("rgb(28, 42, 69)");
      await settled(page);
      await app.screenshot("source-line-log-dark");
    } finally {
      await app.close();
    }
  });
});
