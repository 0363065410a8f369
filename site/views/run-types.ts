/**
 * The run shapes the stage consumes and produces (API.md "Scenarios, runs and goals"): structurally the
 * same as src/scenario's `RunResult`, `Op` and `TimedOp`, declared here so the stage compiles on its own.
 */
import type { TraceEvent } from "../../src/sim/trace.js";
import type { KubeObject } from "../../src/types.js";

export type Op =
  | { op: "create" | "update" | "apply"; resource: string; object: KubeObject }
  | { op: "delete"; resource: string; namespace?: string; name: string; gracePeriodSeconds?: number }
  | { op: "label"; resource: string; namespace?: string; name: string; labels: Record<string, string | null> }
  | { op: "fault"; fault: "dropWatches" | "compact" | "partition" | "heal" | "restart" }
  | { op: "slowHandler"; handler: number; delayMs: number };
export type TimedOp = Op & { at: number };
export interface LogLine { step: number; time: number; text: string }
export interface RunResult {
  trace: TraceEvent[];
  log: LogLine[];
  hash: string;
  error?: { kind: "compile" | "runtime" | "timeout"; message: string; line?: number; step?: number };
}
