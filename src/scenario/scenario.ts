/**
 * Scenario — the inputs and outputs of one run (API.md "Scenarios, runs and goals").
 *
 * Contract:
 * - A `Scenario` is data: a seed, a duration in virtual ms, server options, the objects that exist before
 *   `main()` runs, and a timeline of operations applied at their virtual times. Learner actions are
 *   `TimedOp`s too, merged with the timeline by time (timeline first at equal times), or placed after
 *   a step (`afterStep`, see TimedOp).
 * - `variants` (optional, still data): per-seed replacements of `initial`, `timeline`, `durationMs` or
 *   `server`. A run on seed s uses `variants[s]` over the base fields when present, so goals checked on
 *   several seeds see different names, counts and orders (constants in a learner's program then fail).
 * - A `RunResult` carries the whole trace (step n = trace[n - 1]), the learner's log lines (each with the
 *   step of its `runner.log` event), a hash of the trace (equal runs ⇒ equal hash) and the error that
 *   ended the run early, if any.
 * - A `Goal` is a pure function of a RunResult.
 * - `Playground` is the context `main` receives (the `playground` module re-exports it).
 */
import type { SourceLocator, TraceEvent } from "../sim/trace.js";
import type { KubeObject } from "../types.js";
import type { Clientset } from "./clientset.js";

export type Op =
  | { op: "create" | "update" | "apply"; resource: string; object: KubeObject }
  | { op: "delete"; resource: string; namespace?: string; name: string; gracePeriodSeconds?: number }
  | { op: "label"; resource: string; namespace?: string; name: string; labels: Record<string, string | null> }
  | { op: "bind"; namespace?: string; name: string; node: string }
  /**
   * `mode` (partition only): "refused" (default) or "timeout" — ApiServer.partition. `durationMs`
   * (partition only): the partition heals by itself after that much virtual time (a traced `heal`).
   */
  | { op: "fault"; fault: "dropWatches" | "compact" | "partition" | "heal" | "restart"; mode?: "refused" | "timeout"; durationMs?: number }
  | { op: "slowHandler"; handler: number; delayMs: number };

/**
 * An operation at `at` virtual ms from the start of the run. With `afterStep` (a learner action taken
 * while the stage showed step n), it is applied right after the run's n-th trace event instead — at that
 * event's time, after the work already due then — because one virtual instant spans many steps and "at
 * t" alone would put it before the step the learner was looking at. `at` stays the time it was taken
 * at (shown, and used if the run never reaches step n: then it is not applied).
 */
export type TimedOp = Op & {
  at: number;
  afterStep?: number;
  /**
   * Timeline ops only: applied right after the run's first successful LIST of the op's resource is
   * answered, whoever sent it (the program or an informer), at that time and before the code waiting
   * for that answer resumes; never if nothing lists it. Lesson 02 writes between the program's own LIST
   * and the informer's this way (whichever comes first, the other sees one more write).
   */
  afterFirstList?: true;
};

export interface Scenario {
  seed: number;
  durationMs: number;
  server?: { watchCacheCapacity?: number; latencyMs?: number; bookmarkIntervalMs?: number };
  /** Created before main() runs. */
  initial: Array<{ resource: string; object: KubeObject }>;
  timeline: TimedOp[];
  /** Per-seed replacements (see the contract above); a seed without an entry runs the base scenario. */
  variants?: Record<number, ScenarioVariant>;
}

/** What a seed may change in a scenario. */
export type ScenarioVariant = Partial<Pick<Scenario, "initial" | "timeline" | "durationMs" | "server">>;

/** The scenario as run on its own seed: the base fields with `variants[seed]` laid over them. */
export function scenarioForSeed(scenario: Scenario): Scenario {
  const variant = scenario.variants?.[scenario.seed];
  return variant === undefined ? scenario : { ...scenario, ...variant };
}

export interface LogLine {
  step: number;
  time: number;
  text: string;
}

