/**
 * Export a live window as a trace file, and read one back (wire.md §7.3: a recorded live run can be
 * scrubbed like any run). The file holds the window's events and the world before them (`base`, with
 * its Maps written as tagged arrays), plus what it was connected to.
 *
 * Contract: `parseTraceFile(exportTrace(x))` gives back equal events and an equal base world; a file
 * that is not one of ours is a clear Error naming what is wrong (nothing is loaded).
 */
import type { TraceEvent } from "../../src/sim/index.js";
import type { WorldView } from "../../src/sim/index.js";

export const TRACE_FORMAT = "informer-playground-trace";
export interface TraceFile {
  format: typeof TRACE_FORMAT;
  version: 1;
  live: { context: string; server: string; resource: string; namespace: string; exportedAt: string; dropped: number };
  base: WorldView;
  trace: TraceEvent[];
}

const MAP_TAG = "__map__";
const replacer = (_k: string, v: unknown): unknown => (v instanceof Map ? { [MAP_TAG]: [...v.entries()] } : v);
const reviver = (_k: string, v: unknown): unknown => {
  if (v !== null && typeof v === "object" && !Array.isArray(v) && MAP_TAG in v) return new Map((v as Record<string, [unknown, unknown][]>)[MAP_TAG]);
  return v;
};

export function exportTrace(f: Omit<TraceFile, "format" | "version">): string {
  return JSON.stringify({ format: TRACE_FORMAT, version: 1, ...f }, replacer);
}

export function parseTraceFile(text: string): TraceFile {
  let v: unknown;
  try { v = JSON.parse(text, reviver); } catch (e) { throw new Error(`not JSON: ${e instanceof Error ? e.message : String(e)}`); }
  const f = v as Partial<TraceFile>;
  if (f === null || typeof f !== "object" || f.format !== TRACE_FORMAT) throw new Error(`not an Informer Playground trace (format must be "${TRACE_FORMAT}")`);
  if (f.version !== 1) throw new Error(`unsupported trace version ${String(f.version)}`);
  if (!Array.isArray(f.trace) || f.trace.some((e) => typeof e !== "object" || e === null || typeof (e as TraceEvent).kind !== "string")) throw new Error("trace: must be a list of trace events");
  if (f.base === undefined || !(f.base.informers instanceof Map) || !(f.base.server?.objects instanceof Map)) throw new Error("base: missing or not a world");
  return f as TraceFile;
}
