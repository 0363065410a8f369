/**
 * Issue 13: a lesson never shows another lesson's program. Every path that changes the editor's text
 * without typing (Next, Previous, lesson links from the map, a deep link typed into the address bar, a
 * reload, Reset, Show solution then Reset) must leave a run whose log, goals and step count equal those of
 * the same lesson opened directly in a fresh page.
 *
 * The bug this guards against: the editor model `file:///main.ts` was re-created for each lesson, so every
 * unedited lesson's model had version 1, and Monaco's TypeScript worker (whose language service reuses a
 * file's parsed source while its version string is unchanged) returned the previous lesson's emit.
 */
import { readdirSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { hashText } from "../../site/storage/hash.js";
import { byTestId, openApp, waitReady, type AppSession } from "./harness.js";

const LESSONS = readdirSync("lessons").filter((d) => /^\d\d-/.test(d)).sort().slice(0, 5);

interface Seen {
  lesson: string;
  code: string;
  log: string[];
  goals: string[];
  steps: number;
  /** The run's provenance as the page states it (undefined when the page does not say). */
  source?: { lesson?: string; hash?: string };
}

async function editorText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const m = (window as unknown as { monaco: { editor: { getModels(): Array<{ uri: { path: string }; isDisposed(): boolean; getValue(): string }> } } }).monaco;
    return m.editor.getModels().find((x) => x.uri.path === "/main.ts" && !x.isDisposed())!.getValue();
  });
}

/** Waits until the page shows a finished run of `lesson`, then reads it. */
async function seen(page: Page, lesson: string): Promise<Seen> {
  await expect.poll(() => page.evaluate(() => location.hash), { timeout: 30_000 }).toContain(lesson);
  // The run on show must be this lesson's, of the text in the editor: a page that swapped the lesson but not
  // yet its run (the previous view's counter, an empty log) is still loading, not done. A stale run never
  // gets here and times out, which fails the test as before.
  await expect.poll(async () => {
    const shown = await page.evaluate(() => {
      const el = document.querySelector<HTMLElement>('[data-testid="log"]');
      return { lesson: el?.dataset["sourceLesson"], hash: el?.dataset["sourceHash"] };
    });
    return shown.lesson === lesson && shown.hash === hashText(await editorText(page).catch(() => ""));
  }, { timeout: 30_000 }).toBe(true);
  const steps = await waitReady({ page } as AppSession);
  const log = await byTestId(page, "log-line").evaluateAll((ls) => ls.map((l) => l.querySelector(".log-text")?.textContent ?? ""));
  const goals = await byTestId(page, "goal").evaluateAll((gs) => gs.map((g) => `${g.getAttribute("data-goal")}=${g.getAttribute("data-status")}`));
  const source = await page.evaluate(() => {
    const el = document.querySelector<HTMLElement>('[data-testid="log"]');
    return el?.dataset["sourceHash"] === undefined ? undefined : { lesson: el.dataset["sourceLesson"], hash: el.dataset["sourceHash"] };
  });
  return { lesson, code: await editorText(page), log, goals, steps, source };
}

/** Runs `act` and waits until the run it causes has finished (Run went disabled, then the run is ready). */
async function afterRun(page: Page, lesson: string, act: () => Promise<void>): Promise<Seen> {
  await page.evaluate(() => {
    const w = window as unknown as { __runSeen?: boolean; __runObs?: MutationObserver };
    w.__runSeen = false;
    w.__runObs?.disconnect();
    // The whole body: a locale switch replaces the Run button with a new one.
    w.__runObs = new MutationObserver((records) => {
      if (records.some((r) => (r.target as HTMLElement).dataset?.["testid"] === "run" && (r.target as HTMLButtonElement).disabled)) w.__runSeen = true;
    });
    w.__runObs.observe(document.body, { attributes: true, attributeFilter: ["disabled"], subtree: true });
  });
  await act();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __runSeen?: boolean }).__runSeen), { timeout: 30_000 }).toBe(true);
  return seen(page, lesson);
}

async function next(page: Page, to: string): Promise<Seen> {
  await byTestId(page, "next-lesson").click();
  return seen(page, to);
}

