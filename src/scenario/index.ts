/** src/scenario — public exports of this area, re-exported by src/index.ts. */
export type { Op, TimedOp, Scenario, ScenarioVariant, LogLine, RunResult, Goal, GoalReason, GoalReasonParam, Playground, RunOptions, RunErrorKind } from "./scenario.js";
export { scenarioForSeed } from "./scenario.js";
export { runScenario, DEFAULT_MAX_EVENTS } from "./run-scenario.js";
export { formatValue } from "./format-value.js";
export { checkGoals, checkGoal, goalSeeds, type GoalOutcome, type SeedOutcome, type GoalsReport } from "./check-goals.js";
export { traceHash, fnv1a64, Fnv1a64 } from "./trace-hash.js";
export { newClientset, serverOf, type Clientset, type ResourceClient, type PodClient, type CoreV1Client, type AppsV1Client } from "./clientset.js";
export { currentRun, requireRun, type RunContext, type DelayableInformer } from "./current-run.js";
export { applyOp } from "./apply-op.js";
