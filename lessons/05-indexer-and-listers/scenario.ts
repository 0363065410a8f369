/**
 * Lesson 05 — indexer and listers. Five bound pods on two nodes in two namespaces; at 3 s web-4 lands
 * on node-b, at 6 s team-a/api-2 (node-a) is force-deleted, at 9 s team-a/api-3 starts on node-a.
 */
import type { Scenario } from "../../src/index.js";
import { node, pod } from "../_lib/objects.js";
import { renamePods, withVariants } from "../_lib/vary.js";

const base: Scenario = {
  seed: 5,
  durationMs: 12_000,
  initial: [
    { resource: "nodes", object: node("node-a") },
    { resource: "nodes", object: node("node-b") },
    { resource: "pods", object: pod("web-1", { nodeName: "node-a" }) },
    { resource: "pods", object: pod("web-2", { nodeName: "node-b" }) },
    { resource: "pods", object: pod("web-3", { nodeName: "node-a" }) },
    { resource: "pods", object: pod("api-1", { namespace: "team-a", nodeName: "node-b" }) },
    { resource: "pods", object: pod("api-2", { namespace: "team-a", nodeName: "node-a" }) },
  ],
  timeline: [
    { at: 3_000, op: "create", resource: "pods", object: pod("web-4", { nodeName: "node-b" }) },
    { at: 6_000, op: "delete", resource: "pods", namespace: "team-a", name: "api-2", gracePeriodSeconds: 0 },
    { at: 9_000, op: "create", resource: "pods", object: pod("api-3", { namespace: "team-a", nodeName: "node-a" }) },
  ],
};
// Other seeds: the same story with other pod names (a program that prints fixed names fails there).
const scenario = withVariants(base, 3, (r) => renamePods(base, r));
export default scenario;
