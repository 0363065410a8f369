/**
 * #21 items 1 and 2, in Chromium through the real app:
 * - lesson 05, the review's case: the solution passes; the learner then selects node-a on the stage and
 *   clicks Label. The run repeats with the action, the Label's read-modify-write GET is narrated as
 *   "Your action sent a GET …", and the goal "Read from the lister and the indexer only" still passes
 *   (it used to fail with "Your code sent a GET for nodes").
 * - lesson 09's starter builds two factories, so two pods informers: the stage shows two Reflectors
 *   (the shown one and a `reflector-other` row for the other, each with its watch in flight), names the
 *   informer the diagram shows ("Informer pods-2 · 2 / 2"), and its handler log names each call's
 *   informer. The solution (one shared factory) shows one informer and none of that.
 * Screenshots: test-results/screenshots/honest-lesson05-label.png, honest-lesson09-two-informers.png.
 */
import { describe, expect, it } from "vitest";
import { byTestId, openApp, showSolutionAndWait, waitReady, type AppSession, clickAction } from "./harness.js";

const VIEWPORT = { width: 1280, height: 800 };

async function open(path: string): Promise<AppSession> {
  const app = await openApp({ path: `?hooks=1${path}`, viewport: VIEWPORT, reducedMotion: "reduce" });
  app.page.on("dialog", (d) => void d.accept());
  await waitReady(app);
  return app;
}

/** Seeks every step until the narration matches; returns that step (or -1). Needs the stage's test hook. */
async function stepWhere(app: AppSession, pattern: string, from = 1): Promise<number> {
  return app.page.evaluate(({ pattern, from }) => {
    const stage = (window as unknown as { __stage: { seek(step: number): void } }).__stage;
    const total = Number((document.querySelector('[data-testid="step-counter"]')?.textContent ?? "0 / 0").split(" / ")[1]);
    const re = new RegExp(pattern);
    for (let s = from; s <= total; s++) {
      stage.seek(s);
      if (re.test(document.querySelector('[data-testid="narration"]')?.textContent ?? "")) return s;
    }
    return -1;
  }, { pattern, from });
}

async function seek(app: AppSession, step: number): Promise<void> {
  await app.page.evaluate((s) => (window as unknown as { __stage: { seek(step: number): void } }).__stage.seek(s), step);
}

const goalStatus = (app: AppSession, id: string) =>
  app.page.locator(`[data-testid="goal"][data-goal="${id}"]`).getAttribute("data-status");

describe("honest stage", () => {
  it("lesson 05: a Label from the stage is the learner's action, never their code", async () => {
    const app = await open("#/lesson/05-indexer-and-listers");
    try {
      const { page } = app;
      await showSolutionAndWait(app);
      await expect.poll(() => goalStatus(app, "no-server-reads"), { timeout: 60_000 }).toBe("pass");
      // At a step after the scenario's first create (3 s), select node-a on the API server's list and click Label.
      const at = await stepWhere(app, "API server stored the new pod default/web-4");
      expect(at).toBeGreaterThan(0);
      await seek(app, at);
      await page.locator('.stage .server-row[data-key="node-a"]').click();
      await page.evaluate(() => {
        const w = window as unknown as { __runSeen?: boolean };
        w.__runSeen = false;
        const btn = document.querySelector('[data-testid="run"]')!;
        new MutationObserver(() => { if ((btn as HTMLButtonElement).disabled) w.__runSeen = true; }).observe(btn, { attributes: true });
      });
      await clickAction(page, "label");
      await expect.poll(async () => page.evaluate(() => (window as unknown as { __runSeen?: boolean }).__runSeen), { timeout: 60_000 }).toBe(true);
      await waitReady(app);
      // The action's own GET is narrated as the action's.
      const get = await stepWhere(app, "^\\d+\\. Your action sent a GET for node node-a");
      expect(get, "the Label's GET is the action's").toBeGreaterThan(0);
      expect(await stepWhere(app, "Your code sent a GET for node")).toBe(-1);
      await app.screenshot("honest-lesson05-label");
      await expect.poll(() => goalStatus(app, "no-server-reads"), { timeout: 60_000 }).toBe("pass");
      const statuses = await page.locator('[data-testid="goal"]').evaluateAll((els) => els.map((e) => e.getAttribute("data-status")));
      expect(statuses.every((s) => s === "pass"), statuses.join(",")).toBe(true);
    } finally {
      await app.close();
    }
  });

  it("lesson 09: the starter's two pods informers are two informers on the stage", async () => {
    const app = await open("#/lesson/09-sharing-informers");
    try {
      const { page } = app;
      // After the second informer's watch opened, both Reflectors are watching.
      const opened = await stepWhere(app, "opened watch #\\d+ on pods from RV \\S+ for the pods-2 Reflector");
      expect(opened).toBeGreaterThan(0);
      await seek(app, opened);
      const label = byTestId(page, "pipeline-informer");
      expect(await label.getAttribute("data-count")).toBe("2");
      expect(await label.textContent()).toMatch(/pods-2 · 2 \/ 2/);
      expect(await page.locator(".stage .reflector-line .label").textContent()).toContain("(pods-2)");
      const other = page.locator(".stage .reflector-other");
      expect(await other.count()).toBe(1);
      expect(await other.getAttribute("data-informer")).toBe("pods");
      expect(await other.getAttribute("data-state")).toBe("watching");
      expect(await other.locator(".pending").textContent()).toMatch(/watch/);
      expect(await page.locator(".stage .reflector-line .pending").textContent()).toMatch(/watch/);
      // Two watches open on the server, one per Reflector.
      expect(await page.locator(".stage .server-facts").textContent()).toMatch(/2 open watches/);
      // The other informer's listener is listed under its name.
      expect(await page.locator('.stage .listener-other[data-informer="pods"]').count()).toBe(1);
      await app.screenshot("honest-lesson09-two-informers");
      // Later, the handler log names both informers' calls.
      const total = Number((await byTestId(page, "step-counter").innerText()).split(" / ")[1]);
      await seek(app, total);
      const informers = await page.locator(".stage .handler-log li").evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute("data-informer")))].sort());
      expect(informers).toEqual(["pods", "pods-2"]);
      expect(await page.locator(".stage .handler-log li").first().textContent()).toMatch(/· pods(-2)? · /);

      // The solution shares one factory: one informer, no second row, no label.
      await showSolutionAndWait(app);
      const listed = await stepWhere(app, "pods Reflector listed");
      expect(listed).toBeGreaterThan(0);
      await seek(app, listed);
      expect(await byTestId(page, "pipeline-informer").count()).toBe(0);
      expect(await page.locator(".stage .reflector-other").count()).toBe(0);
      expect(await page.locator(".stage .reflector-line .label").textContent()).toContain("(pods)");
    } finally {
      await app.close();
    }
  });
});