export interface RunResult {
  trace: TraceEvent[];
  log: LogLine[];
  /** Hash of the trace: equal runs, equal hash. */
  hash: string;
  /**
   * Why the run ended early: "compile" / "runtime" (the learner's module), "timeout" (a wall-clock
   * budget: the runner's `interrupt`, or a page that stopped the worker), "eventLimit" (the trace reached
   * its event budget), "outputLimit" (a runner that caps the output stopped it). The same words as
   * `runner.end`'s reason; API.md's first three are unchanged.
   */
  error?: { kind: RunErrorKind; message: string; line?: number; step?: number };
}

export type RunErrorKind = "compile" | "runtime" | "timeout" | "eventLimit" | "outputLimit";

/**
 * Why a goal failed, as data: a message id and its parameters (issue 21 item 4). The id names an en and a
 * zh-CN template (lessons/_lib/goal-message.ts holds the catalog); the page renders it in the learner's
 * language. A parameter is text shown as is (a key, a log line, code), a number, a list of texts, a
 * virtual time `{ ms }`, log lines `{ lines, more? }` (quoted, or "nothing"; `more` lines not kept), or
 * another reason (rendered in the same language).
 */
export type GoalReasonParam =
  | string | number | boolean | readonly string[] | { ms: number } | { lines: readonly string[]; more?: number } | GoalReason;
export interface GoalReason {
  id: string;
  params?: Readonly<Record<string, GoalReasonParam>>;
}

export interface Goal {
  id: string;
  title: { en: string; "zh-CN": string };
  /** `message` is the English text of `reason` when the goal gives one (kept for logs and old callers). */
  check(run: RunResult): { pass: boolean; message?: string; reason?: GoalReason; failedAtStep?: number };
}

/** What learner code receives: the simulated cluster and the run's controls. */
export interface Playground {
  /** The simulated cluster, client-go shaped. */
  clientset: Clientset;
  /** Aborted when the run ends. */
  stop: AbortSignal;
  log(...values: unknown[]): void;
  /** Resolves after `ms` of virtual time. */
  sleep(ms: number): Promise<void>;
}

/** Extra, optional knobs for whoever drives a run (the browser worker, tests). API.md shapes are unchanged. */
export interface RunOptions {
  /** Called after each recorded event (e.g. to stream the trace out of a worker). */
  onEvent?: (event: TraceEvent) => void;
  /** Maps an error thrown by learner code to its source line (the runner knows the source map). */
  errorLine?: (error: unknown) => number | undefined;
  /**
   * Places learner code in the learner's source: handler.called / worker.reconcile / runner.log then
   * carry `src` (issue 21 item 10). The browser worker gives one (through the compiler's source map); a
   * run without one has no `src` fields. It must answer the same for the same program on every run.
   */
  sourceLocator?: SourceLocator;
  /** Event budget: once the trace holds this many events the run stops with error kind "eventLimit". Default 100,000. */
  maxEvents?: number;
  /**
   * Asked after every scheduled task; a returned string stops the run there with error kind "timeout" and
   * that message, e.g. the browser worker's wall-clock budget (real-time: read there, outside src/):
   * `() => performance.now() > deadline ? "…" : undefined`. real-time: src/ only calls the callback.
   * The trace so far is kept. Cannot stop a single task that never returns (the page kills the worker then).
   */
  interrupt?: () => string | undefined;
  /**
   * Called after main() and after every scheduled task, once their promise reactions have drained: the
   * runner's way to hear of a promise from learner code that rejected with nothing awaiting it (an
   * un-awaited `runWorker()` that throws). A browser reports those only between tasks (the
   * `unhandledrejection` event), so the hook may return a promise that waits for one (real-time: it waits
   * outside src/, never on the virtual clock, and cannot change the trace). `{ error }` ends the run there
   * with a runtime error, as main() throwing does (`runner.error` with the learner's line, step = now);
   * `undefined` (or a promise of it) goes on. Returning `undefined` synchronously costs nothing.
   */
  afterTask?: () => Promise<{ error: unknown } | undefined> | { error: unknown } | undefined;
}
