/** Oracle scenarios: combinations the others leave out (selectors × relist, transforms × relist, paging, quiet partitions). */
import type { OracleScenario } from "../driver/scenario.js";
import type { KubeObject } from "../../../src/types.js";
import { deployment, pod, serverCreate, serverDelete, serverLabel } from "./objects.js";

export const combinations: OracleScenario[] = [
  {
    name: "label selector: an object that left the selector during a partition comes back as a tombstone",
    mode: { fifo: "real" },
    informer: { labelSelector: "app=web", handlers: [{ id: "h" }] },
    barrier: { labels: { app: "web" } },
    initial: [{ object: pod("default", "w1", { labels: { app: "web" } }) }, { object: pod("default", "w2", { labels: { app: "web" } }) }],
    steps: [
      { name: "partition; w1 leaves the selector; compact", barrier: false, actions: [
        { fault: "partition" }, serverLabel("pods", "default", "w1", { app: "db" }), { fault: "compact" },
      ] },
      { name: "heal: relist", actions: [{ fault: "heal" }] },
    ],
  },
  {
    name: "watch-list on with the count transform: a relist streams again and transforms twice",
    mode: { fifo: "realAtomic", watchList: true },
    informer: { transform: "count", handlers: [{ id: "h" }] },
    initial: [{ object: pod("default", "a") }, { object: pod("default", "b") }],
    steps: [
      { name: "partition; delete b; create c; compact", barrier: false, actions: [
        { fault: "partition" }, serverDelete("pods", "default", "b"), serverCreate("pods", pod("default", "c")), { fault: "compact" },
      ] },
      { name: "heal: watch-list again", actions: [{ fault: "heal" }] },
    ],
  },
  {
    name: "a partition without missed writes: the watch is retried after backoff, no relist",
    mode: { fifo: "delta" },
    informer: { handlers: [{ id: "h" }] },
    initial: [{ object: pod("default", "a") }],
    steps: [
      { name: "partition for 1 s", barrier: false, actions: [{ fault: "partition" }, { sleepMs: 1000 }] },
      { name: "heal, then write", actions: [{ fault: "heal" }, { op: "create", object: pod("default", "b") }] },
    ],
  },
  {
    name: "a large initial list (1100 pods): paged LIST, one add each",
    mode: { fifo: "delta" },
    informer: { handlers: [{ id: "h" }] },
    initial: Array.from({ length: 1100 }, (_, i) => ({ object: pod(`ns-${i % 7}`, `p-${String(i).padStart(4, "0")}`) })),
    steps: [
      { name: "one more", actions: [{ op: "create", object: pod("default", "last") }] },
    ],
  },
  {
    name: "bookmarks with the atomic FIFO (Bookmark entries), then a relist",
    mode: { fifo: "realAtomic", batch: true },
    server: { bookmarkIntervalMs: 150 },
    informer: { handlers: [{ id: "h" }] },
    initial: [{ object: pod("default", "a") }],
    steps: [
      { name: "bookmarks for 700 ms", actions: [{ sleepMs: 700 }] },
      { name: "ERROR 410: relist", actions: [{ fault: "watchError", body: { code: 410 } }] },
      { name: "update a", actions: [{ op: "label", namespace: "default", name: "a", labels: { v: "2" } }] },
    ],
  },
  {
    name: "a handler that throws on an initial add never reports synced; the others do",
    mode: { fifo: "real" },
    informer: { handlers: [{ id: "thrower", throwOn: "a", neverSynced: true }, { id: "fine" }] },
    initial: [{ object: pod("default", "a") }, { object: pod("default", "b") }],
    steps: [
      { name: "update a, create c", actions: [{ op: "label", namespace: "default", name: "a", labels: { v: "2" } }, { op: "create", object: pod("default", "c") }] },
    ],
  },
  {
    name: "a handler that throws on a watch event: that notification is lost, the next ones arrive",
    mode: { fifo: "delta" },
    informer: { handlers: [{ id: "thrower", throwOn: "x" }, { id: "fine" }] },
    initial: [{ object: pod("default", "a") }],
    steps: [
      { name: "create x (the thrower throws), update a", actions: [{ op: "create", object: pod("default", "x") }, { op: "label", namespace: "default", name: "a", labels: { v: "2" } }] },
      { name: "register a late thrower (its synthetic add of x throws)", actions: [{ addHandler: { id: "late", throwOn: "x", neverSynced: true } }] },
    ],
  },
  {
    name: "a cluster-scoped resource (nodes): keys without a namespace",
    mode: { fifo: "real" },
    informer: { resource: "nodes", handlers: [{ id: "h" }] },
    initial: [{ resource: "nodes", object: { apiVersion: "v1", kind: "Node", metadata: { name: "node-a" } } as KubeObject }],
    steps: [
      { name: "add node-b, label node-a", actions: [
        { op: "create", object: { apiVersion: "v1", kind: "Node", metadata: { name: "node-b" } } as KubeObject },
        { op: "label", namespace: "", name: "node-a", labels: { zone: "z1" } },
      ] },
      { name: "delete node-b", actions: [{ op: "delete", namespace: "", name: "node-b" }] },
    ],
  },
  {
    name: "an apps/v1 resource (deployments): scale through a merge patch",
    mode: { fifo: "realAtomic", batch: true },
    informer: { resource: "deployments", handlers: [{ id: "h" }] },
    initial: [{ resource: "deployments", object: deployment("default", "web") }],
    steps: [
      { name: "scale to 3 (merge patch on spec.replicas)", actions: [{ op: "patch", namespace: "default", name: "web", type: "merge", patch: { spec: { replicas: 3 } } }] },
      { name: "delete", actions: [{ op: "delete", namespace: "default", name: "web" }] },
    ],
  },
  {
    name: "ERROR 429 mid-stream: back off and re-watch from the last RV, no relist",
    mode: { fifo: "delta" },
    informer: { handlers: [{ id: "h" }] },
    initial: [{ object: pod("default", "a") }],
    steps: [
      { name: "ERROR 429", actions: [{ fault: "watchError", body: { code: 429 } }] },
      { name: "write afterwards", actions: [{ op: "create", object: pod("default", "b") }] },
    ],
  },
];
