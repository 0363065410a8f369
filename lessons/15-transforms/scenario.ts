/**
 * Lesson 15b — transforms. Pods as kubectl leaves them (managedFields and a large last-applied
 * annotation, as in lesson 15a). fe-1 is relabelled (1 s: an update through the transform), fe-3 is
 * created (1.5 s); then the network partitions (2 s), fe-2 is deleted meanwhile (2.2 s) and history is
 * compacted, so after healing (3 s) the relist delivers fe-2 as a tombstone holding the last state the
 * cache had — the transformed one.
 */
import type { Scenario } from "../../src/index.js";
import { withVariants, podNames } from "../_lib/vary.js";
import { appliedPod as pod } from "../_lib/applied-pod.js";

const base: Scenario = {
  seed: 151,
  durationMs: 15_000,
  initial: [
    { resource: "pods", object: pod("fe-1", "frontend") },
    { resource: "pods", object: pod("fe-2", "frontend") },
    { resource: "pods", object: pod("be-1", "backend") },
  ],
  timeline: [
    { at: 1_000, op: "label", resource: "pods", namespace: "default", name: "fe-1", labels: { version: "2" } },
    { at: 1_500, op: "create", resource: "pods", object: pod("fe-3", "frontend") },
    // fe-2 is deleted while the informer is cut off: after the relist it arrives as a tombstone.
    { at: 2_000, op: "fault", fault: "partition" },
    { at: 2_200, op: "delete", resource: "pods", namespace: "default", name: "fe-2" },
    { at: 2_400, op: "fault", fault: "compact" },
    { at: 3_000, op: "fault", fault: "heal" },
  ],
};

// Other seeds: other names and tiers, one to three more pods, the story shifted in time.
const scenario = withVariants(base, 3, (r) => {
  const names = podNames(r, r.int(4, 6));
  const tiers = ["frontend", "backend", "cache", "batch"];
  const tierOf = new Map(names.map((n) => [n, r.pick(tiers)]));
  const [relabelled, deleted, created, ...rest] = names as [string, string, string, ...string[]];
  const shift = r.int(0, 500);
  return {
    initial: [relabelled, deleted, ...rest].map((n) => ({ resource: "pods", object: pod(n, tierOf.get(n)!) })),
    timeline: [
      { at: 1_000 + shift, op: "label", resource: "pods", namespace: "default", name: relabelled, labels: { version: "2" } },
      { at: 1_500 + shift, op: "create", resource: "pods", object: pod(created, tierOf.get(created)!) },
      { at: 2_000 + shift, op: "fault", fault: "partition" },
      { at: 2_200 + shift, op: "delete", resource: "pods", namespace: "default", name: deleted },
      { at: 2_400 + shift, op: "fault", fault: "compact" },
      { at: 3_000 + shift, op: "fault", fault: "heal" },
    ],
  };
});
export default scenario;
