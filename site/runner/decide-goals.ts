/**
 * decideGoals — the page decides a lesson's goal outcomes from the trace it received and checked
 * (issue 14: a worker message can never mark a lesson passed on its own).
 *
 * Contract:
 * - Every goal of the lesson is checked here on the main run (the scenario's seed), which the page built
 *   from validated events. A goal that fails here fails, with this check's message and step.
 * - The worker's outcomes are used only for the other seeds, and only to fail a goal: an outcome for an
 *   id the lesson does not have is ignored; a goal the worker did not report is not confirmed.
 * - `complete` is true only when every goal was checked here and reported by the worker; a lesson may be
 *   marked passed only when `complete` and every outcome passes.
 * - A failing outcome keeps its typed `reason` (id + params) beside the English `message`, so the page
 *   shows it in the learner's language; a check that throws fails with the kit's `checkThrew` reason.
 */
import { fail, kit } from "../../lessons/_lib/goal-kit.js";
import type { Goal, GoalReason, RunResult } from "../../src/scenario/index.js";
import type { GoalOutcome } from "./worker/protocol.js";

export interface Decision {
  outcomes: GoalOutcome[];
  complete: boolean;
}

export function decideGoals(goals: readonly Goal[], main: RunResult | undefined, reported: readonly GoalOutcome[], seed: number): Decision {
  if (main === undefined || reported.length === 0) return { outcomes: [], complete: false };
  let complete = true;
  const outcomes = goals.map((g): GoalOutcome => {
    let here: { pass: boolean; message?: string; reason?: GoalReason; failedAtStep?: number };
    try {
      const r = g.check(main);
      here = { pass: r.pass === true, message: r.message, reason: r.reason, failedAtStep: r.failedAtStep };
    } catch (e) {
      here = fail(kit.checkThrew({ message: e instanceof Error ? e.message : String(e) }));
    }
    if (!here.pass) {
      return { id: g.id, pass: false, message: here.message, ...(here.reason !== undefined ? { reason: here.reason } : {}), failedAtStep: here.failedAtStep, seed };
    }
    const theirs = reported.find((o) => o.id === g.id);
    if (theirs === undefined) {
      complete = false;
      return { id: g.id, pass: true, seed };
    }
    return theirs.pass ? { id: g.id, pass: true, seed } : { ...theirs, id: g.id, pass: false };
  });
  return { outcomes, complete };
}
