/**
 * replaceInTasks — the Reflector's syncWith (`store.replace(list, rv)` of a fresh list) cut into scheduler
 * tasks, for live mode's main thread (SharedIndexInformerOptions.maxPerTask: a 10k-pod Replace is ~45 ms
 * of one task in a page). Not a client-go API: client-go's DeltaFIFO.Replace runs to its end holding
 * the FIFO's lock, and Pop waits on that lock. A stepped replace keeps what can be observed of that:
 * nothing pops until the replace is complete, the watch starts only after it, and the FIFO traces the
 * same events in the same order (only other goroutines' work — handlers of earlier notifications — may
 * run between two steps, as it may in Go while Replace holds the lock). No resync can run between two
 * steps either: the Reflector arms its resync timer only in `done` (reflector.go starts its resync
 * goroutine after syncWith), and a relist's new epoch silences the previous list's timer.
 *
 * Contract:
 * - Without `perTask` (undefined, non-finite or < 1), or when the store cannot step
 *   (no `replaceInSteps`), it calls `store.replace(list, rv)` and then `done(error?)`, both synchronously:
 *   exactly the unsliced code path.
 * - Otherwise the first `perTask` items are queued now, each next `perTask` in a 0-delay task of
 *   `scheduler`, the tombstones with the last; `done()` is called in the task of the last step, or
 *   `done(error)` in the task of the step that threw (the FIFO keeps what it queued before, as
 *   Replace does). The steps run to the end even if the caller stopped meanwhile (Go's Replace is not
 *   interrupted either): the caller checks whether it is still current in `done`.
 */
import type { Scheduler } from "../sim/scheduler.js";

/** A replace in steps: `step(n)` queues up to n more items (and, after the last, the tombstones); true once complete. */
export interface SteppedReplace {
  step(items: number): boolean;
}

/** A store that can replace in steps (the informer's FIFO feeder). */
export interface SteppableStore {
  replace(list: unknown[], resourceVersion: string): void;
  replaceInSteps?(list: unknown[], resourceVersion: string): SteppedReplace;
}

export function replaceInTasks(store: SteppableStore, list: unknown[], resourceVersion: string, perTask: number | undefined,
                               scheduler: Scheduler, done: (error?: unknown) => void): void {
  if (perTask === undefined || !Number.isFinite(perTask) || perTask < 1 || store.replaceInSteps === undefined) {
    try {
      store.replace(list, resourceVersion);
    } catch (error) {
      done(error);
      return;
    }
    done();
    return;
  }
  const n = Math.floor(perTask);
  const steps = store.replaceInSteps(list, resourceVersion);
  const next = (): void => {
    let complete: boolean;
    try {
      complete = steps.step(n);
    } catch (error) {
      done(error);
      return;
    }
    if (complete) done();
    else scheduler.setTimeout(next, 0);
  };
  next();
}
