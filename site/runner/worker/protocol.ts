/**
 * Messages between the page (site/runner/runner.ts) and the run worker (run-worker.ts).
 * Everything is structured-clone data: the trace is plain data by contract (src/sim/trace.ts).
 */
import type { RunResult, Scenario, TimedOp } from "../../../src/scenario/index.js";
import type { TraceEvent } from "../../../src/sim/index.js";

export const MAX_EVENTS = 100_000;
export const WALL_CLOCK_MS = 2_000;

export interface RunRequestMessage {
  type: "run";
  scenario: Scenario;
  /** The learner's module compiled to CommonJS by the TypeScript worker. */
  js: string;
  /** Its source map (JSON), to map runtime errors back to the learner's lines. */
  map?: string;
  actions: TimedOp[];
  /** When set, the worker checks this lesson's goals.ts on the scenario's seed and `seeds` more. */
  lessonId?: string;
}

export interface GoalOutcome {
  id: string;
  pass: boolean;
  message?: string;
  /** The step (1-based trace index) where the goal broke, in the run of `seed`. */
  failedAtStep?: number;
  /** The seed of the run this outcome is about (the scenario's seed unless a later seed failed). */
  seed: number;
}

export type WorkerMessage =
  | { type: "ready" }
  /** The learner's code was evaluated and the scenario starts now (the page starts the 2 s clock). */
  | { type: "started" }
  | { type: "events"; events: TraceEvent[] }
  /** The 100,000-event budget is used up: the page kills the worker. */
  | { type: "limit" }
  /** The main run finished; `trace` is empty here (the page has it from the streamed events). */
  | { type: "result"; result: RunResult; traceLength: number }
  /** Checking goals on more seeds starts now (the page restarts the clock). */
  | { type: "checking"; seeds: number }
  | { type: "goals"; goals: GoalOutcome[] }
  | { type: "fatal"; message: string; line?: number };
