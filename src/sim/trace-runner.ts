/**
 * Trace events of the runner that runs the learner's program on virtual time: start, scenario and learner
 * actions, log lines, cache-sync waits, errors, end (component "runner").
 *
 * Contract: part of the closed trace union `KnownTraceInput` (src/sim/trace.ts, which re-exports every name here;
 * import them from there). Kinds and fields are only ever added, never renamed (trace.ts's contract);
 * a new kind must also be listed in trace-decode.ts's TRACE_KINDS or the build fails.
 */
import type { SourcePosition } from "./trace-source.js";

// ───────────────────────────── runner / learner (component "runner") ─────────────────────────────
export type RunnerTrace =
  | { component: "runner"; kind: "runner.start"; seed: number; durationMs: number }
  /** A scenario or learner action applied at its virtual time. */
  | { component: "runner"; kind: "runner.op"; op: string; resource?: string; key?: string; detail?: string; learner: boolean }
  /** A line printed by the learner's log(); `src`: where that log(...) (or console.*) call is. */
  | { component: "runner"; kind: "runner.log"; text: string; src?: SourcePosition }
  /**
   * The learner's `cache.waitForCacheSync(stop, ...fns)` (or `factory.waitForCacheSync(stop)`) resolved:
   * `synced` is the value it resolved with, `results` what each hasSynced function answered at that moment
   * (in argument order; for the factory, one per started informer, named in `resources`).
   */
  | { component: "runner"; kind: "runner.cacheSync"; synced: boolean; results: boolean[]; resources?: string[] }
  | { component: "runner"; kind: "runner.error"; message: string; line?: number }
  | { component: "runner"; kind: "runner.end"; reason: "done" | "timeout" | "eventLimit" | "error" };
