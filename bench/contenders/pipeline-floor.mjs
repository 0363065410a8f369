// The pipeline floor (Tier 0b, bench/run.mjs "floor"): client-go's three stages written as tightly as plain JS
// allows, with nothing else — no scheduler, no tracing, no options, no error handling, no index.
// Per watch event: the reflector reads the object's RV and builds its "ns/name" key, and the queue
// appends [type, object, key] (RealFIFO). Per delivered chunk of 1,024 events the queue is drained in
// batches of distinct keys (RealFIFO.PopBatch: a Set per batch); each entry swaps the cache (Map by key)
// and reads the old object's RV (isSameVersion), then appends a notification to the listener's buffer;
// the listener then calls the one counting handler for each notification (processorListener.run).
// W4 (a relist): the list is one atomic entry (RealFIFO ReplacedAll): each item's key and old object,
// a tombstone delete for every cached key the list lacks, the cache replaced, then add/update each item.
// If this floor is slower than client-node, no faithful pipeline can be faster.
import { prepare, startClock, warmThenReport } from "./common.mjs";
import { verify } from "../lib/workload.mjs";
import { countingListener, deliverInChunks } from "./floor-listener.mjs";

const { workload, opts, data } = prepare();

function once() {
  let items = new Map();
  const counts = { adds: 0, updates: 0, deletes: 0 };
  const listener = countingListener(counts);
  let lastRV = "";
  let queue = [];       // [type, obj, key] packed
  let head = 0;
  const batchKeys = new Set();

  const onEvent = (ev) => {
    const o = ev.object;
    const m = o.metadata;
    const key = m.namespace + "/" + m.name;
    key.charCodeAt(0);
    queue.push(ev.type, o, key);
    lastRV = m.resourceVersion;
  };
  const processQueue = () => {
    while (head < queue.length) {
      batchKeys.clear();
      let end = head;
      while (end < queue.length && end - head < 1000 * 3) {
        const before = batchKeys.size;
        batchKeys.add(queue[end + 2]);
        if (batchKeys.size === before) break;
        end += 3;
      }
      for (let i = head; i < end; i += 3) {
        const type = queue[i], o = queue[i + 1], key = queue[i + 2];
        const old = items.get(key);
        if (type === "DELETED") { items.delete(key); listener.notifyDelete(o); continue; }
        items.set(key, o);
        listener.notify(o, old);
      }
      for (let i = head; i < end; i++) queue[i] = undefined;
      head = end;
      listener.drain();
    }
    queue = []; head = 0;
  };

  const relist = (list) => {
    const fresh = new Map();
    const olds = new Array(list.length);
    const keys = new Array(list.length);
    for (let i = 0; i < list.length; i++) {
      const m = list[i].metadata;
      const key = m.namespace + "/" + m.name;
      keys[i] = key;
      olds[i] = items.get(key);
      fresh.set(key, list[i]);
    }
    for (const [key, old] of items) if (!fresh.has(key)) listener.notifyDelete({ key, obj: old });
    items = fresh;
    for (let i = 0; i < list.length; i++) listener.notify(list[i], olds[i]);
  };

  const t0 = performance.now();
  for (const obj of data.list) { const m = obj.metadata; items.set(m.namespace + "/" + m.name, obj); counts.adds++; }
  const t1 = performance.now();
  const stopClock = startClock();
  if (data.relist) {
    relist(data.relist.items);
    listener.drain();
    const timed = stopClock(data.relist.items.length);
    return { initialSyncMs: t1 - t0, ...timed, problems: verify(data.expected, items.values(), counts), lastRV };
  }
  deliverInChunks(data.events, onEvent, processQueue);
  const timed = stopClock(data.events.length);
  const problems = verify(data.expected, items.values(), counts);
  return { initialSyncMs: t1 - t0, ...timed, problems, lastRV };
}

await warmThenReport(opts, once, { contender: "floor", workload });
