/**
 * What a box of the pipeline diagram says, in a sentence: its sub-label ("RV 7 · 1", "listing · 5",
 * "q 0 · p 0") spelled out, for the box's tooltip and its accessible name when it has keyboard focus.
 *
 * Contract: `explainNode(view, stage, index, t, fifo)` describes the box of `stage` (listener, handler and
 * worker boxes by `index`) at the step `view` shows, from the same numbers the sub-label shows.
 */
import { focusedInformer, type StageName, type WorldView } from "../../src/sim/index.js";
import { workerAt, workqueueTotals } from "./pipeline-counts.js";
import type { FifoKind, T } from "./stage-i18n.js";

export function explainNode(view: WorldView, stage: StageName, index: number | undefined, t: T, fifo: FifoKind): string {
  const inf = focusedInformer(view);
  const e = t.explain;
  switch (stage) {
    case "apiserver":
      if (view.server.remote) return t.remoteExplain(view.server.seen.requests, view.server.seen.watches, view.server.seen.events, view.server.seen.lastEventRV);
      return e.apiserver(view.server.resourceVersion || "—", t.nObjects(view.server.objects.size));
    case "reflector":
      return inf === undefined ? e.noInformer : e.reflector(inf.name, t.states[inf.reflector.state], inf.reflector.lastRV || "—");
    case "deltafifo": {
      const n = inf?.fifo.entries.length ?? 0;
      return e.fifo(t.fifoTitle[fifo], fifo === "delta" ? t.nKeys(n) : t.nEntries(n));
    }
    case "indexer":
      return e.indexer(t.nObjects(inf?.indexer.objects.size ?? 0));
    case "processor":
      return e.processor(t.nListeners(inf?.listeners.size ?? 0));
    case "listener":
      return e.listener(index ?? 0, t.nPending(inf?.listeners.get(index ?? 0)?.buffer.length ?? 0));
    case "handler": {
      const l = inf?.listeners.get(index ?? 0);
      return l?.active != null ? e.handlerActive(index ?? 0, l.active.key) : e.handlerIdle(index ?? 0, t.nCalls(l?.calls ?? 0));
    }
    case "workqueue": {
      const { queued, processing } = workqueueTotals(view);
      return e.workqueue(queued, processing);
    }
    case "worker": {
      const wk = workerAt(view, index);
      if (wk === undefined) return e.workerIdle(index ?? 0, t.idle);
      return wk.state === "reconciling" ? e.workerBusy(index ?? 0, wk.key ?? "") : e.workerIdle(index ?? 0, t[wk.state]);
    }
  }
}
