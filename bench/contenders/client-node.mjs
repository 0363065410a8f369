// (b) @kubernetes/client-node 1.4.0 ListWatch driven through a duck-typed fake Watch (as its own cache_test
// does): listFn returns the pre-built list, the fake's callback is driven with the pre-built events, and a
// resolved promise is awaited every 1,000 events and at the end so its async watchHandler drains.
// opts.warmup (default 0): untimed runs on fresh ListWatches first, as for the other contenders.
import { ListWatch } from "@kubernetes/client-node";
import { prepare, startClock, warmThenReport } from "./common.mjs";
import { verify } from "../lib/workload.mjs";

const { workload, opts, data } = prepare();
const handlers = opts.handlers ?? 1;

async function once() {
  const counts = { adds: 0, updates: 0, deletes: 0 };
  let lists = 0;
  const fake = {
    cb: undefined, done: undefined,
    watch(_path, _qp, cb, done) { this.cb = cb; this.done = done; return Promise.resolve(new AbortController()); },
  };
  const listFn = async () => {
    lists++;
    if (lists === 1) return { metadata: { resourceVersion: data.listRV }, items: data.list };
    return { metadata: { resourceVersion: data.relist.resourceVersion }, items: data.relist.items };
  };
  const lw = new ListWatch("/api/v1/namespaces/bench/pods", fake, listFn, false);
  for (let h = 0; h < handlers; h++) {
    const first = h === 0;
    lw.on("add", () => { if (first) counts.adds++; });
    lw.on("update", () => { if (first) counts.updates++; });
    lw.on("delete", () => { if (first) counts.deletes++; });
  }
  const t0 = performance.now();
  await lw.start();
  const t1 = performance.now();
  const stopClock = startClock();
  let work = 0;
  if (data.relist) {
    await fake.done({ code: 410 });
    work = data.relist.items.length;
  } else {
    const events = data.events;
    for (let i = 0; i < events.length; i++) {
      fake.cb(events[i].type, events[i].object);
      if ((i & 1023) === 1023) await Promise.resolve();
    }
    await Promise.resolve();
    await new Promise((r) => setImmediate(r));
    work = events.length;
  }
  const timed = stopClock(work);
  const problems = verify(data.expected, lw.list(), counts);
  await lw.stop();
  return { initialSyncMs: t1 - t0, ...timed, problems };
}

await warmThenReport(opts, once, { contender: "client-node", workload, handlers });
