/**
 * Goals — the lesson's goal list: one `goal` item per goal of the lesson with its status (pending, pass,
 * fail), the reason of a failure and a `goal-jump` to the step where it failed. A pure render of
 * (goals, statuses, note, t): the statuses come from the lesson machine (site/machines/lesson.ts).
 */
import type { Locale, Translate } from "../../i18n/index";
import { goalReasonNode } from "../../lessons/goal-reason";
import type { LoadedLesson } from "../../lessons/index";
import type { GoalStatus } from "../../machines/lesson-types";
import { clear, h, icon } from "../dom";

/** Goal titles use `code` spans (markdown-style); render them as <code>, everything as text (never HTML). */
export function inlineCode(text: string): Array<string | HTMLElement> {
  return text.split(/(`[^`]+`)/).filter((p) => p !== "").map((p) => (p.startsWith("`") && p.endsWith("`") ? h("code", {}, p.slice(1, -1)) : p));
}

export interface GoalsRender {
  goals: LoadedLesson["goals"];
  status: Readonly<Record<string, GoalStatus>>;
  /** Shown above the goals when they could not be checked. */
  note: string | undefined;
  t: Translate;
  locale: Locale;
  seek(step: number): void;
}

export function renderGoals(list: HTMLElement, r: GoalsRender): void {
  const { t, locale } = r;
  clear(list);
  if (r.note !== undefined) list.append(h("li", { class: "goals-note" }, icon("warn"), h("span", {}, r.note)));
  for (const g of r.goals) {
    const st = r.status[g.id] ?? { status: "pending" as const };
    const li = h("li", { class: `goal ${st.status}`, "data-testid": "goal", "data-goal": g.id, "data-status": st.status, ...(st.step !== undefined ? { "data-step": st.step } : {}) },
      h("span", { class: "goal-icon", title: t(`goal.${st.status}`) }, icon(st.status === "pass" ? "check" : st.status === "fail" ? "cross" : "dot")),
      h("div", { class: "goal-body" },
        h("span", { class: "goal-title" }, ...inlineCode(g.title[locale])),
        // The typed reason in the learner's language (site/lessons/goal-reason.ts).
        st.status === "fail"
          ? goalReasonNode(st, locale, t("goal.reason"), st.seed !== undefined ? ` ${t("goal.seed", { seed: st.seed })}` : "")
          : null,
        st.status === "fail" && st.step !== undefined
          ? h("button", { type: "button", class: "link-button", "data-testid": "goal-jump", onclick: () => r.seek(st.step!) }, `${t("goal.jump", { step: st.step })} →`)
          : null));
    list.append(li);
  }
}
