/**
 * How the lesson page shows why a goal failed (issue 21 item 4).
 *
 * Contract: `reasonText(outcome, locale)` renders a failing goal's typed reason (message id + params,
 * lessons/_lib/goal-message.ts) in the learner's language; the lesson's goals.ts defines the templates
 * and is loaded on the page before any outcome arrives. When a reason is missing or one of its ids has no
 * template (an old worker, a goal check that threw outside the kit), the English `message` is shown and
 * marked `lang="en"`, so a screen reader reads it right. `goalReasonNode` builds the "Why:" line: text
 * only (never HTML), `code` spans as <code>.
 */
import { missingTemplates, renderReason, type GoalLocale } from "../../lessons/_lib/goal-message.js";
import type { GoalReason } from "../../src/scenario/index.js";
import { h } from "../shell/dom";

export interface ShownReason { text: string; lang: GoalLocale }

export function reasonText(outcome: { message?: string; reason?: GoalReason }, locale: GoalLocale): ShownReason | undefined {
  if (outcome.reason !== undefined && missingTemplates(outcome.reason).length === 0) {
    return { text: renderReason(outcome.reason, locale), lang: locale };
  }
  if (outcome.message !== undefined && outcome.message !== "") return { text: outcome.message, lang: "en" };
  return undefined;
}

/** `code` spans (markdown-style) as <code>, everything else as text. */
function withCode(text: string): Array<string | HTMLElement> {
  return text.split(/(`[^`]+`)/).filter((p) => p !== "").map((p) => (p.startsWith("`") && p.endsWith("`") ? h("code", {}, p.slice(1, -1)) : p));
}

/**
 * The "Why: …" line of a failing goal, or null when there is nothing to say. `label` is the translated
 * "Why:" prefix, `seedNote` the translated "on seed N" (or "").
 */
export function goalReasonNode(outcome: { message?: string; reason?: GoalReason }, locale: GoalLocale, label: string, seedNote: string): HTMLElement | null {
  const shown = reasonText(outcome, locale);
  if (shown === undefined) return null;
  return h("span", { class: "goal-message", "data-testid": "goal-reason", "data-reason-id": outcome.reason?.id ?? "" },
    h("span", { class: "goal-reason" }, label),
    h("span", { class: "goal-reason-text", lang: shown.lang }, ...withCode(shown.text)),
    seedNote);
}
