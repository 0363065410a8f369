import type { Pod, ReplicaSet, Scenario, TimedOp } from "../../src/index.js";
import { withVariants } from "../_lib/vary.js";

const replicaSet = (name: string, replicas: number): ReplicaSet => ({
  apiVersion: "apps/v1",
  kind: "ReplicaSet",
  metadata: { namespace: "default", name, labels: { app: name } },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: "main", image: `${name}:1` }] },
    },
  },
});
const pod = (name: string, app: string): Pod => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { namespace: "default", name, labels: { app } },
  spec: { containers: [{ name: "main", image: `${app}:1` }] },
});

/** Another client touching a label on `web` every 10 ms: the cache (20 ms behind) is always stale, status writes get 409. */
const touches = (from: number, count: number): TimedOp[] =>
  Array.from({ length: count }, (_, i) => ({
    at: from + i * 10,
    op: "label" as const,
    resource: "replicasets",
    namespace: "default",
    name: "web",
    labels: { touched: String(from + i * 10) },
  }));

const base: Scenario = {
  seed: 14,
  durationMs: 12_000,
  server: { latencyMs: 20 },
  initial: [
    { resource: "replicasets", object: replicaSet("web", 3) },
    { resource: "replicasets", object: replicaSet("api", 2) },
    { resource: "pods", object: pod("web-a", "web") },
    { resource: "pods", object: pod("web-b", "web") },
  ],
  timeline: [
    { at: 2_000, op: "delete", resource: "pods", namespace: "default", name: "web-a" },
    { at: 4_000, op: "apply", resource: "replicasets", object: replicaSet("web", 5) },
    ...touches(3_990, 15),
    { at: 7_000, op: "apply", resource: "replicasets", object: replicaSet("web", 2) },
    ...touches(6_990, 15),
  ],
};

// Other seeds: other replica counts (a scale up and a scale down of another size), `api` with one to
// three replicas, and the other client's touches at other moments.
const scenario = withVariants(base, 3, (r) => {
  const up = r.int(4, 6);
  const down = r.int(1, 3);
  const upAt = r.int(3_500, 4_500);
  const downAt = r.int(6_500, 7_500);
  return {
    initial: [
      { resource: "replicasets", object: replicaSet("web", r.int(2, 3)) },
      { resource: "replicasets", object: replicaSet("api", r.int(1, 3)) },
      { resource: "pods", object: pod("web-a", "web") },
      { resource: "pods", object: pod("web-b", "web") },
    ],
    timeline: [
      { at: r.int(1_500, 2_500), op: "delete", resource: "pods", namespace: "default", name: "web-a" },
      { at: upAt, op: "apply", resource: "replicasets", object: replicaSet("web", up) },
      ...touches(upAt - 10, 15),
      { at: downAt, op: "apply", resource: "replicasets", object: replicaSet("web", down) },
      ...touches(downAt - 10, 15),
    ],
  };
});
export default scenario;
