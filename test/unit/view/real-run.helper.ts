/** A real engine run of lesson 01 (scenario + solution), for the stage tests. */
import { runScenario, type RunResult, type TimedOp } from "../../../src/scenario/index.js";
import scenario from "../../../lessons/01-the-big-picture/scenario.js";
import main from "../../../lessons/01-the-big-picture/solution.js";

export function lessonOneRun(actions?: TimedOp[]): Promise<RunResult> {
  return runScenario(scenario, main, actions);
}
