// (a) Our SharedIndexInformer — the same class the lessons use, configured by options only — fed by a
// replay ListerWatcher: list() answers with the pre-built list, watch() delivers the pre-built events in
// scheduled chunks of 1,024 (replies always arrive from scheduler tasks, as API.md requires). No RV
// assignment, cloning or selector work: this isolates Reflector → FIFO → Indexer → processor →
// listener → handler. Like-for-like: namespace index only, no resync, one counting handler.
// opts.fifo / opts.batchProcess choose the queue ("delta" = classic DeltaFIFO; "realAtomic" + batch =
// client-go 1.36's defaults). `--full` (opts.full): an extra index, 30 s resync and 4 handlers.
// opts.warmup (default 0): untimed runs on fresh informers first, so the timed run sees optimized code.
import { prepare, startClock, warmThenReport } from "./common.mjs";
import { verify } from "../lib/workload.mjs";

const engine = await import(new URL("../.build/engine.mjs", import.meta.url).href);
const { Scheduler, SharedIndexInformer, NamespaceIndex, metaNamespaceIndexFunc } = engine;
const { workload, opts, data } = prepare();
const full = opts.full === true;
const handlers = full ? 4 : (opts.handlers ?? 1);
const CHUNK = 1024;
const ERROR_410 = { type: "ERROR", object: { kind: "Status", apiVersion: "v1", status: "Failure", code: 410, reason: "Expired", message: "too old resource version" } };

function once() {
  const scheduler = new Scheduler({ seed: 1 });
  let lists = 0;
  let sink;
  const lw = {
    list(_options, done) {
      lists++;
      const reply = lists === 1
        ? { apiVersion: "v1", kind: "PodList", items: data.list, metadata: { resourceVersion: data.listRV } }
        : { apiVersion: "v1", kind: "PodList", items: data.relist.items, metadata: { resourceVersion: data.relist.resourceVersion } };
      scheduler.setTimeout(() => done(undefined, reply), 0);
    },
    watch(_options, s) {
      sink = s;
      return { stop() { if (sink === s) sink = undefined; } };
    },
  };
  // One chunk per scheduler task, the next one queued behind whatever the chunk woke up (the informer's
  // processing task): the informer drains between chunks, as client-node's microtasks drain every ~1k events.
  function push(events) {
    const deliver = (start) => {
      const s = sink;
      const end = Math.min(events.length, start + CHUNK);
      for (let i = start; i < end; i++) s.onEvent(events[i]);
      if (end < events.length) scheduler.setTimeout(() => deliver(end), 0);
    };
    scheduler.setTimeout(() => deliver(0), 0);
  }

  const indexers = { [NamespaceIndex]: metaNamespaceIndexFunc };
  if (full) indexers.byNode = (obj) => [obj.spec?.nodeName ?? ""];
  const informer = new SharedIndexInformer(lw, {
    scheduler, indexers, resyncPeriodMs: full ? 30_000 : 0,
    ...(opts.fifo ? { fifo: opts.fifo } : {}), ...(opts.batchProcess ? { batchProcess: true } : {}),
  });
  const counts = { adds: 0, updates: 0, deletes: 0 };
  let syncUpdates = 0;
  for (let h = 0; h < handlers; h++) {
    const first = h === 0;
    informer.addEventHandler({
      addFunc() { if (first) counts.adds++; },
      // Counts like client-node's handler, without reading the objects (its handler reads none). Our
      // informer delivers a relist's unchanged objects as same-RV updates, which client-node suppresses;
      // the generator hands an unchanged relist item over as the very object already cached, so
      // "same object" is "same RV" here, and verify() still checks every count and the final cache.
      updateFunc(oldObj, newObj) {
        if (!first) return;
        if (oldObj === newObj) syncUpdates++; else counts.updates++;
      },
      deleteFunc() { if (first) counts.deletes++; },
    });
  }
  const total = () => counts.adds + counts.updates + counts.deletes;
  function runUntil(target, what) {
    let guard = 0;
    while (total() < target) {
      scheduler.flush();
      if (total() >= target) break;
      if (!scheduler.step()) throw new Error(`${what}: scheduler idle at ${total()} of ${target} notifications`);
      if (++guard > 10_000_000) throw new Error(`${what}: no progress`);
    }
    scheduler.flush();
  }

  const stop = new AbortController();
  const t0 = performance.now();
  informer.run(stop.signal);
  runUntil(data.list.length, "initial list");
  while (sink === undefined) { if (!scheduler.step()) throw new Error("no watch opened"); }
  const t1 = performance.now();
  const stopClock = startClock();
  let work;
  if (data.relist) {
    const s = sink;
    s.onEvent(ERROR_410);
    if (sink === s) s.onClose();
    runUntil(data.expected.adds + data.expected.updates + data.expected.deletes, "relist");
    work = data.relist.items.length;
  } else {
    push(data.events);
    runUntil(data.expected.adds + data.expected.updates + data.expected.deletes, "watch");
    work = data.events.length;
  }
  const timed = stopClock(work);
  const problems = verify(data.expected, informer.getStore().list(), counts);
  stop.abort();
  return { initialSyncMs: t1 - t0, ...timed, problems, syncUpdates };
}

const name = full ? "ours-full" : opts.fifo && opts.fifo !== "delta" ? `ours-${opts.fifo}${opts.batchProcess ? "+batch" : ""}` : "ours";
await warmThenReport(opts, once, { contender: name, workload, handlers });
