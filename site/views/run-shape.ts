/**
 * What a run really has, read from its trace, so the stage shows only what exists (issue 21 item 3:
 * lesson 04 drives a bare DeltaFIFO; an informer pipeline drawn around it would not exist).
 *
 * Contract: `isBareFifo(trace)` is true when the run touches a queue (a `fifo` event) and nothing of an
 * informer: no reflector, indexer, processor, listener, handler, workqueue or worker event, and no request
 * to the API server from the learner's code or an informer (the scenario's own writes, which nobody
 * reads, do not count). An empty trace is not bare (nothing is known yet). Pure.
 */
import type { KnownTraceEvent, TraceEvent } from "../../src/sim/index.js";

const INFORMER_PARTS = new Set(["reflector", "indexer", "processor", "listener", "handler", "workqueue", "worker"]);

export function isBareFifo(trace: readonly KnownTraceEvent[]): boolean {
  let fifo = false;
  for (const e of trace) {
    if (INFORMER_PARTS.has(e.component)) return false;
    if (e.kind === "server.request" && (e.origin === "code" || e.origin === "informer")) return false;
    if (e.component === "fifo") fifo = true;
  }
  return fifo;
}

/**
 * Whether a run touches a workqueue or a worker, for a trace that only grows at its end (a live window
 * followed load after load; its seqs are contiguous): each call scans only the events after the last
 * one it saw, not the whole 20k-event window per frame.
 */
export class WorkqueueScan {
  private seen = 0;
  grown(trace: readonly TraceEvent[]): boolean {
    const from = Math.max(0, this.seen - (trace[0]?.seq ?? 1) + 1);
    this.seen = trace[trace.length - 1]?.seq ?? this.seen;
    for (let i = from; i < trace.length; i++) {
      const c = trace[i]!.component;
      if (c === "workqueue" || c === "worker") return true;
    }
    return false;
  }
}
