/** src/sim — the virtual clock, the trace, the world-view reducer, narration and run comparison. */
export { Scheduler } from "./scheduler.js";
export { RealTimeDriver } from "./real-time-driver.js";
export type { WallClock } from "./real-time-driver.js";
export * from "./trace.js";
export { decodeTraceEvent, TRACE_KINDS } from "./trace-decode.js";
export * from "./view.js";
export * from "./narration.js";
export * from "./diff.js";
