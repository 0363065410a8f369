/**
 * The `playground` module — what learner code imports:
 *
 *   import { cache, informers, workqueue, errors, labels, type Pod, type Playground } from "playground";
 *   export default async function main({ clientset, stop, log, sleep }: Playground) { … }
 *
 * Contract (API.md "The `playground` module"):
 * - Go-package-shaped namespaces over the engine: `cache`, `informers`, `workqueue`, `errors`, `labels`
 *   (src/playground/*.ts), and the object types (Pod, ConfigMap, …) and context types (Playground,
 *   Clientset, ResourceClient).
 * - Functions that need the run's Scheduler / ApiServer / tracer (cache.waitForCacheSync,
 *   informers.newSharedInformerFactory, workqueue.newController, …) reach them through the CURRENT RUN,
 *   a module-level context that runScenario sets for the duration of a run (src/scenario/current-run.ts).
 *   Runs are serialised per realm (Node process, Web Worker), so one module instance serves one run at a
 *   time; calling those functions outside a run throws a clear error.
 * - Resolution of the bare specifier "playground": vitest `resolve.alias` and tsc `paths` point here; the
 *   browser runner answers `require("playground")` with this module; Monaco gets the declaration bundle
 *   generated from this file by tools/gen-playground-dts.mjs.
 */
export * as cache from "./playground/cache.js";
export * as informers from "./playground/informers.js";
export * as workqueue from "./playground/workqueue.js";
export * as errors from "./playground/errors.js";
export * as labels from "./playground/labels.js";

export type {
  KubeObject, ObjectMeta, Pod, ConfigMap, Service, Node, Namespace, Deployment, ReplicaSet,
} from "./types.js";
export type { Playground, LogLine } from "./scenario/scenario.js";
export type { Clientset, ResourceClient, PodClient, CoreV1Client, AppsV1Client } from "./scenario/clientset.js";
export type { Binding } from "./apiserver/registry.js";
export type { ListOptions, WatchOptions, KubeList, WatchEvent, WatchEventType } from "./apimachinery/meta.js";
export type { ListerWatcher } from "./cache/listwatch.js";
export type {
  ResourceEventHandler, ResourceEventHandlerFuncs, ResourceEventHandlerRegistration, Indexer, Store,
} from "./cache/types.js";
