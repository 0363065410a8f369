import type { Scenario } from "../../src/index.js";
import { appliedPod as pod } from "../_lib/applied-pod.js";
import { withVariants } from "../_lib/vary.js";

const base: Scenario = {
  seed: 15,
  durationMs: 10_000,
  initial: [
    { resource: "pods", object: pod("fe-1", "frontend", { monitor: "true" }) },
    { resource: "pods", object: pod("fe-2", "frontend") },
    { resource: "pods", object: pod("be-1", "backend") },
    { resource: "pods", object: pod("be-2", "backend", { monitor: "true" }) },
  ],
  timeline: [
    { at: 1_000, op: "label", resource: "pods", namespace: "default", name: "fe-1", labels: { tier: "backend" } },
    { at: 1_500, op: "label", resource: "pods", namespace: "default", name: "be-2", labels: { tier: "frontend" } },
    { at: 2_000, op: "label", resource: "pods", namespace: "default", name: "fe-2", labels: { monitor: "true" } },
    { at: 2_500, op: "create", resource: "pods", object: pod("fe-3", "frontend") },
    { at: 3_000, op: "label", resource: "pods", namespace: "default", name: "fe-3", labels: { monitor: "true" } },
    { at: 3_200, op: "label", resource: "pods", namespace: "default", name: "fe-3", labels: { monitor: null } },
    // fe-2 is deleted while the informer is cut off: after the relist it arrives as a tombstone.
    { at: 3_400, op: "fault", fault: "partition" },
    { at: 3_500, op: "delete", resource: "pods", namespace: "default", name: "fe-2" },
    { at: 3_600, op: "fault", fault: "compact" },
    { at: 4_000, op: "fault", fault: "heal" },
  ],
};

// Other seeds: more frontend and backend pods (some monitored), and the timeline shifted in time.
const scenario = withVariants(base, 3, (r) => {
  const shift = r.int(0, 400);
  const extra = Array.from({ length: r.int(1, 4) }, (_, i) =>
    ({ resource: "pods", object: pod(i % 2 === 0 ? `fe-${i + 4}` : `be-${i + 3}`, i % 2 === 0 ? "frontend" : "backend",
      r.next() < 0.5 ? { monitor: "true" } : {}) }));
  return {
    initial: [...base.initial, ...extra],
    timeline: base.timeline.map((op) => ({ ...op, at: op.at + shift })),
  };
});
export default scenario;
