/**
 * Old lesson links keep working after the reorder (issue 20 item 7): `#/lesson/<old id>` opens the lesson
 * under its new id (site/shell/router.ts LESSON_ALIASES), with its Next link pointing at the new order,
 * and progress saved under an old id shows the lesson as passed on the map. A lesson split in two keeps its
 * id; the second half shares its number and both show a letter (04a, 04b).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { byTestId, openApp, type AppSession } from "./harness.js";

describe("lesson id aliases in the app", () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp({ path: "#/lesson/10-wait-for-cache-sync", initScripts: [
      // an older app version's progress: lesson 03 "Reflector under stress" passed under its old id
      `try { localStorage.setItem("ip:v1:progress", JSON.stringify({ passed: { "03-reflector-under-stress": { at: "2026-12-01T10:00:00Z" } } })); } catch {}`,
    ] });
  }, 120_000);
  afterAll(async () => app?.close());

  it("an old link opens the moved lesson, in its new place", async () => {
    const { page } = app;
    await expect.poll(async () => (await byTestId(page, "lesson-title").textContent()) ?? "", { timeout: 60_000 }).toBe("Wait for cache sync");
    expect(await byTestId(page, "next-lesson").getAttribute("href")).toBe("#/lesson/04-deltafifo");
    expect(await byTestId(page, "prev-lesson").getAttribute("href")).toBe("#/lesson/02-list-then-watch");
    await app.goto("#/lesson/03-reflector-under-stress");
    await expect.poll(async () => (await byTestId(page, "lesson-title").textContent()) ?? "", { timeout: 60_000 }).toBe("The Reflector under stress");
  });

  it("progress saved under an old id shows on the map under the new one", async () => {
    const { page } = app;
    await app.goto("#/");
    const moved = page.locator('[data-testid="lesson-link"][data-lesson="10-reflector-under-stress"]');
    await moved.waitFor({ timeout: 60_000 });
    expect(await moved.getAttribute("data-passed")).toBe("true");
    expect(await page.locator('[data-testid="lesson-link"][data-passed="true"]').count()).toBe(1);
    await app.screenshot("lesson-aliases-map");
  });

  it("a lesson split in two keeps its id and number: the map lists 04a then 04b, and 04a's Next is 04b", async () => {
    const { page } = app;
    await app.goto("#/");
    await page.locator('[data-testid="lesson-link"]').first().waitFor({ timeout: 60_000 });
    const rows = await page.locator('[data-testid="lesson-link"]').evaluateAll((as) =>
      as.map((a) => `${a.querySelector(".lesson-num")?.textContent ?? ""} ${a.getAttribute("data-lesson") ?? ""}`));
    const at = rows.indexOf("04a 04-deltafifo");
    expect(at, rows.join("\n")).toBeGreaterThan(0);
    expect(rows[at + 1]).toBe("04b 04-replace-and-resync");
    expect(rows[at - 1]).toMatch(/^03 03-/);
    expect(rows[at + 2]).toMatch(/^05 05-/);
    await page.locator('[data-lesson="04-replace-and-resync"]').scrollIntoViewIfNeeded();
    await app.screenshot("lesson-split-map");
    await app.goto("#/lesson/04-deltafifo");
    await expect.poll(async () => (await byTestId(page, "lesson-title").textContent()) ?? "", { timeout: 60_000 }).toBe("The DeltaFIFO: a queue of keys");
    expect(await page.locator(".lesson-head .lesson-number").textContent()).toBe("04a");
    expect(await byTestId(page, "next-lesson").getAttribute("href")).toBe("#/lesson/04-replace-and-resync");
  });
});
