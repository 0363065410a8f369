// `node bench/live/frame-live.mjs [--pods N] [--seconds S] [--min-cpu MS]` — attributes the browser's own work
// (style, layout, paint) in the live bench's tasks after the initial list (issue 19). Same start as
// run-live.mjs (npm run live --embedded with N pods, the code panel's editor ready, Follow), no writes: a
// Chrome trace with the devtools timeline categories from Follow to S s after the first stage frame. For each
// main-thread task of at least MS ms thread CPU (default 8) from the list on, it prints its wall/CPU time and
// the timeline events inside it (self CPU per kind), with UpdateLayoutTree's element count and Layout's dirty
// / total objects; then the DOM at the first frame (nodes in the page, in the stage, per stage card).
import { loadavg } from "node:os";
import { chromium } from "playwright-core";
import { startLive } from "./live-server.mjs";

const arg = (name, dflt) => { const i = process.argv.indexOf(name); return i < 0 ? dflt : Number(process.argv[i + 1]); };
const pods = arg("--pods", 10_000), seconds = arg("--seconds", 2), minCpu = arg("--min-cpu", 8);
const TASK = new Set(["ThreadControllerImpl::RunTask", "RunTask"]);

const live = await startLive(pods);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  // The DOM as the first stage frame paints it: counted in the frame callback that sets the mark.
  await page.addInitScript(() => {
    const mark = performance.mark.bind(performance);
    performance.mark = (name, o) => {
      if (name === "live:first-frame") {
        const count = (sel) => { const r = document.querySelector(sel); return r === null ? 0 : r.getElementsByTagName("*").length; };
        const cards = {};
        for (const s of document.querySelectorAll(".stage .panel")) cards[s.className.replace(/^panel /, "")] = s.getElementsByTagName("*").length;
        window.__dom = { page: document.getElementsByTagName("*").length, stage: count(".stage"), pipeline: count(".stage svg.pipeline"),
          timeline: count(".stage .stage-bottom"), code: count(".live-code-box"), side: count(".live-side"), cards };
      }
      return mark(name, o);
    };
  });
  // FRAME_CSS: a style sheet added to the page before it loads (to try a CSS change without a rebuild).
  if (process.env.FRAME_CSS) {
    await page.addInitScript((css) => addEventListener("DOMContentLoaded", () => { const s = document.createElement("style"); s.textContent = css; document.head.append(s); }), process.env.FRAME_CSS);
  }
  await page.goto(`${live.url}/#/live`);
  await page.waitForSelector('[data-testid="live-start"]');
  const ready = await page.waitForSelector('[data-testid="live-code"][data-editor="ready"]', { state: "attached", timeout: 30_000 }).then(() => true, () => false);
  if (!ready) console.log("the code panel's editor was not ready after 30 s; following anyway");
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 200))));
  const cdp = await page.context().newCDPSession(page);
  const traced = [];
  cdp.on("Tracing.dataCollected", (d) => { for (const e of d.value) traced.push(e); });
  const traceDone = new Promise((r) => cdp.once("Tracing.tracingComplete", r));
  await cdp.send("Tracing.start", {
    categories: `toplevel,blink.user_timing,devtools.timeline,disabled-by-default-devtools.timeline,v8,blink${process.env.TRACE_EXTRA ? `,${process.env.TRACE_EXTRA}` : ""}`,
    transferMode: "ReportEvents",
  });
  const load0 = loadavg()[0];
  await page.click('[data-testid="live-start"]');
  await page.waitForFunction(() => performance.getEntriesByName("live:first-frame").length > 0, null, { timeout: 120_000 });
  const m = await page.evaluate(() => ({ a: performance.getEntriesByName("live:list-arrived")[0].startTime, f: performance.getEntriesByName("live:first-frame")[0].startTime, dom: window.__dom }));
  await new Promise((r) => setTimeout(r, seconds * 1000));
  await cdp.send("Tracing.end");
  await traceDone;
  console.log(`list → first frame ${Math.round(m.f - m.a)} ms; load ${load0.toFixed(1)} → ${loadavg()[0].toFixed(1)}`);
  console.log(`DOM at the first frame: ${JSON.stringify(m.dom)}`);

  const mark = traced.find((e) => e.name === "live:list-arrived");
  const ff = traced.find((e) => e.name === "live:first-frame");
  const main = `${mark.pid}:${mark.tid}`;
  const onMain = traced.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === "X");
  // The outermost task events only (a RunTask may sit inside a ThreadControllerImpl::RunTask).
  const all = onMain.filter((e) => TASK.has(e.name)).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const outer = all.filter((e, i) => !all.slice(Math.max(0, i - 3), i).some((p) => p.ts <= e.ts && p.ts + p.dur >= e.ts + e.dur));
  const tasks = outer.filter((e) => e.ts + e.dur >= mark.ts && (e.tdur ?? 0) / 1000 >= minCpu);
  const inner = onMain.filter((e) => !TASK.has(e.name)).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const rel = (ts) => `${((ts - mark.ts) / 1000).toFixed(0)} ms`;
  console.log(`first frame mark at ${rel(ff.ts)} after the list; ${tasks.length} main-thread tasks ≥ ${minCpu} ms CPU after the list:`);
  for (const t of tasks) {
    const inside = inner.filter((e) => e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur);
    // Self CPU per event name: each event's CPU minus its direct children's.
    const self = new Map();
    const stack = [];
    for (const e of inside) {
      while (stack.length > 0 && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
      const own = (e.tdur ?? e.dur);
      self.set(e.name, (self.get(e.name) ?? 0) + own);
      if (stack.length > 0) { const p = stack.at(-1); self.set(p.name, (self.get(p.name) ?? 0) - own); }
      stack.push(e);
    }
    const details = inside.filter((e) => e.name === "UpdateLayoutTree" || e.name === "Layout" || e.name === "Paint" || e.name === "RecalculateStyles").map((e) => {
      const a = e.args ?? {};
      const extra = e.name === "UpdateLayoutTree" ? `elements ${a.elementCount ?? "?"}` : e.name === "Layout" ? `dirty ${a.beginData?.dirtyObjects ?? "?"}/${a.beginData?.totalObjects ?? "?"}${a.beginData?.partialLayout ? " partial" : ""}` : "";
      return `${e.name} ${((e.tdur ?? e.dur) / 1000).toFixed(1)}${extra ? ` (${extra})` : ""}`;
    });
    console.log(`\n• ${rel(t.ts)}: ${(t.dur / 1000).toFixed(0)} ms wall / ${((t.tdur ?? 0) / 1000).toFixed(0)} ms CPU${t.ts <= ff.ts && t.ts + t.dur >= ff.ts ? "  ← the first stage frame" : ""}`);
    console.log(`  self CPU: ${[...self].filter(([, v]) => v >= 300).sort((a, b) => b[1] - a[1]).slice(0, 12).map(([n, v]) => `${n} ${(v / 1000).toFixed(1)}`).join(" · ")}`);
    if (details.length > 0) console.log(`  ${details.slice(0, 12).join(" · ")}${details.length > 12 ? ` … (${details.length})` : ""}`);
  }
  // One summary line: every frame task (one with a Layout or a Paint) from the list to the first stage frame and
  // the second after it, as [ms after the list, wall, CPU, style + layout CPU]; and the longest task by CPU.
  const frames = outer.filter((t) => t.ts + t.dur >= mark.ts && inner.some((e) => (e.name === "Layout" || e.name === "Paint") && e.ts >= t.ts && e.ts <= t.ts + t.dur)).map((t) => {
    const sl = inner.filter((e) => (e.name === "Layout" || e.name === "UpdateLayoutTree") && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur).reduce((a, e) => a + (e.tdur ?? e.dur), 0);
    return [Math.round((t.ts - mark.ts) / 1000), Math.round(t.dur / 1000), +((t.tdur ?? 0) / 1000).toFixed(1), +(sl / 1000).toFixed(1)];
  });
  const after = outer.filter((t) => t.ts + t.dur >= mark.ts);
  console.log(`summary ${JSON.stringify({ listToFrame: Math.round(m.f - m.a), load: [load0, loadavg()[0]].map((x) => +x.toFixed(1)),
    longestCpu: Math.max(...after.map((t) => (t.tdur ?? 0) / 1000)).toFixed(1),
    top: [...after].sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0)).slice(0, 6).map((t) => [Math.round((t.ts - mark.ts) / 1000), Math.round(t.dur / 1000), +((t.tdur ?? 0) / 1000).toFixed(1)]), frames })}`);
  if (process.env.TRACE_OUT) (await import("node:fs")).writeFileSync(process.env.TRACE_OUT, JSON.stringify({ traceEvents: traced }));
} finally {
  await browser.close();
  live.stop();
}
