/**
 * The diagram as a StagePanel: an <svg> whose layout (lanes for the followed informer's listeners, a
 * workqueue row when the run has one, compact under 720 px) is recomputed only when one of those changes.
 * A bare DeltaFIFO run (lesson 04: the learner drives a queue, no informer exists) shows the queue's box
 * alone (run-shape.ts, issue 21 item 3).
 */
import { pipelineLayout, type PipelineLayout } from "./pipeline-layout.js";
import { renderPipeline } from "./pipeline-view.js";
import { isBareFifo } from "./run-shape.js";
import type { StagePanel } from "./stage/panel.js";

/** The queue's box alone, centred on a row as wide as the full diagram's (so it draws at the same size). */
function queueOnlyLayout(compact: boolean): PipelineLayout {
  const width = compact ? 4 * 118 + 2 : 820;
  return { width, height: 14 + 46 + 12, nodes: [{ id: "deltafifo", stage: "deltafifo", x: width / 2, y: 14 + 23, w: 100, h: 46 }], edges: [] };
}

export function pipelinePanel(): StagePanel {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("class", "pipeline");
  svg.setAttribute("role", "group"); // its boxes are focusable images with their own names
  let layout: PipelineLayout | null = null;
  let layoutOf = "";
  let bare = false;
  return {
    id: "pipeline",
    stages: [],
    title: (t) => (bare ? t.deltafifo : `${t.apiserver} → ${t.reflector} → ${t.deltafifo} → ${t.indexer} → ${t.processor} → ${t.listener} → ${t.handler}`),
    mount(el) { el.append(svg); },
    load(run) {
      layout = null;
      bare = isBareFifo(run.trace);
    },
    update(view, ctx) {
      if (svg.getAttribute("aria-label") !== this.title(ctx.t, ctx)) svg.setAttribute("aria-label", this.title(ctx.t, ctx));
      const listeners = ctx.inf === undefined ? [] : [...ctx.inf.listeners.keys()].sort((a, b) => a - b);
      const workers = [...new Set([...view.workers.values()].map((w) => w.index))].sort((a, b) => a - b);
      const hasWq = view.workqueues.size > 0 || view.workers.size > 0 || ctx.hasWorkqueue;
      const key = `${listeners.join(",")}|${workers.join(",")}|${hasWq}|${ctx.compact}|${bare}`;
      if (layout === null || key !== layoutOf) {
        layout = bare ? queueOnlyLayout(ctx.compact) : pipelineLayout(listeners, workers, hasWq, ctx.compact);
        layoutOf = key;
      }
      renderPipeline(svg, layout, view, { t: ctx.t, reducedMotion: ctx.reducedMotion, durationMs: ctx.durationMs, fifoKind: ctx.fifoKind });
    },
    unmount() { svg.remove(); },
  };
}
