/**
 * Lesson 09 — sharing informers. Three pods exist; the learner's late handler registers at ~5 s;
 * web-9 is created at 8 s and must reach both handlers through one notification.
 */
import type { Scenario } from "../../src/index.js";
import { pod } from "../_lib/objects.js";
import { podNames, withVariants } from "../_lib/vary.js";

const base: Scenario = {
  seed: 9,
  durationMs: 12_000,
  server: { bookmarkIntervalMs: 120_000 },
  initial: [
    { resource: "pods", object: pod("web-1") },
    { resource: "pods", object: pod("web-2") },
    { resource: "pods", object: pod("db-1") },
  ],
  timeline: [
    { at: 8_000, op: "create", resource: "pods", object: pod("web-9") },
  ],
};
// Other seeds: other names, two to five pods in the cache when the late handler arrives, another pod
// created at 8 s (a program that prints the first seed's names or count fails there).
const scenario = withVariants(base, 3, (r) => {
  const names = podNames(r, r.int(2, 5) + 1);
  const late = names.pop()!;
  return {
    initial: names.map((n) => ({ resource: "pods", object: pod(n) })),
    timeline: [{ at: 8_000, op: "create", resource: "pods", object: pod(late) }],
  };
});
export default scenario;
