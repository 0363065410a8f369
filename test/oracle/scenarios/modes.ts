/** Oracle scenarios: watch-list, resync, transforms (client-go feature gates and options). */
import type { OracleScenario } from "../driver/scenario.js";
import { pod, serverCreate, serverDelete, serverLabel } from "./objects.js";

export const modes: OracleScenario[] = [
  {
    name: "watch-list off: LIST then WATCH, the count transform runs once per object",
    mode: { fifo: "real", watchList: false },
    informer: { transform: "count", handlers: [{ id: "h" }] },
    initial: [{ object: pod("default", "a") }, { object: pod("default", "b") }],
    steps: [
      { name: "update a, create c", actions: [{ op: "label", namespace: "default", name: "a", labels: { v: "2" } }, { op: "create", object: pod("default", "c") }] },
    ],
  },
  {
    name: "watch-list on: the initial list streams (sendInitialEvents), the count transform runs on it twice",
    mode: { fifo: "real", watchList: true },
    informer: { transform: "count", handlers: [{ id: "h" }] },
    initial: [{ object: pod("default", "a") }, { object: pod("default", "b") }],
    steps: [
      { name: "update a, create c", actions: [{ op: "label", namespace: "default", name: "a", labels: { v: "2" } }, { op: "create", object: pod("default", "c") }] },
    ],
  },
  {
    name: "watch-list on, atomic FIFO, batch processing (client-go 1.36 defaults): compaction and relist",
    mode: { fifo: "realAtomic", batch: true, watchList: true },
    informer: { handlers: [{ id: "h1" }, { id: "h2" }] },
    initial: [{ object: pod("default", "keep") }, { object: pod("default", "gone") }],
    steps: [
      { name: "partition; delete gone; create new; compact", barrier: false, actions: [
        { fault: "partition" },
        serverDelete("pods", "default", "gone"),
        serverCreate("pods", pod("default", "new")),
        { fault: "compact" },
      ] },
      { name: "heal", actions: [{ fault: "heal" }] },
    ],
  },
  {
    name: "watch-list on with DeltaFIFO: a watch error, then the plain re-watch",
    mode: { fifo: "delta", watchList: true },
    informer: { handlers: [{ id: "h" }] },
    initial: [{ object: pod("default", "a") }],
    steps: [
      { name: "drop the watch", actions: [{ fault: "dropWatches" }] },
      { name: "create b", actions: [{ op: "create", object: pod("default", "b") }] },
    ],
  },
  {
    name: "resync: same-RV updates reach only the handler whose period is due (RealFIFO)",
    mode: { fifo: "real" },
    informer: { resyncMs: 3000, handlers: [{ id: "periodic" }, { id: "never", resyncMs: 0 }] },
    initial: [{ object: pod("default", "a") }, { object: pod("default", "b") }],
    steps: [
      { name: "4.5 s: one resync at 3 s", actions: [{ sleepMs: 4500 }] },
    ],
  },
  {
    name: "resync with DeltaFIFO (Sync deltas)",
    mode: { fifo: "delta" },
    informer: { resyncMs: 3000, handlers: [{ id: "periodic" }, { id: "never", resyncMs: 0 }] },
    initial: [{ object: pod("default", "a") }, { object: pod("default", "b") }],
    steps: [
      { name: "4.5 s: one resync at 3 s", actions: [{ sleepMs: 4500 }] },
      { name: "update a", actions: [{ op: "label", namespace: "default", name: "a", labels: { v: "2" } }] },
    ],
  },
  {
    name: "resync with the atomic FIFO (SyncAll)",
    mode: { fifo: "realAtomic" },
    informer: { resyncMs: 3000, handlers: [{ id: "periodic" }, { id: "never", resyncMs: 0 }] },
    initial: [{ object: pod("default", "a") }],
    steps: [
      { name: "4.5 s: one resync at 3 s", actions: [{ sleepMs: 4500 }] },
    ],
  },
  {
    name: "relist after a resync check: the handler with resync off no longer sees unchanged objects",
    mode: { fifo: "real" },
    informer: { resyncMs: 3000, handlers: [{ id: "periodic" }, { id: "never", resyncMs: 0 }] },
    initial: [{ object: pod("default", "same") }, { object: pod("default", "changed") }],
    steps: [
      // Timing: resync checks at 3 s, then every 3 s after each (re)list. The relist below happens
      // 0.8–1.6 s (backoff) after ~3.6 s, well before 6 s and long after 3 s.
      { name: "3.5 s: the resync check at 3 s clears never's flag", actions: [{ sleepMs: 3500 }] },
      { name: "ERROR 410; relabel changed while the reflector backs off", barrier: false, actions: [
        { fault: "watchError", body: { code: 410 } }, serverLabel("pods", "default", "changed", { v: "2" }),
      ] },
      { name: "relist", actions: [] },
    ],
  },
  {
    name: "a handler asking for 500 ms gets the 1 s floor, and lowers the check period before start",
    mode: { fifo: "real" },
    informer: { resyncMs: 60_000, handlers: [{ id: "fast", resyncMs: 500 }, { id: "default" }] },
    initial: [{ object: pod("default", "a") }],
    steps: [
      { name: "1.5 s: fast resyncs once", actions: [{ sleepMs: 1500 }] },
    ],
  },
  {
    name: "strip transform: the cache holds transformed objects",
    mode: { fifo: "real" },
    informer: { transform: "strip", handlers: [{ id: "h" }] },
    initial: [{ object: pod("default", "a") }],
    steps: [
      { name: "update and create", actions: [{ op: "label", namespace: "default", name: "a", labels: { v: "2" } }, { op: "create", object: pod("default", "b") }] },
    ],
  },
  {
    name: "a throwing transform: the watch event is dropped, a relist fails until the object goes",
    mode: { fifo: "real" },
    informer: { transform: "fail:bad", handlers: [{ id: "h" }] },
    initial: [{ object: pod("default", "ok") }],
    steps: [
      { name: "create bad (the transform refuses it)", actions: [{ op: "create", object: pod("default", "bad") }] },
      { name: "update ok", actions: [{ op: "label", namespace: "default", name: "ok", labels: { v: "2" } }] },
      { name: "ERROR 410: every relist fails on bad (watch error handler, backoff)", barrier: false, actions: [
        { fault: "watchError", body: { code: 410 } }, { sleepMs: 2000 },
      ] },
      { name: "delete bad: the next relist succeeds", actions: [{ op: "delete", namespace: "default", name: "bad" }] },
    ],
  },
];
