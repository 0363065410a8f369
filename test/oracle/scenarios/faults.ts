/** Oracle scenarios: the network and the server misbehave (spec §3.7, §12.H). */
import type { Mode, OracleScenario } from "../driver/scenario.js";
import { pod, serverCreate, serverDelete, serverLabel } from "./objects.js";

/**
 * Compaction during a partition: the informer misses a delete, an update and a create, history is
 * compacted, the re-watch gets 410, the relist finds out (the missed delete as a tombstone; with the
 * informer's resync period 0 every listener keeps its resync flag, so unchanged objects come back as
 * same-RV updates).
 */
function compaction(name: string, mode: Mode): OracleScenario {
  return {
    name, mode,
    informer: { handlers: [{ id: "h1" }, { id: "h2" }] },
    initial: [{ object: pod("default", "keep") }, { object: pod("default", "gone") }, { object: pod("default", "changed") }],
    steps: [
      { name: "partition; on the server: delete gone, relabel changed, create new; compact", barrier: false, actions: [
        { fault: "partition" },
        serverDelete("pods", "default", "gone"),
        serverLabel("pods", "default", "changed", { v: "2" }),
        serverCreate("pods", pod("default", "new")),
        { fault: "compact" },
      ] },
      { name: "heal: 410, relist", actions: [{ fault: "heal" }] },
    ],
  };
}

export const faults: OracleScenario[] = [
  compaction("compaction during a partition: 410, relist, the missed delete as a tombstone (DeltaFIFO)", { fifo: "delta" }),
  compaction("compaction during a partition: 410, relist, the missed delete as a tombstone (RealFIFO)", { fifo: "real" }),
  compaction("compaction during a partition: 410, relist, the missed delete as a tombstone (atomic FIFO)", { fifo: "realAtomic" }),
  {
    name: "a dropped watch re-watches from the last RV without a relist",
    mode: { fifo: "real" },
    informer: { handlers: [{ id: "h" }] },
    initial: [{ object: pod("default", "a") }, { object: pod("default", "b") }],
    steps: [
      { name: "drop every watch", actions: [{ fault: "dropWatches" }] },
      { name: "then write", actions: [{ op: "label", namespace: "default", name: "a", labels: { v: "2" } }, { op: "create", object: pod("default", "c") }] },
      { name: "drop again, delete while re-watching", actions: [{ fault: "dropWatches" }, { op: "delete", namespace: "default", name: "b" }] },
    ],
  },
  {
    name: "a server restart with no missed write: the re-watch resumes from the last RV, no relist",
    mode: { fifo: "real" },
    informer: { handlers: [{ id: "h" }] },
    initial: [{ object: pod("default", "a") }, { object: pod("default", "b") }],
    steps: [
      { name: "restart", actions: [{ fault: "restart" }] },
      { name: "write after the restart", actions: [{ op: "label", namespace: "default", name: "a", labels: { v: "2" } }] },
    ],
  },
  {
    name: "a server restart with downtime: a write during it arrives on the re-watch",
    mode: { fifo: "delta" },
    informer: { handlers: [{ id: "h" }] },
    initial: [{ object: pod("default", "a") }, { object: pod("default", "b") }],
    steps: [
      { name: "restart with 1.5 s downtime, delete b meanwhile", actions: [
        { fault: "restart", body: { downtimeMs: 1500 } },
        serverDelete("pods", "default", "b"),
      ] },
    ],
  },
  {
    name: "a server restart after a missed write: the watch cache forgot it, 410, relist",
    mode: { fifo: "delta" },
    informer: { handlers: [{ id: "h" }] },
    initial: [{ object: pod("default", "a") }, { object: pod("default", "b") }],
    steps: [
      { name: "partition; delete b; restart", barrier: false, actions: [
        { fault: "partition" }, serverDelete("pods", "default", "b"), { fault: "restart" },
      ] },
      { name: "heal", actions: [{ fault: "heal" }] },
    ],
  },
  {
    name: "ERROR 500 mid-stream",
    mode: { fifo: "real" },
    informer: { handlers: [{ id: "h" }] },
    initial: [{ object: pod("default", "a") }],
    steps: [
      { name: "every watch gets ERROR 500", actions: [{ fault: "watchError", body: { code: 500 } }] },
      { name: "write afterwards", actions: [{ op: "create", object: pod("default", "b") }] },
    ],
  },
  {
    name: "bookmarks keep the RV fresh; a dropped watch then resumes without a relist",
    mode: { fifo: "real" },
    server: { bookmarkIntervalMs: 200 },
    informer: { handlers: [{ id: "h" }] },
    initial: [{ object: pod("default", "a") }, { object: pod("other", "x") }],
    steps: [
      { name: "writes elsewhere, bookmarks flow for 1 s", actions: [
        { op: "create", object: pod("other", "y") },
        { sleepMs: 1000 },
      ] },
      { name: "drop the watch, write", actions: [{ fault: "dropWatches" }, { op: "label", namespace: "default", name: "a", labels: { v: "2" } }] },
    ],
  },
  {
    name: "delete and re-create with the same name during a partition: one update (new UID)",
    mode: { fifo: "real" },
    informer: { handlers: [{ id: "h" }] },
    initial: [{ object: pod("default", "a") }, { object: pod("default", "b") }],
    steps: [
      { name: "partition; delete and re-create a; compact", barrier: false, actions: [
        { fault: "partition" },
        serverDelete("pods", "default", "a"),
        serverCreate("pods", pod("default", "a", { labels: { gen: "2" } })),
        { fault: "compact" },
      ] },
      { name: "heal", actions: [{ fault: "heal" }] },
    ],
  },
];
