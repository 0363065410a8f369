/**
 * The diagram as a StagePanel: an <svg> whose layout (lanes for the followed informer's listeners, a
 * workqueue row when the run has one, compact under 720 px) is recomputed only when one of those changes.
 */
import { pipelineLayout, type PipelineLayout } from "./pipeline-layout.js";
import { renderPipeline } from "./pipeline-view.js";
import type { StagePanel } from "./stage/panel.js";
export function pipelinePanel(): StagePanel {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("class", "pipeline");
  svg.setAttribute("role", "group"); // its boxes are focusable images with their own names
  let layout: PipelineLayout | null = null;
  let layoutOf = "";
  return {
    id: "pipeline",
    stages: [],
    title: (t) => `${t.apiserver} → ${t.reflector} → ${t.deltafifo} → ${t.indexer} → ${t.processor} → ${t.listener} → ${t.handler}`,
    mount(el) { el.append(svg); },
    load() { layout = null; },
    update(view, ctx) {
      if (svg.getAttribute("aria-label") !== this.title(ctx.t, ctx)) svg.setAttribute("aria-label", this.title(ctx.t, ctx));
      const listeners = ctx.inf === undefined ? [] : [...ctx.inf.listeners.keys()].sort((a, b) => a - b);
      const workers = [...new Set([...view.workers.values()].map((w) => w.index))].sort((a, b) => a - b);
      const hasWq = view.workqueues.size > 0 || view.workers.size > 0 || ctx.hasWorkqueue;
      const key = `${listeners.join(",")}|${workers.join(",")}|${hasWq}|${ctx.compact}`;
      if (layout === null || key !== layoutOf) {
        layout = pipelineLayout(listeners, workers, hasWq, ctx.compact);
        layoutOf = key;
      }
      renderPipeline(svg, layout, view, { t: ctx.t, reducedMotion: ctx.reducedMotion, durationMs: ctx.durationMs, fifoKind: ctx.fifoKind });
    },
    unmount() { svg.remove(); },
  };
}
