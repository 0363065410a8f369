/**
 * Export progress carries the learner's code (issue 21 item 13), in Chromium: Import in a fresh browser
 * restores it, and a bad file changes nothing.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { byTestId, getCode, openApp, waitReady } from "./harness.js";

describe("progress export", () => {
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
      await fresh.screenshot("progress-export-import-bad");
      await page.locator('[data-testid="import-file"]').setInputFiles(file);
      await expect.poll(() => page.locator(".import-status").innerText().catch(() => "")).toMatch(/Your code restored: 1/);
      await fresh.screenshot("progress-export-import-ok");
      await fresh.goto("#/lesson/01-the-big-picture");
      await waitReady(fresh);
      expect((await getCode(page)).startsWith(marker)).toBe(true);
    } finally {
      await fresh.close();
    }
  });
});
