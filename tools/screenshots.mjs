// Takes the layout screenshots of issue 21 item 3 from the production build (dist/) in Debian's Chromium:
// `npm run build && node tools/screenshots.mjs [outDir] [nameRegExp]` → <outDir>/<name>.png (default
// docs/screenshots, the shots marked `docs`: lesson 01 and the sandbox at 1280×800, 1440×900 and
// 1920×1080, plus lesson 04 and lesson 06 in Chinese and dark). `--all` (as the name filter) takes every shot.
// Each shot waits for the run to be loaded (step counter "N / M") and for the stage's first frame.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { preview } from "vite";

const out = process.argv[2] ?? "docs/screenshots";
const filter = process.argv[3];
const only = filter && filter !== "--all" ? new RegExp(filter) : undefined;
const SHOTS = [
  { name: "lesson01-1280x800", path: "#/lesson/01-the-big-picture", w: 1280, h: 800, docs: true },
  { name: "lesson01-1440x900", path: "#/lesson/01-the-big-picture", w: 1440, h: 900, docs: true },
  { name: "lesson01-1920x1080", path: "#/lesson/01-the-big-picture", w: 1920, h: 1080, docs: true },
  { name: "sandbox-1280x800", path: "#/sandbox", w: 1280, h: 800, docs: true },
  { name: "sandbox-1440x900", path: "#/sandbox", w: 1440, h: 900, docs: true },
  { name: "sandbox-1920x1080", path: "#/sandbox", w: 1920, h: 1080, docs: true },
  { name: "lesson04-1280x800", path: "#/lesson/04-deltafifo", w: 1280, h: 800, docs: true },
  { name: "lesson06-zh-dark-1440x900", path: "#/lesson/06-event-handlers", w: 1440, h: 900, locale: "zh-CN", dark: true, docs: true },
  { name: "lesson01-1280x800-lesson-hidden", path: "#/lesson/01-the-big-picture", w: 1280, h: 800, collapse: true },
  { name: "lesson14-1280x800", path: "#/lesson/14-write-a-controller", w: 1280, h: 800 },
  { name: "lesson17-1920x1080", path: "#/lesson/17-chaos-lab", w: 1920, h: 1080 },
  { name: "map-1280x800", path: "#/", w: 1280, h: 800, map: true },
];

const server = await preview({ preview: { host: "127.0.0.1", port: 0, strictPort: false }, logLevel: "warn" });
const port = server.httpServer.address().port;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
mkdirSync(out, { recursive: true });
try {
  for (const s of SHOTS) {
    if (only ? !only.test(s.name) : filter !== "--all" && !s.docs) continue;
    const context = await browser.newContext({ viewport: { width: s.w, height: s.h }, locale: s.locale ?? "en-US", colorScheme: s.dark ? "dark" : "light", reducedMotion: "reduce" });
    const page = await context.newPage();
    // ?hooks=1 installs window.__stage (site/shell/test-hooks.ts): the shot shows a step a third into the run.
    await page.goto(`http://127.0.0.1:${port}/?hooks=1${s.path}`);
    if (s.map) await page.locator('[data-testid="lesson-link"]').first().waitFor();
    else {
      await page.waitForFunction(() => /^\d+ \/ [1-9]\d*$/.test(document.querySelector('[data-testid="step-counter"]')?.textContent ?? ""), null, { timeout: 60_000 });
      await page.waitForFunction(() => !document.querySelector('[data-testid="run"]')?.hasAttribute("disabled"), null, { timeout: 60_000 });
      await page.evaluate(() => {
        const total = Number(document.querySelector('[data-testid="step-counter"]')?.textContent?.split(" / ")[1] ?? 0);
        window.__stage?.seek(Math.max(1, Math.round(total / 3)));
      });
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    }
    if (s.collapse) await page.locator('[data-testid="lesson-collapse"]').click();
    await page.screenshot({ path: join(out, `${s.name}.png`) });
    console.log(`${s.name}.png`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
