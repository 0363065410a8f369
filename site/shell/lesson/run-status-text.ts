/**
 * What the editor's status line and the goals' note say about the run (the lesson machine's state put in
 * words, in the learner's locale).
 *
 * Contract: `statusText` gives one line for each RunStatus kind (machines/lesson-rules.ts `runStatus`):
 * booting (the view is still loading), idle, compiling, running, stopped after N steps, done in N steps and M ms. `goalsNoteText` gives the
 * note above the goals: why they were not checked (the run was stopped) or how a pass is counted (a live
 * run never counts: press Run), or nothing.
 */
import type { Translate } from "../../i18n/index";
import type { RunStatus } from "../../machines/lesson-rules";
import type { LessonContext } from "../../machines/lesson-types";

export function statusText(t: Translate, s: RunStatus): string {
  switch (s.kind) {
    case "booting": return t("run.status.booting");
    case "idle": return t("run.status.idle");
    case "compiling": return t("run.status.compiling");
    case "running": return t("run.status.running");
    case "stopped": return t("run.status.stopped", { steps: s.steps });
    case "done": return t("run.status.done", { steps: s.steps, ms: s.ms });
  }
}

export function goalsNoteText(t: Translate, note: LessonContext["goalsNote"]): string | undefined {
  if (note === "stopped") return t("goal.stopped");
  if (note === "runToCount") return t("goal.runToCount");
  return undefined;
}
