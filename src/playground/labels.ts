/**
 * playground `labels` — k8s.io/apimachinery/pkg/labels as learner code sees it.
 *
 * Contract: `parse(selector)` returns a LabelSelector (`.matches(labels)`), `matches(labels, selector)`
 * tests a label set; both throw ApiError 400 BadRequest on a malformed selector (src/labels).
 */
import {
  everything as engineEverything, matchesSelector, parseSelector, selectorFromSet as engineSelectorFromSet,
  type LabelSelector, type Labels,
} from "../labels/selector.js";

export type { LabelSelector, Labels };

export function parse(selector: string): LabelSelector {
  return parseSelector(selector);
}

export function matches(labels: Labels, selector: string | LabelSelector): boolean {
  return matchesSelector(labels, selector);
}

/** The selector that matches everything. */
export function everything(): LabelSelector {
  return engineEverything();
}

/** The equality selector of a label set ({app: "web"} ⇒ "app=web"). */
export function selectorFromSet(set: Readonly<Record<string, string>>): LabelSelector {
  return engineSelectorFromSet(set);
}
