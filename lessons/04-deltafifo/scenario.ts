/**
 * Lesson 04 — the DeltaFIFO. The learner drives a standalone DeltaFIFO (cache.newDeltaFIFO); the
 * cluster is empty and quiet so that every fifo.* event in the trace comes from the learner's calls.
 */
import type { Scenario } from "../../src/index.js";

const scenario: Scenario = {
  seed: 4,
  durationMs: 2_000,
  initial: [],
  timeline: [],
};
export default scenario;
