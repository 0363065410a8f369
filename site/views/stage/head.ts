/**
 * The stage's header: its title, the informer the diagram shows ("Informer: pods (+1)"), and the
 * "Tables" toggle.
 *
 * Contract: `applyLabels(t)` relabels; `setInformer(text)` writes the informer line only when it
 * changed; toggling Tables calls `onTables(checked)`.
 */
import type { T } from "../stage-i18n.js";
import { el } from "./dom.js";

export interface StageHead {
  readonly el: HTMLElement;
  applyLabels(t: T): void;
  setInformer(text: string): void;
}

export function createStageHead(o: { onTables(checked: boolean): void }): StageHead {
  const head = el("header", { class: "stage-head" });
  const titleEl = el("h2", { class: "stage-title" });
  const informerEl = el("span", { class: "stage-informer" });
  const tablesLabel = el("label", { class: "stage-tables-toggle" });
  const tablesBox = el("input", { type: "checkbox" });
  const tablesText = el("span");
  tablesLabel.append(tablesBox, tablesText);
  head.append(titleEl, informerEl, tablesLabel);
  tablesBox.addEventListener("change", () => o.onTables(tablesBox.checked));
  return {
    el: head,
    applyLabels(t) {
      titleEl.textContent = t.stageTitle;
      tablesText.textContent = t.tables;
      tablesLabel.title = t.tablesHint;
    },
    setInformer(text) {
      if (informerEl.textContent !== text) informerEl.textContent = text;
    },
  };
}
