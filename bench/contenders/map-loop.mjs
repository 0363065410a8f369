// Tier 0 physical limit L0a: Map.set/delete keyed by ns/name over the same pre-built events.
// opts.warmup (default 0): untimed runs on fresh maps first, as for the other contenders.
import { prepare, report, gcMonitor, settle } from "./common.mjs";
import { verify } from "../lib/workload.mjs";

const { workload, opts, data } = prepare();

function once() {
  const map = new Map();
  const counts = { adds: 0, updates: 0, deletes: 0 };
  const t0 = performance.now();
  for (const obj of data.list) { map.set(`${obj.metadata.namespace}/${obj.metadata.name}`, obj); counts.adds++; }
  const t1 = performance.now();
  const c1 = process.cpuUsage();
  applyEvents(map, data.events, counts);
  if (data.relist) {
    const seen = new Set();
    for (const o of data.relist.items) {
      const key = `${o.metadata.namespace}/${o.metadata.name}`;
      seen.add(key);
      const old = map.get(key);
      if (old === undefined) counts.adds++; else if (old.metadata.resourceVersion !== o.metadata.resourceVersion) counts.updates++;
      map.set(key, o);
    }
    for (const key of [...map.keys()]) if (!seen.has(key)) { map.delete(key); counts.deletes++; }
  }
  const t2 = performance.now();
  const cpu = process.cpuUsage(c1);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const problems = verify(data.expected, map.values(), counts);
  const work = data.events.length || data.relist?.items.length || 0;
  return { initialSyncMs: t1 - t0, ms: t2 - t1, events: work, eventsPerS: work / ((t2 - t1) / 1000), cpuMs, eventsPerCpuS: work / (cpuMs / 1000), problems };
}

function applyEvents(map, events, counts) {
  for (let i = 0; i < events.length; i++) {
    const ev = events[i];
    const o = ev.object;
    const key = o.metadata.namespace + "/" + o.metadata.name;
    if (ev.type === "DELETED") { map.delete(key); counts.deletes++; }
    else { if (map.has(key)) counts.updates++; else counts.adds++; map.set(key, o); }
  }
}

for (let w = 0; w < (opts.warmup ?? 0); w++) once();
settle();
const gc = gcMonitor();
report({ contender: "map", workload, ...once(), ...(await gc()) });
