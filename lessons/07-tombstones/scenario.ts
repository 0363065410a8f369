/**
 * Lesson 07 — tombstones. web-1 is deleted while the informer watches; web-2 is deleted during a
 * partition and the history is compacted, so after the heal the re-watch gets 410, the relist no
 * longer lists web-2 and the DeltaFIFO's Replace queues a DeletedFinalStateUnknown for it; web-3 is
 * deleted normally at 20 s.
 */
import type { Scenario } from "../../src/index.js";
import { pod } from "../_lib/objects.js";
import { renamePods, withVariants } from "../_lib/vary.js";

const base: Scenario = {
  seed: 7,
  durationMs: 25_000,
  server: { bookmarkIntervalMs: 120_000 },
  initial: [
    { resource: "pods", object: pod("web-1") },
    { resource: "pods", object: pod("web-2") },
    { resource: "pods", object: pod("web-3") },
  ],
  timeline: [
    { at: 2_000, op: "delete", resource: "pods", namespace: "default", name: "web-1" },
    { at: 4_000, op: "fault", fault: "partition" },
    { at: 4_500, op: "delete", resource: "pods", namespace: "default", name: "web-2" },
    { at: 5_000, op: "fault", fault: "compact" },
    { at: 6_000, op: "fault", fault: "heal" },
    { at: 20_000, op: "delete", resource: "pods", namespace: "default", name: "web-3" },
  ],
};
// Other seeds: the same story with other pod names (a program that prints fixed names fails there).
const scenario = withVariants(base, 5, (r) => renamePods(base, r));
export default scenario;
