/**
 * Predict-then-reveal — makes the ```predict cards of a lesson (compiled by compile.ts into
 * `[data-testid=predict]` with data-predict-id / data-before / data-field / data-answer and one
 * `<li data-value>` per option) interactive, and checks the learner's pick against the engine.
 *
 * Contract:
 * - `predictEvent(trace, before)`: the `occurrence`-th (default 1) event of `before.kind` whose other keys
 *   all match (dotted paths, compared as strings) with time ≥ `fromTime` — the same semantics as the
 *   lessons' contract test. The question's step s is that event's `seq`; `renderField(pick(event, field))`
 *   is the engine's actual answer in this run.
 * - Each card's options become radio-like buttons (`predict-option`, data-value); its `<details>` reveal
 *   stays locked until the learner picks. A pick reveals right/wrong (`predict-result`, data-correct),
 *   the engine's value (`predict-actual`), a note when this run differs from the lesson's answer, the
 *   explanation and a "Jump to this step" link; "Ask again" forgets the pick.
 * - `gate(from, to)` is the stage's step gate: the first time playback would move onto the step of an
 *   unanswered question it returns false (the stage stays at s − 1), and the card is scrolled into view
 *   and says why. Picks persist per lesson through the app's Store (`predict:<lessonId>`).
 */
import type { TraceEvent } from "../../src/sim/index.js";
import type { Translate } from "../i18n/index";
import type { PredictAnswers } from "./predict-answers";
import { judge, questionStep, readQuestion, type PredictQuestion } from "./predict-question";
import "./predict.css";

export { predictAnswers, type PredictAnswers } from "./predict-answers";
export { judge, pick, predictEvent, questionStep, readQuestion, renderField, type PredictBefore, type PredictQuestion } from "./predict-question";

interface Card {
  el: HTMLElement;
  q: PredictQuestion;
  options: HTMLButtonElement[];
  details: HTMLDetailsElement | null;
  summary: HTMLElement | null;
  result: HTMLElement;
  prompt: HTMLElement;
}

export interface PredictOptions {
  answers: PredictAnswers;
  t: () => Translate;
  /** Seeks the stage (the "Jump to this step" link). */
  seek(step: number): void;
  reducedMotion?: boolean;
}

export class PredictController {
  private cards: Card[] = [];
  private trace: readonly TraceEvent[] | undefined;
  private found = new Map<string, { step: number; actual: string } | undefined>();
  /** Questions asked (paused for) in the current run: asking again says how to go on. */
  private asked = new Set<string>();
  /** Questions the learner chose to pass without predicting, in the current run. */
  private skipped = new Set<string>();

  constructor(private readonly opts: PredictOptions) {}

  /** Enhances every predict card under `root` (call again after the prose is re-rendered). */
  attach(root: ParentNode): void {
    this.cards = [];
    for (const el of root.querySelectorAll<HTMLElement>('[data-testid="predict"]')) {
      const q = readQuestion(el);
      if (q === undefined || el.dataset["enhanced"] === "true") continue;
      this.cards.push(this.enhance(el, q));
    }
    if (this.trace !== undefined) for (const c of this.cards) this.found.set(c.q.id, questionStep(this.trace, c.q));
    this.refresh();
  }

  /** A new run (or none): recompute each question's step and value. */
  setRun(trace: readonly TraceEvent[] | undefined): void {
    this.trace = trace;
    this.asked.clear();
    this.skipped.clear();
    this.found.clear();
    if (trace !== undefined) for (const c of this.cards) this.found.set(c.q.id, questionStep(trace, c.q));
    this.refresh();
  }

  /** The stage's step gate: false keeps the stage at `from`. */
  gate(from: number, to: number): boolean {
    if (this.trace === undefined || to <= from) return true;
    const picks = this.opts.answers.all();
    const card = this.cards.find((c) => {
      const f = this.found.get(c.q.id);
      return f !== undefined && f.step > from && f.step <= to && picks[c.q.id] === undefined && !this.skipped.has(c.q.id);
    });
    if (card === undefined) return true;
    // Issue 21 item 9: stepping on would narrate the answer, so the gate holds until a pick (or a skip).
    const again = this.asked.has(card.q.id);
    for (const c of this.cards) if (this.found.get(c.q.id)?.step === this.found.get(card.q.id)?.step) this.asked.add(c.q.id);
    this.ask(card, from, again);
    return false;
  }

  /** Step of a question in the current run (for tests and the shell). */
  stepOf(id: string): number | undefined {
    return this.found.get(id)?.step;
  }

  private enhance(el: HTMLElement, q: PredictQuestion): Card {
    const t = this.opts.t();
    el.dataset["enhanced"] = "true";
    const list = el.querySelector<HTMLElement>(".predict-options");
    const options: HTMLButtonElement[] = [];
    const group = document.createElement("div");
    group.className = "predict-choices";
    group.setAttribute("role", "radiogroup");
    group.setAttribute("aria-label", t("predict.choose"));
    for (const li of el.querySelectorAll<HTMLElement>(".predict-options > li")) {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "predict-option";
      b.setAttribute("role", "radio");
      b.setAttribute("aria-checked", "false");
      b.setAttribute("data-testid", "predict-option");
      b.dataset["value"] = li.dataset["value"] ?? "";
      b.innerHTML = li.innerHTML; // compile-time markdown-it output (html: false), not learner input
      b.addEventListener("click", () => this.choose(q.id, b.dataset["value"] ?? ""));
      options.push(b);
      group.append(b);
    }
    if (list !== null) list.replaceWith(group);
    else el.append(group);
    const details = el.querySelector<HTMLDetailsElement>("details.predict-reveal");
    const summary = details?.querySelector<HTMLElement>("summary") ?? null;
    summary?.addEventListener("click", (e) => {
      if (details?.dataset["locked"] === "true") e.preventDefault();
    });
    const prompt = document.createElement("p");
    prompt.className = "predict-prompt";
    prompt.setAttribute("role", "status");
    prompt.setAttribute("data-testid", "predict-prompt");
    prompt.hidden = true;
    group.before(prompt);
    const result = document.createElement("div");
    result.className = "predict-result-box";
    if (summary !== null) summary.after(result);
    else if (details !== null) details.prepend(result);
    else el.append(result);
    return { el, q, options, details, summary, result, prompt };
  }

