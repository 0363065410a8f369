/**
 * Lesson 06 — event handlers. Bound pods, so deletes are graceful: web-2 is deleted at 5 s (update
 * with deletionTimestamp) and removed by the kubelet at 35 s; web-3 is force-deleted at 8 s (update,
 * then delete). During a short partition (12–14 s) web-5 is created and web-1 is deleted and
 * re-created with a new uid; history is compacted, so the re-watch gets 410 and the informer relists:
 * web-5 arrives as an add, web-1 as one update from the old uid to the new one.
 */
import type { Pod, Scenario } from "../../src/index.js";
import { pod } from "../_lib/objects.js";
import { renamePods, withVariants } from "../_lib/vary.js";

const base: Scenario = {
  seed: 6,
  durationMs: 40_000,
  server: { bookmarkIntervalMs: 120_000 },
  initial: [
    { resource: "pods", object: pod("web-1", { nodeName: "node-a" }) },
    { resource: "pods", object: pod("web-2", { nodeName: "node-a" }) },
    { resource: "pods", object: pod("web-3", { nodeName: "node-b" }) },
  ],
  timeline: [
    { at: 3_000, op: "create", resource: "pods", object: pod("web-4", { nodeName: "node-b" }) },
    { at: 5_000, op: "delete", resource: "pods", namespace: "default", name: "web-2" },
    { at: 8_000, op: "delete", resource: "pods", namespace: "default", name: "web-3", gracePeriodSeconds: 0 },
    { at: 12_000, op: "fault", fault: "partition" },
    { at: 12_500, op: "create", resource: "pods", object: pod("web-5", { nodeName: "node-a" }) },
    { at: 13_000, op: "delete", resource: "pods", namespace: "default", name: "web-1", gracePeriodSeconds: 0 },
    { at: 13_200, op: "create", resource: "pods", object: pod("web-1", { nodeName: "node-b" }) },
    { at: 13_500, op: "fault", fault: "compact" },
    { at: 14_000, op: "fault", fault: "heal" },
  ],
};
// Other seeds: the same story with other pod names (a program that prints fixed names fails there).
// Other seeds: other names, and on every other seed web-1 comes back on the node it left (a program
// that takes a node change for a re-creation misses it there: only metadata.uid tells).
const scenario = withVariants(base, 5, (r, _seed, i) => {
  const renamed = renamePods(base, r);
  if (i % 2 === 0) return renamed;
  const timeline = renamed.timeline.map((op) =>
    op.at === 13_200 && op.op === "create" ? { ...op, object: { ...op.object, spec: { ...(op.object as Pod).spec, nodeName: "node-a" } } } : op);
  return { ...renamed, timeline };
});
export default scenario;
