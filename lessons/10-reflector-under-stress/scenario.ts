/**
 * Lesson 10 — the Reflector under stress. A clean watch drop at 4 s (re-watch, no LIST); a partition
 * from 6 s to 11 s (watch refused ⇒ backoff) during which web-1 changes, web-4 appears and the server
 * compacts its history; a ConfigMap written at 9 s moves the server's resourceVersion past every pod's,
 * so after the heal (410 ⇒ backoff ⇒ relist) lastSyncResourceVersion is the LIST's, no pod's: an `rv=`
 * taken from the lister or from the handlers fails there.
 */
import type { ConfigMap, Scenario } from "../../src/index.js";
import { pod } from "../_lib/objects.js";
import { renamePods, withVariants } from "../_lib/vary.js";

const flags: ConfigMap = { apiVersion: "v1", kind: "ConfigMap", metadata: { namespace: "default", name: "feature-flags" }, data: { beta: "on" } };

const base: Scenario = {
  seed: 3,
  durationMs: 40_000,
  server: { bookmarkIntervalMs: 120_000 },
  initial: [
    { resource: "pods", object: pod("web-1") },
    { resource: "pods", object: pod("web-2") },
  ],
  timeline: [
    { at: 2_000, op: "create", resource: "pods", object: pod("web-3") },
    { at: 4_000, op: "fault", fault: "dropWatches" },
    { at: 6_000, op: "fault", fault: "partition" },
    { at: 7_000, op: "label", resource: "pods", namespace: "default", name: "web-1", labels: { version: "v2" } },
    { at: 7_500, op: "create", resource: "pods", object: pod("web-4") },
    { at: 8_000, op: "fault", fault: "compact" },
    // Another resource: the informer never sees it, but it moves the server's resourceVersion.
    { at: 9_000, op: "create", resource: "configmaps", object: flags },
    { at: 11_000, op: "fault", fault: "heal" },
  ],
};
// Other seeds: the same story with other pod names (a program that prints fixed names fails there).
const scenario = withVariants(base, 5, (r) => renamePods(base, r));
export default scenario;
