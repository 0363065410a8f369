/**
 * Issue 20 items 3 and 6 and the runner's un-awaited rejections, in Chromium:
 * - the Go tab shows the Go starter until the lesson is passed; after a passing run of the learner's own
 *   code it shows the Go solution (the solution's HTML is not in the page before);
 * - Show solution unlocks the Go solution too;
 * - the code that passed lesson 1 (not a later edit) is offered in lesson 7: "Start from your lesson 1 code";
 * - the sandbox's Go tab shows its go.md (its starter in Go), with no starter/solution switch;
 * - a promise the learner's code does not await that rejects is a runtime error at its step.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { byTestId, editorReady, getCode, openApp, setCode, waitReady } from "./harness.js";

const statuses = (page: Page) => byTestId(page, "goal").evaluateAll((gs) => gs.map((g) => g.getAttribute("data-status")));
const solutionHtml = (page: Page) => page.locator('[data-testid="go-solution"]').evaluate((el) => el.innerHTML);

/** Lesson 1's starter with the learner's own deleteFunc (not the solution's text, so the pass counts). */
const ownFix = (starter: string) => starter
  .replace("    // TODO: add a deleteFunc that logs `Pod deleted: <name>`.",
    "    deleteFunc: (obj: unknown) => {\n      const key = cache.deletionHandlingMetaNamespaceKeyFunc(obj);\n      log(`Pod deleted: ${key.split(\"/\")[1]}`);\n    },")
  .replace("import { informers,", "import { cache, informers,");

describe("the Go tab and one growing program", () => {
  it("shows the Go starter before a pass and the Go solution after; lesson 7 offers the code that passed", async () => {
    const app = await openApp({ path: "#/lesson/01-the-big-picture", viewport: { width: 1280, height: 800 } });
    try {
      const { page } = app;
      page.on("dialog", (d) => void d.accept());
      await editorReady(page);
      await expect.poll(() => statuses(page), { timeout: 30_000 }).toContain("fail");

      await byTestId(page, "go-tab").click();
      const starter = byTestId(page, "go-starter");
      await starter.waitFor();
      expect(await starter.innerText()).toContain("TODO: add a DeleteFunc");
      expect(await byTestId(page, "go-solution").count()).toBe(0);
      expect(await solutionHtml(page)).toBe(""); // not hidden: absent
      expect(await byTestId(page, "go-solution-locked").innerText()).toMatch(/once you pass this lesson/);
      expect(await byTestId(page, "go-show-solution").isDisabled()).toBe(true);
      await app.screenshot("go-tab-starter-before-pass");

      await page.locator('[role="tab"]').first().click();
      const own = ownFix(await getCode(page));
      expect(own).toContain("deleteFunc");
      await setCode(page, own);
      await expect.poll(() => statuses(page), { timeout: 30_000 }).toEqual(["pass", "pass", "pass", "pass"]);
      // That was a live run, which never counts as a pass (issue 21 item 13): Run makes it count.
      expect(await page.locator(".badge.pass").count()).toBe(0);
      await byTestId(page, "run").click();
      await expect.poll(() => page.locator(".badge.pass").count(), { timeout: 30_000 }).toBe(1);

      await byTestId(page, "go-tab").click();
      const solution = byTestId(page, "go-solution");
      await solution.waitFor();
      expect(await solution.innerText()).toContain("DeletionHandlingMetaNamespaceKeyFunc");
      expect(await byTestId(page, "go-starter").count()).toBe(0);
      expect(await byTestId(page, "go-solution-locked").count()).toBe(0);
      await app.screenshot("go-tab-solution-after-pass");
      await byTestId(page, "go-show-starter").click();
      expect(await byTestId(page, "go-starter").innerText()).toContain("TODO: add a DeleteFunc");
      await byTestId(page, "go-show-solution").click();
      await solution.waitFor();

      // A later edit that fails: the stored passing code stays the code that passed.
      await page.locator('[role="tab"]').first().click();
      await setCode(page, own.replace("Pod deleted: ", "Pod gone: ").replace("// Start every informer", "// a later edit\n  // Start every informer"));
      await expect.poll(() => statuses(page), { timeout: 30_000 }).toContain("fail");

      // Lesson 7 grows from lesson 1's program: it offers the learner's own passing code.
      await app.goto("#/lesson/07-tombstones");
      await editorReady(page);
      const offer = byTestId(page, "start-from-own");
      await offer.waitFor({ timeout: 30_000 });
      expect(await page.locator(".notice").innerText()).toMatch(/You passed lesson 1 with your own code, and this lesson grows from that program/);
      await app.screenshot("start-from-own-code-offer");
      await offer.click();
      await expect.poll(() => getCode(page)).toBe(own);
      expect(await page.locator(".notice").innerText()).toMatch(/Your lesson 1 code is in the editor/);
      // The Go tab of an unpassed lesson is locked again.
      await byTestId(page, "go-tab").click();
      expect(await byTestId(page, "go-starter").innerText()).toContain("cache.DeletedFinalStateUnknown");
      expect(await solutionHtml(page)).toBe("");
      // Back in lesson 1 (passed): the Go solution shows at once.
      await app.goto("#/lesson/01-the-big-picture");
      await editorReady(page);
      await byTestId(page, "go-tab").click();
      await byTestId(page, "go-solution").waitFor();
    } finally {
      await app.close();
    }
  });

  it("Show solution unlocks the Go solution (showing is not solving, but it is shown)", async () => {
    const app = await openApp({ path: "#/lesson/02-list-then-watch", locale: "zh-CN" });
    try {
      const { page } = app;
      page.on("dialog", (d) => void d.accept());
      await waitReady(app);
      await byTestId(page, "go-tab").click();
      expect(await byTestId(page, "go-solution-locked").innerText()).toContain("通过本课后");
      expect(await solutionHtml(page)).toBe("");
      await byTestId(page, "show-solution").click();
      await byTestId(page, "go-tab").click();
      await byTestId(page, "go-solution").waitFor();
      expect(await byTestId(page, "go-solution").innerText()).toContain("ResourceEventHandlerDetailedFuncs");
      await app.screenshot("go-tab-solution-after-show-solution-zh");
    } finally {
      await app.close();
    }
  });
});

