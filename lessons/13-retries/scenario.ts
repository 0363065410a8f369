import type { ConfigMap, Pod, Scenario } from "../../src/index.js";

const pod = (name: string): Pod => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { namespace: "shop", name, labels: { app: "shop" } },
  spec: { containers: [{ name: "main", image: "shop:1" }] },
});
const billing = (plan: string): ConfigMap => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { namespace: "shop", name: "billing" },
  data: { plan },
});
const names = Array.from({ length: 20 }, (_, i) => `shop-${String(i + 1).padStart(2, "0")}`);

// 20 pods fail until `billing` exists (3 s): per-item backoff plus the shared bucket.
// Later `billing` disappears again and three pods change: after forget, their backoff starts over.
const scenario: Scenario = {
  seed: 13,
  durationMs: 20_000,
  initial: names.map((name) => ({ resource: "pods", object: pod(name) })),
  timeline: [
    { at: 3_000, op: "create", resource: "configmaps", object: billing("basic") },
    { at: 12_000, op: "delete", resource: "configmaps", namespace: "shop", name: "billing" },
    { at: 12_100, op: "label", resource: "pods", namespace: "shop", name: "shop-01", labels: { tier: "gold" } },
    { at: 12_100, op: "label", resource: "pods", namespace: "shop", name: "shop-02", labels: { tier: "gold" } },
    { at: 12_100, op: "label", resource: "pods", namespace: "shop", name: "shop-03", labels: { tier: "gold" } },
    { at: 13_000, op: "create", resource: "configmaps", object: billing("gold") },
  ],
};

export default scenario;
