import type { Pod, Scenario, TimedOp } from "../../src/index.js";
import { APPS, withVariants } from "../_lib/vary.js";

const pod = (name: string): Pod => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { namespace: "default", name, labels: { app: "web" } },
  spec: { containers: [{ name: "main", image: "web:1.0" }] },
});

// Twenty pods, one every 100 ms from t = 1 s, while handler #0 takes 500 ms per notification.
const creates: TimedOp[] = Array.from({ length: 20 }, (_, i) => ({
  at: 1_000 + i * 100,
  op: "create" as const,
  resource: "pods",
  object: pod(`burst-${String(i + 1).padStart(2, "0")}`),
}));

const base: Scenario = {
  seed: 11,
  durationMs: 30_000, // room for the slow audit to catch up even after a learner's relist
  initial: [
    { resource: "pods", object: pod("web-1") },
    { resource: "pods", object: pod("web-2") },
    { resource: "pods", object: pod("web-3") },
  ],
  timeline: [{ at: 0, op: "slowHandler", handler: 0, delayMs: 500 }, ...creates],
};

// Other seeds: another burst (12–25 pods under another name, 60–120 ms apart) and a slower or faster
// audit (400–700 ms); the dashboard must still follow each pod within 200 ms.
const scenario = withVariants(base, 3, (r) => {
  const app = r.pick(APPS.filter((a) => a !== "web"));
  const count = r.int(12, 25);
  const gap = r.int(60, 120);
  return {
    timeline: [
      { at: 0, op: "slowHandler", handler: 0, delayMs: r.int(400, 700) },
      ...Array.from({ length: count }, (_, i): TimedOp => ({
        at: 1_000 + i * gap, op: "create", resource: "pods", object: pod(`${app}-${String(i + 1).padStart(2, "0")}`),
      })),
    ],
  };
});
export default scenario;