describe("the sandbox's Go tab", () => {
  it("shows lessons/sandbox/go.md, the starter as a Go program, with nothing to switch or unlock; no hint or solution buttons", async () => {
    const app = await openApp({ path: "#/sandbox", reducedMotion: "reduce", viewport: { width: 1280, height: 800 } });
    try {
      const { page } = app;
      await waitReady(app);
      expect(await byTestId(page, "show-solution").count()).toBe(0);
      expect(await byTestId(page, "diff").count()).toBe(0);
      await byTestId(page, "go-tab").click();
      const program = byTestId(page, "go-starter");
      await program.waitFor();
      const text = await program.innerText();
      expect(text).toContain("package main");
      expect(text).toContain("factory.Core().V1().Pods().Informer()");
      expect(text).toContain("ResourceEventHandlerDetailedFuncs"); // the starter's handler, isInInitialList and all
      expect(await byTestId(page, "go-show-solution").count()).toBe(0); // no switch: one program
      expect(await byTestId(page, "go-solution-locked").count()).toBe(0);
      await app.screenshot("go-tab-sandbox");
    } finally {
      await app.close();
    }
  });
});

describe("a rejection the learner's code does not await", () => {
  it("is a runtime error at its step, in the log and the banner (the run ends there)", async () => {
    const app = await openApp({ path: "#/sandbox", reducedMotion: "reduce" });
    try {
      const { page } = app;
      await waitReady(app);
      await setCode(page, [
        'import type { Playground } from "playground";',
        "export default function main({ log, sleep }: Playground) {",
        "  const worker = async () => {",
        "    for (let i = 0; ; i++) {",
        "      await sleep(500);",
        "      log(`turn ${i}`);",
        '      if (i === 1) throw new Error("boom in an un-awaited worker");',
        "    }",
        "  };",
        "  void worker(); // not awaited",
        '  log("main returns");',
        "}",
        "",
      ].join("\n"));
      const banner = byTestId(page, "error", '[data-kind="runtime"]');
      await expect.poll(() => banner.count(), { timeout: 30_000 }).toBe(1);
      expect(await banner.innerText()).toMatch(/boom in an un-awaited worker/);
      expect(await banner.innerText()).toMatch(/line 7/);
      const texts = await byTestId(page, "log-line").evaluateAll((ls) => ls.map((l) => l.querySelector(".log-text")?.textContent ?? ""));
      expect(texts).toEqual(["main returns", "turn 0", "turn 1"]);
      const error = byTestId(page, "log-error");
      await expect.poll(() => error.count()).toBe(1);
      expect(await error.innerText()).toMatch(/boom in an un-awaited worker/);
      const turn1 = Number(await byTestId(page, "log-line").nth(2).getAttribute("data-step"));
      expect(Number(await error.getAttribute("data-step"))).toBeGreaterThan(turn1);
      await app.screenshot("unawaited-rejection-runtime-error");
    } finally {
      await app.close();
    }
  });
});
