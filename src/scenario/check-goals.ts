/**
 * checkGoals — checks a lesson's goals on several seeds (API.md: "goals are checked on the scenario's
 * seed and on `seeds` more (seed + 1 … seed + seeds)").
 *
 * Contract: runs the scenario once per seed (same main, same learner actions), checks every goal on each
 * run, and passes only if every goal passes on every seed. A goal whose check throws fails with that
 * message. Runs one after the other (runScenario serialises runs anyway).
 */
import { runScenario } from "./run-scenario.js";
import type { Goal, GoalReason, Playground, RunOptions, RunResult, Scenario, TimedOp } from "./scenario.js";

export interface GoalOutcome {
  id: string;
  pass: boolean;
  message?: string;
  /** The failing reason as a message id + params (rendered per language by lessons/_lib/goal-message.ts). */
  reason?: GoalReason;
  failedAtStep?: number;
}

export interface SeedOutcome {
  seed: number;
  run: RunResult;
  goals: GoalOutcome[];
  pass: boolean;
}

export interface GoalsReport {
  pass: boolean;
  runs: SeedOutcome[];
  /** The first failing goal, over seeds in order (what a lesson shows first). */
  firstFailure?: { seed: number } & GoalOutcome;
}

/** The seeds goals are checked on: the scenario's own, then `extra` more (a count) or the given list. */
export function goalSeeds(scenario: Scenario, extra: number | number[] = 0): number[] {
  if (Array.isArray(extra)) return [scenario.seed, ...extra.filter((s) => s !== scenario.seed)];
  return Array.from({ length: 1 + Math.max(0, Math.floor(extra)) }, (_, i) => scenario.seed + i);
}

export function checkGoal(goal: Goal, run: RunResult): GoalOutcome {
  try {
    const r = goal.check(run);
    const out: GoalOutcome = { id: goal.id, pass: r.pass };
    if (r.message !== undefined) out.message = r.message;
    if (r.reason !== undefined) out.reason = r.reason;
    if (r.failedAtStep !== undefined) out.failedAtStep = r.failedAtStep;
    return out;
  } catch (e) {
    return { id: goal.id, pass: false, message: `goal check threw: ${e instanceof Error ? e.message : String(e)}` };
  }
}

export async function checkGoals(scenario: Scenario, main: (ctx: Playground) => void | Promise<void>,
                                 goals: Goal[], seeds: number | number[] = 0,
                                 actions?: TimedOp[], options?: RunOptions): Promise<GoalsReport> {
  const runs: SeedOutcome[] = [];
  let firstFailure: GoalsReport["firstFailure"];
  for (const seed of goalSeeds(scenario, seeds)) {
    const run = await runScenario({ ...scenario, seed }, main, actions, options);
    const outcomes = goals.map((g) => checkGoal(g, run));
    const pass = outcomes.every((o) => o.pass);
    runs.push({ seed, run, goals: outcomes, pass });
    if (firstFailure === undefined) {
      const f = outcomes.find((o) => !o.pass);
      if (f !== undefined) firstFailure = { seed, ...f };
    }
  }
  const report: GoalsReport = { pass: runs.every((r) => r.pass), runs };
  if (firstFailure !== undefined) report.firstFailure = firstFailure;
  return report;
}
