/**
 * The numbers behind the controller boxes of the pipeline diagram, read once from the WorldView, so a
 * box's sub-label (pipeline-view.ts) and its sentence (pipeline-explain.ts) always say the same thing.
 *
 * Contract: `workqueueTotals(view)` sums over every workqueue of the run: keys waiting in the queue and
 * keys being processed. `workerAt(view, index)` is the first worker with that index (any controller), or
 * undefined when the run has none.
 */
import type { WorldView } from "../../src/sim/index.js";

export function workqueueTotals(view: WorldView): { queued: number; processing: number } {
  let queued = 0;
  let processing = 0;
  for (const wq of view.workqueues.values()) {
    queued += wq.queue.length;
    processing += wq.processing.size;
  }
  return { queued, processing };
}

export function workerAt(view: WorldView, index: number | undefined): ReturnType<WorldView["workers"]["get"]> {
  for (const wk of view.workers.values()) if (wk.index === index) return wk;
  return undefined;
}
