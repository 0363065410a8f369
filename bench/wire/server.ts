// Wire bench server (child process): the playground cluster on a free loopback port, seeded with
// `--pods N` pods in namespace "bench" and then `--updates M` label updates cycling over them, all kept in
// the watch cache (capacity ≥ M), so clients can list at the RV before the updates (Exact) and watch the
// same M-event stream from there. Prints one JSON line {url, startRV, endRV}, then serves until killed.
import { startCluster } from "../../server/cluster-server.js";
import type { KubeObject } from "../../src/types.js";

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const pods = arg("--pods", 10_000);
const updates = arg("--updates", 0);
const cluster = await startCluster({ port: 0, server: { watchCacheCapacity: Math.max(1000, updates + pods + 10) }, maxInFlight: 10_000 });
const pod = (i: number): KubeObject => ({
  apiVersion: "v1", kind: "Pod",
  metadata: { name: `pod-${i}`, namespace: "bench", labels: { app: "bench", shard: String(i % 16) } },
  spec: { nodeName: `node-${i % 50}`, containers: [{ name: "app", image: "registry.example/app:1.0", ports: [{ containerPort: 8080 }] }] },
  status: { phase: "Running", podIP: `10.0.${(i >> 8) & 255}.${i & 255}` },
} as unknown as KubeObject);
for (let i = 0; i < pods; i++) cluster.api.create("pods", pod(i));
const startRV = cluster.api.currentResourceVersion();
for (let u = 0; u < updates; u++) {
  const i = u % pods;
  const cur = cluster.api.get<KubeObject>("pods", "bench", `pod-${i}`);
  cluster.api.update("pods", { ...cur, metadata: { ...cur.metadata, labels: { ...cur.metadata.labels, gen: String(u) } } });
}
cluster.ctx.driver.sync();
console.log(JSON.stringify({ url: cluster.url, startRV, endRV: cluster.api.currentResourceVersion() }));
process.on("SIGTERM", () => { void cluster.close().then(() => process.exit(0)); });
