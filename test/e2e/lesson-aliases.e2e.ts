/**
 * Old lesson links keep working after the reorder (issue 20 item 7): `#/lesson/<old id>` opens the lesson
 * under its new id (site/shell/router.ts LESSON_ALIASES), with its Next link pointing at the new order,
 * and progress saved under an old id shows the lesson as passed on the map.
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
});
