/**
 * End-to-end harness: opens the built app in Debian's Chromium (/usr/bin/chromium) through
 * playwright-core — never a downloaded browser.
 *
 * Contract:
 * - `openApp()` launches a persistent context in a fresh profile directory (or the one given, to test
 *   what survives a browser restart) and loads `baseURL + path`.
 * - Every console error, uncaught page error, failed worker and request to a non-loopback host is
 *   recorded in `problems`; requests leaving the machine are aborted. `close()` throws if any problem
 *   was recorded (call `allow(pattern)` first for an error a test provokes on purpose).
 * - `screenshot(name)` saves test-results/screenshots/<name>.png and returns its path.
 * - `waitReady(app)` waits until a run is loaded (step counter "n / total") and Run is enabled again;
 *   returns the run's step count. `runAndWait(app, act)` does `act` and waits for the run it starts (Run
 *   disabled, then enabled again); `showSolutionAndWait(app)` clicks Show solution and waits for that run.
 * - The editor (Monaco's model of /main.ts): `editorReady(page)` waits for it, `getCode` / `setCode` read
 *   and replace its whole text (as typing would: the app sees an edit). `stepCounter(page)` reads the
 *   step counter "n / total".
 * - No fixed sleeps (issue 15): `settled(page)` waits until no d3 transition and no finite CSS
 *   animation is running and two frames were painted after that (before a screenshot);
 *   `openApp({ clock: true })` installs Playwright's fake clock, so "nothing happens for 600 ms" is
 *   `page.clock.runFor(600)`: every timer due in that span fires at once, none is waited for;
 *   `firstFrames(page)` counts the app's `ip:first-frame` marks (one per run drawn).
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { expect, inject } from "vitest";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

export interface OpenOptions {
  path?: string;
  locale?: string;
  colorScheme?: "light" | "dark";
  reducedMotion?: "reduce" | "no-preference";
  viewport?: { width: number; height: number };
  /** Reuse a profile directory (it is then not deleted on close). */
  userDataDir?: string;
  /** Serve from another server than the suite's (e.g. a static host without security headers). */
  baseURL?: string;
  /** Scripts to run in every page before the app (see BrowserContext.addInitScript). */
  initScripts?: string[];
  /** Install Playwright's fake clock before the app loads (time flows; `page.clock.runFor(ms)` jumps). */
  clock?: boolean;
  /** false: open the page as a learner would, without the app's test hooks (`window.__ipHooks`). Default true. */
  hooks?: boolean;
}

export interface AppSession {
  page: Page;
  context: BrowserContext;
  baseURL: string;
  problems: string[];
  allow(pattern: RegExp): void;
  screenshot(name: string): Promise<string>;
  goto(path: string): Promise<void>;
  close(): Promise<void>;
}

export function baseURL(): string {
  return inject("baseURL");
}

