// Memory procedure (spec/benchmark.md §4.5), run as `node --expose-gc bench/memory.mjs <contender> <n>`:
// H0 after constructing the cache; H1 after listing N objects (created after H0, referenced only by the
// cache); H2 after one update of every object (old versions must be collectable); H3 after deleting all.
// B = the same N objects held in a plain array. Reports (H1−H0)/N, the overhead (H1−H0−B)/N, and the
// same after updates and after deleting everything (leak check).
import { makePod, prng } from "./lib/workload.mjs";

const [contender = "ours", nArg = "10000"] = process.argv.slice(2);
const N = Number(nArg);
if (typeof globalThis.gc !== "function") throw new Error("run with --expose-gc");
const heap = () => { globalThis.gc(); globalThis.gc(); return process.memoryUsage().heapUsed; };
const deepCopy = (o) => JSON.parse(JSON.stringify(o));

function objects(seed, rvBase) {
  const random = prng(seed);
  const out = new Array(N);
  for (let i = 0; i < N; i++) out[i] = deepCopy(makePod(i, rvBase + i, random));
  return out;
}

// Payload baseline B.
let b0 = heap();
let hold = objects(7, 1000);
const B = heap() - b0;
hold = undefined;
b0 = undefined;

async function oursCache() {
  const engine = await import(new URL("./.build/engine.mjs", import.meta.url).href);
  const { Scheduler, SharedIndexInformer, NamespaceIndex, metaNamespaceIndexFunc } = engine;
  const scheduler = new Scheduler({ seed: 1 });
  let sink;
  let pending;
  const lw = {
    list(_o, done) { const items = pending; pending = undefined; scheduler.setTimeout(() => done(undefined, { apiVersion: "v1", kind: "PodList", items, metadata: { resourceVersion: "1" } }), 0); },
    watch(_o, s) { sink = s; return { stop() {} }; },
  };
  const informer = new SharedIndexInformer(lw, { scheduler, indexers: { [NamespaceIndex]: metaNamespaceIndexFunc }, resyncPeriodMs: 0 });
  let seen = 0;
  informer.addEventHandler({ addFunc() { seen++; }, updateFunc() { seen++; }, deleteFunc() { seen++; } });
  const stop = new AbortController();
  const drain = (target) => { while (seen < target) { scheduler.flush(); if (seen >= target) break; if (!scheduler.step()) throw new Error("idle"); } scheduler.flush(); };
  return {
    list(items) { pending = items; informer.run(stop.signal); drain(items.length); while (!sink) scheduler.step(); },
    apply(type, items) { const target = seen + items.length; for (const object of items) sink.onEvent({ type, object }); drain(target); },
    size() { return informer.getStore().listKeys().length; },
  };
}

async function clientNodeCache() {
  const { ListWatch } = await import("@kubernetes/client-node");
  let pending;
  const fake = { cb: undefined, watch(_p, _q, cb) { this.cb = cb; return Promise.resolve(new AbortController()); } };
  const lw = new ListWatch("/api/v1/namespaces/bench/pods", fake, async () => { const items = pending; pending = undefined; return { metadata: { resourceVersion: "1" }, items }; }, false);
  let seen = 0;
  lw.on("change", () => { seen++; });
  return {
    async list(items) { pending = items; await lw.start(); },
    async apply(type, items) { for (let i = 0; i < items.length; i++) { fake.cb(type, items[i]); if ((i & 1023) === 1023) await Promise.resolve(); } await new Promise((r) => setImmediate(r)); },
    size() { return lw.list().length; },
  };
}

async function mapCache() {
  const map = new Map();
  return {
    list(items) { for (const o of items) map.set(o.metadata.namespace + "/" + o.metadata.name, o); },
    apply(type, items) { for (const o of items) { const k = o.metadata.namespace + "/" + o.metadata.name; if (type === "DELETED") map.delete(k); else map.set(k, o); } },
    size() { return map.size; },
  };
}

const cache = contender === "ours" ? await oursCache() : contender === "client-node" ? await clientNodeCache() : await mapCache();
const H0 = heap();
await cache.list(objects(7, 1000));
const H1 = heap();
if (cache.size() !== N) throw new Error(`cache holds ${cache.size()} of ${N}`);
await cache.apply("MODIFIED", objects(8, 1000 + N));
const H2 = heap();
const gone = objects(8, 1000 + 2 * N);
await cache.apply("DELETED", gone);
gone.length = 0;
const H3 = heap();
if (cache.size() !== 0) throw new Error(`cache still holds ${cache.size()} objects after deleting all`);
const per = (x) => Math.round(x / N);
process.stdout.write(`${JSON.stringify({ contender, n: N, payloadBytesPerObject: per(B), retainedBytesPerObject: per(H1 - H0),
  overheadBytesPerObject: per(H1 - H0 - B), overheadAfterUpdates: per(H2 - H0 - B), afterDeleteAllBytesPerObject: per(H3 - H0) })}\n`);
