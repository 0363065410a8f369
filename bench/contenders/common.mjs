// Shared child-process plumbing: parse args, build the workload outside the timed region, report one JSON line.
import { PerformanceObserver } from "node:perf_hooks";
import { buildWorkload } from "../lib/workload.mjs";

export function readArgs() {
  const [workload = "W1", json = "{}"] = process.argv.slice(2);
  const opts = JSON.parse(json);
  return { workload, opts };
}

/** Rebuilds the prepared workload in place (the same seed: equal objects, all of them new). */
let freshen = () => {};

export function prepare() {
  const { workload, opts } = readArgs();
  const sizes = { W1: { n: 10_000, m: 200_000 }, W2: { n: 10_000, m: 200_000 }, W3: { n: 10_000, m: 200_000 }, W4: { n: 50_000, m: 0 }, W5: { n: 10_000, m: 200_000 } };
  const size = { ...sizes[workload === "W5" ? "W1" : workload], ...(opts.n ? { n: opts.n } : {}), ...(opts.m !== undefined ? { m: opts.m } : {}) };
  const build = () => {
    const built = buildWorkload(workload === "W5" ? "W1" : workload, { ...size, seed: opts.seed ?? 42 });
    if (opts.deliver !== undefined) deliverPrefix(built, opts.deliver);
    return built;
  };
  const data = build();
  freshen = () => Object.assign(data, build());
  return { workload, opts, data };
}

/**
 * opts.deliver = k (bench/instructions.mjs): the same generated workload, but only its first k watch
 * events are delivered, so two runs differ only in how many events the contender handles. The expected
 * counts become the prefix's; the final cache is not checked (the generator only knows the full run's).
 */
function deliverPrefix(data, k) {
  if (data.relist !== undefined) throw new Error("deliver: only for watch-event workloads");
  data.events = data.events.slice(0, k);
  const expected = { adds: data.list.length, updates: 0, deletes: 0, final: undefined };
  // an indexed loop, optimized on stack after a few thousand events: the harness's own work for k
  // events must not count as the contender's (a for-of here ran unoptimized, ~150 instructions per event)
  const events = data.events;
  for (let i = 0; i < events.length; i++) {
    const type = events[i].type;
    if (type === "ADDED") expected.adds++;
    else if (type === "MODIFIED") expected.updates++;
    else expected.deletes++;
  }
  data.expected = expected;
}

export function gcMonitor() {
  let count = 0, ms = 0;
  const obs = new PerformanceObserver((list) => { for (const e of list.getEntries()) { count++; ms += e.duration; } });
  obs.observe({ entryTypes: ["gc"] });
  return async () => {
    await new Promise((r) => setImmediate(r));
    obs.disconnect();
    return { gcCount: count, gcMs: Math.round(ms) };
  };
}

/** Starts the timed region; the returned function ends it: wall and CPU time, and the rates for `work` events. */
export function startClock() {
  const t = performance.now();
  const c = process.cpuUsage();
  return (work) => {
    const ms = performance.now() - t;
    const cpu = process.cpuUsage(c);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    return { ms, events: work, eventsPerS: work / (ms / 1000), cpuMs, eventsPerCpuS: work / (cpuMs / 1000) };
  };
}

/**
 * Runs `once` opts.warmup times untimed (fresh caches each time), collects their garbage (with
 * --expose-gc), runs it once more and reports that run's result with `fields` and the GC it caused.
 * After a warm-up the timed run gets a freshly built workload (same seed, new objects): a watch
 * stream's objects are always new, and a string that went through a Map during the warm-up carries
 * its hash — a contender keyed by the objects' own strings (client-node: by name) would skip hashing
 * them, while one that builds its keys (ours: "namespace/name") could not.
 */
export async function warmThenReport(opts, once, fields) {
  for (let w = 0; w < (opts.warmup ?? 0); w++) await once();
  if ((opts.warmup ?? 0) > 0) freshen();
  if (typeof globalThis.gc === "function") { globalThis.gc(); globalThis.gc(); }
  const gc = gcMonitor();
  const result = await once();
  report({ ...fields, ...result, ...(await gc()) });
}

export function report(result) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
