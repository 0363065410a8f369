/**
 * Lesson 08 — resync. Two pods at the start; web-1 really changes at 2.5 s (a label; on seeds 9 and 11 it is
 * scheduled to a node instead); web-3 is created at 6.5 s.
 * The learner's factory uses a 10 s default resync and a second handler asks for 500 ms (raised to
 * 1 s, which lowers the check period to 1 s): the resync timer fires every second until 12.5 s.
 */
import type { Scenario } from "../../src/index.js";
import { pod } from "../_lib/objects.js";
import { renamePods, withVariants } from "../_lib/vary.js";

const base: Scenario = {
  seed: 8,
  durationMs: 12_500,
  server: { bookmarkIntervalMs: 120_000 },
  initial: [
    { resource: "pods", object: pod("web-1") },
    { resource: "pods", object: pod("web-2") },
  ],
  timeline: [
    { at: 2_500, op: "label", resource: "pods", namespace: "default", name: "web-1", labels: { version: "v2" } },
    { at: 6_500, op: "create", resource: "pods", object: pod("web-3") },
  ],
};
// Other seeds: the same story with other pod names (a program that prints fixed names fails there).
// On seeds 9 and 11 the real change is a scheduling (`bind`: spec.nodeName set, labels untouched), so a
// handler A that tests "did the labels change?" instead of the resourceVersion misses it there.
const scenario = withVariants(base, 3, (r, _seed, i) => {
  const renamed = renamePods(base, r);
  if (i === 2) return renamed;
  return {
    ...renamed,
    timeline: renamed.timeline.map((op) => op.op === "label"
      ? { at: op.at, op: "bind" as const, namespace: "default", name: op.name, node: r.pick(["node-a", "node-b"]) }
      : op),
  };
});
export default scenario;
