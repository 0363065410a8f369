// `node bench/instructions.mjs` — instructions per W1 watch event, counted by valgrind's cachegrind, for
// ours (client-go 1.36 defaults), ours with the DeltaFIFO, @kubernetes/client-node, the pipeline floor
// (contenders/pipeline-floor.mjs: client-go's three stages as bare JS; floor-nested: the same, keyed as client-node
// keys its cache) and the Map.set loop.
// Unlike events/s, an instruction count does not move with the machine's load: it is the firm measure
// when comparing two versions of the engine, or the engine with client-node.
// Each contender runs twice in its own process under valgrind, on the same generated W1 workload (same
// seed, same size, so generation and start-up cost the same), delivering the first K1 and then the
// first K2 watch events (opts.deliver): (instructions(K2) − instructions(K1)) / (K2 − K1) is what one
// more event costs once the code is warm. Every run's notification counts are checked.
// Flags: --k1 N (default 100000), --k2 N (default 200000), --only ours,client-node,… (default all six),
// --cache (simulate a 32 KiB D1 and a 1 MiB last level, L2-sized: data misses per event as well; slower),
// --jobs N (runs at once, default 2), --no-build (reuse bench/.build/engine.mjs), --by-function [N] (callgrind
// instead of cachegrind, node with --perf-basic-prof: each contender's N (default 25) costliest functions per
// event, JIT code named through V8's perf map; bench/lib/callgrind.mjs). Slow: each run takes about a
// minute under valgrind (two with --by-function).
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { attribute, readPerfMap, selfCosts } from "./lib/callgrind.mjs";
import { fileURLToPath } from "node:url";
import { buildEngine } from "./build-engine.mjs";

const argv = process.argv.slice(2);
const flag = (name, fallback) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : fallback; };
const k1 = Number(flag("--k1", "100000"));
const k2 = Number(flag("--k2", "200000"));
const cache = argv.includes("--cache");
const byFunction = argv.includes("--by-function");
const topN = Number(/^\d+$/.test(flag("--by-function", "")) ? flag("--by-function") : 25);
const modern = { fifo: "realAtomic", batchProcess: true };
const all = {
  ours: { script: "ours.mjs", opts: modern },
  "ours-delta": { script: "ours.mjs", opts: {} },
  "client-node": { script: "client-node.mjs", opts: {} },
  floor: { script: "pipeline-floor.mjs", opts: {} },
  "floor-nested": { script: "pipeline-floor-nested.mjs", opts: {} },
  map: { script: "map-loop.mjs", opts: {} },
};
const only = flag("--only", Object.keys(all).join(",")).split(",");
const here = (p) => fileURLToPath(new URL(p, import.meta.url));

/** One figure of valgrind's summary ("I refs", "D1  misses", "LLd misses"). */
function figure(stderrText, label) {
  const m = new RegExp(`${label}:\\s+([\\d,]+)`).exec(stderrText);
  if (!m) throw new Error(`no "${label}" in valgrind's output:\n${stderrText}`);
  return Number(m[1].replaceAll(",", ""));
}

/**
 * V8 flags that make a run's instruction count repeatable (±0.2 %): no background threads, a fixed hash
 * seed and GC schedule, and a heap large enough that no mark-compact runs (one full GC of the workload's
 * heap costs more instructions than 100k events). Both contenders get the same flags.
 */
const NODE_FLAGS = ["--predictable", "--predictable-gc-schedule", "--initial-old-space-size=3000",
                    "--min-semi-space-size=16", "--max-semi-space-size=16", "--no-memory-reducer", "--max-old-space-size=4096"];

