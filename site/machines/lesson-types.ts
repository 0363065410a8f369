/**
 * lesson-types — the vocabulary of the lesson machine (site/machines/lesson.ts): its input, context,
 * the events the view sends and the events it emits for the panes.
 *
 * Contract: types only (no runtime code); the machine, the panes (site/shell/lesson/*) and the machine's
 * unit test import them from here.
 */
import type { TimedOp } from "../../src/scenario/index.js";
import type { CompileOutput } from "../editor/create-editor.js";
import type { PageRunResult, StopReason } from "../runner/runner.js";
import type { GoalOutcome } from "../runner/worker/protocol.js";

export type RunReason = "run" | "live" | "action" | "boot" | "share" | "solution";
export type Reason = RunReason | "check";

/** Which source a run was compiled from (issue 13): every run, its log, goals and stage carry it. */
export interface RunSource {
  lesson: string;
  hash: string;
  kind: "starter" | "solution" | "shared" | "edited";
}

export interface GoalStatus {
  status: "pending" | "pass" | "fail";
  message?: GoalOutcome["message"];
  /** The typed, translatable reason (site/lessons/goal-reason.ts renders it in the learner's language). */
  reason?: GoalOutcome["reason"];
  step?: number;
  seed?: number;
}

/** What the compile actor returns: the compile, and the hash of the editor's text when it finished. */
export interface CompileOutcome {
  out: CompileOutput;
  editorHash: string;
}

export interface RunInput {
  compiled: CompileOutput;
  actions: TimedOp[];
  reason: RunReason;
}

export interface LessonInput {
  lessonId: string;
  starter: string;
  solution?: string;
  /** The scenario's seed: goal outcomes of other seeds carry theirs. */
  seed: number;
  goalIds: string[];
  hasGoals: boolean;
  live: boolean;
  actions?: TimedOp[];
  fromShare?: boolean;
  solutionShown?: boolean;
}

export interface LessonContext {
  input: LessonInput;
  live: boolean;
  actions: TimedOp[];
  fromShare: boolean;
  /** Show solution or Diff was opened since the last Reset: progress does not count. */
  solutionShown: boolean;
  reason: Reason;
  attempt: number;
  dirty: boolean;
  compiled: CompileOutput | undefined;
  source: RunSource | undefined;
  countable: boolean;
  lastGood: PageRunResult | undefined;
  lastRun: { steps: number; ms: number; stopped: boolean } | undefined;
  /** The run in flight already delivered its result (its goals are being checked). */
  resultIn: boolean;
  goals: Record<string, GoalStatus>;
  /** Set when the goals could not be checked (the run was stopped, or the worker sent none). */
  /** "stopped": the goals could not be checked; "runToCount": a live run passed them all (press Run to count it). */
  goalsNote: "stopped" | "runToCount" | undefined;
}

export type LessonEvent =
  /** The view is built (editor and stage): start its first run or check (`then`), or just wait for the learner. */
  | { type: "lesson.ready"; then?: Reason }
  | { type: "lesson.edit"; text: string }
  | { type: "lesson.run"; reason: RunReason }
  | { type: "lesson.check" }
  | { type: "lesson.action"; op: TimedOp }
  /** The learner edited the injected actions (removed one or all, on the stage): run again with these. */
  | { type: "lesson.actions"; ops: TimedOp[] }
  | { type: "lesson.live"; live: boolean }
  | { type: "lesson.reset" }
  | { type: "lesson.solutionShown" }
  | { type: "lesson.result"; result: PageRunResult; stopped?: StopReason; ms: number }
  | { type: "lesson.goals"; outcomes: GoalOutcome[]; complete: boolean }
  | { type: "lesson.fatal"; message: string; unexpected?: boolean }
  | { type: "lesson.done" };

export type LessonEmitted =
  | { type: "compiled"; out: CompileOutput }
  | { type: "runStarted"; source: RunSource; reason: RunReason; compiled: CompileOutput }
  | { type: "result"; result: PageRunResult; previous: PageRunResult | undefined; stopped?: StopReason; ms: number; source: RunSource; reason: RunReason }
  | { type: "goals"; source: RunSource; passed: boolean; failedSteps: number[] }
  | { type: "fatal"; message: string; unexpected: boolean };