export async function openApp(options: OpenOptions = {}): Promise<AppSession> {
  const base = options.baseURL ?? baseURL();
  const ownProfile = options.userDataDir === undefined;
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), "ip-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: options.viewport ?? { width: 1440, height: 900 },
    locale: options.locale ?? "en-US",
    colorScheme: options.colorScheme ?? "light",
    reducedMotion: options.reducedMotion ?? "no-preference",
  });
  const problems: string[] = [];
  const allowed: RegExp[] = [];
  const record = (what: string) => {
    if (!allowed.some((re) => re.test(what))) problems.push(what);
  };
  await context.route("**/*", async (route) => {
    const url = new URL(route.request().url());
    if ((url.protocol === "http:" || url.protocol === "https:" || url.protocol === "ws:") && !LOOPBACK.has(url.hostname)) {
      record(`request to a non-loopback host: ${url.href}`);
      await route.abort();
      return;
    }
    await route.continue();
  });
  const watch = (page: Page) => {
    page.on("console", (msg) => {
      if (msg.type() === "error") record(`console error: ${msg.text()}`);
    });
    page.on("pageerror", (err) => record(`page error: ${err.message}`));
    page.on("worker", (worker) => {
      worker.on("close", () => undefined);
    });
  };
  context.on("page", watch);
  // The app installs its test hooks (window.__stage, site/shell/test-hooks.ts) only for a harness.
  if (options.hooks !== false) await context.addInitScript("window.__ipHooks = true;");
  for (const script of options.initScripts ?? []) await context.addInitScript(script);
  if (options.clock === true) await context.clock.install();
  const page = context.pages()[0] ?? (await context.newPage());
  watch(page);
  const session: AppSession = {
    page,
    context,
    baseURL: base,
    problems,
    allow(pattern) {
      allowed.push(pattern);
      for (let i = problems.length - 1; i >= 0; i--) if (pattern.test(problems[i]!)) problems.splice(i, 1);
    },
    async screenshot(name) {
      const dir = join("test-results", "screenshots");
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${name}.png`);
      await page.screenshot({ path: file, fullPage: false });
      return file;
    },
    async goto(path) {
      await page.goto(new URL(path, base).href);
    },
    async close() {
      await context.close();
      if (ownProfile) rmSync(userDataDir, { recursive: true, force: true });
      if (problems.length > 0) throw new Error(`browser problems:\n${problems.join("\n")}`);
    },
  };
  await session.goto(options.path ?? "");
  return session;
}

/** Visible elements with a data-testid (tests count only visible elements). */
export function byTestId(page: Page, id: string, extra = "") {
  return page.locator(`[data-testid="${id}"]${extra}`).locator("visible=true");
}

/** Waits until a run is loaded and Run is enabled again; returns the run's number of steps. */
export async function waitReady(app: AppSession): Promise<number> {
  const { page } = app;
  await expect.poll(async () => byTestId(page, "step-counter").innerText().catch(() => ""), { timeout: 120_000, interval: 250 })
    .toMatch(/^\d+ \/ [1-9]\d*$/);
  await expect.poll(async () => byTestId(page, "run").isEnabled().catch(() => false), { timeout: 120_000, interval: 250 }).toBe(true);
  return Number((await byTestId(page, "step-counter").innerText()).split(" / ")[1]);
}

/** Runs `act`, then waits for the run it starts: Run is seen disabled, then is enabled again. */
export async function runAndWait(app: AppSession, act: () => Promise<void>): Promise<void> {
  const { page } = app;
  await page.evaluate(() => {
    const w = window as unknown as { __runSeen?: boolean };
    w.__runSeen = false;
    new MutationObserver((rs) => {
      if (rs.some((r) => (r.target as HTMLElement).dataset?.["testid"] === "run" && (r.target as HTMLButtonElement).disabled)) w.__runSeen = true;
    }).observe(document.body, { attributes: true, attributeFilter: ["disabled"], subtree: true });
  });
  await act();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __runSeen?: boolean }).__runSeen), { timeout: 60_000 }).toBe(true);
  await expect.poll(() => byTestId(page, "run").isEnabled().catch(() => false), { timeout: 60_000 }).toBe(true);
}

/** Clicks Show solution (the page's confirm must be accepted by the caller) and waits for that run to load. */
export async function showSolutionAndWait(app: AppSession): Promise<number> {
  await runAndWait(app, () => byTestId(app.page, "show-solution").click());
  return waitReady(app);
}

/** The step counter "n / total" as numbers. */
export async function stepCounter(page: Page): Promise<[number, number]> {
  const text = await byTestId(page, "step-counter").innerText();
  const m = /^(\d+) \/ (\d+)$/.exec(text.trim());
  if (!m) throw new Error(`step-counter reads "${text}"`);
  return [Number(m[1]), Number(m[2])];
}

type EditorModel = { uri: { path: string }; isDisposed(): boolean; getValue(): string; setValue(v: string): void };
type WithMonaco = { monaco?: { editor: { getModels(): EditorModel[] } } };

/** Waits until the editor holds the learner's program (Monaco's model of /main.ts). */
export async function editorReady(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as WithMonaco).monaco?.editor.getModels()
    .some((x) => x.uri.path === "/main.ts" && !x.isDisposed()) === true, null, { timeout: 60_000 });
}

/** The editor's whole text. */
export async function getCode(page: Page): Promise<string> {
  await editorReady(page);
  return page.evaluate(() => (window as unknown as WithMonaco).monaco!.editor.getModels()
    .find((x) => x.uri.path === "/main.ts" && !x.isDisposed())!.getValue());
}

/** Replaces the editor's whole text (the app sees an edit: a live run follows when live is on). */
export async function setCode(page: Page, code: string): Promise<void> {
  await editorReady(page);
  await page.evaluate((text) => {
    (window as unknown as WithMonaco).monaco!.editor.getModels()
      .find((x) => x.uri.path === "/main.ts" && !x.isDisposed())!.setValue(text);
  }, code);
}

/**
 * Resolves once the page is visually still: no element carries a running d3 transition (d3 keeps them
 * in `node.__transition` and deletes it when the last one ends), no finite CSS animation or transition
 * is running, and then two animation frames have passed (so the final state was painted).
 */
export async function settled(page: Page, timeout = 10_000): Promise<void> {
  await page.waitForFunction(() => {
    for (const el of document.querySelectorAll("*")) if ((el as { __transition?: unknown }).__transition !== undefined) return false;
    return document.getAnimations().every((a) => a.playState !== "running" || a.effect?.getComputedTiming().iterations === Infinity);
  }, null, { timeout, polling: "raf" });
  await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
}

/** How many runs the app has drawn so far (its `ip:first-frame` User Timing marks, one per drawn run). */
export async function firstFrames(page: Page): Promise<number> {
  return page.evaluate(() => performance.getEntriesByName("ip:first-frame").length);
}

/**
 * Clicks a stage action (`data-action`): the actions sit behind the stage's "Actions" disclosure
 * (site/views/stage/action-bar.ts), which this opens first when the button is not on screen.
 */
export async function clickAction(page: Page, action: string): Promise<void> {
  const button = byTestId(page, "action", `[data-action="${action}"]`);
  if (!(await button.isVisible().catch(() => false))) await byTestId(page, "actions-menu").click();
  await button.click();
}
