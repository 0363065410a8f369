/**
 * The live view's list of highlights (wire.md §7.5): 410 → relist, bookmarks, reconnects, watch ends,
 * backoff and failed lists, picked out of the trace as it streams (highlights.ts), newest first.
 *
 * Contract:
 * - `onEvent(e)` feeds one traced event; a highlight is kept (at most LIMIT, the oldest forgotten).
 * - `render(firstSeq)` redraws the list only when something changed since the last render; each entry is
 *   a button (mouse or keyboard) that calls `onSeek(seq, firstSeq)` (the view pauses at its step, if still
 *   in the window). While the list is empty a line says what will appear in it.
 * - `reset()` forgets everything (a new session); `clear()` empties the list shown (a trace file replays).
 */
import type { KnownTraceEvent } from "../../src/sim/index.js";
import { h } from "../shell/dom";
import { highlightOf, newHighlightState, type Highlight } from "./highlights.js";
import type { LiveText } from "./live-i18n.js";

const LIMIT = 60;

export class HighlightList {
  /** The empty-state line and the list. */
  readonly root: HTMLElement;
  private readonly list: HTMLElement;
  private readonly empty: HTMLElement;
  private state = newHighlightState();
  private readonly items: Highlight[] = [];
  private dirty = false;

  constructor(private readonly t: LiveText, private readonly onSeek: (seq: number, firstSeq: number) => void) {
    this.list = h("ol", { class: "live-highlights", "data-testid": "live-highlights", "aria-label": t.highlights });
    this.empty = h("p", { class: "live-highlights-empty", "data-testid": "live-highlights-empty" }, t.highlightsEmpty);
    this.root = h("div", {}, this.empty, this.list);
  }

  onEvent(e: KnownTraceEvent): void {
    const x = highlightOf(e, this.state, this.t);
    if (x === undefined) return;
    this.items.unshift(x);
    if (this.items.length > LIMIT) this.items.length = LIMIT;
    this.dirty = true;
  }

  render(firstSeq: number): void {
    if (!this.dirty) return;
    this.dirty = false;
    this.empty.hidden = this.items.length > 0;
    this.list.replaceChildren(...this.items.map((x) => {
      const button = h("button", { type: "button" }, h("time", {}, `${(x.time / 1000).toFixed(1)} s`), " ", x.text);
      button.addEventListener("click", () => this.onSeek(x.seq, firstSeq));
      return h("li", { "data-kind": x.kind, "data-seq": x.seq }, button);
    }));
  }

  reset(): void {
    this.state = newHighlightState();
    this.items.length = 0;
    this.dirty = true;
  }

  clear(): void {
    this.list.replaceChildren();
    this.empty.hidden = false;
  }
}
