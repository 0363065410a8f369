/**
 * The lesson machine's two actors for the page: `compile` (the editor's TS worker, plus the hash of the
 * editor's text when it finished, for the issue-13 check) and `run` (the page's Runner; its answers
 * become lesson.* events, goals decided by the page with decideGoals). A stopped run actor drops every
 * later answer, so a superseded run can never report.
 */
import { fromCallback, fromPromise, type AnyEventObject } from "xstate";
import type { Goal, RunResult, Scenario } from "../../../src/scenario/index.js";
import type { EditorFacade } from "../../editor/create-editor";
import type { CompileOutcome, RunInput } from "../../machines/lesson-types";
import { decideGoals } from "../../runner/decide-goals";
import type { Runner } from "../../runner/runner";
import { hashText } from "../../storage/hash";

export function compileActor(editor: () => EditorFacade | undefined) {
  return fromPromise<CompileOutcome, void>(async () => {
    const e = editor();
    if (e === undefined) throw new Error("the editor is not ready");
    const out = await e.compile();
    return { out, editorHash: hashText(e.getText()) };
  });
}

export interface RunTarget {
  runner: Runner;
  scenario: Scenario;
  /** The lesson id when the lesson has goals (the worker checks them), else undefined. */
  lessonId: string | undefined;
  checks: readonly Goal[];
}

export function runActor(target: RunTarget) {
  return fromCallback<AnyEventObject, RunInput>(({ input, sendBack }) => {
    let alive = true;
    let main: RunResult | undefined;
    void target.runner.run(
      { scenario: target.scenario, js: input.compiled.js, map: input.compiled.map, actions: input.actions, lessonId: target.lessonId },
      {
        onResult: (result, info) => {
          if (!alive) return;
          main = info.stopped === undefined ? result : undefined;
          sendBack({ type: "lesson.result", result, stopped: info.stopped, ms: info.ms });
        },
        onGoals: (reported) => {
          if (!alive) return;
          const { outcomes, complete } = decideGoals(target.checks, main, reported, target.scenario.seed);
          sendBack({ type: "lesson.goals", outcomes, complete });
        },
        onFatal: (message, info) => {
          if (alive) sendBack({ type: "lesson.fatal", message, unexpected: info?.unexpected });
        },
      },
    ).then(() => {
      if (alive) sendBack({ type: "lesson.done" });
    });
    return () => { alive = false; };
  });
}