  private choose(id: string, value: string): void {
    this.opts.answers.set(id, value);
    this.refresh();
  }

  private ask(card: Card, from: number, again: boolean): void {
    const t = this.opts.t();
    card.prompt.hidden = false;
    if (again) {
      const skip = document.createElement("button");
      skip.type = "button";
      skip.className = "link-button predict-skip";
      skip.setAttribute("data-testid", "predict-skip");
      skip.textContent = t("predict.skip");
      skip.addEventListener("click", () => {
        for (const c of this.cards) if (this.found.get(c.q.id)?.step === this.found.get(card.q.id)?.step) this.skipped.add(c.q.id);
        card.prompt.hidden = true;
        card.el.classList.remove("asking");
      });
      card.prompt.replaceChildren(`${t("predict.stillPaused", { step: from })} `, skip, ".");
    } else {
      card.prompt.textContent = t("predict.paused", { step: from });
    }
    card.el.classList.add("asking");
    card.el.scrollIntoView?.({ block: "center", behavior: this.opts.reducedMotion === true ? "auto" : "smooth" });
  }

  private refresh(): void {
    const t = this.opts.t();
    const picks = this.opts.answers.all();
    for (const c of this.cards) {
      const picked = picks[c.q.id];
      const found = this.found.get(c.q.id);
      for (const b of c.options) {
        const on = picked !== undefined && b.dataset["value"] === picked;
        b.setAttribute("aria-checked", String(on));
        b.classList.toggle("picked", on);
        b.classList.toggle("is-actual", picked !== undefined && found !== undefined && b.dataset["value"] === found.actual);
      }
      if (found !== undefined) c.el.dataset["step"] = String(found.step);
      else delete c.el.dataset["step"];
      c.el.dataset["answered"] = String(picked !== undefined);
      if (c.details !== null) {
        c.details.dataset["locked"] = String(picked === undefined);
        if (picked === undefined) c.details.open = false;
        if (c.summary !== null) c.summary.textContent = picked === undefined ? t("predict.locked") : t("predict.reveal");
      }
      c.result.replaceChildren();
      if (picked === undefined) continue;
      c.prompt.hidden = true;
      c.el.classList.remove("asking");
      if (c.details !== null) c.details.open = true;
      this.renderResult(c, picked, found);
    }
  }

  private renderResult(c: Card, picked: string, found: { step: number; actual: string } | undefined): void {
    const t = this.opts.t();
    const make = (tag: string, cls: string, text?: string, testid?: string): HTMLElement => {
      const e = document.createElement(tag);
      e.className = cls;
      if (text !== undefined) e.textContent = text;
      if (testid !== undefined) e.setAttribute("data-testid", testid);
      return e;
    };
    const ran = this.trace !== undefined;
    const verdict = judge(picked, c.q.answer, found);
    const result = make("p", `predict-result ${verdict.correct ? "right" : "wrong"}`, verdict.correct ? t("predict.right") : t("predict.wrong"), "predict-result");
    result.dataset["correct"] = String(verdict.correct);
    c.result.append(result);
    if (found !== undefined) {
      const line = make("p", "predict-engine", t("predict.engine", { step: found.step }) + " ");
      const code = make("code", "predict-actual", found.actual, "predict-actual");
      line.append(code);
      // The engine's value in words: the option that names it, as the lesson wrote it (never a bare token).
      const words = c.options.find((b) => b.dataset["value"] === found.actual)?.textContent?.trim();
      if (words !== undefined && words !== "" && words !== found.actual) {
        line.append(" — ", make("span", "predict-actual-words", t("predict.inWords", { words }), "predict-actual-words"));
      }
      c.result.append(line);
      if (found.actual !== c.q.answer) c.result.append(make("p", "predict-changed", t("predict.changed", { answer: c.q.answer })));
    } else {
      c.result.append(make("p", "predict-changed", ran ? t("predict.notReached", { answer: c.q.answer }) : t("predict.noRun")));
    }
    const actions = make("p", "predict-actions");
    if (found !== undefined) {
      const jump = make("button", "link-button predict-jump", `${t("predict.jump", { step: found.step })} →`, "predict-jump") as HTMLButtonElement;
      jump.type = "button";
      jump.addEventListener("click", () => this.opts.seek(found.step));
      actions.append(jump, " ");
    }
    const again = make("button", "link-button predict-again", t("predict.again"), "predict-again") as HTMLButtonElement;
    again.type = "button";
    again.addEventListener("click", () => {
      this.opts.answers.forget(c.q.id);
      this.asked.delete(c.q.id);
      this.refresh();
    });
    actions.append(again);
    c.result.append(actions);
  }
}
