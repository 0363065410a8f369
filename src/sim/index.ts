/** src/sim — the virtual clock, the trace and (later) the world-view reducer. */
export { Scheduler } from "./scheduler.js";
export * from "./trace.js";
