/**
 * Lesson 09 — sharing informers. Three pods exist; the learner's late handler registers at ~5 s;
 * web-9 is created at 8 s and must reach both handlers through one notification.
 */
import type { Scenario } from "../../src/scenario/index.js";
import { pod } from "../_lib/objects.js";

const scenario: Scenario = {
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
export default scenario;
