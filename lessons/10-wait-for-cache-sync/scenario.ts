import type { Pod, Scenario } from "../../src/index.js";

const pod = (namespace: string, name: string, app: string): { resource: string; object: Pod } => ({
  resource: "pods",
  object: {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { namespace, name, labels: { app } },
    spec: { containers: [{ name: "main", image: `${app}:1.0` }] },
  },
});

// Six pods before main() runs; a slow first handler (150 ms per notification) opens a visible gap
// between "informer synced" and "registration synced".
const scenario: Scenario = {
  seed: 10,
  durationMs: 4_000,
  server: { latencyMs: 100 },
  initial: [
    pod("default", "web-1", "web"),
    pod("default", "web-2", "web"),
    pod("default", "web-3", "web"),
    pod("shop", "cart-1", "cart"),
    pod("shop", "cart-2", "cart"),
    pod("shop", "checkout-1", "checkout"),
  ],
  timeline: [
    { at: 0, op: "slowHandler", handler: 0, delayMs: 150 },
    {
      at: 2_500, op: "create", resource: "pods",
      object: { apiVersion: "v1", kind: "Pod", metadata: { namespace: "default", name: "web-4", labels: { app: "web" } },
        spec: { containers: [{ name: "main", image: "web:1.0" }] } } as Pod,
    },
  ],
};

export default scenario;
