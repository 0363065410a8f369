/**
 * The row under the timeline: "Legend" (a popover that names every colour and mark of the timeline)
 * and "Next: 410 · 409 · relist · tombstone", each a button that goes to the next such step after the
 * one shown (wrapping to the first), disabled when the run has none (timeline-marks.ts).
 *
 * Contract: `load(trace)` finds the marks; `setLocale(t)` relabels; a jump calls `onJump(step)`. The
 * legend closes with its button or Escape. Test hooks: `timeline-legend-toggle`, `timeline-legend`,
 * `jump-next` (data-mark, data-count).
 */
import type { KnownTraceEvent } from "../../../src/sim/index.js";
import type { T } from "../stage-i18n.js";
import { findMarks, MARK_KINDS, nextMark, type MarkKind } from "../timeline-marks.js";
import { el, uid } from "./dom.js";
import { isBareFifo } from "../run-shape.js";

export interface TimelineTools {
  readonly el: HTMLElement;
  load(trace: readonly KnownTraceEvent[]): void;
  setLocale(t: T): void;
}

const SWATCHES = ["server", "reflector", "fifo", "indexer", "processor", "listener", "handler", "workqueue", "worker", "fault", "runner"] as const;
const MARK_ROWS = ["fault", "action", "error", "failed", "diff", "cursor"] as const;

export function createTimelineTools(o: { t: T; currentStep(): number; onJump(step: number): void }): TimelineTools {
  let t = o.t;
  let marks: Record<MarkKind, number[]> = { "410": [], "409": [], relist: [], tombstone: [] };
  /** A bare DeltaFIFO run (run-shape.ts): no server, no informer; the jumps show only if one has a mark. */
  let bare = false;
  const root = el("div", { class: "timeline-tools" });
  const legendId = uid("timeline-legend");
  const toggle = el("button", { type: "button", class: "link legend-toggle", "data-testid": "timeline-legend-toggle", "aria-expanded": "false", "aria-controls": legendId });
  const legend = el("div", { class: "timeline-legend", id: legendId, "data-testid": "timeline-legend", role: "group" });
  legend.hidden = true;
  const jumpLabel = el("span", { class: "jump-label" });
  const jumps = new Map<MarkKind, HTMLButtonElement>();
  const jumpRow = el("span", { class: "jumps" });
  jumpRow.append(jumpLabel);
  for (const k of MARK_KINDS) {
    const b = el("button", { type: "button", class: "link jump", "data-testid": "jump-next", "data-mark": k });
    b.addEventListener("click", () => {
      const to = nextMark(marks[k], o.currentStep());
      if (to !== undefined) o.onJump(to);
    });
    jumps.set(k, b);
    jumpRow.append(b);
  }
  root.append(toggle, jumpRow, legend);

  const open = (yes: boolean) => {
    legend.hidden = !yes;
    toggle.setAttribute("aria-expanded", String(yes));
  };
  toggle.addEventListener("click", () => open(legend.hidden));
  root.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && !legend.hidden) {
      e.stopPropagation();
      open(false);
      toggle.focus();
    }
  });

  function render(): void {
    toggle.textContent = `${t.legendButton} ${legend.hidden ? "▴" : "▾"}`;
    jumpLabel.textContent = t.jumpLabel;
    for (const [k, b] of jumps) {
      const n = marks[k].length;
      b.textContent = n === 0 ? t.marks[k]! : `${t.marks[k]} (${n})`;
      b.title = t.markHint(t.marks[k]!, n);
      b.disabled = n === 0;
      b.setAttribute("data-count", String(n));
    }
    jumpRow.hidden = bare && MARK_KINDS.every((k) => marks[k].length === 0);
    const swatch = (name: string) => {
      const s = el("span", { class: "swatch", "aria-hidden": "true" });
      s.style.background = `var(--stage-c-${name})`;
      return s;
    };
    legend.replaceChildren(
      el("strong", {}, t.legendTitle),
      el("p", {}, t.legendComponents),
      el("ul", { class: "legend-components" }),
      el("ul", { class: "legend-marks" }),
      el("p", { class: "legend-keys" }, t.timelineKeys),
    );
    const [, , comps, marksList] = legend.children as unknown as HTMLElement[];
    for (const c of SWATCHES) {
      const li = el("li");
      li.append(swatch(c), ` ${t.components[c] ?? c}`);
      comps!.append(li);
    }
    for (const m of MARK_ROWS) marksList!.append(el("li", {}, t.legendMarks[m]));
  }
  toggle.addEventListener("click", render);

  render();
  return {
    el: root,
    load(trace) {
      marks = findMarks(trace);
      bare = isBareFifo(trace);
      render();
    },
    setLocale(nt) {
      t = nt;
      render();
    },
  };
}
