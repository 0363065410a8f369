// `npm run bench` — engine and UI benchmarks (spec/benchmark.md; budgets in design/ARCHITECTURE.md).
// Flags: --full (adds W2, W3, W5 and the 1k/100k memory sweep), --engine / --ui (one half only),
// --reps N (default 5), --json (one JSON object as the last line of stdout), --wire (the simulated cluster
// over loopback HTTP, bench/wire/run-wire.mjs; alone it runs only that half), --live (live mode in Chromium,
// bench/live/run-live.mjs; alone it runs only that).
// Each contender runs in its own child process, alternated (ABAB…), after one warm-up round; inside each
// child one untimed run on a fresh cache precedes the timed one (steady-state code for every contender).
// We report medians with min/max and reject any run whose final cache or notification counts are wrong.
// "ours" is our SharedIndexInformer with client-go 1.36's defaults (RealFIFO in atomic mode + batch
// processing); "ours, DeltaFIFO" is the classic queue the lessons start with. Both: options only.
// "floor" (contenders/pipeline-floor.mjs) is client-go's three stages (queue, cache, listener buffer) as
// bare JS with nothing else: what any faithful pipeline costs at least, next to client-node's one stage.
import { execFileSync, spawnSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { buildEngine } from "./build-engine.mjs";

const args = new Set(process.argv.slice(2));
const argValue = (name, fallback) => { const i = process.argv.indexOf(name); return i > 0 ? Number(process.argv[i + 1]) : fallback; };
const full = args.has("--full");
const wantWire = args.has("--wire");
const wantLive = args.has("--live");
const onlyWire = (wantWire || wantLive) && !args.has("--engine") && !args.has("--ui");
const wantEngine = !onlyWire && (!args.has("--ui") || args.has("--engine"));
const wantUi = !onlyWire && (!args.has("--engine") || args.has("--ui"));
const reps = argValue("--reps", 5);
const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const log = (...a) => console.log(...a);

const machine = { cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length, node: process.version };
log(`machine: ${machine.cpu}, ${machine.cores} cores, node ${machine.node}; load average at the start: ${loadavg().map((x) => x.toFixed(1)).join(" ")}`);

function child(script, argv, nodeArgs = []) {
  const pin = spawnSync("taskset", ["-c", "1", "true"]).status === 0 ? ["taskset", "-c", "1"] : [];
  const cmd = pin.length ? pin[0] : process.execPath;
  const cmdArgs = pin.length ? [...pin.slice(1), process.execPath, ...nodeArgs, "--max-old-space-size=6144", script, ...argv]
                             : [...nodeArgs, "--max-old-space-size=6144", script, ...argv];
  const out = execFileSync(cmd, cmdArgs, { encoding: "utf8", maxBuffer: 1 << 24, timeout: 300_000 });
  const line = out.trim().split("\n").at(-1);
  return JSON.parse(line);
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const fmt = (x) => x >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : x >= 1e3 ? `${(x / 1e3).toFixed(0)}k` : x.toFixed(0);

function throughput(workload, contenders) {
  const results = Object.fromEntries(contenders.map((c) => [c.name, []]));
  for (let round = 0; round <= reps; round++) {
    const order = round % 2 === 0 ? contenders : [...contenders].reverse();
    for (const c of order) {
      const r = child(here(`./contenders/${c.script}`), [workload, JSON.stringify({ warmup: 1, ...(c.opts ?? {}) })], ["--expose-gc"]);
      if (r.problems.length > 0) throw new Error(`${c.name} ${workload} gave a wrong result: ${r.problems.join("; ")}`);
      if (round > 0) results[c.name].push(r);   // round 0 is the warm-up
    }
  }
  const rows = {};
  for (const c of contenders) {
    const rs = results[c.name];
    const eps = rs.map((r) => r.eventsPerS);
    rows[c.name] = { median: median(eps), min: Math.min(...eps), max: Math.max(...eps), events: rs[0].events,
                     initialSyncMs: median(rs.map((r) => r.initialSyncMs)), gcMs: median(rs.map((r) => r.gcMs)),
                     // events per CPU-second of the child: steadier than wall time when other work shares the cores
                     perCpuS: median(rs.map((r) => r.eventsPerCpuS)) };
  }
  return rows;
}

const output = {};
if (wantEngine) {
  log("building the engine bundle…");
  await buildEngine();
  const modern = { fifo: "realAtomic", batchProcess: true };
  const like = [
    { name: "ours", script: "ours.mjs", opts: modern },
    { name: "ours-delta", script: "ours.mjs" },
    { name: "client-node", script: "client-node.mjs" },
    { name: "floor", script: "pipeline-floor.mjs" },
    { name: "map", script: "map-loop.mjs" },
  ];
  const workloads = full ? ["W1", "W2", "W3", "W4"] : ["W1", "W4"];
  const table = {};
  for (const w of workloads) {
    log(`throughput ${w} (${reps} reps + warm-up, alternated)…`);
    table[w] = throughput(w, like);
  }
  log("full configuration (extra index, 30 s resync, 4 handlers), W1…");
  const oursFull = throughput("W1", [{ name: "ours-full", script: "ours.mjs", opts: { full: true, ...modern } }])["ours-full"];
  let fanout;
  if (full) {
    fanout = {};
    for (const h of [1, 4, 16]) {
      log(`W5 fan-out with ${h} handlers…`);
      fanout[h] = throughput("W5", [
        { name: "ours", script: "ours.mjs", opts: { handlers: h, ...modern } },
        { name: "client-node", script: "client-node.mjs", opts: { handlers: h } },
      ]);
    }
  }
  const sizes = full ? [1000, 10_000, 100_000] : [10_000];
  const memory = {};
  for (const n of sizes) {
    for (const c of ["ours", "client-node", "map"]) {
      log(`memory ${c} at ${n} objects…`);
      memory[`${c}@${n}`] = child(here("./memory.mjs"), [c, String(n)], ["--expose-gc"]);
    }
  }

  log("\nTier 1 throughput, events/s (median [min–max]); initial sync in ms (median)");
  log("ours = RealFIFO atomic + batch processing (client-go 1.36 defaults); ours, DeltaFIFO = the classic queue");
  log("floor = the three stages as bare JS (bench/contenders/pipeline-floor.mjs)");
  log("| workload | ours | ours, DeltaFIFO | @kubernetes/client-node 1.4.0 | floor | Map.set loop | ours / client-node | floor / client-node | ours / floor | ours / Map | DeltaFIFO / client-node |");
  log("|---|---|---|---|---|---|---|---|---|---|---|");
  for (const [w, rows] of Object.entries(table)) {
    const cell = (r) => `${fmt(r.median)} [${fmt(r.min)}–${fmt(r.max)}], sync ${r.initialSyncMs.toFixed(0)} ms`;
    const cn = rows["client-node"].median;
    log(`| ${w} | ${cell(rows.ours)} | ${cell(rows["ours-delta"])} | ${cell(rows["client-node"])} | ${cell(rows.floor)} | ${cell(rows.map)} | ${(rows.ours.median / cn).toFixed(2)}× | ${(rows.floor.median / cn).toFixed(2)}× | ${(rows.ours.median / rows.floor.median).toFixed(2)}× | ${(100 * rows.ours.median / rows.map.median).toFixed(0)} % | ${(rows["ours-delta"].median / cn).toFixed(2)}× |`);
  }
  log(`| W1 ours, full configuration | ${fmt(oursFull.median)} [${fmt(oursFull.min)}–${fmt(oursFull.max)}] | | | | | | | | | |`);
  log(`\nEvents per CPU-second of each child (median), with the load average at the end: ${loadavg().map((x) => x.toFixed(1)).join(" ")}`);
  log("| workload | ours | ours, DeltaFIFO | client-node | floor | Map.set loop | ours / client-node | floor / client-node | DeltaFIFO / client-node |");
  log("|---|---|---|---|---|---|---|---|---|");
  for (const [w, rows] of Object.entries(table)) {
    const cn = rows["client-node"].perCpuS;
    log(`| ${w} | ${fmt(rows.ours.perCpuS)} | ${fmt(rows["ours-delta"].perCpuS)} | ${fmt(cn)} | ${fmt(rows.floor.perCpuS)} | ${fmt(rows.map.perCpuS)} | ${(rows.ours.perCpuS / cn).toFixed(2)}× | ${(rows.floor.perCpuS / cn).toFixed(2)}× | ${(rows["ours-delta"].perCpuS / cn).toFixed(2)}× |`);
  }
  if (fanout) for (const [h, rows] of Object.entries(fanout)) log(`| W5 ${h} handlers | ${fmt(rows.ours.median)} | | ${fmt(rows["client-node"].median)} | | | ${(rows.ours.median / rows["client-node"].median).toFixed(2)}× | | |`);
  log("\nMemory, bytes per cached object (payload B measured separately)");
  log("| contender@N | payload | retained | overhead | overhead after updates | left after deleting all |");
  log("|---|---|---|---|---|---|");
  for (const [k, m] of Object.entries(memory)) log(`| ${k} | ${m.payloadBytesPerObject} | ${m.retainedBytesPerObject} | ${m.overheadBytesPerObject} | ${m.overheadAfterUpdates} | ${m.afterDeleteAllBytesPerObject} |`);
  const w1 = table.W1;
  output.engine = {
    events: w1.ours.events,
    ours_events_per_s: Math.round(w1.ours.median),
    ours_delta_fifo_events_per_s: Math.round(w1["ours-delta"].median),
    client_node_events_per_s: Math.round(w1["client-node"].median),
    ours_events_per_cpu_s: Math.round(w1.ours.perCpuS),
    client_node_events_per_cpu_s: Math.round(w1["client-node"].perCpuS),
    map_loop_events_per_s: Math.round(w1.map.median),
    floor_events_per_s: Math.round(w1.floor.median),
    ours_bytes_per_object: memory["ours@10000"].overheadBytesPerObject,
  };
}

if (wantUi) {
  log("\nUI (headless Chromium)…");
  const { measureUi } = await import("./ui.mjs");
  const ui = await measureUi(log);
  output.ui = ui;
  log("| UI metric | value | budget |");
  log("|---|---|---|");
  log(`| initial JS of the first screen (gzip) | ${ui.initial_js_gzip_kb} KB | ≤ 250 KB |`);
  log(`| Run → first frame (200-event scenario; measured at ${ui.run_to_first_frame_events}) | ${ui.run_to_first_frame_ms} ms | ≤ 300 ms |`);
  log(`| one step rendered with 1,000 keys queued (measured at ${ui.step_render_keys_range.join("–")}) | ${ui.step_render_ms_1000_keys} ms | ≤ 16 ms |`);
  log(`| replay of a 10,000-event trace (measured at ${ui.replay_events}) | ${ui.replay_10k_ms} ms | ≤ 1000 ms |`);
}

if (wantWire) {
  const { measureWire } = await import("./wire/run-wire.mjs");
  output.wire = await measureWire(log, Math.min(reps, 3));
}

if (wantLive) {
  const { measureLive } = await import("./live/run-live.mjs");
  output.live = await measureLive(log);
}

if (args.has("--json")) console.log(JSON.stringify(output));
