/**
 * Lesson 02 — List then Watch. Three pods exist when the program starts. At 0 s, right after the first LIST
 * of pods is answered (TimedOp.afterFirstList: the program's own, when it lists before starting the
 * informer), a fourth pod is created: two lists at the same instant are two snapshots, and the
 * informer's is one write newer. Afterwards one create, one label change and one delete arrive through the WATCH, each
 * with a new resourceVersion; then a new pod is created under the deleted one's name (a WATCH add,
 * though its name was listed).
 */
import type { Scenario } from "../../src/index.js";
import { pod } from "../_lib/objects.js";
import { podNames, withVariants } from "../_lib/vary.js";

const base: Scenario = {
  seed: 2,
  durationMs: 14_000,
  server: { bookmarkIntervalMs: 60_000 },
  initial: [
    { resource: "pods", object: pod("web-1") },
    { resource: "pods", object: pod("web-2") },
    { resource: "pods", object: pod("db-1") },
  ],
  timeline: [
    // Between the two lists: right after the first LIST of pods is answered (the program's own).
    { at: 0, afterFirstList: true, op: "create", resource: "pods", object: pod("api-1") },
    { at: 4_000, op: "create", resource: "pods", object: pod("web-3") },
    { at: 7_000, op: "label", resource: "pods", namespace: "default", name: "web-1", labels: { version: "v2" } },
    { at: 10_000, op: "delete", resource: "pods", namespace: "default", name: "db-1" },
    // A new pod under a name the first list had: a WATCH add (a name is not an identity).
    { at: 12_000, op: "create", resource: "pods", object: pod("db-1") },
  ],
};
// Other seeds: other names and counts, and a slower server (so a fixed sleep is wrong somewhere).
const scenario = withVariants(base, 3, (r, _seed, i) => {
  const names = podNames(r, r.int(3, 5) + 2);
  const late = names.pop()!;
  const between = names.pop()!;
  const [relabelled, deleted] = r.shuffle(names);
  return {
    server: { bookmarkIntervalMs: 60_000, latencyMs: [30, 150, 260][i - 1]! },
    initial: names.map((n) => ({ resource: "pods", object: pod(n) })),
    timeline: [
      { at: 0, afterFirstList: true, op: "create", resource: "pods", object: pod(between) },
      { at: r.int(3_000, 5_000), op: "create", resource: "pods", object: pod(late) },
      { at: r.int(6_000, 8_000), op: "label", resource: "pods", namespace: "default", name: relabelled!, labels: { version: "v2" } },
      { at: r.int(9_000, 11_000), op: "delete", resource: "pods", namespace: "default", name: deleted! },
      { at: r.int(11_500, 12_500), op: "create", resource: "pods", object: pod(deleted!) },
    ],
  };
});
export default scenario;
