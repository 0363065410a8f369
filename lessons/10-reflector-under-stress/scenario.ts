/**
 * Lesson 10 — the Reflector under stress. A clean watch drop at 4 s (re-watch, no LIST); a partition
 * from 6 s to 11 s (watch refused ⇒ backoff) during which web-1 changes, web-4 appears and the server
 * compacts its history; a ConfigMap written at 9 s moves the server's resourceVersion past every pod's,
 * so after the heal (410 ⇒ backoff ⇒ relist) lastSyncResourceVersion is the LIST's, no pod's: an `rv=`
 * taken from the lister or from the handlers fails there. Then, at 30 s, the network goes dark (a
 * "timeout" partition) until 160 s: the open watch hangs and is declared lost 45 s after the client last
 * read anything (70.75 s: ERROR 500, no watch error handler), the relist's new connection times out
 * after 30 s (the handler fires), and after the heal the Reflector relists.
 */
import type { ConfigMap, Scenario } from "../../src/index.js";
import { pod } from "../_lib/objects.js";
import { renamePods, withVariants } from "../_lib/vary.js";

const flags: ConfigMap = { apiVersion: "v1", kind: "ConfigMap", metadata: { namespace: "default", name: "feature-flags" }, data: { beta: "on" } };

/** When the timeout partition heals on the base seed; the run goes on TAIL_MS after the heal. */
const HEAL_MS = 160_000;
/** When the network goes dark (a "timeout" partition) on the base seed: the watch is open then. */
const DARK_MS = 30_000;
const TAIL_MS = 12_000;

const base: Scenario = {
  seed: 3,
  durationMs: HEAL_MS + TAIL_MS,
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
    // The network goes dark: packets go nowhere (a "timeout" partition). The open watch hangs; 45 s after
    // the client last read anything its health check declares the connection lost; the relist's new
    // connection times out.
    { at: DARK_MS, op: "fault", fault: "partition", mode: "timeout" },
    { at: 35_000, op: "label", resource: "pods", namespace: "default", name: "web-3", labels: { version: "v2" } },
    { at: HEAL_MS, op: "fault", fault: "heal" },
  ],
};

/**
 * Other seeds: the same story with other pod names (a program that prints fixed names fails there), the
 * network healing at another time (one to three failed relists: a fixed count fails), and on every other
 * seed the network going dark earlier, at 20 s, while the Reflector still waits in its backoff after the
 * 410: its relist goes out on the doomed connection, is lost with it, is retried 1 s later by the REST
 * client and fails when that retry's dial times out, with another error ("dial tcp …: i/o timeout - error
 * from a previous attempt: http2: client connection lost"), so a fixed message fails there.
 */
const scenario = withVariants(base, 5, (r, _seed, i) => {
  const renamed = renamePods(base, r);
  const heal = r.int(140, 190) * 1000;
  const dark = i % 2 === 1 ? 20_000 : DARK_MS;
  const timeline = renamed.timeline.map((op) => op.op !== "fault" ? op
    : op.fault === "heal" && op.at === HEAL_MS ? { ...op, at: heal }
    : op.fault === "partition" && op.mode === "timeout" ? { ...op, at: dark } : op);
  timeline.sort((a, b) => a.at - b.at);
  // After the heal the Reflector may still sit out a backoff step of up to 60 s before it relists.
  return { initial: renamed.initial, timeline, durationMs: heal + 62_000 };
});
export default scenario;
