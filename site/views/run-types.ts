/** The run shapes the stage consumes and produces: src/scenario's own types (API.md "Scenarios, runs and goals"). */
export type { LogLine, Op, RunResult, TimedOp } from "../../src/scenario/index.js";
