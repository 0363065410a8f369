import type { Pod, Scenario } from "../../src/index.js";
import { renamePods, withVariants } from "../_lib/vary.js";

const pod = (namespace: string, name: string, app: string): Pod => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { namespace, name, labels: { app } },
  spec: { containers: [{ name: "main", image: `${app}:1` }] },
});
const del = (namespace: string, name: string) => ({ op: "delete" as const, resource: "pods", namespace, name });

/**
 * A partition that times out (packets go nowhere): no request fails, the watch just goes quiet. The client's
 * health check gives up 45 s after its last read (the watch started at about 13 s), so the loss comes at
 * about 58 s; the network heals at `healAt` (after the loss, 59–63 s), and after its backoff the Reflector
 * relists: the delete made in the dark arrives as a tombstone, at about 68 s.
 */
const quietCut = (at: number, healAt: number): Scenario["timeline"] => [
  { at, op: "fault", fault: "partition", mode: "timeout" },
  { at: at + 1_000, ...del("default", "web-4") },
  { at: at + 2_000, op: "create", resource: "pods", object: pod("shop", "cart-4", "cart") },
  // More writes in the dark (steps where the stage shows how long the watch has heard nothing).
  { at: at + 16_000, op: "label", resource: "pods", namespace: "default", name: "db-1", labels: { rev: "3" } },
  { at: at + 30_000, ...del("shop", "cart-1") },
  { at: healAt, op: "fault", fault: "heal" },
];
const QUIET_CUT_OPS = 6;

const base: Scenario = {
  seed: 17,
  durationMs: 80_000,
  initial: [
    { resource: "pods", object: pod("default", "web-1", "web") },
    { resource: "pods", object: pod("default", "web-2", "web") },
    { resource: "pods", object: pod("default", "web-3", "web") },
    { resource: "pods", object: pod("default", "db-1", "db") },
    { resource: "pods", object: pod("shop", "web-1", "web") },
    { resource: "pods", object: pod("shop", "cart-1", "cart") },
    { resource: "pods", object: pod("shop", "cart-2", "cart") },
    { resource: "pods", object: pod("shop", "checkout-1", "checkout") },
  ],
  timeline: [
    // A clean drop: re-watch from the last resource version, nothing lost.
    { at: 1_000, op: "fault", fault: "dropWatches" },
    { at: 1_500, op: "create", resource: "pods", object: pod("default", "web-4", "web") },
    { at: 2_000, op: "label", resource: "pods", namespace: "shop", name: "cart-1", labels: { rev: "2" } },
    // Compaction, then a drop: the Reflector had seen everything up to the compaction, so its re-watch is valid (no 410).
    { at: 2_500, op: "fault", fault: "compact" },
    { at: 2_600, op: "fault", fault: "dropWatches" },
    // A partition hides two deletes, a create and a relabel; history is compacted meanwhile ⇒ 410 ⇒ relist.
    { at: 4_000, op: "fault", fault: "partition" },
    { at: 4_200, ...del("default", "web-2") },
    { at: 4_300, ...del("shop", "cart-2") },
    { at: 4_400, op: "create", resource: "pods", object: pod("shop", "cart-3", "cart") },
    { at: 4_500, op: "label", resource: "pods", namespace: "default", name: "db-1", labels: { rev: "2" } },
    // Deleted and recreated under the same name: the relist reports one update, with a new UID.
    { at: 4_600, ...del("default", "web-1") },
    { at: 4_700, op: "create", resource: "pods", object: pod("default", "web-1", "web") },
    { at: 5_000, op: "fault", fault: "compact" },
    { at: 6_000, op: "fault", fault: "heal" },
    // The API server restarts.
    { at: 9_000, op: "fault", fault: "restart" },
    { at: 9_500, ...del("default", "web-3") },
    { at: 10_000, op: "create", resource: "pods", object: pod("default", "web-5", "web") },
    { at: 11_000, op: "fault", fault: "dropWatches" },
    { at: 12_000, ...del("shop", "web-1") },
    { at: 12_500, op: "create", resource: "pods", object: pod("shop", "web-2", "web") },
    ...quietCut(14_000, 60_000),
  ],
};

// Other seeds: the same storm with other pod names and one to three more pods that nothing touches, so
// the final count differs (a program that prints a fixed count fails there).
const scenario = withVariants(base, 3, (r) => {
  const renamed = renamePods(base, r);
  const extra = Array.from({ length: r.int(1, 3) }, (_, i) => ({ resource: "pods", object: pod("shop", `extra-${i + 1}`, "extra") }));
  // …and the quiet cut at another moment, healing at another time after the loss.
  const cut = quietCut(r.int(135, 155) * 100, r.int(59, 63) * 1_000);
  const timeline = renamed.timeline.map((op, i, all) => (i < all.length - QUIET_CUT_OPS ? op : { ...op, at: cut[i - (all.length - QUIET_CUT_OPS)]!.at }));
  return { initial: [...renamed.initial, ...extra], timeline };
});
export default scenario;
