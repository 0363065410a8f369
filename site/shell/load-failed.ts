/**
 * What the lesson route shows when a lesson's code did not arrive (a lazy chunk failed to load: the network,
 * or a deploy that replaced the chunks this page knows): a sentence and a Reload button, not "Loading…" for ever.
 */
import type { Translate } from "../i18n/index";
import { h } from "./dom";

export function renderLoadFailed(t: Translate): HTMLElement {
  return h("main", { class: "not-found", "data-testid": "lesson-load-failed" }, h("p", {}, t("lesson.loadFailed")),
    h("button", { type: "button", class: "button", onclick: () => location.reload() }, t("lesson.reload")));
}
