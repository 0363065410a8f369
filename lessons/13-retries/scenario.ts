import type { ConfigMap, Pod, Scenario } from "../../src/index.js";
import { withVariants } from "../_lib/vary.js";

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
const base: Scenario = {
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

// Other seeds: 15–25 pods, `billing` appears between 2 and 4 s with another plan, and other pods change
// after the second outage.
const scenario = withVariants(base, 3, (r) => {
  const podNames = Array.from({ length: r.int(15, 25) }, (_, i) => `shop-${String(i + 1).padStart(2, "0")}`);
  const changed = r.shuffle(podNames).slice(0, 3);
  return {
    initial: podNames.map((name) => ({ resource: "pods", object: pod(name) })),
    timeline: [
      { at: r.int(2_000, 4_000), op: "create", resource: "configmaps", object: billing(r.pick(["basic", "team", "pro"])) },
      { at: 12_000, op: "delete", resource: "configmaps", namespace: "shop", name: "billing" },
      ...changed.map((name) => ({ at: 12_100, op: "label" as const, resource: "pods", namespace: "shop", name, labels: { tier: "gold" } })),
      { at: 13_000, op: "create", resource: "configmaps", object: billing("gold") },
    ],
  };
});
export default scenario;
