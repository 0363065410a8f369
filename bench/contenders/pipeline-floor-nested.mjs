// The pipeline floor with client-node's cache layout (bench/instructions.mjs "floor-nested"): the same
// three bare stages as pipeline-floor.mjs, but nothing is keyed by a built "ns/name" string. The queue
// holds [type, object, namespace, name], a batch's distinct-key test is a Set of names per namespace, and
// the cache is Map<namespace, Map<name, object>>, as client-node's ListWatch holds it: the only string
// hashed per event is the short name the object came with. Watch-event workloads only (W1, W2, W3).
import { prepare, startClock, warmThenReport } from "./common.mjs";
import { verify } from "../lib/workload.mjs";

const { workload, opts, data } = prepare();
const CHUNK = 1024;
const STRIDE = 4;

function once() {
  if (data.relist) throw new Error("floor-nested: watch-event workloads only (W4: pipeline-floor.mjs)");
  const byNamespace = new Map();
  const counts = { adds: 0, updates: 0, deletes: 0 };
  const handler = {
    add() { counts.adds++; },
    update(oldObj, newObj) { if (oldObj !== newObj) counts.updates++; },
    delete() { counts.deletes++; },
  };
  let lastRV = "";
  let queue = [];          // [type, obj, namespace, name] packed
  let head = 0;
  const buffer = [];       // [kind, obj, old] packed
  const batchNames = new Map();   // namespace → names taken by the batch being cut
  const used = [];                // the sets of batchNames holding names

  const cacheOf = (ns) => {
    let names = byNamespace.get(ns);
    if (names === undefined) byNamespace.set(ns, names = new Map());
    return names;
  };
  const onEvent = (ev) => {
    const o = ev.object;
    const m = o.metadata;
    queue.push(ev.type, o, m.namespace, m.name);
    lastRV = m.resourceVersion;
  };
  const processQueue = () => {
    while (head < queue.length) {
      for (let u = 0; u < used.length; u++) used[u].clear();
      used.length = 0;
      let end = head;
      while (end < queue.length && end - head < 1000 * STRIDE) {
        const ns = queue[end + 2];
        let names = batchNames.get(ns);
        if (names === undefined) batchNames.set(ns, names = new Set());
        if (names.size === 0) used.push(names);
        const before = names.size;
        names.add(queue[end + 3]);
        if (names.size === before) break;
        end += STRIDE;
      }
      for (let i = head; i < end; i += STRIDE) {
        const type = queue[i], o = queue[i + 1], cache = cacheOf(queue[i + 2]), name = queue[i + 3];
        const old = cache.get(name);
        if (type === "DELETED") { cache.delete(name); buffer.push(2, o, undefined); continue; }
        cache.set(name, o);
        if (old === undefined) buffer.push(0, o, undefined);
        else buffer.push(old.metadata.resourceVersion === o.metadata.resourceVersion ? 3 : 1, o, old);
      }
      for (let i = head; i < end; i++) queue[i] = undefined;
      head = end;
      drainListener();
    }
    queue = [];
    head = 0;
  };
  const drainListener = () => {
    for (let i = 0; i < buffer.length; i += 3) {
      const kind = buffer[i];
      if (kind === 0) handler.add(buffer[i + 1]);
      else if (kind === 2) handler.delete(buffer[i + 1]);
      else handler.update(buffer[i + 2], buffer[i + 1]);
    }
    buffer.length = 0;
  };

  const t0 = performance.now();
  for (const obj of data.list) { cacheOf(obj.metadata.namespace).set(obj.metadata.name, obj); counts.adds++; }
  const t1 = performance.now();
  const stopClock = startClock();
  const events = data.events;
  for (let start = 0; start < events.length; start += CHUNK) {
    const end = Math.min(events.length, start + CHUNK);
    for (let i = start; i < end; i++) onEvent(events[i]);
    processQueue();
  }
  const timed = stopClock(events.length);
  const cached = [];
  for (const names of byNamespace.values()) for (const obj of names.values()) cached.push(obj);
  return { initialSyncMs: t1 - t0, ...timed, problems: verify(data.expected, cached, counts), lastRV };
}

await warmThenReport(opts, once, { contender: "floor-nested", workload });
