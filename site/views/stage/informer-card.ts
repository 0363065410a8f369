/**
 * An informer's card (the reflector, indexer and listeners cards) as a StagePanel: the card only draws
 * its body; showing it only where the run has an informer is done here, once.
 *
 * Contract: `informerCard(spec)` is a StagePanel with the spec's id, stages, title and hint that draws
 * with `spec.render(body, view, ctx)` after mount. In a bare DeltaFIFO run (lesson 04: a queue driven by
 * the learner, no informer around it; run-shape.ts `isBareFifo`) the card is not visible, and its body
 * is emptied when such a run loads so nothing of an earlier run stays in the hidden card.
 */
import type { WorldView } from "../../../src/sim/index.js";
import { isBareFifo } from "../run-shape.js";
import type { PanelContext, StagePanel } from "./panel.js";

export function informerCard(spec: Pick<StagePanel, "id" | "stages" | "title" | "hint"> & {
  render(body: HTMLElement, view: WorldView, ctx: PanelContext): void;
}): StagePanel {
  let body: HTMLElement | null = null;
  let bare = false;
  return {
    id: spec.id,
    stages: spec.stages,
    title: spec.title,
    ...(spec.hint !== undefined ? { hint: spec.hint } : {}),
    mount(el) { body = el; },
    load(run) {
      bare = isBareFifo(run.trace);
      if (bare) body?.replaceChildren();
    },
    visible: () => !bare,
    update(view, ctx) {
      if (body !== null) spec.render(body, view, ctx);
    },
  };
}
