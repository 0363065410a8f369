/**
 * The workqueue and worker slices of the world (client-go util/workqueue and the controller's workers).
 *
 * Contract: `reduceWorkqueues(w, e)` folds one workqueue or worker event (mutating `w`): a queue's
 * order, dirty set, keys in processing (and by which worker), delayed keys, requeue counts and
 * shutdown; each worker's state and key. An exhaustive switch ending in `never`.
 */
import type { KnownTraceEvent } from "../trace.js";
import { removeFirst, worker, workqueue, type WorkerView, type WorldView } from "./world.js";

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
      // A worker that takes keys itself (a hand-written loop, or a controller's, whose queue shares its
      // name) is shown as worker `index` of that queue; a controller then traces its own reconcile/result.
      if (event.worker !== undefined) {
        const wk = worker(w, event.queue, event.worker);
        wk.state = "reconciling";
        wk.key = event.key;
        delete wk.turn;
      }
      break;
    }
    case "workqueue.done": {
      const q = workqueue(w, event.queue);
      const heldBy = q.processing.get(event.key);
      q.processing.delete(event.key);
      if (event.requeued && !q.queue.includes(event.key)) q.queue.push(event.key);
      // A hand-written worker has no worker.result: its outcome is what it did with the key before done
      // (addRateLimited ⇒ error, addAfter alone ⇒ requeue, neither ⇒ success).
      const wk = heldBy === undefined ? undefined : w.workers.get(`${event.queue}#${heldBy}`);
      if (wk !== undefined && wk.state === "reconciling" && wk.key === event.key) {
        wk.state = "idle";
        wk.key = null;
        wk.lastResult = wk.turn ?? "success";
        delete wk.turn;
      }
      break;
    }
    case "workqueue.addAfter": {
      const q = workqueue(w, event.queue);
      q.delayed.set(event.key, event.readyAt);
      const wk = holder(w, event.queue, event.key);
      if (wk !== undefined && wk.turn === undefined) wk.turn = "requeue";
      break;
    }
    case "workqueue.rateLimited": {
      const q = workqueue(w, event.queue);
      q.requeues.set(event.key, event.requeues);
      const wk = holder(w, event.queue, event.key);
      if (wk !== undefined) wk.turn = "error";
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

/** The worker of `queue` that took `key` with get and is still on it (a hand-written loop's worker). */
function holder(w: WorldView, queue: string, key: string): WorkerView | undefined {
  const index = w.workqueues.get(queue)?.processing.get(key);
  if (index === undefined) return undefined;
  const wk = w.workers.get(`${queue}#${index}`);
  return wk !== undefined && wk.state === "reconciling" && wk.key === key ? wk : undefined;
}
