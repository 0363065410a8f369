/**
 * Lesson 04b — Replace and Resync: the learner plays the informer around a DeltaFIFO whose knownObjects
 * is the learner's cache. Three unbound pods; while the program is "disconnected" (it does not watch,
 * it only LISTs at 0 s and again at 2 s) web-2 is deleted (1 s), web-1 is relabelled (1.2 s) and web-3 is
 * created (1.4 s). The second LIST lacks web-2, so Replace must report it as a tombstone from the cache.
 */
import type { Scenario } from "../../src/index.js";
import { pod } from "../_lib/objects.js";
import { podNames, withVariants } from "../_lib/vary.js";

const base: Scenario = {
  seed: 41,
  durationMs: 4_000,
  initial: [
    { resource: "pods", object: pod("web-1") },
    { resource: "pods", object: pod("web-2") },
    { resource: "pods", object: pod("db-1") },
  ],
  timeline: [
    { at: 1_000, op: "delete", resource: "pods", namespace: "default", name: "web-2" },
    { at: 1_200, op: "label", resource: "pods", namespace: "default", name: "web-1", labels: { tier: "frontend" } },
    { at: 1_400, op: "create", resource: "pods", object: pod("web-3") },
  ],
};

// Other seeds: 3–5 pods under other names, one or two of them deleted during the gap, one relabelled,
// one created, all at other times before 2 s (a program that prints fixed names or counts fails there).
const scenario = withVariants(base, 3, (r) => {
  const names = podNames(r, r.int(3, 5) + 1);
  const created = names.pop()!;
  const deleted = r.shuffle(names).slice(0, r.int(1, Math.min(2, names.length - 1)));
  const relabelled = names.find((n) => !deleted.includes(n))!;
  const at = () => r.int(500, 1_800);
  return {
    initial: names.map((n) => ({ resource: "pods", object: pod(n) })),
    timeline: [
      ...deleted.map((name) => ({ at: at(), op: "delete" as const, resource: "pods", namespace: "default", name })),
      { at: at(), op: "label" as const, resource: "pods", namespace: "default", name: relabelled, labels: { tier: "frontend" } },
      { at: at(), op: "create" as const, resource: "pods", object: pod(created) },
    ].sort((a, b) => a.at - b.at),
  };
});
export default scenario;
