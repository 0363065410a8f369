// Tier 0 physical limit L0a: Map.set/delete keyed by ns/name over the same pre-built events.
// opts.warmup (default 0): untimed runs on fresh maps first, as for the other contenders.
import { prepare, startClock, warmThenReport } from "./common.mjs";
import { verify } from "../lib/workload.mjs";

const { workload, opts, data } = prepare();

function once() {
  const map = new Map();
  const counts = { adds: 0, updates: 0, deletes: 0 };
  const t0 = performance.now();
  for (const obj of data.list) { map.set(`${obj.metadata.namespace}/${obj.metadata.name}`, obj); counts.adds++; }
  const t1 = performance.now();
  const stopClock = startClock();
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
  const timed = stopClock(data.events.length || data.relist?.items.length || 0);
  const problems = verify(data.expected, map.values(), counts);
  return { initialSyncMs: t1 - t0, ...timed, problems };
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

await warmThenReport(opts, once, { contender: "map", workload });
