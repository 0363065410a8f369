/**
 * LessonPane — the reading pane of an open lesson (or the sandbox): navigation, title, goals, the prose
 * with its predict cards, and the graded hints. It renders from (lesson, progress, goal statuses, hints
 * shown, t) and keeps no run state; `render()` redraws everything, `renderGoals()` only the goals.
 */
import type { Scenario } from "../../../src/scenario/index.js";
import type { Locale, Translate } from "../../i18n/index";
import type { CompiledLocale, LoadedLesson } from "../../lessons/index";
import type { PredictController } from "../../lessons/predict";
import type { GoalStatus } from "../../machines/lesson-types";
import { clear, h, icon } from "../dom";
import { renderGoals } from "./goals-view";
import { renderSandboxGuide } from "./sandbox-guide";

export interface LessonPaneDeps {
  t: () => Translate;
  locale: () => Locale;
  lesson: LoadedLesson | undefined;
  title: Record<Locale, string>;
  nav: { prev?: { id: string; title: string }; next?: { id: string; title: string } };
  passed(): boolean;
  predict: PredictController | undefined;
  seek(step: number): void;
  /** Hides the reading pane (the workspace shows a rail to bring it back). */
  collapse(): void;
  /** The sandbox's scenario, shown as a guide when there is no lesson. */
  scenario?: Scenario;
  /** The sandbox's summary and prose per locale (lessons/sandbox/lesson*.md), shown under the guide. */
  guide?: Record<Locale, CompiledLocale> | undefined;
}

export class LessonPane {
  readonly element: HTMLElement;
  private readonly goalsList: HTMLElement;
  private readonly hintsBox: HTMLElement;
  /** The header's "hide the lesson" button of the latest render (focused when the pane comes back). */
  private collapseButton: HTMLElement | undefined;
  hintsShown: number;

  constructor(private readonly d: LessonPaneDeps, hintsShown = 0) {
    const t = d.t();
    this.hintsShown = hintsShown;
    this.goalsList = h("ol", { class: "goals", "data-testid": "goals" });
    this.hintsBox = h("div", { class: "hints" });
    this.element = h("section", { class: "pane pane-lesson", "aria-label": t("pane.lesson"), tabindex: "-1" });
  }

  /** Moves focus to the "hide the lesson" button (the pane was just brought back from the rail). */
  focusCollapse(): void {
    this.collapseButton?.focus();
  }

  /** The goal list element (runs label it with the source they were checked from). */
  get goals(): HTMLElement {
    return this.goalsList;
  }

  render(): void {
    const { d } = this;
    const t = d.t();
    const locale = d.locale();
    clear(this.element);
    const lesson = d.lesson;
    const passed = lesson !== undefined && d.passed();
    const { prev, next } = d.nav;
    const number = lesson ? lesson.label ?? String(lesson.order).padStart(2, "0") : "";
    this.element.append(
      h("nav", { class: "lesson-nav", "aria-label": t("nav.home") },
        h("a", { href: "#/", class: "crumb" }, icon("home"), h("span", {}, t("nav.home"))),
        h("a", { href: "#/glossary", class: "crumb", "data-testid": "glossary-link" }, icon("book"), h("span", {}, t("nav.glossary"))),
        h("span", { class: "nav-fill" }),
        prev ? h("a", { class: "button small", href: `#/lesson/${prev.id}`, "data-testid": "prev-lesson", title: `${t("nav.prev.title")}: ${prev.title}`, rel: "prev" }, icon("prev"), t("nav.prev")) : null,
        next ? h("a", { class: "button small", href: `#/lesson/${next.id}`, "data-testid": "next-lesson", title: `${t("nav.next.title")}: ${next.title}`, rel: "next" }, t("nav.next"), icon("next")) : null,
        this.collapseButton = h("button", { type: "button", class: "icon-button", "data-testid": "lesson-collapse", title: t("lesson.collapse"), "aria-label": t("lesson.collapse"), onclick: () => d.collapse() }, icon("collapse"))),
      h("header", { class: "lesson-head" },
        number ? h("span", { class: "lesson-number" }, number) : null,
        h("h1", { "data-testid": "lesson-title" }, d.title[locale]),
        passed ? h("span", { class: "badge pass", title: t("lesson.passed") }, icon("check"), t("map.passed")) : null),
      h("p", { class: "lesson-summary" }, (lesson?.locales ?? d.guide)?.[locale].meta.summary ?? t("sandbox.body")),
    );
    if (!lesson) {
      if (d.scenario) this.element.append(renderSandboxGuide(d.scenario, t));
      if (d.guide) this.element.append(this.prose(d.guide[locale].html));
      return;
    }
    this.element.append(h("section", { class: "card goals-card", "aria-label": t("lesson.goals") },
      h("h2", { class: "section-title" }, t("lesson.goals")),
      lesson.goals.length > 0 ? this.goalsList : h("p", { class: "muted" }, t("lesson.goals.none"))));
    if (passed && next) {
      this.element.append(h("p", { class: "passed-banner" }, icon("check"), h("span", {}, t("lesson.passed")), " ",
        h("a", { href: `#/lesson/${next.id}` }, `${t("lesson.passed.next")} →`)));
    }
    this.element.append(this.prose(lesson.locales[locale].html));
    d.predict?.attach(this.element);
    if (lesson.locales[locale].hints.length > 0) {
      this.element.append(h("section", { class: "card hints-card", "aria-label": t("lesson.hints") },
        h("h2", { class: "section-title" }, icon("bulb"), t("lesson.hints")), this.hintsBox));
      this.renderHints();
    }
  }

  private prose(html: string): HTMLElement {
    const prose = h("article", { class: "prose", html });
    // Code blocks that scroll sideways can be scrolled from the keyboard (axe scrollable-region-focusable).
    for (const pre of prose.querySelectorAll("pre")) pre.tabIndex = 0;
    return prose;
  }

  renderGoals(status: Readonly<Record<string, GoalStatus>>, note: string | undefined): void {
    renderGoals(this.goalsList, { goals: this.d.lesson?.goals ?? [], status, note, t: this.d.t(), locale: this.d.locale(), seek: (s) => this.d.seek(s) });
  }

  private renderHints(): void {
    const t = this.d.t();
    const hints = this.d.lesson?.locales[this.d.locale()].hints ?? [];
    clear(this.hintsBox);
    hints.slice(0, this.hintsShown).forEach((html, i) => {
      this.hintsBox.append(h("div", { class: "hint-body" }, h("strong", {}, t("lesson.hint.label", { n: i + 1 })), h("div", { class: "prose", html })));
    });
    if (this.hintsShown < hints.length) {
      this.hintsBox.append(h("button", { type: "button", class: "button", "data-testid": "hint", onclick: () => { this.hintsShown++; this.renderHints(); } },
        this.hintsShown === 0 ? t("lesson.hint") : t("lesson.hint.next", { n: this.hintsShown + 1, total: hints.length })));
    } else {
      this.hintsBox.append(h("p", { class: "muted" }, t("lesson.hint.none")));
    }
  }
}
