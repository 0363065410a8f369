/**
 * LogView — the run's log() lines under the editor, fast at any size (issue 14 item 5).
 *
 * Contract:
 * - Up to FULL_LINES lines are all in the DOM; above that the list is virtualised: fixed-height rows,
 *   only the rows in view (plus a margin) exist, so 100,000 lines cost what ~60 do.
 * - A line's text is shown up to SHOWN_CHARS characters; a longer one ends with "show more", which opens
 *   the whole line (as the worker kept it) in a box below the list.
 * - `setStep(step)` marks lines up to `step` as past and the last of them as current, in O(log n) plus
 *   the rows in view; the current line is scrolled into view.
 * - Clicking a line (anywhere on it) or its `#N` button seeks the stage to the line's step.
 * - `show(lines, trace)`: with the run's trace, an exception in a handler or the run (handler.threw,
 *   runner.error) is a line of its own at its step (`log-error`), between the printed lines around it;
 *   `data-lines` still counts the printed lines only.
 * - `showLoading()` (while the lesson view boots) shows no lines and says the lesson is loading, with
 *   `data-loading` on the list; the next `show` drops both.
 * - Times read `535 ms` / `1.54 s` (format-time.ts) in the page's language. Everything is text (never HTML).
 */
import type { LogLine } from "../../src/scenario/index.js";
import type { KnownTraceEvent } from "../../src/sim/index.js";
import { isLocale, type Translate } from "../i18n/index";
import { formatTime } from "../views/format-time.js";
import { clear, h } from "./dom";

/** A row of the log: a printed line, or an exception at its step. */
type Row = LogLine & { error?: true };

/** The exceptions of a run as log rows (handler.threw and runner.error events), in step order. */
export function errorRows(trace: readonly KnownTraceEvent[], t: Translate): Row[] {
  const out: Row[] = [];
  for (const e of trace) {
    if (e.kind !== "handler.threw" && e.kind !== "runner.error") continue;
    const where = e.line !== undefined ? t("error.runtime.line", { line: e.line }) : "";
    const who = e.kind === "handler.threw" ? `${e.notification}(${e.key}) #${e.listener} ` : "";
    out.push({ step: e.seq, time: e.time, text: `✖ ${who}${t("error.runtime", { where, message: e.message })}`, error: true });
  }
  return out;
}

export const FULL_LINES = 400;
export const SHOWN_CHARS = 400;
const ROW_PX = 20;
const MARGIN_ROWS = 20;

export class LogView {
  readonly element: HTMLOListElement;
  readonly more: HTMLElement;
  private lines: Row[] = [];
  private step = 0;
  /** Index of the last line with line.step <= step (-1: none). */
  private current = -1;
  private virtual = false;
  private readonly sizer: HTMLElement;
  private rendered = new Map<number, HTMLElement>();
  private frame = 0;

