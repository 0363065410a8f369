/**
 * The engine's public surface (design/API.md). Contract tests import exactly these names from here.
 * Export more if useful; never rename what API.md lists.
 */
export { Scheduler } from "./sim/scheduler.js";
export { Recorder, MultiTracer, traceTo, asKnown } from "./sim/trace.js";
export type {
  TraceInput, TraceEvent, Tracer, TraceFn, KnownTraceInput, KnownTraceEvent, TraceKind, TraceComponent, TraceOf,
  DeltaSummary,
} from "./sim/trace.js";
export { WorldReplay, foldTrace, reduce, emptyWorld, indexBuckets, focusedInformer } from "./sim/view.js";
export type { WorldView, StageName, StageRef, InformerView, FifoEntry, ServerObjectView, HandlerLogEntry } from "./sim/view.js";
export { narrate } from "./sim/narration.js";
export { firstDifference } from "./sim/diff.js";
export type { RunDifference } from "./sim/diff.js";
export type {
  ObjectMeta, KubeObject, Pod, ConfigMap, Service, Node, Namespace, Deployment, ReplicaSet,
} from "./types.js";
export * from "./apimachinery/index.js";
export * from "./apiserver/index.js";
export * from "./labels/index.js";
export * from "./cache/index.js";
export * from "./informers/index.js";
export * from "./workqueue/index.js";
export * from "./scenario/index.js";