/** Runs valgrind and resolves to its instruction count (valgrind reports on stderr, the child's JSON on stdout). */
function count(c, k) {
  const opts = JSON.stringify({ ...c.opts, deliver: k, m: k2 });
  const sim = cache ? ["--cache-sim=yes", `--D1=${32 * 1024},8,64`, `--LL=${1024 * 1024},16,64`] : ["--cache-sim=no"];
  const dir = byFunction ? mkdtempSync(join(tmpdir(), "callgrind-")) : "";
  const tool = byFunction
    ? ["--tool=callgrind", "--dump-instr=yes", "--compress-pos=no", "--compress-strings=no", `--callgrind-out-file=${dir}/out.%p`]
    : ["--tool=cachegrind", ...sim, "--cachegrind-out-file=/dev/null"];
  const args = [...tool, "--smc-check=all-non-file",
                process.execPath, ...NODE_FLAGS, ...(byFunction ? ["--perf-basic-prof"] : []), here(`./contenders/${c.script}`), "W1", opts];
  return new Promise((resolve, reject) => {
    const child = spawn("valgrind", args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "", stderr = "";
    child.stdout.on("data", (d) => { stdout += d; });
    child.stderr.on("data", (d) => { stderr += d; });
    child.on("close", (status) => {
      if (status !== 0) { reject(new Error(`valgrind ${c.script} ${opts} failed (${status}): ${stderr.slice(-2000)}`)); return; }
      const result = JSON.parse(stdout.trim().split("\n").at(-1));
      if (result.problems.length > 0) { reject(new Error(`${c.script} ${opts}: ${result.problems.join("; ")}`)); return; }
      if (byFunction) {
        const file = readdirSync(dir).find((f) => f.startsWith("out."));
        const pid = file.slice(4);
        const functions = attribute(selfCosts(readFileSync(join(dir, file), "utf8")), readPerfMap(`/tmp/perf-${pid}.map`));
        rmSync(dir, { recursive: true, force: true });
        rmSync(`/tmp/perf-${pid}.map`, { force: true });
        resolve({ ir: figure(stderr, "I\\s+refs"), functions });
        return;
      }
      resolve(cache ? { ir: figure(stderr, "I\\s+refs"), d1: figure(stderr, "D1\\s+misses"), ll: figure(stderr, "LLd misses") }
                    : { ir: figure(stderr, "I\\s+refs") });
    });
  });
}

/** Runs `jobs` (functions returning promises) `width` at a time, resolving to their results in order. */
async function pool(jobs, width) {
  const results = new Array(jobs.length);
  let next = 0;
  const worker = async () => { while (next < jobs.length) { const i = next++; results[i] = await jobs[i](); } };
  await Promise.all(Array.from({ length: Math.min(width, jobs.length) }, worker));
  return results;
}

if (!argv.includes("--no-build")) await buildEngine();
console.log(`instructions per W1 event (cachegrind), events ${k1} → ${k2} of a ${k2}-event workload`);
console.log(cache ? "| contender | instructions per event | D1 misses per event | LL misses per event |" : "| contender | instructions per event |");
console.log(cache ? "|---|---|---|---|" : "|---|---|");
const output = {};
for (const name of only) if (all[name] === undefined) throw new Error(`unknown contender ${name}`);
// instruction counts do not depend on load: the runs may share the cores
const irs = await pool(only.flatMap((name) => [() => count(all[name], k1), () => count(all[name], k2)]), Number(flag("--jobs", "2")));
const per = (a, b, f) => (b[f] - a[f]) / (k2 - k1);
only.forEach((name, i) => {
  const [a, b] = [irs[2 * i], irs[2 * i + 1]];
  output[name] = Math.round(per(a, b, "ir"));
  if (cache) {
    output[`${name}_d1_misses`] = Number(per(a, b, "d1").toFixed(1));
    output[`${name}_ll_misses`] = Number(per(a, b, "ll").toFixed(1));
  }
  console.log(cache ? `| ${name} | ${output[name].toLocaleString("en")} | ${output[`${name}_d1_misses`]} | ${output[`${name}_ll_misses`]} |`
                    : `| ${name} | ${output[name].toLocaleString("en")} |`);
});
if (byFunction) {
  only.forEach((name, i) => {
    const [a, b] = [irs[2 * i].functions, irs[2 * i + 1].functions];
    const rows = [...b].map(([fn, cost]) => [fn, (cost - (a.get(fn) ?? 0)) / (k2 - k1)]).sort((x, y) => y[1] - x[1]);
    console.log(`\n${name}: instructions per event by function (self cost; the ${topN} costliest of ${rows.length})`);
    console.log("| function | instructions per event |");
    console.log("|---|---|");
    for (const [fn, per] of rows.slice(0, topN)) console.log(`| ${fn.replaceAll("|", "\\|")} | ${per.toFixed(1)} |`);
    const rest = rows.slice(topN).reduce((sum, [, per]) => sum + per, 0);
    console.log(`| (the other ${rows.length - topN}) | ${rest.toFixed(1)} |`);
  });
}
if (output.ours !== undefined && output["client-node"] !== undefined) {
  console.log(`client-node / ours (instructions): ${(output["client-node"] / output.ours).toFixed(2)}×`);
}
console.log(JSON.stringify(output));
