/**
 * Messages between the page (site/runner/runner.ts) and the run worker (run-worker.ts), and the budgets.
 *
 * - The page sends one `run` message to the worker with a MessagePort; every answer comes back on that
 *   port (the worker's own postMessage is removed before learner code runs, see lockdown.ts).
 * - The page treats every answer as untrusted: site/runner/check-message.ts validates each one against
 *   these types and the order below; anything else ends the run with "the run sent something unexpected".
 * - Order: `started` → `events`* → (`limit` | `result` → (`checking` → )? `goals`), or `fatal` at any time.
 * - Trace events travel as JSON text, so the page counts their size before parsing them.
 */
import type { GoalReason, RunResult, Scenario, TimedOp } from "../../../src/scenario/index.js";

/** Trace events per run (the engine's maxEvents; the page also counts). */
export const MAX_EVENTS = 100_000;
/** Wall-clock budget of the main run, and again of the goal checks on more seeds. */
export const WALL_CLOCK_MS = 2_000;
/** Time the worker may take, after the run is posted, to load the learner's module before `started`. */
export const LOAD_MS = 3_000;
/** One log() line keeps at most this many characters; the rest is cut with a note. */
export const MAX_LOG_LINE_CHARS = 10_000;
/** All log() text of one run; later lines are dropped with one note. */
export const MAX_LOG_CHARS = 2_000_000;
/** The trace as JSON text (the page stops the run past it, keeping the trace up to the cut). */
export const MAX_TRACE_CHARS = 48_000_000;
/** An error or goal message (longer ones are cut by the worker and refused by the page). */
export const MAX_ERROR_CHARS = 4_000;
/** One `events` message (the worker flushes long before this). */
export const MAX_BATCH_CHARS = 8_000_000;

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
  /** The reason in English (the goal's `message`). */
  message?: string;
  /** The reason as a message id + params: the page renders it in the learner's language. */
  reason?: GoalReason;
  /** The step (1-based trace index) where the goal broke, in the run of `seed`. */
  failedAtStep?: number;
  /** The seed of the run this outcome is about (the scenario's seed unless a later seed failed). */
  seed: number;
}

export type LimitReason = "events" | "size";

/** The main run's result without its trace and log (the page has the trace and rebuilds the log). */
export type ResultSummary = Pick<RunResult, "hash" | "error">;

export type WorkerMessage =
  | { type: "ready" }
  /** The learner's code was evaluated and the scenario starts now. */
  | { type: "started" }
  /** `count` events as a JSON array. */
  | { type: "events"; json: string; count: number }
  /** A budget is used up (events or output size): the page keeps the trace so far and kills the worker. */
  | { type: "limit"; reason: LimitReason }
  /** The main run finished; its `traceLength` events were all sent. */
  | { type: "result"; result: ResultSummary; traceLength: number }
  /** Checking goals on `seeds` more seeds starts now. */
  | { type: "checking"; seeds: number }
  | { type: "goals"; goals: GoalOutcome[] }
  | { type: "fatal"; message: string; line?: number };
