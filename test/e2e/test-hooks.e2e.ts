/**
 * Test hooks stay out of a learner's page (issue 15 step 3; site/shell/test-hooks.ts): opened as a
 * learner opens it, the app defines no `window.__stage`; the e2e harness's init script or `?hooks=1`
 * installs it (the bench and these tests drive the stage through it).
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { openApp, waitReady } from "./harness.js";

const hasStageHook = (page: Page) => page.evaluate(() => (window as unknown as { __stage?: unknown }).__stage !== undefined);

describe("test hooks", () => {
  it("a learner's page has no window.__stage; the harness's flag and ?hooks=1 install it", async () => {
    const learner = await openApp({ path: "#/lesson/01-the-big-picture", hooks: false });
    try {
      await waitReady(learner); // the stage is mounted and a run is shown
      expect(await learner.page.evaluate(() => (window as unknown as { __ipHooks?: unknown }).__ipHooks)).toBeUndefined();
      expect(await hasStageHook(learner.page)).toBe(false);
      await learner.goto("?hooks=1#/lesson/01-the-big-picture");
      await waitReady(learner);
      await expect.poll(() => hasStageHook(learner.page), { timeout: 30_000 }).toBe(true);
    } finally {
      await learner.close();
    }
    const harness = await openApp({ path: "#/lesson/01-the-big-picture" });
    try {
      await waitReady(harness);
      await expect.poll(() => hasStageHook(harness.page), { timeout: 30_000 }).toBe(true);
    } finally {
      await harness.close();
    }
  });
});
