/**
 * A run's inputs on the virtual clock: the scenario's timeline and the learner's actions (stage buttons,
 * command-bar commands) scheduled at their virtual times (API.md "Scenarios, runs and goals").
 *
 * Contract:
 * - Timeline ops and learner actions are merged by time, timeline first at equal times (a stable sort);
 *   ops after `durationMs` are dropped. Each is applied through `apply(op, learner)` from a scheduler task
 *   at its `at`.
 * - A learner action with `afterStep` N (a safe integer ≥ 0) waits until the trace holds event N, then is
 *   scheduled at that moment's time (delay 0), after the work already due; actions whose step is already
 *   recorded are released at once, in step order.
 */
import type { Scheduler } from "../sim/scheduler.js";
import type { Recorder } from "../sim/trace.js";
import type { Scenario, TimedOp } from "./scenario.js";

export function scheduleInputs(o: {
  scenario: Scenario;
  actions: readonly TimedOp[];
  scheduler: Scheduler;
  recorder: Recorder;
  apply(op: TimedOp, learner: boolean): void;
}): void {
  const { scenario, scheduler, recorder, apply } = o;
  const ops = [
    ...scenario.timeline.map((op) => ({ op, learner: false })),
    ...o.actions.map((op) => ({ op, learner: true })),
  ].sort((a, b) => a.op.at - b.op.at);
  // Actions placed after a step wait for that step's event, then run at its time after the work already due.
  const afterStep = new Map<number, TimedOp[]>();
  for (const { op, learner } of ops) {
    if (op.at > scenario.durationMs) continue;
    if (learner && op.afterStep !== undefined && Number.isSafeInteger(op.afterStep) && op.afterStep >= 0) {
      afterStep.set(op.afterStep, [...(afterStep.get(op.afterStep) ?? []), op]);
      continue;
    }
    scheduler.setTimeout(() => apply(op, learner), op.at);
  }
  // Released once the trace reaches their step (steps already recorded, e.g. the initial objects', at once).
  const placeAfter = (step: number): void => {
    for (const [after, due] of [...afterStep].sort((a, b) => a[0] - b[0])) {
      if (after > step) break;
      afterStep.delete(after);
      for (const op of due) scheduler.setTimeout(() => apply(op, true), 0);
    }
  };
  placeAfter(recorder.events.length);
  if (afterStep.size > 0) recorder.onEvent((event) => placeAfter(event.seq));
}
