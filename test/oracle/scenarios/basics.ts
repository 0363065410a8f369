/** Oracle scenarios: everyday informer behaviour (CRUD, handlers, selectors, deletion, writes). */
import type { Mode, OracleScenario, Step } from "../driver/scenario.js";
import { configMap, pod } from "./objects.js";

/** Initial list across two namespaces, then an add, an update and a delete in each. */
const crudSteps: Step[] = [
  { name: "create a/p3 and b/p4", actions: [{ op: "create", object: pod("a", "p3") }, { op: "create", object: pod("b", "p4") }] },
  { name: "relabel a/p1, patch b/p2's image", actions: [
    { op: "label", namespace: "a", name: "p1", labels: { tier: "web" } },
    { op: "patch", namespace: "b", name: "p2", type: "strategic", patch: { spec: { containers: [{ name: "c", image: "nginx:1.27" }] } } },
  ] },
  { name: "delete a/p3 (unbound: two phases) and b/p4", actions: [{ op: "delete", namespace: "a", name: "p3" }, { op: "delete", namespace: "b", name: "p4" }] },
];
const crudInitial = [{ object: pod("a", "p1") }, { object: pod("b", "p2") }];

function crud(name: string, mode: Mode): OracleScenario {
  return { name, mode, informer: { handlers: [{ id: "h1" }, { id: "h2" }] }, initial: crudInitial, steps: crudSteps };
}