  constructor(private readonly t: () => Translate, private readonly seek: (step: number) => void) {
    this.element = h("ol", { class: "log", "data-testid": "log", "aria-label": t()("log.title") });
    this.sizer = h("li", { class: "log-sizer", "aria-hidden": "true" });
    this.more = h("div", { class: "log-more", hidden: true, "data-testid": "log-more" });
    // A click anywhere on a line seeks (the #N button is the keyboard's way in; "show more" only opens).
    this.element.addEventListener("click", (ev) => {
      const target = ev.target as HTMLElement | null;
      if (target?.closest("button") != null) return;
      const li = target?.closest<HTMLElement>("li[data-step]");
      if (li != null && this.element.contains(li)) this.seek(Number(li.dataset["step"]));
    });
    this.element.addEventListener("scroll", () => {
      if (!this.virtual || this.frame !== 0) return;
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.renderWindow();
      });
    }, { passive: true });
  }

  showLoading(): void {
    this.render(undefined, undefined, true);
  }

  show(lines: LogLine[] | undefined, trace?: readonly KnownTraceEvent[]): void {
    this.render(lines, trace, false);
  }

  private render(lines: LogLine[] | undefined, trace: readonly KnownTraceEvent[] | undefined, loading: boolean): void {
    const t = this.t();
    clear(this.element);
    if (loading) this.element.dataset["loading"] = "true";
    else delete this.element.dataset["loading"];
    this.rendered.clear();
    this.more.hidden = true;
    const printed = lines ?? [];
    const errors = trace === undefined ? [] : errorRows(trace, t);
    this.lines = errors.length === 0 ? printed : mergeByStep(printed, errors);
    this.virtual = this.lines.length > FULL_LINES;
    this.element.classList.toggle("virtual", this.virtual);
    this.element.dataset["lines"] = String(printed.length);
    if (this.lines.length === 0) {
      this.element.append(h("li", { class: "log-empty muted" }, t(loading ? "log.loading" : "log.empty")));
      return;
    }
    if (this.virtual) {
      this.sizer.style.height = `${this.lines.length * ROW_PX}px`;
      this.element.append(this.sizer);
      this.renderWindow();
    } else {
      this.lines.forEach((_, i) => this.element.append(this.row(i)));
    }
    this.setStep(this.step);
  }

  setStep(step: number): void {
    this.step = step;
    const before = this.current;
    this.current = lastAtOrBefore(this.lines, step);
    if (this.virtual) {
      for (const [i, li] of this.rendered) this.paint(li, i);
      if (this.current >= 0 && this.current !== before) {
        const top = this.current * ROW_PX;
        const el = this.element;
        if (top < el.scrollTop || top + ROW_PX > el.scrollTop + el.clientHeight) el.scrollTop = Math.max(0, top - el.clientHeight / 2);
        this.renderWindow();
      }
      return;
    }
    const rows = this.element.children;
    for (let i = 0; i < this.lines.length; i++) this.paint(rows[i] as HTMLElement, i);
    if (this.current >= 0 && this.current !== before) (rows[this.current] as HTMLElement | undefined)?.scrollIntoView({ block: "nearest" });
  }

  private paint(li: HTMLElement, i: number): void {
    li.classList.toggle("past", i <= this.current);
    li.classList.toggle("current", i === this.current);
  }

  private renderWindow(): void {
    const el = this.element;
    const first = Math.max(0, Math.floor(el.scrollTop / ROW_PX) - MARGIN_ROWS);
    const last = Math.min(this.lines.length - 1, Math.ceil((el.scrollTop + Math.max(el.clientHeight, 400)) / ROW_PX) + MARGIN_ROWS);
    for (const [i, li] of this.rendered) {
      if (i < first || i > last) {
        li.remove();
        this.rendered.delete(i);
      }
    }
    for (let i = first; i <= last; i++) {
      if (this.rendered.has(i)) continue;
      const li = this.row(i);
      li.style.top = `${i * ROW_PX}px`;
      this.paint(li, i);
      this.rendered.set(i, li);
      el.append(li);
    }
  }

  private row(i: number): HTMLElement {
    const t = this.t();
    const line = this.lines[i]!;
    const long = line.text.length > SHOWN_CHARS;
    const lang = document.documentElement.lang;
    return h("li", { class: line.error ? "log-line log-error" : "log-line", "data-testid": line.error ? "log-error" : "log-line", "data-step": line.step, title: t("log.step", { step: line.step }) },
      h("button", { type: "button", class: "log-step", title: t("log.step", { step: line.step }), onclick: () => this.seek(line.step) }, `#${line.step}`),
      h("span", { class: "log-time" }, formatTime(line.time, isLocale(lang) ? lang : "en")),
      h("span", { class: "log-text" }, long ? `${line.text.slice(0, SHOWN_CHARS)}…` : line.text,
        long ? h("button", { type: "button", class: "link-button log-show-more", "data-testid": "log-show-more", onclick: () => this.open(line) },
          t("log.more", { n: (line.text.length - SHOWN_CHARS).toLocaleString() })) : null));
  }

  private open(line: LogLine): void {
    const t = this.t();
    clear(this.more);
    this.more.append(
      h("div", { class: "log-more-head" }, h("span", {}, t("log.more.title", { step: line.step, n: line.text.length.toLocaleString() })),
        h("button", { type: "button", class: "link-button", onclick: () => { this.more.hidden = true; } }, t("shortcuts.close"))),
      h("pre", { class: "log-more-text" }, line.text));
    this.more.hidden = false;
  }
}

/** Printed lines and error rows in one list by step (an error after the lines printed at its step). */
function mergeByStep(lines: readonly LogLine[], errors: readonly Row[]): Row[] {
  const out: Row[] = [];
  let j = 0;
  for (const l of lines) {
    while (j < errors.length && errors[j]!.step < l.step) out.push(errors[j++]!);
    out.push(l);
  }
  while (j < errors.length) out.push(errors[j++]!);
  return out;
}

/** Index of the last line whose step is <= step, by binary search (lines are in step order). */
export function lastAtOrBefore(lines: readonly LogLine[], step: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (lines[mid]!.step <= step) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}
