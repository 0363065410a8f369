// `npm run bench -- --wire`: the simulated cluster over loopback HTTP (issue 17). Every server and client
// runs in its own child process. Measures:
// - list of 10k pods (ms, p50/p99 of 20, JSON parse included);
// - create → watch event latency at 200 writes/s (1,000 creates; p50/p99);
// - watch fan-out: 100 watchers each replaying the same 10k-event stream from the watch cache (events/s
//   delivered in total);
// - end to end: our informer (HttpListerWatcher, client-go 1.36 defaults) vs @kubernetes/client-node
//   makeInformer, each listing 10k pods at the same RV and consuming the same 200k-event stream (events/s,
//   medians of `reps`, alternated).
import { spawn } from "node:child_process";
import { request } from "node:http";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { build } from "vite";

const root = fileURLToPath(new URL("../..", import.meta.url));
const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]; };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function buildWire() {
  await build({
    root, configFile: false, logLevel: "warn",
    build: {
      ssr: true, outDir: "bench/.build/wire", emptyOutDir: true, target: "node20", minify: true,
      rollupOptions: { input: { server: "bench/wire/server.ts", ours: "bench/wire/ours-informer.ts" }, output: { entryFileNames: "[name].mjs" } },
    },
  });
}

function startServer(pods, updates) {
  const child = spawn(process.execPath, ["--max-old-space-size=6144", `${root}bench/.build/wire/server.mjs`, "--pods", String(pods), "--updates", String(updates)], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: child.stdout });
    rl.once("line", (line) => resolve({ ...JSON.parse(line), stop: () => child.kill("SIGTERM") }));
    child.once("exit", (code) => reject(new Error(`bench server exited (${code})`)));
  });
}

function runChild(cmd, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--max-old-space-size=6144", cmd, ...args], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d) => { out += d; });
    child.on("exit", (code) => {
      if (code !== 0) { reject(new Error(`${cmd} exited ${code}`)); return; }
      const r = JSON.parse(out.trim().split("\n").at(-1));
      if (r.problems.length > 0) reject(new Error(`${r.contender}: ${r.problems.join("; ")}`)); else resolve(r);
    });
  });
}

/** A watch whose events are only counted (newline bytes), so the client does not bound the fan-out. */
function countWatch(url, path, onEvents) {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { agent: false }, (res) => {
      res.on("data", (d) => { let n = 0; for (let i = d.indexOf(10); i >= 0; i = d.indexOf(10, i + 1)) n++; onEvents(n); });
      res.on("error", () => undefined);
      resolve({ close: () => req.destroy() });
    });
    req.on("error", reject);
    req.end();
  });
}

function openWatch(url, path, onLine) {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { agent: false }, (res) => {
      let buf = "";
      res.setEncoding("utf8");
      res.on("data", (d) => { buf += d; let i; while ((i = buf.indexOf("\n")) >= 0) { onLine(buf.slice(0, i)); buf = buf.slice(i + 1); } });
      res.on("error", () => undefined);
      resolve({ close: () => req.destroy() });
    });
    req.on("error", reject);
    req.end();
  });
}

