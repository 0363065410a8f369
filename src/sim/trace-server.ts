/**
 * Trace events of the simulated API server and of injected faults (components "server", "fault").
 *
 * Contract: part of the closed trace union `KnownTraceInput` (src/sim/trace.ts, which re-exports every name here;
 * import them from there). Kinds and fields are only ever added, never renamed (trace.ts's contract);
 * a new kind must also be listed in trace-decode.ts's TRACE_KINDS or the build fails.
 */
import type { KubeObject } from "../types.js";
import type { SourcePosition } from "./trace-source.js";

export type Verb = "list" | "watch" | "get" | "create" | "update" | "patch" | "delete";
/**
 * Who made a request (`server.request.origin`), so goals and the stage blame the right party:
 * - "code": the learner's program (its clientset calls);
 * - "action": a stage button or command-bar command the learner added to the run (`runner.op` learner: true);
 * - "scenario": the lesson's scenario (its initial objects and timeline ops);
 * - "informer": informer machinery (a reflector's LIST/WATCH: its client is reflectorClient(…));
 * - "cluster": the simulated cluster's own components (the kubelet finishing a graceful delete).
 */
export type RequestOrigin = "code" | "action" | "scenario" | "informer" | "cluster";
export type FaultKind =
  | "dropWatches" | "compact" | "partition" | "heal" | "restart"
  | "throttle" | "latency" | "slowHandler" | "slowConsumer" | "watchError" | "stall";

// ───────────────────────────── server (component "server") ─────────────────────────────
export type ServerTrace =
  /**
   * A request arrived (direct call or through a ListerWatcher). `client` names the caller, e.g.
   * "reflector:pods"; `origin` says who made it (absent only for requests from outside a run, e.g. the wire).
   */
  | { component: "server"; kind: "server.request"; requestId: number; verb: Verb; resource: string;
      namespace?: string; name?: string; client?: string; origin?: RequestOrigin; resourceVersion?: string;
      resourceVersionMatch?: string; labelSelector?: string; fieldSelector?: string; limit?: number;
      continue?: string; sendInitialEvents?: boolean; timeoutSeconds?: number;
      /** update: the `metadata.resourceVersion` the sent object carried (the precondition); absent = none, an unconditional write. */
      objectResourceVersion?: string;
      /** Traced by a client of a remote cluster (live mode): the server's store and writes are not in this trace. */
      remote?: true;
      /** origin "code": where in the learner's source the clientset call was made. */
      src?: SourcePosition }
  /** The reply, success or Status error. `items` for lists; `resourceVersion` of the list or object. */
  | { component: "server"; kind: "server.response"; requestId: number; verb: Verb; resource: string;
      code: number; reason?: string; message?: string; resourceVersion?: string; items?: number;
      continue?: string; retryAfterSeconds?: number }
  /** The store changed: one per write (the watch event every watcher may see). */
  | { component: "server"; kind: "server.write"; resource: string; key: string;
      type: "ADDED" | "MODIFIED" | "DELETED"; resourceVersion: string; object: KubeObject }
  | { component: "server"; kind: "server.watch.opened"; watchId: number; resource: string;
      resourceVersion: string; namespace?: string; labelSelector?: string; fieldSelector?: string;
      client?: string; sendInitialEvents?: boolean; timeoutSeconds?: number;
      /** Traced by a client of a remote cluster (live mode), as on server.request. */
      remote?: true }
  /** A watch event handed to a watcher (after any latency). For ERROR, `code`/`reason` of the Status. */
  | { component: "server"; kind: "server.watch.event"; watchId: number; resource: string;
      type: "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR"; key?: string; resourceVersion: string;
      code?: number; reason?: string; initialEventsEnd?: boolean }
  | { component: "server"; kind: "server.watch.closed"; watchId: number; resource: string;
      reason: "timeout" | "dropped" | "stopped" | "expired" | "slowConsumer" | "restart" | "partition" | "error" }
  | { component: "server"; kind: "server.compacted"; resourceVersion: string }
  | { component: "server"; kind: "server.restarted"; resourceVersion: string };

// ───────────────────────────── faults (component "fault") ─────────────────────────────
export type FaultTrace =
  | { component: "fault"; kind: "fault.injected"; fault: FaultKind; detail?: string };
