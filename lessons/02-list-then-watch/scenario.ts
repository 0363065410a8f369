/**
 * Lesson 02 — List then Watch. Three pods exist before the informer starts (the LIST); afterwards one
 * create, one label change and one delete arrive through the WATCH, each with a new resourceVersion.
 */
import type { Scenario } from "../../src/scenario/index.js";
import { pod } from "../_lib/objects.js";

const scenario: Scenario = {
  seed: 2,
  durationMs: 14_000,
  server: { bookmarkIntervalMs: 60_000 },
  initial: [
    { resource: "pods", object: pod("web-1") },
    { resource: "pods", object: pod("web-2") },
    { resource: "pods", object: pod("db-1") },
  ],
  timeline: [
    { at: 4_000, op: "create", resource: "pods", object: pod("web-3") },
    { at: 7_000, op: "label", resource: "pods", namespace: "default", name: "web-1", labels: { version: "v2" } },
    { at: 10_000, op: "delete", resource: "pods", namespace: "default", name: "db-1" },
  ],
};
export default scenario;
