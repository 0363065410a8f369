/**
 * The runner slice of the world: log lines and how the run ended.
 *
 * Contract: `reduceRunner(w, e)` folds one runner event (mutating `w`); an exhaustive switch ending in `never`.
 */
import type { KnownTraceEvent } from "../trace.js";
import type { WorldView } from "./world.js";

export type RunnerEvent = Extract<KnownTraceEvent, { component: "runner" }>;

export function reduceRunner(w: WorldView, event: RunnerEvent): void {
  switch (event.kind) {
    case "runner.start":
      break;
    case "runner.op":
      break;
    case "runner.log":
      w.logLines++;
      break;
    case "runner.error":
      break;
    case "runner.cacheSync":
      break;
    case "runner.end":
      w.ended = event.reason;
      break;
    default: {
      const unknown: never = event;
      throw new Error(`WorldView: unknown runner kind ${(unknown as { kind: string }).kind}`);
    }
  }
}
