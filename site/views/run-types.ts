/** The run shapes the stage consumes and produces: src/scenario's own types (API.md "Scenarios, runs and goals"). */
export type { RunResult, TimedOp } from "../../src/scenario/index.js";
