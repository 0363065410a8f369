/**
 * The workqueue and worker slices of the world (client-go util/workqueue and the controller's workers).
 *
 * Contract: `reduceWorkqueues(w, e)` folds one workqueue or worker event (mutating `w`): a queue's
 * order, dirty set, keys in processing (and by which worker), delayed keys, requeue counts and
 * shutdown; each worker's state and key. An exhaustive switch ending in `never`.
 */
import type { KnownTraceEvent } from "../trace.js";
import { removeFirst, worker, workqueue, type WorldView } from "./world.js";

export type WorkqueueEvent = Extract<KnownTraceEvent, { component: "workqueue" | "worker" }>;

export function reduceWorkqueues(w: WorldView, event: WorkqueueEvent): void {
  switch (event.kind) {
    case "workqueue.add": {
      const q = workqueue(w, event.queue);
      // A delayed item that became ready is re-added by its timer.
      const readyAt = q.delayed.get(event.key);
      if (readyAt !== undefined && readyAt <= event.time) q.delayed.delete(event.key);
      if (!event.deduplicated) {
        if (!q.dirty.includes(event.key)) q.dirty.push(event.key);
        if (!event.processing) q.queue.push(event.key);
      }
      break;
    }
    case "workqueue.get": {
      const q = workqueue(w, event.queue);
      removeFirst(q.queue, (k) => k === event.key);
      removeFirst(q.dirty, (k) => k === event.key);
      q.processing.set(event.key, event.worker);
      break;
    }
    case "workqueue.done": {
      const q = workqueue(w, event.queue);
      q.processing.delete(event.key);
      if (event.requeued && !q.queue.includes(event.key)) q.queue.push(event.key);
      break;
    }
    case "workqueue.addAfter": {
      const q = workqueue(w, event.queue);
      q.delayed.set(event.key, event.readyAt);
      break;
    }
    case "workqueue.rateLimited": {
      const q = workqueue(w, event.queue);
      q.requeues.set(event.key, event.requeues);
      break;
    }
    case "workqueue.forget": {
      workqueue(w, event.queue).requeues.delete(event.key);
      break;
    }
    case "workqueue.shutdown": {
      workqueue(w, event.queue).shutdown = true;
      break;
    }
    case "worker.started": {
      worker(w, event.controller, event.worker).state = "idle";
      break;
    }
    case "worker.reconcile": {
      const wk = worker(w, event.controller, event.worker);
      wk.state = "reconciling";
      wk.key = event.key;
      break;
    }
    case "worker.result": {
      const wk = worker(w, event.controller, event.worker);
      wk.state = "idle";
      wk.lastResult = event.result;
      wk.key = null;
      break;
    }
    case "worker.stopped": {
      const wk = worker(w, event.controller, event.worker);
      wk.state = "stopped";
      wk.key = null;
      break;
    }
    default: {
      const unknown: never = event;
      throw new Error(`WorldView: unknown workqueue kind ${(unknown as { kind: string }).kind}`);
    }
  }
}
