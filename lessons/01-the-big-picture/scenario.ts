/**
 * Lesson 01 — The big picture. Two pods exist before the informer starts (they arrive through the
 * LIST); then a pod is created, one is relabelled (an update) and one is deleted (an unbound pod: the
 * server sends MODIFIED with a deletionTimestamp, then DELETED). Every part of the pipeline runs once.
 */
import type { Scenario } from "../../src/scenario/index.js";
import { pod } from "../_lib/objects.js";

const scenario: Scenario = {
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
export default scenario;
