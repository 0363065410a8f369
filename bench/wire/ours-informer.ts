// Wire bench client (child process): our SharedIndexInformer (client-go 1.36 defaults: RealFIFO atomic +
// batch processing) over HttpListerWatcher against the bench server, listing at `startRV` (Exact) and
// watching the M-event stream from there. Reports one JSON line: events/s from the first list request to
// the M-th handler notification (JSON parsing included), and the final cache size.
import { HttpListerWatcher } from "../../src/cache/http-lister-watcher.js";
import { SharedIndexInformer } from "../../src/cache/shared-informer.js";
import type { ListerWatcher } from "../../src/cache/listwatch.js";
import { RESOURCES } from "../../src/apiserver/resources.js";
import { Scheduler } from "../../src/sim/scheduler.js";
import { RealTimeDriver } from "../../src/sim/real-time-driver.js";
import type { KubeObject } from "../../src/types.js";

const [url, startRV, eventsText, podsText] = process.argv.slice(2) as [string, string, string, string];
const events = Number(eventsText);
const pods = Number(podsText);
const scheduler = new Scheduler({ seed: 1 });
const driver = new RealTimeDriver(scheduler, { now: () => Date.now(), setTimer: (f, ms) => setTimeout(f, ms), clearTimer: (h) => clearTimeout(h as NodeJS.Timeout) });
let pending = false;
const wake = (): void => { if (!pending) { pending = true; setImmediate(() => { pending = false; driver.sync(); }); } };
const http = new HttpListerWatcher<KubeObject>({
  baseUrl: url, resource: RESOURCES["pods"]!, namespace: "bench", scheduler,
  fetch: (u, init) => fetch(u, init), newTextDecoder: () => new TextDecoder(), wake,
});
// The same stream for every contender: the list is the snapshot at startRV, the watch replays from it.
const lw: ListerWatcher<KubeObject> = {
  list: (o, done) => http.list({ ...o, resourceVersion: startRV, resourceVersionMatch: "Exact", limit: 0 }, done),
  watch: (o, sink) => http.watch(o, sink),
};
const informer = new SharedIndexInformer<KubeObject>(lw, { scheduler, name: "pods", fifo: "realAtomic", batchProcess: true });
let adds = 0;
let updates = 0;
const t0 = performance.now();
let tSync = 0;
const done = new Promise<number>((resolve) => {
  informer.addEventHandler({
    onAdd: () => { adds++; },
    onUpdate: () => { if (++updates === events) resolve(performance.now()); },
    onDelete: () => undefined,
  });
});
const ac = new AbortController();
informer.run(ac.signal);
driver.sync();
const check = setInterval(() => { if (tSync === 0 && informer.hasSynced()) tSync = performance.now(); }, 1);
const t1 = await done;
clearInterval(check);
ac.abort();
driver.sync();
driver.stop();
const problems: string[] = [];
if (adds !== pods) problems.push(`adds ${adds} != ${pods}`);
if (informer.getStore().list().length !== pods) problems.push(`cache ${informer.getStore().list().length} != ${pods}`);
console.log(JSON.stringify({ contender: "ours", events, eventsPerS: events / ((t1 - t0) / 1000), totalMs: t1 - t0, initialSyncMs: tSync - t0, problems }));
process.exit(0);
