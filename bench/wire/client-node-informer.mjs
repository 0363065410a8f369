// Wire bench client (child process): @kubernetes/client-node 1.4.0 makeInformer against the bench server,
// its listFn listing at `startRV` (Exact) so its watch replays the same M-event stream as ours. Reports one
// JSON line like ours-informer.ts.
import * as k8s from "@kubernetes/client-node";

const [url, startRV, eventsText, podsText] = process.argv.slice(2);
const events = Number(eventsText);
const pods = Number(podsText);
const kc = new k8s.KubeConfig();
kc.loadFromOptions({
  clusters: [{ name: "b", server: url, skipTLSVerify: true }],
  users: [{ name: "b" }], contexts: [{ name: "b", cluster: "b", user: "b" }], currentContext: "b",
});
const core = kc.makeApiClient(k8s.CoreV1Api);
const informer = k8s.makeInformer(kc, "/api/v1/namespaces/bench/pods",
  () => core.listNamespacedPod({ namespace: "bench", resourceVersion: startRV, resourceVersionMatch: "Exact" }));
let adds = 0;
let updates = 0;
const t0 = performance.now();
const done = new Promise((resolve) => {
  informer.on("add", () => { adds++; });
  informer.on("update", () => { if (++updates === events) resolve(performance.now()); });
});
informer.on("error", () => undefined);
await informer.start();
const tSync = performance.now();
const t1 = await done;
const problems = [];
if (adds !== pods) problems.push(`adds ${adds} != ${pods}`);
if (informer.list("bench").length !== pods) problems.push(`cache ${informer.list("bench").length} != ${pods}`);
console.log(JSON.stringify({ contender: "client-node", events, eventsPerS: events / ((t1 - t0) / 1000), totalMs: t1 - t0, initialSyncMs: tSync - t0, problems }));
await informer.stop().catch(() => undefined);
process.exit(0);
