/**
 * Lesson 18 — kubectl meets your informer. The simulated stand-in for the terminal session the lesson
 * shows against `npm run live` (the embedded cluster): `kubectl run` a pod, `kubectl label` it, `kubectl
 * delete` a scheduled pod (graceful: terminating first, gone when its grace period ends), then the watch
 * misses a write during a partition while history is compacted (the fault endpoint), so the re-watch gets
 * 410 Expired and the Reflector relists.
 */
import type { Scenario } from "../../src/scenario/index.js";
import { pod } from "../_lib/objects.js";
import { renamePods, withVariants } from "../_lib/vary.js";

const base: Scenario = {
  seed: 18,
  durationMs: 30_000,
  server: { bookmarkIntervalMs: 120_000 },
  initial: [
    { resource: "pods", object: pod("web-1", { nodeName: "node-1" }) },
    { resource: "pods", object: pod("web-2", { nodeName: "node-1" }) },
    { resource: "pods", object: pod("db-1", { nodeName: "node-1" }) },
  ],
  timeline: [
    { at: 2_000, op: "create", resource: "pods", object: pod("demo-1") },                    // kubectl run demo-1 --image=nginx
    { at: 4_000, op: "label", resource: "pods", namespace: "default", name: "demo-1", labels: { tier: "frontend" } }, // kubectl label pod demo-1 tier=frontend
    { at: 6_000, op: "delete", resource: "pods", namespace: "default", name: "web-1", gracePeriodSeconds: 2 }, // kubectl delete pod web-1 --grace-period=2
    { at: 10_000, op: "fault", fault: "partition" },                                          // curl -X POST …/faults/partition
    { at: 10_500, op: "label", resource: "pods", namespace: "default", name: "web-2", labels: { missed: "yes" } },
    { at: 11_000, op: "fault", fault: "compact" },                                            // curl -X POST …/faults/compact
    { at: 12_000, op: "fault", fault: "heal" },                                               // curl -X POST …/faults/heal
  ],
};
// Other seeds: the same session with other pod names.
const scenario = withVariants(base, 3, (r) => renamePods(base, r));
export default scenario;
