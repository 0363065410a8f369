/**
 * StageHandle — what the app codes against (site/views/stage/stage.ts builds one with `mountStage`;
 * the lesson view and live mode hold it). The contract of each method is in stage.ts's header.
 *
 * Contract: types only. Members marked "Additive" were added after the first contract and are optional
 * so an older stage build still satisfies it.
 */
import type { TraceEvent, WorldReplay, WorldView } from "../../../src/sim/index.js";
import type { RunResult, TimedOp } from "../run-types.js";
import type { StageLocale } from "../stage-i18n.js";

/** A run as the stage reads it (it never changes the trace): live mode hands it its window's events as they are. */
export type StageRun = Omit<RunResult, "trace"> & { readonly trace: readonly TraceEvent[] };

export interface StageHandle {
  /**
   * `base` (live mode): the world before the run's first event (a sliding window); `follow`: show the
   * last step at once, paused (live-follow re-loads the growing window). `replay` (live mode): a
   * replay of exactly `run.trace` that the caller keeps folding incrementally; used instead of building
   * one, so a re-load costs no re-fold. Additive: `still` (live follow catching up with a burst): the
   * token jumps to the current step's box instead of travelling its edge.
   */
  load(run: StageRun, extra?: { previous?: StageRun; failedSteps?: number[]; base?: WorldView; follow?: boolean; replay?: WorldReplay; still?: boolean }): void;
  /** The failing goals' steps, known only after `load` (goals are checked after the run): marks the timeline. */
  setFailedSteps?(steps: number[]): void;
  /** Additive: consulted before playback (play or step forward) moves on by one step; false keeps the stage at `from`, paused. */
  setStepGate?(gate: ((from: number, to: number) => boolean) | null): void;
  seek(step: number): void;
  onStep(cb: (step: number) => void): void;
  onAction(cb: (op: TimedOp) => void): void;
  setRunning(running: boolean): void;
  setLocale(locale: StageLocale): void;
  /** Additive: the actions and faults the app injects into the run (listed, each removable). */
  setActions?(ops: readonly TimedOp[]): void;
  /** Additive: the learner removed injected actions; `ops` is what remains (the app re-runs with it). */
  onActionsEdited?(cb: (ops: TimedOp[]) => void): void;
  destroy(): void;
}