export async function measureWire(log, reps = 3) {
  log("building the wire bench (server and our client)…");
  await buildWire();
  const out = {};

  const only = process.env["WIRE_ONLY"];        // debugging aid: "fanout" or "e2e" runs only that part
  let s;
  if (!only) {
  log("wire: list of 10k pods (20 requests)…");
  s = await startServer(10_000, 0);
  const listMs = [];
  for (let i = 0; i < 22; i++) {
    const t0 = performance.now();
    const body = await (await fetch(`${s.url}/api/v1/namespaces/bench/pods`)).json();
    const ms = performance.now() - t0;
    if (body.items.length !== 10_000) throw new Error(`list returned ${body.items.length} pods`);
    if (i >= 2) listMs.push(ms);                                   // two warm-up requests
  }
  out.list_10k_pods_ms = { p50: +pct(listMs, 50).toFixed(1), p99: +pct(listMs, 99).toFixed(1), n: listMs.length };

  log("wire: create → watch event latency at 200 writes/s (1,000 creates)…");
  const sent = new Map();
  const lat = [];
  const rv = (await (await fetch(`${s.url}/api/v1/namespaces/bench/configmaps`)).json()).metadata.resourceVersion;
  const w = await openWatch(s.url, `/api/v1/namespaces/bench/configmaps?watch=true&resourceVersion=${rv}`, (line) => {
    const ev = JSON.parse(line);
    const t = sent.get(ev.object.metadata.name);
    if (ev.type === "ADDED" && t !== undefined) lat.push(performance.now() - t);
  });
  const start = performance.now();
  const posts = [];
  for (let i = 0; i < 1000; i++) {
    const due = start + i * 5;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const name = `cm-${i}`;
    sent.set(name, performance.now());
    posts.push(fetch(`${s.url}/api/v1/namespaces/bench/configmaps`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ metadata: { name }, data: { i: String(i) } }) }).then((r) => r.arrayBuffer()));
  }
  await Promise.all(posts);
  for (let i = 0; i < 200 && lat.length < 1000; i++) await sleep(10);
  w.close();
  if (lat.length !== 1000) throw new Error(`saw ${lat.length} of 1000 events`);
  out.create_to_event_ms = { p50: +pct(lat, 50).toFixed(2), p99: +pct(lat, 99).toFixed(2), writes_per_s: +(1000 / ((performance.now() - start) / 1000)).toFixed(0) };
  s.stop();
  }

  if (!only || only === "fanout") {
  log("wire: watch fan-out, 100 watchers × 10k events…");
  s = await startServer(1000, 10_000);
  const counts = new Array(100).fill(0);
  const t0 = performance.now();
  let finished = 0;
  let tEnd = 0;
  const watches = await Promise.all(counts.map((_, i) => countWatch(s.url, `/api/v1/namespaces/bench/pods?watch=true&resourceVersion=${s.startRV}`, (n) => {
    const before = counts[i];
    counts[i] += n;
    if (before < 10_000 && counts[i] >= 10_000 && ++finished === 100) tEnd = performance.now();
  })));
  for (let i = 0; i < 6000 && finished < 100; i++) await sleep(10);
  for (const x of watches) x.close();
  if (finished < 100) throw new Error(`fan-out: only ${finished} of 100 watchers got all events after ${((performance.now() - t0) / 1000).toFixed(1)} s; counts ${[...new Set(counts)].join(",")}`);
  out.watch_fanout = { watchers: 100, events_each: 10_000, events_per_s: Math.round(1_000_000 / ((tEnd - t0) / 1000)) };
  s.stop();
  }

  if (!only || only === "e2e") {
  log(`wire: end to end, our informer vs client-node makeInformer, 10k pods + 200k events (${reps} reps + warm-up, alternated)…`);
  s = await startServer(10_000, 200_000);
  const args = [s.url, s.startRV, "200000", "10000"];
  const results = { ours: [], "client-node": [] };
  const contenders = [["ours", `${root}bench/.build/wire/ours.mjs`], ["client-node", here("./client-node-informer.mjs")]];
  for (let round = 0; round <= reps; round++) {
    const order = round % 2 === 0 ? contenders : [...contenders].reverse();
    for (const [name, script] of order) {
      const r = await runChild(script, args);
      if (round > 0) results[name].push(r);
    }
  }
  s.stop();
  const row = (rs) => ({ median: Math.round(median(rs.map((r) => r.eventsPerS))), min: Math.round(Math.min(...rs.map((r) => r.eventsPerS))), max: Math.round(Math.max(...rs.map((r) => r.eventsPerS))), initial_sync_ms: Math.round(median(rs.map((r) => r.initialSyncMs))) });
  out.e2e_200k_events = { ours: row(results.ours), client_node: row(results["client-node"]) };
  out.e2e_200k_events.ours_vs_client_node = +(out.e2e_200k_events.ours.median / out.e2e_200k_events.client_node.median).toFixed(2);
  }
  if (only) { log(JSON.stringify(out)); return out; }

  log("\nWire (loopback HTTP, server and clients in separate processes)");
  log("| metric | value | goal |");
  log("|---|---|---|");
  log(`| list of 10k pods, p50 / p99 of ${out.list_10k_pods_ms.n} | ${out.list_10k_pods_ms.p50} / ${out.list_10k_pods_ms.p99} ms | p99 < 100 ms |`);
  log(`| create → watch event at ${out.create_to_event_ms.writes_per_s} writes/s, p50 / p99 | ${out.create_to_event_ms.p50} / ${out.create_to_event_ms.p99} ms | p99 < 10 ms |`);
  log(`| watch fan-out, 100 watchers × 10k events | ${out.watch_fanout.events_per_s.toLocaleString("en")} events/s delivered | |`);
  const e = out.e2e_200k_events;
  log(`| end to end, our informer (HTTP), 200k events | ${e.ours.median.toLocaleString("en")} ev/s [${e.ours.min.toLocaleString("en")}–${e.ours.max.toLocaleString("en")}] | ≥ client-node |`);
  log(`| end to end, client-node makeInformer, 200k events | ${e.client_node.median.toLocaleString("en")} ev/s [${e.client_node.min.toLocaleString("en")}–${e.client_node.max.toLocaleString("en")}] | |`);
  log(`| ours / client-node | ${e.ours_vs_client_node}× | ≥ 1 |`);
  return out;
}
