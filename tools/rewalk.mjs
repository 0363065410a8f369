// Re-walks the three journeys of the UX review (/work/shared/design/ux-review.md, issue 21 "Done when")
// as a new user would, in Debian's Chromium against the production build, and checks each of the review's
// top 15 problems where a page can tell. `npm run build && node tools/rewalk.mjs [outDir]` →
// <outDir>/<journey>-<nn>-<what>.png (default test-results/rewalk) and one line per check on stdout
// ("ok" / "PROBLEM"), then a summary. Exit code 1 if a check found a problem. Look at the screenshots too:
// a check sees the DOM, not how it reads.
//
// Journeys: 1 Go developer, lessons 01–05, English, light, 1280×800; 2 Chinese engineer, lessons 06–09,
// zh-CN, dark, 1440×900; 3 controller author, the sandbox, lessons 14 and 17, 1920×1080.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { preview } from "vite";

const out = process.argv[2] ?? "test-results/rewalk";
mkdirSync(out, { recursive: true });
const results = [];
const check = (journey, id, ok, detail) => {
  results.push({ journey, id, ok, detail });
  console.log(`${ok ? "ok     " : "PROBLEM"} [${journey}] #${id} ${detail}`);
};

const server = await preview({ preview: { host: "127.0.0.1", port: 0, strictPort: false }, logLevel: "warn" });
const base = `http://127.0.0.1:${server.httpServer.address().port}/?hooks=1`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });

