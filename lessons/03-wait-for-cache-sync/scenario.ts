import type { Pod, Scenario } from "../../src/index.js";
import { podNames, withVariants } from "../_lib/vary.js";

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
const base: Scenario = {
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

// Other seeds: four to eight pods in two namespaces, a handler delay of 150–600 ms and the later pod
// created after everything has synced; a fixed sleep or a fixed count is wrong on some seed.
const scenario = withVariants(base, 3, (r, _seed, i) => {
  const names = podNames(r, r.int(4, 8) + 1);
  const late = names.pop()!;
  const delayMs = [600, 150, 400][i - 1]!;
  const createAt = 1_000 + names.length * delayMs;
  const app = (n: string) => n.replace(/-\d+$/, "");
  return {
    durationMs: createAt + 1_500,
    initial: names.map((n, k) => pod(k % 2 === 0 ? "default" : "shop", n, app(n))),
    timeline: [
      { at: 0, op: "slowHandler", handler: 0, delayMs },
      { at: createAt, op: "create", resource: "pods", object: pod("default", late, app(late)).object },
    ],
  };
});
export default scenario;
