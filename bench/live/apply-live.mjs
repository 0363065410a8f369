// `node bench/live/apply-live.mjs [--pods N]` (issue 19): how long "Apply" of the learner's handler code takes
// on a big cluster. Live mode against `npm run live --embedded` seeded with N pods (default 10k): Follow, wait
// for the first stage frame, then Apply the starter code (an addFunc that logs each add). client-go's
// AddEventHandler on a running informer replays every cached object to the new handler as an add; here each
// add is one round trip to the learner's worker (the listener waits for its handler to return). Prints the
// time from the click to the status "replaying" (attached, the replay under way), to the first replayed add
// logged, to the last, and to the status "attached" (the replay over), with progress each
// second, and the longest main-thread tasks meanwhile (longtask entries ≥ 50 ms).
import { loadavg } from "node:os";
import { chromium } from "playwright-core";
import { recordLongTasks, startLive } from "./live-server.mjs";

const arg = (name, dflt) => { const i = process.argv.indexOf(name); return i < 0 ? dflt : Number(process.argv[i + 1]); };
const pods = arg("--pods", 10_000);
/** --screenshot FILE: the page 3 s into the replay. */
const shot = process.argv.includes("--screenshot") ? process.argv[process.argv.indexOf("--screenshot") + 1] : undefined;
const total = pods + 3;   // + web-1, web-2, db-0 (server/live/seed.ts)

const live = await startLive(pods);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await recordLongTasks(page);
  await page.goto(`${live.url}/#/live`);
  await page.waitForSelector('[data-testid="live-code"][data-editor="ready"]', { state: "attached", timeout: 60_000 });
  await page.click('[data-testid="live-start"]');
  await page.waitForFunction(() => performance.getEntriesByName("live:first-frame").length > 0, null, { timeout: 120_000 });
  const load0 = loadavg()[0];
  // Progress: trace events since the click (no writes meanwhile: everything is the replay), PER_ADD per replayed add
  // (listener.buffered, handler.called, runner.log, handler.returned and the learner's log line's bookkeeping;
  // calibrated with --pods 100). The log's line count is capped, so it cannot count.
  const events = () => page.evaluate(() => Number(document.querySelector('[data-testid="live-events"]')?.getAttribute("data-count") ?? 0));
  const e0 = await events();
  const PER_ADD = arg("--per-add", 4);
  const lines = async () => Math.floor((await events() - e0) / PER_ADD);
  const t0 = Date.now();
  const since0 = await page.evaluate(() => performance.now());
  await page.click('[data-testid="live-apply"]');
  await page.waitForSelector('[data-testid="live-code-status"]:is([data-state="replaying"], [data-state="attached"])', { timeout: 60_000 });
  const attached = Date.now() - t0;
  const statusSeen = [];
  const watchStatus = (async () => {
    for (;;) {
      const st = await page.evaluate(() => { const e = document.querySelector('[data-testid="live-code-status"]'); return `${e?.getAttribute("data-state")}: ${e?.textContent}`; }).catch(() => "");
      if (statusSeen.at(-1) !== st) statusSeen.push(st);
      if (st.startsWith("attached") || st === "") return Date.now() - t0;
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  let first, progress = [], n = 0, lastSecond = 0;
  let still = 0;
  while (n < total && still < 30 && Date.now() - t0 < 300_000) {
    await new Promise((r) => setTimeout(r, 100));
    const m = await lines();
    still = m === n ? still + 1 : 0;
    n = m;
    if (first === undefined && n > 0) first = Date.now() - t0;
    const s = Math.floor((Date.now() - t0) / 1000);
    if (shot !== undefined && s === 3 && lastSecond === 2) await page.screenshot({ path: shot });
    if (s > lastSecond) { lastSecond = s; progress.push(n); }
  }
  const done = Date.now() - t0;
  await new Promise((r) => setTimeout(r, 1000));
  const raw = await events() - e0;
  const long = await page.evaluate((from) => window.__long.filter((e) => e.start >= from).map((e) => Math.round(e.ms)), since0);
  const attachedAt = await watchStatus;
  const status = `"attached" at ${attachedAt} ms; the status line meanwhile: ${statusSeen.length > 4 ? [...statusSeen.slice(0, 2), "…", ...statusSeen.slice(-2)].join(" / ") : statusSeen.join(" / ")}`;
  console.log(`Apply on ${total} pods: handlers attached (status replaying) ${attached} ms; first replayed add logged ${first} ms; ${n} of ${total} logged at ${done} ms (${(n / (done / 1000)).toFixed(0)} adds/s)`);
  console.log(`  trace events since the click: ${raw} (${(raw / total).toFixed(2)} per add)`);
  console.log(`  logged per second: ${progress.join(", ")}`);
  console.log(`  main-thread tasks ≥ 50 ms meanwhile: ${long.length}${long.length > 0 ? ` (longest ${Math.max(...long)} ms)` : ""}; status: ${status}`);
  console.log(`  load average ${load0.toFixed(1)} → ${loadavg()[0].toFixed(1)} (2 cores)`);
} finally {
  await browser.close();
  live.stop();
}
