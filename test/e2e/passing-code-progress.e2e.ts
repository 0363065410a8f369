/**
 * Issue 20 item 6 in Chromium: the code that passed a lesson travels with the learner's progress.
 * - Profile A passes lesson 11 with its own code (Run, not a live run), and Export progress writes that
 *   code into the file's `passing` list.
 * - Profile B (a fresh browser): a file whose passing entry is broken is refused with the reason and
 *   nothing is stored; the good file imports, and lesson 12 (which grows from lesson 11) offers
 *   "Start from your lesson 11 code" with exactly that code.
 * - "Forget progress" clears the passing code with the marks: lesson 12 offers nothing any more.
 * Screenshots: test-results/screenshots/passing-code-*.png.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { byTestId, openApp } from "./harness.js";

type Models = { monaco: { editor: { getModels(): Array<{ uri: { path: string }; isDisposed(): boolean; setValue(v: string): void; getValue(): string }> } } };

async function editorReady(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as Partial<Models>).monaco?.editor.getModels().some((x) => x.uri.path === "/main.ts") === true, null, { timeout: 60_000 });
}
async function setCode(page: Page, code: string): Promise<void> {
  await editorReady(page);
  await page.evaluate((text) => {
    (window as unknown as Models).monaco.editor.getModels().find((x) => x.uri.path === "/main.ts" && !x.isDisposed())!.setValue(text);
  }, code);
}
async function getCode(page: Page): Promise<string> {
  await editorReady(page);
  return page.evaluate(() => (window as unknown as Models).monaco.editor.getModels().find((x) => x.uri.path === "/main.ts" && !x.isDisposed())!.getValue());
}
const passedKeys = (page: Page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("ip:v1:passed:") || k === "ip:v1:progress").sort());

const SOLUTION_11 = readFileSync(resolve(__dirname, "../../lessons/11-slow-handlers/solution.ts"), "utf8");

describe("the passing code is part of the learner's progress", () => {
  it("export carries it, a bad entry changes nothing, import restores lesson 12's offer, Forget clears it", async () => {
    const own = `// my lesson 11 program ${Date.now()} ✨\n${SOLUTION_11}`;
    const dir = mkdtempSync(join(tmpdir(), "ip-passing-"));
    let file = "";
    const a = await openApp({ path: "#/lesson/11-slow-handlers", viewport: { width: 1280, height: 800 } });
    try {
      const { page } = a;
      await setCode(page, own);
      await byTestId(page, "run").click();
      await expect.poll(() => page.locator(".badge.pass").count(), { timeout: 60_000 }).toBe(1);
      await expect.poll(() => page.evaluate(() => localStorage.getItem("ip:v1:passed:11-slow-handlers")), { timeout: 10_000 }).not.toBeNull();
      await a.goto("#/");
      await byTestId(page, "lesson-list").waitFor();
      const [download] = await Promise.all([page.waitForEvent("download"), byTestId(page, "export-progress").click()]);
      file = join(dir, download.suggestedFilename());
      await download.saveAs(file);
      const json = JSON.parse(readFileSync(file, "utf8")) as { passed: Record<string, unknown>; passing?: Array<{ lesson: string; code: string; at: string }> };
      expect(Object.keys(json.passed)).toContain("11-slow-handlers");
      expect(json.passing?.find((p) => p.lesson === "11-slow-handlers")?.code).toBe(own);
    } finally {
      await a.close();
    }

    const b = await openApp({ path: "#/", viewport: { width: 1280, height: 800 } });
    try {
      const { page } = b;
      page.on("dialog", (d) => void d.accept()); // Forget progress asks first
      await byTestId(page, "lesson-list").waitFor();
      const parsed = JSON.parse(readFileSync(file, "utf8")) as { passing: Array<Record<string, unknown>> };
      const bad = join(dir, "bad.json");
      writeFileSync(bad, JSON.stringify({ ...parsed, passing: [...parsed.passing, { lesson: "07-tombstones", code: "// mine", at: "last week" }] }));
      await page.locator('[data-testid="import-file"]').setInputFiles(bad);
      await expect.poll(() => page.locator(".import-status").innerText().catch(() => "")).toMatch(/passing\[\d+\] \(07-tombstones\): at is not a date\); nothing changed/);
      expect(await passedKeys(page)).toEqual([]);
      await b.screenshot("passing-code-import-bad");

      await page.locator('[data-testid="import-file"]').setInputFiles(file);
      await expect.poll(() => page.locator(".import-status").innerText().catch(() => "")).toMatch(/lessons passed: 1/);
      expect(await passedKeys(page)).toEqual(["ip:v1:passed:11-slow-handlers", "ip:v1:progress"]);

      await b.goto("#/lesson/12-workqueue");
      await editorReady(page);
      const offer = byTestId(page, "start-from-own");
      await offer.waitFor({ timeout: 30_000 });
      expect(await page.locator(".notice").innerText()).toMatch(/You passed lesson 11 with your own code, and this lesson grows from that program/);
      expect(await getCode(page)).toContain("TODO 1: make it trivial"); // lesson 12's starter until the learner takes it
      await b.screenshot("passing-code-offer-lesson-12");
      await offer.click();
      await expect.poll(() => getCode(page)).toBe(own);

      // Forget progress: the marks and the passing code go (and Delete drafts, so lesson 12 opens on its starter).
      await b.goto("#/");
      await byTestId(page, "forget-progress").click();
      await expect.poll(() => passedKeys(page)).toEqual([]);
      await byTestId(page, "delete-drafts").click();
      await expect.poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("ip:v1:draft:")).length)).toBe(0);
      await b.goto("#/lesson/12-workqueue");
      await editorReady(page);
      await expect.poll(() => getCode(page)).toContain("TODO 1: make it trivial");
      await byTestId(page, "run").waitFor();
      expect(await byTestId(page, "start-from-own").count()).toBe(0);
    } finally {
      await b.close();
    }
  });
});