describe("issue 13: every lesson runs its own code", () => {
  let ref: AppSession | undefined;
  const fresh = new Map<string, Seen>();

  /** The reference: each lesson opened directly in a fresh page (a new JS realm, a new TypeScript worker). */
  async function reference(): Promise<void> {
    if (ref !== undefined) return;
    ref = await openApp({ path: "#/" });
    for (const id of LESSONS) {
      const page = await ref.context.newPage();
      await page.goto(new URL(`#/lesson/${id}`, ref.baseURL).href);
      fresh.set(id, await seen(page, id));
      await page.close();
    }
  }

  afterAll(async () => {
    await ref?.close();
  });

  function expectSame(got: Seen): void {
    const want = fresh.get(got.lesson)!;
    expect(got.code, `${got.lesson}: editor text`).toBe(want.code);
    expect(got.log, `${got.lesson}: log`).toEqual(want.log);
    expect(got.goals, `${got.lesson}: goals`).toEqual(want.goals);
    expect(got.steps, `${got.lesson}: steps`).toBe(want.steps);
    // The page says which source the run came from, and it is the text in the editor.
    expect(got.source, `${got.lesson}: provenance`).toEqual({ lesson: got.lesson, hash: hashText(got.code) });
  }

  it("the reference runs differ from lesson to lesson (so a stale run would show)", async () => {
    await reference();
    expect(fresh.size).toBe(5);
    expect(fresh.get(LESSONS[0]!)!.log).not.toEqual(fresh.get(LESSONS[1]!)!.log);
    // Lesson 02's starter only has an addFunc: a run of it never prints an update.
    expect(fresh.get(LESSONS[1]!)!.log.some((l) => l.startsWith("Pod updated"))).toBe(false);
  });

  it("Next from 01 to 05 without editing, then Previous back to 01", async () => {
    await reference();
    const app = await openApp({ path: `#/lesson/${LESSONS[0]}` });
    try {
      expectSame(await seen(app.page, LESSONS[0]!));
      for (let i = 1; i < LESSONS.length; i++) {
        const got = await next(app.page, LESSONS[i]!);
        if (i === 1) await app.screenshot("issue13-next-to-02");
        expectSame(got);
      }
      for (let i = LESSONS.length - 2; i >= 0; i--) {
        await byTestId(app.page, "prev-lesson").click();
        expectSame(await seen(app.page, LESSONS[i]!));
      }
    } finally {
      await app.close();
    }
  });

  it("lesson links from the map and deep links typed into the address bar", async () => {
    await reference();
    const app = await openApp({ path: `#/lesson/${LESSONS[0]}` });
    try {
      const { page } = app;
      expectSame(await seen(page, LESSONS[0]!));
      for (const id of [LESSONS[2]!, LESSONS[1]!, LESSONS[4]!]) {
        await page.evaluate(() => { location.hash = "#/"; });
        await page.locator(`[data-testid="lesson-link"][data-lesson="${id}"]`).click();
        expectSame(await seen(page, id));
      }
      for (const id of [LESSONS[3]!, LESSONS[0]!]) {
        await page.evaluate((h) => { location.hash = h; }, `#/lesson/${id}`);
        expectSame(await seen(page, id));
      }
    } finally {
      await app.close();
    }
  });

  it("after a reload, Next still runs the next lesson's own code", async () => {
    await reference();
    const app = await openApp({ path: `#/lesson/${LESSONS[1]}` });
    try {
      const { page } = app;
      expectSame(await seen(page, LESSONS[1]!));
      await page.reload();
      expectSame(await seen(page, LESSONS[1]!));
      expectSame(await next(page, LESSONS[2]!));
      expectSame(await next(page, LESSONS[3]!));
    } finally {
      await app.close();
    }
  });

  it("after Reset, and after Show solution then Reset", async () => {
    await reference();
    const app = await openApp({ path: `#/lesson/${LESSONS[0]}` });
    try {
      const { page } = app;
      page.on("dialog", (d) => void d.accept());
      expectSame(await seen(page, LESSONS[0]!));
      // An edit, then Reset: the starter is back and its run is the fresh run.
      await page.evaluate(() => {
        const m = (window as unknown as { monaco: { editor: { getModels(): Array<{ uri: { path: string }; isDisposed(): boolean; getValue(): string; setValue(v: string): void }> } } }).monaco;
        const model = m.editor.getModels().find((x) => x.uri.path === "/main.ts" && !x.isDisposed())!;
        model.setValue(model.getValue().replace("Pod added: ${pod.metadata.name}", "Pod ADDED: ${pod.metadata.name}"));
      });
      await expect.poll(async () => (await byTestId(page, "log-line").allInnerTexts()).join("\n"), { timeout: 30_000 }).toContain("Pod ADDED");
      expectSame(await afterRun(page, LESSONS[0]!, () => byTestId(page, "reset").click()));
      expectSame(await next(page, LESSONS[1]!));
      // Show solution, then Reset: the starter's own run again, and the next lesson's own run after it.
      const solved = await afterRun(page, LESSONS[1]!, () => byTestId(page, "show-solution").click());
      expect(solved.log).not.toEqual(fresh.get(LESSONS[1]!)!.log);
      expect(solved.source).toEqual({ lesson: LESSONS[1], hash: hashText(solved.code) });
      expectSame(await afterRun(page, LESSONS[1]!, () => byTestId(page, "reset").click()));
      await app.screenshot("issue13-after-solution-reset");
      expectSame(await next(page, LESSONS[2]!));
      // Show solution, then Next without Reset: the next lesson runs its own starter.
      await afterRun(page, LESSONS[2]!, () => byTestId(page, "show-solution").click());
      expectSame(await next(page, LESSONS[3]!));
      // Diff open and closed changes nothing.
      await byTestId(page, "diff").click();
      await byTestId(page, "diff").click();
      expectSame(await next(page, LESSONS[4]!));
    } finally {
      await app.close();
    }
  });

  it("a locale switch keeps the lesson's own run", async () => {
    await reference();
    const app = await openApp({ path: `#/lesson/${LESSONS[0]}` });
    try {
      const { page } = app;
      expectSame(await seen(page, LESSONS[0]!));
      await byTestId(page, "next-lesson").click();
      await seen(page, LESSONS[1]!);
      const got = await afterRun(page, LESSONS[1]!, async () => { await byTestId(page, "locale").selectOption("zh-CN"); });
      expect(got.log).toEqual(fresh.get(LESSONS[1]!)!.log);
      expect(got.source).toEqual({ lesson: LESSONS[1], hash: hashText(got.code) });
    } finally {
      await app.close();
    }
  });
});
