/**
 * The stage's interface as the shell uses it (the stage helper exports `mountStage` from
 * site/views/stage.ts with this shape; until then stage-placeholder.ts stands in).
 */
import type { RunResult, TimedOp } from "../../src/scenario/index.js";

export type StageLocale = "en" | "zh-CN";

export interface StageHandle {
  load(run: RunResult, extra?: { previous?: RunResult; failedSteps?: number[] }): void;
  /** Additive: the failing goals' steps, which arrive after `load`. */
  setFailedSteps?(steps: number[]): void;
  /** Additive: consulted before playback (play or step forward) moves on by one step; false keeps the stage at `from`, paused. */
  setStepGate?(gate: ((from: number, to: number) => boolean) | null): void;
  seek(step: number): void;
  onStep(cb: (step: number) => void): void;
  onAction(cb: (op: TimedOp) => void): void;
  setRunning(running: boolean): void;
  setLocale(l: StageLocale): void;
  destroy(): void;
}

export type MountStage = (container: HTMLElement, options: { locale: StageLocale; reducedMotion: boolean }) => StageHandle;
