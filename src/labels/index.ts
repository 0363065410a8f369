/**
 * src/labels — label and field selectors (k8s.io/apimachinery/pkg/labels and /fields).
 *
 * `labels` is the Go-package-shaped namespace the playground module hands to learners:
 *   labels.parse("app=web,tier in (fe,be)").matches(pod.metadata.labels)
 *   labels.matches(pod.metadata.labels, "app=web")
 * Both throw ApiError 400 BadRequest on a malformed selector.
 */
import {
  everything, matchesSelector, parseSelector, selectorFromSet,
  type LabelSelector, type Labels,
} from "./selector.js";

export * from "./selector.js";
export * from "./field-selector.js";

export const labels: {
  parse(selector: string): LabelSelector;
  matches(labels: Labels, selector: string | LabelSelector): boolean;
  everything(): LabelSelector;
  selectorFromSet(set: Readonly<Record<string, string>>): LabelSelector;
} = Object.freeze({
  parse: (selector: string): LabelSelector => parseSelector(selector),
  matches: (l: Labels, selector: string | LabelSelector): boolean => matchesSelector(l, selector),
  everything,
  selectorFromSet,
});
