/**
 * The run-vs-run note: ONE line under the panels saying at which step this run departs from the
 * previous one, with "Go there"; what differs there opens on demand in a popover above the line (over
 * the panels), closed again by its button or Escape.
 *
 * Contract: `show(diff)` (undefined hides the note), `setLocale(t, locale)` relabels; "Go there" calls
 * `onGo(step)`. The note never takes height from the panels.
 */
import { narrate, type RunDifference, type TraceEvent } from "../../../src/sim/index.js";
import type { StageLocale, T } from "../stage-i18n.js";
import { el, uid } from "./dom.js";

export interface DiffNote {
  readonly el: HTMLElement;
  show(diff: RunDifference | undefined): void;
  setLocale(t: T, locale: StageLocale): void;
}

export function createDiffNote(o: { t: T; locale: StageLocale; onGo(step: number): void }): DiffNote {
  let { t, locale } = o;
  let diff: RunDifference | undefined;
  const root = el("div", { class: "diff-note", "data-testid": "diff-note" });
  root.hidden = true;
  const head = el("span", { class: "diff-head" });
  const go = el("button", { type: "button", class: "link diff-go" });
  const detailsId = uid("stage-diff");
  const more = el("button", { type: "button", class: "link diff-more", "aria-expanded": "false", "aria-controls": detailsId });
  const details = el("ul", { class: "diff-details", id: detailsId });
  details.hidden = true;
  root.append(head, " ", go, " ", more, details);

  /** "what differs ▴" while the details are closed, "▾" while they are open. */
  const labelMore = () => {
    more.textContent = `${t.diffMore} ${details.hidden ? "▴" : "▾"}`;
  };
  const open = (yes: boolean) => {
    details.hidden = !yes;
    more.setAttribute("aria-expanded", String(yes));
    labelMore();
  };
  go.addEventListener("click", () => {
    if (diff !== undefined) o.onGo(diff.step);
  });
  more.addEventListener("click", () => open(details.hidden));
  root.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && !details.hidden) {
      e.stopPropagation();
      open(false);
      more.focus();
    }
  });

  function render(): void {
    root.hidden = diff === undefined;
    if (diff === undefined) return;
    head.textContent = t.diffAt(diff.step);
    head.title = t.diffAt(diff.step);
    go.textContent = `${t.diffGo} →`;
    labelMore();
    const lines: string[] = [];
    const say = (e: TraceEvent | null) => (e === null ? t.diffEnded : narrate(e, locale));
    lines.push(`${t.diffWas}: ${say(diff.previousEvent)}`, `${t.diffNow}: ${say(diff.currentEvent)}`);
    const pair = (a: string | null, b: string | null) => `${a ?? "∅"} → ${b ?? "∅"}`;
    if (diff.store.length > 0) {
      lines.push(`${t.diffStore}: ${diff.store.slice(0, 4).map((c) => `${c.key} RV ${pair(c.previous, c.current)}`).join("; ")}${diff.store.length > 4 ? " …" : ""}`);
    }
    for (const f of diff.fifoKeys.slice(0, 2)) lines.push(`${t.diffFifo}: [${f.previous.slice(0, 6).join(", ")}] → [${f.current.slice(0, 6).join(", ")}]`);
    for (const q of diff.queueKeys.slice(0, 2)) lines.push(`${t.diffQueue} ${q.queue}: [${q.previous.slice(0, 6).join(", ")}] → [${q.current.slice(0, 6).join(", ")}]`);
    const calls = (h: RunDifference["handlerCalls"]["current"]) => h.filter((x) => x.outcome === "called").slice(0, 4).map((x) => `${x.notification} ${x.key}`).join(", ") || "—";
    if (diff.handlerCalls.previous.length + diff.handlerCalls.current.length > 0) {
      lines.push(`${t.diffCalls}: ${calls(diff.handlerCalls.previous)} → ${calls(diff.handlerCalls.current)}`);
    }
    details.replaceChildren(...lines.map((l) => el("li", {}, l)));
  }

  return {
    el: root,
    show(d) {
      diff = d;
      render();
    },
    setLocale(nt, nl) {
      t = nt;
      locale = nl;
      render();
    },
  };
}
