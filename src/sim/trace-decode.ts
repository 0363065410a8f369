/**
 * decodeTraceEvent — the trace typed once where it enters the page (the run worker's messages), so the
 * app reads `KnownTraceEvent`s without casts.
 *
 * Contract:
 * - `decodeTraceEvent(x, seq)` accepts a plain object whose `seq` is the expected `seq`, whose `time`
 *   is a finite number ≥ 0, and whose `kind` is one of the closed union's kinds with the `component`
 *   that kind belongs to (TRACE_KINDS, checked against the union at compile time: a new kind must be
 *   added there or the build fails). Payload fields the page reads as text or numbers are checked for
 *   the kinds that carry learner-controlled data (runner.log, runner.error, handler.threw,
 *   processor.listenerAdded's requested period), and a source
 *   position `src` where a kind has one (runner.log, handler.called, worker.reconcile, server.request: absent, or
 *   `{ line, col }` with safe integers ≥ 1 and nothing else). It returns
 *   the event itself typed as KnownTraceEvent, or a sentence saying what is wrong.
 * - Nothing is copied or rewritten: a decoded event is the same object.
 */
import type { KnownTraceEvent, TraceKind, TraceOf } from "./trace.js";

/** Every trace kind with its component. */
export const TRACE_KINDS = {
  "server.request": "server",
  "server.response": "server",
  "server.write": "server",
  "server.watch.opened": "server",
  "server.watch.event": "server",
  "server.watch.closed": "server",
  "server.compacted": "server",
  "server.restarted": "server",
  "fault.injected": "fault",
  "reflector.state": "reflector",
  "reflector.list.start": "reflector",
  "reflector.list.done": "reflector",
  "reflector.list.error": "reflector",
  "reflector.watch.start": "reflector",
  "reflector.watch.event": "reflector",
  "reflector.watch.end": "reflector",
  "reflector.backoff": "reflector",
  "reflector.rv": "reflector",
  "reflector.resync": "reflector",
  "reflector.watchErrorHandler": "reflector",
  "fifo.queued": "fifo",
  "fifo.skipped": "fifo",
  "fifo.replace": "fifo",
  "fifo.popped": "fifo",
  "fifo.closed": "fifo",
  "indexer.write": "indexer",
  "indexer.replace": "indexer",
  "indexer.indexAdded": "indexer",
  "indexer.query": "indexer",
  "lister.query": "indexer",
  "processor.distribute": "processor",
  "processor.listenerAdded": "processor",
  "processor.listenerRemoved": "processor",
  "processor.resyncCheck": "processor",
  "listener.buffered": "listener",
  "listener.synced": "listener",
  "handler.called": "handler",
  "handler.returned": "handler",
  "handler.threw": "handler",
  "workqueue.add": "workqueue",
  "workqueue.get": "workqueue",
  "workqueue.done": "workqueue",
  "workqueue.addAfter": "workqueue",
  "workqueue.rateLimited": "workqueue",
  "workqueue.forget": "workqueue",
  "workqueue.shutdown": "workqueue",
  "worker.started": "worker",
  "worker.reconcile": "worker",
  "worker.result": "worker",
  "worker.stopped": "worker",
  "runner.start": "runner",
  "runner.op": "runner",
  "runner.log": "runner",
  "runner.error": "runner",
  "runner.end": "runner",
  "runner.cacheSync": "runner",
} as const satisfies { [K in TraceKind]: TraceOf<K>["component"] };

const KINDS: ReadonlyMap<string, string> = new Map(Object.entries(TRACE_KINDS));

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === "object" && x !== null && !Array.isArray(x);
const isOptInt = (x: unknown): boolean => x === undefined || (typeof x === "number" && Number.isSafeInteger(x) && x >= 1);
const isPos = (x: unknown): boolean => typeof x === "number" && Number.isSafeInteger(x) && x >= 1;
/** Absent, or exactly `{ line, col }` (1-based). */
const isOptSrc = (x: unknown): boolean =>
  x === undefined || (isObj(x) && isPos(x["line"]) && isPos(x["col"]) && Object.keys(x).length === 2);

export function decodeTraceEvent(x: unknown, seq: number): KnownTraceEvent | string {
  if (!isObj(x)) return "not an object";
  if (x["seq"] !== seq) return `seq ${String(x["seq"])} where ${seq} was expected`;
  const time = x["time"];
  if (typeof time !== "number" || !Number.isFinite(time) || time < 0) return "a time that is not a finite number ≥ 0";
  const kind = x["kind"];
  const component = typeof kind === "string" ? KINDS.get(kind) : undefined;
  if (component === undefined) return `an unknown kind ${JSON.stringify(String(kind)).slice(0, 80)}`;
  if (x["component"] !== component) return `kind ${String(kind)} from component ${JSON.stringify(String(x["component"])).slice(0, 40)}`;
  switch (kind) {
    case "runner.log":
      if (typeof x["text"] !== "string") return "a runner.log without text";
      if (!isOptSrc(x["src"])) return "a runner.log with a malformed source position";
      break;
    case "handler.called":
    case "worker.reconcile":
    case "server.request":
      if (!isOptSrc(x["src"])) return `a ${kind} with a malformed source position`;
      break;
    case "processor.listenerAdded":
      if (x["requestedResyncMs"] !== undefined && (typeof x["requestedResyncMs"] !== "number" || !Number.isFinite(x["requestedResyncMs"]))) {
        return "a processor.listenerAdded with a requested resync period that is not a finite number";
      }
      break;
    case "runner.error":
    case "handler.threw":
      if (typeof x["message"] !== "string" || !isOptInt(x["line"])) return `a ${kind} with a malformed message or line`;
      break;
  }
  return x as unknown as KnownTraceEvent;
}
