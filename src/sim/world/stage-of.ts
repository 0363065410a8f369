/**
 * The diagram's choreography: for one trace event, the pipeline box it belongs to (`stage`) and the box
 * its token comes from (`from`), kept apart from the state fold (the reducers).
 *
 * Contract:
 * - `stageOf(event, w)` reads the world BEFORE the event is folded (a response finds its request, a
 *   workqueue.done finds the worker that held the key, a workqueue.add starts from the last handler lane).
 * - Requests of a reflector (its `client` is reflectorClient(resource), trace.ts) travel reflector →
 *   apiserver and back; other requests stay in the apiserver box.
 * - Runner bookkeeping (start, log, error, end) has no stage; runner.op is the apiserver's.
 * - An exhaustive switch ending in `never`: a new trace kind needs a place in the diagram.
 */
import { isReflectorClient, type KnownTraceEvent } from "../trace.js";
import type { StageName, StageRef, WorldView } from "./world.js";

export interface Choreography { stage: StageRef | null; from: StageRef | null }

const at = (stage: StageName, index?: number): StageRef => (index === undefined ? { stage } : { stage, index });
const only = (stage: StageRef | null): Choreography => ({ stage, from: null });
const move = (from: StageRef | null, stage: StageRef): Choreography => ({ stage, from });

export function stageOf(event: KnownTraceEvent, w: WorldView): Choreography {
  switch (event.kind) {
    case "server.request":
      return isReflectorClient(event.client) ? move(at("reflector"), at("apiserver")) : only(at("apiserver"));
    case "server.response": {
      const req = w.server.pending.get(event.requestId);
      return isReflectorClient(req?.client) ? move(at("apiserver"), at("reflector")) : only(at("apiserver"));
    }
    case "server.watch.event":
      return move(at("apiserver"), at("reflector"));
    case "server.write": case "server.watch.opened": case "server.watch.closed": case "server.compacted":
    case "server.restarted": case "runner.op":
      return only(at("apiserver"));
    case "fault.injected":
      return only(event.fault === "slowHandler" ? at("handler") : at("apiserver"));
    case "reflector.list.start": case "reflector.watch.start":
      return move(at("reflector"), at("apiserver"));
    case "reflector.list.done": case "reflector.list.error": case "reflector.watch.event":
      return move(at("apiserver"), at("reflector"));
    case "reflector.state": case "reflector.watch.end": case "reflector.backoff": case "reflector.rv":
    case "reflector.resync": case "reflector.watchErrorHandler":
      return only(at("reflector"));
    case "fifo.queued": case "fifo.replace":
      return move(at("reflector"), at("deltafifo"));
    case "fifo.skipped": case "fifo.popped": case "fifo.closed":
      return only(at("deltafifo"));
    case "indexer.write":
      return move(at("deltafifo"), at("indexer"));
    case "indexer.replace": case "indexer.indexAdded": case "indexer.query": case "lister.query":
      return only(at("indexer"));
    case "processor.distribute":
      return move(at("indexer"), at("processor"));
    case "processor.listenerAdded": case "processor.listenerRemoved": case "processor.resyncCheck":
      return only(at("processor"));
    case "listener.buffered":
      return move(at("processor"), at("listener", event.listener));
    case "listener.synced":
      return only(at("listener", event.listener));
    case "handler.called":
      return move(at("listener", event.listener), at("handler", event.listener));
    case "handler.returned": case "handler.threw":
      return only(at("handler", event.listener));
    case "workqueue.add":
      return move(w.lastHandler, at("workqueue"));
    case "workqueue.get":
      return event.worker === undefined ? only(at("workqueue")) : move(at("workqueue"), at("worker", event.worker));
    case "workqueue.done": {
      const heldBy = w.workqueues.get(event.queue)?.processing.get(event.key);
      return move(heldBy === undefined ? null : at("worker", heldBy), at("workqueue"));
    }
    case "workqueue.addAfter": case "workqueue.rateLimited": case "workqueue.forget": case "workqueue.shutdown":
      return only(at("workqueue"));
    case "worker.started": case "worker.reconcile": case "worker.result": case "worker.stopped":
      return only(at("worker", event.worker));
    case "runner.start": case "runner.log": case "runner.error": case "runner.end": case "runner.cacheSync":
      return only(null);
    default: {
      const unknown: never = event;
      throw new Error(`WorldView: unknown trace kind ${(unknown as { kind: string }).kind}`);
    }
  }
}