export const basics: OracleScenario[] = [
  crud("initial list, then adds/updates/deletes across namespaces (DeltaFIFO)", { fifo: "delta" }),
  crud("initial list, then adds/updates/deletes across namespaces (RealFIFO)", { fifo: "real" }),
  crud("initial list, then adds/updates/deletes across namespaces (RealFIFO, batch processing)", { fifo: "real", batch: true }),
  crud("initial list, then adds/updates/deletes across namespaces (atomic FIFO)", { fifo: "realAtomic" }),
  crud("initial list, then adds/updates/deletes across namespaces (atomic FIFO, batch processing)", { fifo: "realAtomic", batch: true }),
  {
    name: "several handlers, one registered late, one removed",
    mode: { fifo: "real" },
    informer: { handlers: [{ id: "early1" }, { id: "early2" }] },
    initial: [{ object: pod("default", "web-1") }, { object: pod("default", "web-2") }],
    steps: [
      { name: "create web-3", actions: [{ op: "create", object: pod("default", "web-3") }] },
      { name: "register late (gets the cache as initial adds)", actions: [{ addHandler: { id: "late" } }] },
      { name: "update web-1", actions: [{ op: "label", namespace: "default", name: "web-1", labels: { v: "2" } }] },
      { name: "remove early2, delete web-2", actions: [{ removeHandler: "early2" }, { op: "delete", namespace: "default", name: "web-2" }] },
    ],
  },
  {
    name: "late registration on a DeltaFIFO informer",
    mode: { fifo: "delta" },
    informer: { handlers: [{ id: "h1" }] },
    initial: [{ object: pod("default", "a") }, { object: pod("other", "b") }],
    steps: [
      { name: "register late", actions: [{ addHandler: { id: "late" } }] },
      { name: "create c, delete a", actions: [{ op: "create", object: pod("default", "c") }, { op: "delete", namespace: "default", name: "a" }] },
    ],
  },
  {
    name: "label selector: objects enter and leave",
    mode: { fifo: "real" },
    informer: { labelSelector: "app=web", handlers: [{ id: "h" }] },
    barrier: { labels: { app: "web" } },
    initial: [{ object: pod("default", "w1", { labels: { app: "web" } }) }, { object: pod("default", "d1", { labels: { app: "db" } }) }],
    steps: [
      { name: "w1 leaves (app=db)", actions: [{ op: "label", namespace: "default", name: "w1", labels: { app: "db" } }] },
      { name: "d1 enters (app=web)", actions: [{ op: "label", namespace: "default", name: "d1", labels: { app: "web" } }] },
      { name: "w1 comes back, d1 changes inside", actions: [
        { op: "label", namespace: "default", name: "w1", labels: { app: "web" } },
        { op: "label", namespace: "default", name: "d1", labels: { extra: "1" } },
      ] },
    ],
  },
  {
    name: "field selector spec.nodeName: binding enters, delete leaves",
    mode: { fifo: "real" },
    informer: { fieldSelector: "spec.nodeName=node-a", handlers: [{ id: "h" }] },
    barrier: { nodeName: "node-a" },
    initial: [{ object: pod("default", "on-a", { node: "node-a" }) }, { object: pod("default", "on-b", { node: "node-b" }) }, { object: pod("default", "pending") }],
    steps: [
      { name: "bind pending to node-a", actions: [{ op: "bind", namespace: "default", name: "pending", node: "node-a" }] },
      { name: "delete on-a with grace 1 s", actions: [{ op: "delete", namespace: "default", name: "on-a", gracePeriodSeconds: 1 }] },
      { name: "the kubelet's final delete", actions: [{ waitGone: { namespace: "default", name: "on-a" } }] },
    ],
  },
  {
    name: "finalizers: delete marks, removing the last finalizer deletes",
    mode: { fifo: "real" },
    informer: { resource: "configmaps", handlers: [{ id: "h" }] },
    initial: [{ object: configMap("default", "cfg", { k: "v" }, ["example.com/keep"]) }],
    steps: [
      { name: "delete (deletionTimestamp set)", actions: [{ op: "delete", namespace: "default", name: "cfg" }] },
      { name: "remove the finalizer", actions: [{ op: "patch", namespace: "default", name: "cfg", type: "merge", patch: { metadata: { finalizers: null } } }] },
    ],
  },
  {
    name: "graceful pod deletion in two phases (bound pod, grace 1 s)",
    mode: { fifo: "delta" },
    informer: { handlers: [{ id: "h" }] },
    initial: [{ object: pod("default", "bound", { node: "node-a" }) }, { object: pod("default", "unbound") }],
    steps: [
      { name: "delete the unbound pod (grace forced to 0)", actions: [{ op: "delete", namespace: "default", name: "unbound" }] },
      { name: "delete the bound pod with grace 1 s", actions: [{ op: "delete", namespace: "default", name: "bound", gracePeriodSeconds: 1 }] },
      { name: "the kubelet's final delete", actions: [{ waitGone: { namespace: "default", name: "bound" } }] },
    ],
  },
  {
    name: "no-op update: no new RV, no notification",
    mode: { fifo: "real" },
    informer: { handlers: [{ id: "h" }] },
    initial: [{ object: pod("default", "same") }],
    steps: [
      { name: "PUT the object unchanged", actions: [{ op: "update", namespace: "default", name: "same", change: () => undefined }] },
      { name: "merge patch with the same label value twice", actions: [
        { op: "label", namespace: "default", name: "same", labels: { a: "1" } },
        { op: "label", namespace: "default", name: "same", labels: { a: "1" } },
      ] },
    ],
  },
  {
    name: "namespace-scoped informer (WithNamespace) with JSON patch writes",
    mode: { fifo: "realAtomic" },
    informer: { namespace: "team-a", handlers: [{ id: "h" }] },
    initial: [{ object: pod("team-a", "x") }, { object: pod("team-b", "y") }],
    steps: [
      { name: "writes in both namespaces", actions: [
        { op: "create", object: pod("team-b", "z") },
        { op: "patch", namespace: "team-a", name: "x", type: "json", patch: [{ op: "add", path: "/metadata/labels", value: { j: "1" } }] },
        { op: "create", object: pod("team-a", "w") },
      ] },
    ],
  },
  {
    name: "extra indexers: final index contents",
    mode: { fifo: "real" },
    informer: { indexers: ["byNode", "byLabel:app"], handlers: [{ id: "h" }] },
    initial: [{ object: pod("default", "p1", { node: "n1", labels: { app: "a" } }) }, { object: pod("default", "p2", { labels: { app: "b" } }) }],
    steps: [
      { name: "bind p2, relabel p1, add p3", actions: [
        { op: "bind", namespace: "default", name: "p2", node: "n2" },
        { op: "label", namespace: "default", name: "p1", labels: { app: "b" } },
        { op: "create", object: pod("other", "p3", { node: "n1", labels: { app: "c" } }) },
      ] },
    ],
  },
];
