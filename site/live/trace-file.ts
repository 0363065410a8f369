/**
 * Export a live window as a trace file, and read one back (wire.md §7.3: a recorded live run can be
 * scrubbed like any run). The file holds the window's events and the world before them (`base`, with
 * its Maps written as tagged arrays), plus what it was connected to.
 *
 * Contract: `parseTraceFile(exportTrace(x))` gives back equal events and an equal base world (its Maps
 * and its queues — FIFO entries, listener buffers — rebuilt as such); a file that is not one of ours is
 * a clear Error naming what is wrong (nothing is loaded). Events are typed where they enter, by the app's
 * trace decoder (decodeTraceEvent: known kinds from their own component, consecutive seqs). `downloadTrace` saves the text as a file.
 */
import { decodeTraceEvent, HeadQueue, type FifoEntry, type KnownTraceEvent, type PendingNotification, type TraceEvent, type WorldView } from "../../src/sim/index.js";

export const TRACE_FORMAT = "informer-playground-trace";
export interface TraceFile {
  format: typeof TRACE_FORMAT;
  version: 1;
  live: { context: string; server: string; resource: string; namespace: string; exportedAt: string; dropped: number };
  base: WorldView;
  trace: KnownTraceEvent[];
}

/** The file's events decoded (trace-decode.ts: known kinds, consecutive seqs from the first one's), or the first problem. */
function decodeEvents(trace: unknown): KnownTraceEvent[] {
  if (!Array.isArray(trace)) throw new Error("trace: must be a list of trace events");
  const first: unknown = trace[0];
  const seq0 = typeof first === "object" && first !== null && "seq" in first && typeof first.seq === "number" ? first.seq : 1;
  return trace.map((x: unknown, i) => {
    const e = decodeTraceEvent(x, seq0 + i);
    if (typeof e === "string") throw new Error(`trace: event ${i + 1}: ${e}`);
    return e;
  });
}

const MAP_TAG = "__map__";
const replacer = (_k: string, v: unknown): unknown => (v instanceof Map ? { [MAP_TAG]: [...v.entries()] } : v);
const reviver = (_k: string, v: unknown): unknown => {
  if (v !== null && typeof v === "object" && !Array.isArray(v) && MAP_TAG in v) return new Map((v as Record<string, [unknown, unknown][]>)[MAP_TAG]);
  return v;
};

export function exportTrace(f: Omit<TraceFile, "format" | "version" | "trace"> & { trace: readonly TraceEvent[] }): string {
  return JSON.stringify({ format: TRACE_FORMAT, version: 1, ...f }, replacer);
}

export function parseTraceFile(text: string): TraceFile {
  let v: unknown;
  try { v = JSON.parse(text, reviver); } catch (e) { throw new Error(`not JSON: ${e instanceof Error ? e.message : String(e)}`); }
  const f = v as Partial<Omit<TraceFile, "trace">> & { trace?: unknown } | null;
  if (f === null || typeof f !== "object" || f.format !== TRACE_FORMAT) throw new Error(`not an Informer Playground trace (format must be "${TRACE_FORMAT}")`);
  if (f.version !== 1) throw new Error(`unsupported trace version ${String(f.version)}`);
  const trace = decodeEvents(f.trace);
  if (f.base === undefined || !(f.base.informers instanceof Map) || !(f.base.server?.objects instanceof Map)) throw new Error("base: missing or not a world");
  // JSON has arrays where the world has queues; files from before the seen counters have none.
  for (const inf of f.base.informers.values()) {
    if (!Array.isArray(inf.fifo?.entries) || !(inf.listeners instanceof Map)) throw new Error(`base: informer ${String(inf.name)} has no FIFO entries or listeners`);
    inf.fifo.entries = new HeadQueue(inf.fifo.entries as unknown as FifoEntry[]);
    for (const l of inf.listeners.values()) {
      if (!Array.isArray(l.buffer)) throw new Error(`base: listener ${String(l.index)} of ${String(inf.name)} has no buffer`);
      l.buffer = new HeadQueue(l.buffer as unknown as PendingNotification[]);
    }
  }
  f.base.server.seen ??= { requests: 0, watches: 0, events: 0, lastEventRV: "" };
  f.base.server.remote ??= true;   // a live window's base: only live runs are exported
  if (f.live === undefined) throw new Error("live: missing (what the trace was recorded from)");
  return { format: f.format, version: f.version, live: f.live, base: f.base, trace };
}

/** Offers `text` as a download named `name` (the browser's save dialog or downloads folder). */
export function downloadTrace(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
