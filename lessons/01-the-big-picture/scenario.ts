/**
 * Lesson 01 — The big picture. Two pods exist before the informer starts (they arrive through the
 * LIST); then a pod is created, one is relabelled (an update) and one is deleted (an unbound pod: the
 * server sends MODIFIED with a deletionTimestamp, then DELETED). Every part of the pipeline runs once.
 */
import type { Scenario } from "../../src/index.js";
import { pod } from "../_lib/objects.js";
import { podNames, withVariants } from "../_lib/vary.js";

const base: Scenario = {
  seed: 1,
  durationMs: 12_000,
  initial: [
    { resource: "pods", object: pod("web-1") },
    { resource: "pods", object: pod("web-2") },
  ],
  timeline: [
    { at: 3_000, op: "create", resource: "pods", object: pod("db-1", { image: "postgres:16" }) },
    { at: 6_000, op: "label", resource: "pods", namespace: "default", name: "web-1", labels: { tier: "frontend" } },
    { at: 9_000, op: "delete", resource: "pods", namespace: "default", name: "web-2" },
  ],
};
// Other seeds: other names, two to four pods at the start, other times (a program that prints fixed
// names passes at most the first seed).
const scenario = withVariants(base, 2, (r) => {
  const names = podNames(r, r.int(2, 4) + 1);
  const created = names.pop()!;
  const [relabelled, deleted] = r.shuffle(names);
  return {
    initial: names.map((n) => ({ resource: "pods", object: pod(n) })),
    timeline: [
      { at: r.int(2_000, 4_000), op: "create", resource: "pods", object: pod(created, { image: "postgres:16" }) },
      { at: r.int(5_000, 7_000), op: "label", resource: "pods", namespace: "default", name: relabelled!, labels: { tier: "frontend" } },
      { at: r.int(8_000, 10_000), op: "delete", resource: "pods", namespace: "default", name: deleted! },
    ],
  };
});
export default scenario;