// ── helpers (all wait on signals, never on time) ──
const tid = (page, id, extra = "") => page.locator(`[data-testid="${id}"]${extra}`).locator("visible=true");
async function ready(page) {
  await page.waitForFunction(() => /^\d+ \/ [1-9]\d*$/.test(document.querySelector('[data-testid="step-counter"]')?.textContent ?? ""), null, { timeout: 90_000 });
  await page.waitForFunction(() => !document.querySelector('[data-testid="run"]')?.hasAttribute("disabled"), null, { timeout: 90_000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}
/** Waits for the next run to start and finish (Run disabled, then enabled with a step counter). */
async function nextRun(page, act) {
  await page.evaluate(() => {
    window.__runSeen = false;
    const b = document.querySelector('[data-testid="run"]');
    new MutationObserver(() => { if (b.disabled) window.__runSeen = true; }).observe(b, { attributes: true });
  });
  await act();
  await page.waitForFunction(() => window.__runSeen === true, null, { timeout: 60_000 });
  await ready(page);
}
const code = (page) => page.evaluate(() => window.monaco.editor.getModels().find((m) => m.uri.path === "/main.ts").getValue());
const setCode = (page, text) => page.evaluate((t) => window.monaco.editor.getModels().find((m) => m.uri.path === "/main.ts").setValue(t), text);
const logs = (page) => tid(page, "log-line").evaluateAll((ls) => ls.map((l) => l.querySelector(".log-text")?.textContent ?? ""));
const seek = (page, step) => page.evaluate((s) => window.__stage.seek(s), step);
const total = async (page) => Number((await tid(page, "step-counter").innerText()).split(" / ")[1]);
const goals = (page) => tid(page, "goal").evaluateAll((gs) => gs.map((g) => ({ id: g.getAttribute("data-goal"), status: g.getAttribute("data-status"), text: g.textContent ?? "" })));
let shotN = 0;
const shot = (page, journey, what) => page.screenshot({ path: join(out, `${journey}-${String(++shotN).padStart(2, "0")}-${what}.png`) });
async function openPage(o) {
  const context = await browser.newContext({ viewport: o.viewport, locale: o.locale ?? "en-US", colorScheme: o.dark ? "dark" : "light" });
  const page = await context.newPage();
  page.on("dialog", (d) => void d.accept());
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  return { context, page, errors };
}
/** Sentences of the narration over steps 1..n of the loaded run. */
async function narrations(page, n) {
  return page.evaluate((max) => {
    const out = [];
    for (let s = 1; s <= max; s++) {
      window.__stage.seek(s);
      out.push(document.querySelector('[data-testid="narration"]')?.textContent ?? "");
    }
    return out;
  }, n);
}
const RAW_FLOAT = /\d+\.\d{4,}/;

// ── journey 1: Go developer, 1280×800, English, light ──
{
  const J = "p1";
  const { context, page, errors } = await openPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${base}#/`);
  await tid(page, "lesson-link").first().waitFor();
  await shot(page, J, "map");
  await page.goto(`${base}#/lesson/01-the-big-picture`);
  await ready(page);
  await seek(page, 40);
  await shot(page, J, "lesson01");
  // #4: the stage's cards, the action bar, the toolbar at 1280×800
  const m = await page.evaluate(() => ({
    cards: document.querySelector(".stage-middle")?.getBoundingClientRect().height ?? 0,
    actions: document.querySelector(".stage .action-line")?.getBoundingClientRect().height ?? 0,
    toolbar: document.querySelector(".toolbar")?.getBoundingClientRect().height ?? 0,
    stageW: document.querySelector('[data-testid="stage"]')?.getBoundingClientRect().width ?? 0,
  }));
  check(J, 4, m.actions <= 36 && m.toolbar <= 56, `1280×800: stage ${Math.round(m.stageW)} px wide, cards area ${Math.round(m.cards)} px high, action row ${Math.round(m.actions)} px, toolbar ${Math.round(m.toolbar)} px`);
  const wide = await page.evaluate(() => {
    const ed = window.monaco.editor.getEditors().find((e) => e.getModel()?.uri.path === "/main.ts");
    return { scroll: ed.getScrollWidth(), layout: ed.getLayoutInfo().contentWidth };
  });
  check(J, 4, wide.scroll <= wide.layout + 2, `editor: no sideways scroll (content ${wide.scroll} ≤ ${wide.layout} px)`);
  // #13 (polish list): live mode, a half-typed deleteFunc must not mark the lesson passed
  // The learner's fix, as typed: the deleteFunc the TODO asks for (live mode runs it as soon as it compiles).
  const fixed = (await code(page)).replace("// TODO: add a deleteFunc that logs `Pod deleted: <name>`.",
    "deleteFunc: (obj: unknown) => {\n      const pod = obj as Pod;\n      log(`Pod deleted: ${pod.metadata.name}`);\n    },");
  await nextRun(page, () => setCode(page, fixed));
  const passedLive = await tid(page, "lesson-title").evaluate(() => document.querySelector(".badge.pass") !== null);
  const allPass = (await goals(page)).every((g) => g.status === "pass");
  await shot(page, J, "live-typing");
  check(J, "13-live", !passedLive, `a live run (all goals ${allPass ? "pass" : "not all pass"}) ${passedLive ? "marked the lesson passed" : "did not mark it passed"}`);
  if (allPass) {
    await nextRun(page, () => tid(page, "run").click());
    const passedRun = await page.evaluate(() => document.querySelector(".badge.pass") !== null);
    check(J, "13-live", passedRun, `after Run: ${passedRun ? "Passed" : "not passed"}`);
  }
  // #1: Next → lesson 02 runs lesson 02's starter (a whitespace edit re-runs: same log)
  await tid(page, "next-lesson").click();
  await page.waitForFunction(() => location.hash.includes("02-list-then-watch"));
  await ready(page);
  const l02 = await logs(page);
  await nextRun(page, async () => setCode(page, `${await code(page)}\n`));
  const l02b = await logs(page);
  check(J, 1, JSON.stringify(l02) === JSON.stringify(l02b) && !l02.some((l) => /Pod (updated|deleted)/.test(l)), `lesson 02 after Next: ${l02.length} log lines, same after a re-run: ${JSON.stringify(l02) === JSON.stringify(l02b)}`);
  await shot(page, J, "lesson02");
  // #11: the predict gate holds; a step forward does not reveal the answer
  const card = tid(page, "predict", "[data-step]").first();
  if (await card.count() > 0) {
    const step = Number(await card.getAttribute("data-step"));
    await seek(page, step - 1);
    await tid(page, "step-forward").click();
    const counter = await tid(page, "step-counter").innerText();
    check(J, 11, counter.startsWith(`${step - 1} /`) || await card.locator('[data-testid="predict-prompt"]').isVisible(), `predict gate at step ${step}: after Step forward the counter reads ${counter}`);
    await shot(page, J, "predict-gate");
  }
  // #9: narration of lesson 03 (partition, 410): no raw floats, no "with 0", no "a update"
  await page.goto(`${base}#/lesson/03-wait-for-cache-sync`);
  await ready(page);
  await page.goto(`${base}#/lesson/10-reflector-under-stress`);
  await ready(page);
  const n10 = await narrations(page, await total(page));
  const bad10 = n10.filter((s) => RAW_FLOAT.test(s) || /with 0\b|\ba update\b|is now backoff|'s\b.*Reflector|Gone/.test(s));
  check(J, 9, bad10.length === 0, `lesson 10 narration: ${n10.length} sentences, ${bad10.length} read like debug output${bad10.length ? `: ${bad10.slice(0, 2).join(" | ")}` : ""}`);
  await seek(page, Math.round(n10.length / 2));
  await shot(page, J, "lesson10-410");
  // #12: lesson 04 shows only what exists
  await page.goto(`${base}#/lesson/04-deltafifo`);
  await ready(page);
  const l04 = await page.evaluate(() => ({
    nodes: [...document.querySelectorAll('[data-testid="stage-node"]')].map((n) => n.getAttribute("data-stage")),
    actions: document.querySelector(".stage .actions")?.getAttribute("data-actions") ?? "?",
  }));
  check(J, 12, l04.actions === "" && l04.nodes.every((n) => n === "deltafifo"), `lesson 04: diagram ${JSON.stringify(l04.nodes)}, actions offered "${l04.actions}"`);
  await seek(page, 8);
  await shot(page, J, "lesson04");
  // #2 + #13 (Create): lesson 05's solution, then Label and Create from the stage: no goal blames the code
  await page.goto(`${base}#/lesson/05-indexer-and-listers`);
  await ready(page);
  await nextRun(page, () => tid(page, "show-solution").click());
  await seek(page, 38);
  await nextRun(page, async () => { await tid(page, "actions-menu").click(); await tid(page, "action", '[data-action="label"]').click(); });
  await nextRun(page, async () => { await tid(page, "actions-menu").click(); await tid(page, "action", '[data-action="create"]').click(); });
  const g05 = await goals(page);
  const recorded = await tid(page, "command-result").innerText();
  check(J, 2, g05.every((g) => g.status === "pass"), `lesson 05 solution + Label + Create from the stage: goals ${g05.map((g) => g.status).join(",")}`);
  check(J, 13, /my-pod-\d/.test(recorded) || /create/.test(recorded), `Create's name: ${recorded.slice(0, 80)}`);
  await shot(page, J, "lesson05-actions");
  // #14: a log line before a hang is kept, an exception is in the log
  await page.goto(`${base}#/sandbox`);
  await ready(page);
  await nextRun(page, () => setCode(page, 'import type { Playground } from "playground";\nexport default function main({ log }: Playground) {\n  log("before the loop");\n  while (true) {}\n}\n'));
  const hang = await logs(page);
  check(J, 14, hang.includes("before the loop"), `a line printed before an endless loop: ${hang.includes("before the loop") ? "kept" : "lost"}`);
  await shot(page, J, "hang");
  // #15: Tab in the editor — the way out is shown where the learner is
  await page.locator(".monaco-editor .view-lines").first().click();
  const hint = await tid(page, "editor-tab-hint").innerText().catch(() => "");
  check(J, 15, /Esc.*Tab/.test(hint), `editor focus shows "${hint}"`);
  check(J, "errors", errors.length === 0, `page errors: ${errors.length ? errors.join(" | ") : "none"}`);
  await context.close();
}

// ── journey 2: Chinese engineer, zh-CN, dark, 1440×900 ──
{
  const J = "p2";
  const { context, page, errors } = await openPage({ viewport: { width: 1440, height: 900 }, locale: "zh-CN", dark: true });
  await page.goto(`${base}#/`);
  await tid(page, "lesson-link").first().waitFor();
  await shot(page, J, "map-zh-dark");
  await page.goto(`${base}#/lesson/06-event-handlers`);
  await ready(page);
  const g06 = await goals(page);
  const english = g06.filter((g) => g.status === "fail" && /[A-Za-z]{3,} [a-z]{3,} [a-z]{3,}/.test(g.text.replace(/`[^`]*`|[\w./-]*\/[\w./-]*|[A-Za-z]+Func|deletionTimestamp|metadata\.\w+/g, "")));
  check(J, 5, english.length === 0 && !g06.some((g) => /原因（英文）/.test(g.text)), `lesson 06 failing goals: ${g06.filter((g) => g.status === "fail").length}, with English sentences: ${english.length}`);
  const prose = await page.locator(".pane-lesson .prose").first().innerText();
  const cjkSpace = prose.match(/[\u4e00-\u9fff] [\u4e00-\u9fff]/g) ?? [];
  check(J, 10, cjkSpace.length === 0, `lesson 06 prose: ${cjkSpace.length} spaces between CJK characters${cjkSpace.length ? ` (${cjkSpace.slice(0, 3).join(" / ")})` : ""}`);
  const labels = await page.evaluate(() => [...document.querySelectorAll('[data-testid="stage-node"] text.title')].map((t) => t.textContent));
  check(J, 10, labels.includes("API Server") && labels.includes("共享处理器") && !labels.some((l) => /监听器|API 服务器/.test(l ?? "")), `zh diagram labels: ${labels.join(" · ")}`);
  const n06 = await narrations(page, Math.min(await total(page), 120));
  const mixed = n06.filter((s) => /Processor|监听器|API 服务器|[\u4e00-\u9fff] [\u4e00-\u9fff]/.test(s));
  check(J, 10, mixed.length === 0, `lesson 06 zh narration: ${n06.length} sentences, ${mixed.length} with mixed terms or CJK spaces${mixed.length ? `: ${mixed[0]}` : ""}`);
  await seek(page, 60);
  await shot(page, J, "lesson06");
  await tid(page, "hint").first().click().catch(() => undefined);
  await shot(page, J, "lesson06-hint");
  await page.goto(`${base}#/lesson/07-tombstones`);
  await ready(page);
  const prose07 = await page.locator(".pane-lesson .prose").first().innerText();
  check(J, 10, !/点击 Run|点 Run/.test(prose07), `lesson 07 prose names the Run button ${/运行/.test(prose07) ? "运行" : "(no mention)"}`);
  await shot(page, J, "lesson07");
  await page.goto(`${base}#/lesson/09-sharing-informers`);
  await ready(page);
  await seek(page, await total(page));
  const informers = await page.locator('[data-testid="pipeline-informer"]').getAttribute("data-count").catch(() => null);
  check(J, 3, informers === "2", `lesson 09 starter: the stage counts ${informers ?? "one"} informers of pods`);
  await shot(page, J, "lesson09");
  check(J, "errors", errors.length === 0, `page errors: ${errors.length ? errors.join(" | ") : "none"}`);
  await context.close();
}

// ── journey 3: controller author, 1920×1080 ──
{
  const J = "p3";
  const { context, page, errors } = await openPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(`${base}#/sandbox`);
  await ready(page);
  await seek(page, 40);
  await shot(page, J, "sandbox");
  const cols = await page.evaluate(() => [".pane-lesson", ".pane-editor", ".pane-stage"].map((s) => {
    const el = document.querySelector(s);
    if (!el) return 0;
    const r = el.getBoundingClientRect();
    // how much of the column's height holds content (its last child's bottom)
    const last = [...el.querySelectorAll("*")].reduce((b, c) => Math.max(b, c.getBoundingClientRect().bottom), r.top);
    return Math.round(((Math.min(last, r.bottom) - r.top) / r.height) * 100);
  }));
  check(J, 4, cols.every((c) => c >= 50), `sandbox at 1920: columns filled ${cols.join("% / ")}%`);
  // #6 #7: time, actions at a step, parameters, list, undo, jumps
  const clock = await tid(page, "step-time").innerText();
  check(J, 6, /^t = \d/.test(clock), `the clock reads "${clock}"`);
  await tid(page, "command-bar").fill("partition 4s");
  await nextRun(page, () => tid(page, "command-bar").press("Enter"));
  const inj = await page.locator('[data-testid="injected"]').getAttribute("data-count");
  const msg = await tid(page, "command-result").innerText();
  check(J, 6, /after step 40/.test(msg) && !RAW_FLOAT.test(msg), `partition 4s at step 40: "${msg.slice(0, 90)}"`);
  check(J, 7, inj === "1", `injected list holds ${inj}`);
  const jump = tid(page, "jump-next", '[data-mark="relist"]');
  const before = await tid(page, "step-counter").innerText();
  if (await jump.isEnabled()) {
    await jump.click();
    check(J, 7, (await tid(page, "step-counter").innerText()) !== before, `"Next: relist" moved the stage from ${before} to ${await tid(page, "step-counter").innerText()}`);
  }
  await tid(page, "command-bar").fill("help");
  await tid(page, "command-bar").press("Enter");
  const help = await tid(page, "command-result").innerText();
  check(J, 13, /slow-handler/.test(help), `command bar help lists ${help.split("\n").length} lines`);
  await tid(page, "command-bar").press("ArrowUp");
  check(J, 13, (await tid(page, "command-bar").inputValue()) === "help", "↑ recalls the last command");
  await shot(page, J, "sandbox-partition-help");
  await page.locator('[data-testid="injected"] summary').click();
  await nextRun(page, () => tid(page, "remove-action").first().click());
  check(J, 7, (await page.locator('[data-testid="injected"]').getAttribute("data-count")) === "0", "the action was removed (the run repeats without it)");
  // #8: the timeline explains itself; a log line seeks
  await page.locator("canvas.timeline").hover({ position: { x: 200, y: 10 } });
  const tip = await page.locator(".timeline-tip").innerText().catch(() => "");
  check(J, 8, /Step \d+ · t = /.test(tip), `timeline tooltip: "${tip.slice(0, 80)}"`);
  await tid(page, "log-line").nth(2).locator(".log-text").click();
  const at = await tid(page, "step-counter").innerText();
  const lineStep = await tid(page, "log-line").nth(2).getAttribute("data-step");
  check(J, 8, at.startsWith(`${lineStep} /`), `click on a log line's text: stage at ${at} (line's step ${lineStep})`);
  // lesson 14 and 17
  await page.goto(`${base}#/lesson/14-write-a-controller`);
  await ready(page);
  await shot(page, J, "lesson14");
  await page.goto(`${base}#/lesson/17-chaos-lab`);
  await ready(page);
  await seek(page, 200);
  await nextRun(page, async () => { await tid(page, "actions-menu").click(); await tid(page, "action", '[data-action="restart"]').click(); });
  await seek(page, 260);
  await nextRun(page, async () => { await tid(page, "actions-menu").click(); await tid(page, "action", '[data-action="compact"]').click(); });
  const where = await page.locator('[data-testid="injected-action"] .injected-where').allTextContents();
  check(J, 6, where.length === 2 && where[0] !== where[1] && !where.some((w) => RAW_FLOAT.test(w)), `lesson 17: two actions at ${where.join(" and ")}`);
  await shot(page, J, "lesson17-chaos");
  check(J, "errors", errors.length === 0, `page errors: ${errors.length ? errors.join(" | ") : "none"}`);
  await context.close();
}

await browser.close();
await server.close();
const problems = results.filter((r) => !r.ok);
console.log(`\n${results.length} checks, ${problems.length} problems; screenshots in ${out}/`);
process.exit(problems.length > 0 ? 1 : 0);
