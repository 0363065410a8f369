import type { Pod, Scenario } from "../../src/index.js";
import { renamePods, withVariants } from "../_lib/vary.js";

const pod = (name: string): Pod => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { namespace: "default", name, labels: { app: "web" } },
  spec: { containers: [{ name: "main", image: "web:1" }] },
});

// A partition hides a delete, a create and a relabel; compaction turns the re-watch into 410 ⇒ relist.
const base: Scenario = {
  seed: 16,
  durationMs: 12_000,
  initial: ["web-1", "web-2", "web-3", "web-4", "web-5"].map((name) => ({ resource: "pods", object: pod(name) })),
  timeline: [
    { at: 1_000, op: "label", resource: "pods", namespace: "default", name: "web-1", labels: { rev: "2" } },
    { at: 1_010, op: "label", resource: "pods", namespace: "default", name: "web-1", labels: { rev: "3" } },
    { at: 2_000, op: "fault", fault: "partition" },
    { at: 2_200, op: "delete", resource: "pods", namespace: "default", name: "web-2" },
    { at: 2_300, op: "create", resource: "pods", object: pod("web-6") },
    { at: 2_400, op: "label", resource: "pods", namespace: "default", name: "web-3", labels: { rev: "2" } },
    { at: 2_500, op: "fault", fault: "compact" },
    { at: 3_000, op: "fault", fault: "heal" },
    // Long after the relist, one delete the watch sees: a real object, not a tombstone.
    { at: 9_000, op: "delete", resource: "pods", namespace: "default", name: "web-4" },
  ],
};

// Other seeds: the same outage with other pod names, and the watched delete at another moment (8–10 s).
const scenario = withVariants(base, 3, (r) => {
  const renamed = renamePods(base, r);
  const at = r.int(80, 100) * 100;
  return { ...renamed, timeline: renamed.timeline.map((op) => (op.op === "delete" && op.at === 9_000 ? { ...op, at } : op)) };
});
export default scenario;
