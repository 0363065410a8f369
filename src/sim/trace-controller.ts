/**
 * Trace events of a controller: its workqueue and its workers (components "workqueue", "worker").
 *
 * Contract: part of the closed trace union `KnownTraceInput` (src/sim/trace.ts, which re-exports every name here;
 * import them from there). Kinds and fields are only ever added, never renamed (trace.ts's contract);
 * a new kind must also be listed in trace-decode.ts's TRACE_KINDS or the build fails.
 */
import type { SourcePosition } from "./trace-source.js";

// ───────────────────────────── workqueue (component "workqueue") ─────────────────────────────
export type WorkqueueTrace =
  /** `deduplicated`: the key was already dirty (queued or waiting to be re-queued after processing). */
  | { component: "workqueue"; kind: "workqueue.add"; queue: string; key: string; deduplicated: boolean;
      processing: boolean; length: number }
  | { component: "workqueue"; kind: "workqueue.get"; queue: string; key: string; worker?: number; length: number }
  | { component: "workqueue"; kind: "workqueue.done"; queue: string; key: string; requeued: boolean; length: number }
  | { component: "workqueue"; kind: "workqueue.addAfter"; queue: string; key: string; delayMs: number; readyAt: number }
  | { component: "workqueue"; kind: "workqueue.rateLimited"; queue: string; key: string; delayMs: number; requeues: number }
  | { component: "workqueue"; kind: "workqueue.forget"; queue: string; key: string }
  | { component: "workqueue"; kind: "workqueue.shutdown"; queue: string; drain: boolean };

// ───────────────────────────── controller workers (component "worker") ─────────────────────────────
export type WorkerTrace =
  | { component: "worker"; kind: "worker.started"; controller: string; worker: number }
  /** `src`: where the learner's reconcile function is defined. */
  | { component: "worker"; kind: "worker.reconcile"; controller: string; worker: number; key: string; src?: SourcePosition }
  | { component: "worker"; kind: "worker.result"; controller: string; worker: number; key: string;
      result: "success" | "error" | "requeue"; message?: string; requeueAfterMs?: number }
  | { component: "worker"; kind: "worker.stopped"; controller: string; worker: number };
