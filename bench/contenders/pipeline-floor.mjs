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

const { workload, opts, data } = prepare();
const CHUNK = 1024;

function once() {
  let items = new Map();
  const counts = { adds: 0, updates: 0, deletes: 0 };
  const handler = {
    add() { counts.adds++; },
    update(oldObj, newObj) { if (oldObj !== newObj) counts.updates++; },
    delete() { counts.deletes++; },
  };
  let lastRV = "";
  let queue = [];       // [type, obj, key] packed
  let head = 0;
  const buffer = [];    // [kind, obj, old] packed
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
        if (type === "DELETED") { items.delete(key); buffer.push(2, o, undefined); continue; }
        items.set(key, o);
        if (old === undefined) buffer.push(0, o, undefined);
        else buffer.push(old.metadata.resourceVersion === o.metadata.resourceVersion ? 3 : 1, o, old);
      }
      for (let i = head; i < end; i++) queue[i] = undefined;
      head = end;
      drainListener();
    }
    queue = []; head = 0;
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
    for (const [key, old] of items) if (!fresh.has(key)) buffer.push(2, { key, obj: old }, undefined);
    items = fresh;
    for (let i = 0; i < list.length; i++) {
      const o = list[i], old = olds[i];
      if (old === undefined) buffer.push(0, o, undefined);
      else buffer.push(old.metadata.resourceVersion === o.metadata.resourceVersion ? 3 : 1, o, old);
    }
  };

  const t0 = performance.now();
  for (const obj of data.list) { const m = obj.metadata; items.set(m.namespace + "/" + m.name, obj); counts.adds++; }
  const t1 = performance.now();
  const stopClock = startClock();
  if (data.relist) {
    relist(data.relist.items);
    drainListener();
    const timed = stopClock(data.relist.items.length);
    return { initialSyncMs: t1 - t0, ...timed, problems: verify(data.expected, items.values(), counts), lastRV };
  }
  const events = data.events;
  for (let start = 0; start < events.length; start += CHUNK) {
    const end = Math.min(events.length, start + CHUNK);
    for (let i = start; i < end; i++) onEvent(events[i]);
    processQueue();
  }
  const timed = stopClock(events.length);
  const problems = verify(data.expected, items.values(), counts);
  return { initialSyncMs: t1 - t0, ...timed, problems, lastRV };
}

await warmThenReport(opts, once, { contender: "floor", workload });
