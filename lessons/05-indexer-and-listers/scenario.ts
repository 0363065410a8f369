/**
 * Lesson 05 — indexer and listers. Five bound pods on two nodes in two namespaces. At 2.5 s the first
 * handlers become slow (2.5 s per notification, as if each call wrote to a slow disk); at 3 s web-4 and
 * web-5 land on node-b together, at 6 s team-a/api-2 (node-a) is force-deleted, at 9 s team-a/api-3
 * starts on node-a. The indexer never waits for a handler, so a map the handlers fill is seconds behind
 * the index after each write (what goal by-node-log makes visible: the index answers, the map lags).
 */
import type { Scenario, TimedOp } from "../../src/index.js";
import { node, pod } from "../_lib/objects.js";
import { renamePods, withVariants } from "../_lib/vary.js";

/** The handlers slowed: the first two registered (a learner's real one may come after a no-op one). */
const slow = (at: number, delayMs: number): TimedOp[] =>
  [0, 1].map((handler) => ({ at, op: "slowHandler", handler, delayMs }));

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
    ...slow(2_500, 2_500),
    { at: 3_000, op: "create", resource: "pods", object: pod("web-4", { nodeName: "node-b" }) },
    { at: 3_000, op: "create", resource: "pods", object: pod("web-5", { nodeName: "node-b" }) },
    { at: 6_000, op: "delete", resource: "pods", namespace: "team-a", name: "api-2", gracePeriodSeconds: 0 },
    { at: 9_000, op: "create", resource: "pods", object: pod("api-3", { namespace: "team-a", nodeName: "node-a" }) },
  ],
};
// Other seeds: the same story with other pod names and another handler delay (2.1–2.9 s: always more
// than one 2 s tick, so a map the handlers keep is behind the index at some tick after every burst).
const scenario = withVariants(base, 3, (r) => {
  const renamed = renamePods(base, r);
  const delayMs = r.int(21, 29) * 100;
  const timeline = renamed.timeline.map((op): TimedOp => (op.op === "slowHandler" ? { ...op, delayMs } : op));
  return { ...renamed, timeline };
});
export default scenario;
