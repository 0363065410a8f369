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
 * - A timeline op with `afterFirstList` waits for the answer (a 200 `server.response`) to the run's first
 *   LIST of its resource, from any client, then is applied at that moment's time before the code waiting
 *   for that answer resumes (a promise reaction queued ahead of the caller's own).
 */
import type { Scheduler } from "../sim/scheduler.js";
import { asKnown, type Recorder } from "../sim/trace.js";
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
  const afterList: TimedOp[] = [];
  for (const { op, learner } of ops) {
    if (op.at > scenario.durationMs) continue;
    if (!learner && op.afterFirstList === true) {
      afterList.push(op);
      continue;
    }
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
  if (afterList.length > 0) scheduleAfterFirstList(afterList, recorder, (op) => apply(op, false));
}

/** Timeline ops placed after the first LIST of their resource is answered (see the contract). */
function scheduleAfterFirstList(ops: TimedOp[], recorder: Recorder, apply: (op: TimedOp) => void): void {
  const lists = new Map<number, string>();
  const answered = new Set<string>();
  recorder.onEvent((recorded) => {
    const event = asKnown(recorded);
    if (event.kind === "server.request" && event.verb === "list") {
      lists.set(event.requestId, event.resource);
    } else if (event.kind === "server.response" && lists.has(event.requestId)) {
      const resource = lists.get(event.requestId)!;
      lists.delete(event.requestId);
      if (event.code !== 200 || answered.has(resource)) return;
      answered.add(resource);
      // A promise reaction queued now runs before the caller's own (its promise settles after this
      // response is traced): the write lands before that code resumes, in the same virtual instant.
      for (const op of ops) {
        if ("resource" in op && op.resource === resource) void Promise.resolve().then(() => apply(op));
      }
    }
  });
}
