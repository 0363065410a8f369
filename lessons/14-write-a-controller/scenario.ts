import type { Pod, ReplicaSet, Scenario, TimedOp } from "../../src/index.js";

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

const scenario: Scenario = {
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

export default scenario;
