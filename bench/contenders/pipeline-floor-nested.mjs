// The pipeline floor with client-node's cache layout (bench/instructions.mjs "floor-nested"): the same
// three bare stages as pipeline-floor.mjs, but nothing is keyed by a built "ns/name" string. The queue
// holds [type, object, namespace, name], a batch's distinct-key test is a Set of names per namespace, and
// the cache is Map<namespace, Map<name, object>>, as client-node's ListWatch holds it: the only string
// hashed per event is the short name the object came with. Watch-event workloads only (W1, W2, W3).
import { prepare, startClock, warmThenReport } from "./common.mjs";
import { verify } from "../lib/workload.mjs";
import { countingListener, deliverInChunks } from "./floor-listener.mjs";

const { workload, opts, data } = prepare();
const STRIDE = 4;

function once() {
  if (data.relist) throw new Error("floor-nested: watch-event workloads only (W4: pipeline-floor.mjs)");
  const byNamespace = new Map();
  const counts = { adds: 0, updates: 0, deletes: 0 };
  const listener = countingListener(counts);
  let lastRV = "";
  let queue = [];          // [type, obj, namespace, name] packed
  let head = 0;
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
        if (type === "DELETED") { cache.delete(name); listener.notifyDelete(o); continue; }
        cache.set(name, o);
        listener.notify(o, old);
      }
      for (let i = head; i < end; i++) queue[i] = undefined;
      head = end;
      listener.drain();
    }
    queue = [];
    head = 0;
  };

  const t0 = performance.now();
  for (const obj of data.list) { cacheOf(obj.metadata.namespace).set(obj.metadata.name, obj); counts.adds++; }
  const t1 = performance.now();
  const stopClock = startClock();
  deliverInChunks(data.events, onEvent, processQueue);
  const timed = stopClock(data.events.length);
  const cached = [];
  for (const names of byNamespace.values()) for (const obj of names.values()) cached.push(obj);
  return { initialSyncMs: t1 - t0, ...timed, problems: verify(data.expected, cached, counts), lastRV };
}

await warmThenReport(opts, once, { contender: "floor-nested", workload });
