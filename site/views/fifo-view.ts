/**
 * The DeltaFIFO: every queued key in queue order, each with its delta chips (type + RV). The first
 * `limit` keys (at least 50) are rendered; the rest are summarised in one line, so 1,000 queued keys
 * cost ~50 rows, never one node per delta beyond those. Keys are joined by (key, occurrence), so a key
 * keeps its row while its deltas change, and a row whose key left is reused for a key that came
 * (recycle-join.ts: a live queue's head moves by thousands of keys between two draws).
 */
import { select } from "d3-selection";
import type { DeltaSummary, FifoEntry, FifoView } from "../../src/sim/index.js";
import { quietAttr, quietClass, quietText } from "./quiet-dom.js";
import { recycleRows } from "./recycle-join.js";
import type { FifoKind, T } from "./stage-i18n.js";
import { informerSuffix, type StagePanel } from "./stage/panel.js";

export const MAX_CHIPS = 8;
export const MIN_RENDERED_KEYS = 50;

interface Row { id: string; entry: FifoEntry }

function rows(entries: FifoView["entries"] | readonly FifoEntry[], limit: number): Row[] {
  const seen = new Map<string, number>();
  const out: Row[] = [];
  for (const e of entries.slice(0, limit)) {
    const n = seen.get(e.key) ?? 0;
    seen.set(e.key, n + 1);
    out.push({ id: n === 0 ? e.key : `${e.key}#${n}`, entry: e });
  }
  return out;
}

/** Delta chips into `sel` (a <span class="chips">): at most MAX_CHIPS, then "+n". */
export function renderChips(el: HTMLElement, deltas: readonly DeltaSummary[], testid: string | null): void {
  const shown = deltas.slice(0, MAX_CHIPS);
  const chips = select(el).selectAll<HTMLSpanElement, DeltaSummary>("span.chip")
    .data(shown)
    .join("span");
  quietAttr(chips, "class", (d) => `chip d-${d.type}${d.tombstone === true ? " tombstone" : ""}`);
  quietAttr(chips, "data-type", (d) => d.type);
  quietAttr(chips, "data-rv", (d) => d.rv);
  quietAttr(chips, "title", (d) => `${d.type} RV ${d.rv}${d.tombstone === true ? " (DeletedFinalStateUnknown)" : ""}`);
  quietText(chips, (d) => `${d.type}${d.rv === "" ? "" : ` ${d.rv}`}`);
  quietAttr(chips, "data-testid", () => testid);
  select(el).selectAll("span.chip-more")
    .data(deltas.length > MAX_CHIPS ? [deltas.length - MAX_CHIPS] : [])
    .join("span")
    .attr("class", "chip-more")
    .text((n) => `+${n}`);
}

export interface FifoRenderOptions {
  t: T; limit: number; hotKey: string | null; onMore: () => void;
  /** The queue kind (fifo-mode.ts): a RealFIFO counts entries (a key may repeat), a DeltaFIFO keys. Default "delta". */
  kind?: FifoKind;
}

const moreHandlers = new WeakMap<HTMLElement, () => void>();

function newRow(): HTMLElement {
  const li = document.createElement("li");
  li.className = "fifo-key";
  li.setAttribute("data-testid", "fifo-key");
  const key = document.createElement("span");
  key.className = "key";
  const chips = document.createElement("span");
  chips.className = "chips";
  li.append(key, chips);
  return li;
}

export function renderFifo(container: HTMLElement, fifo: FifoView | undefined, o: FifoRenderOptions): void {
  moreHandlers.set(container, o.onMore);
  const root = select(container);
  const entries = fifo?.entries ?? [];
  // The whole queue's length, whatever is rendered (read by bench/ui.mjs and tests).
  root.attr("data-testid", "fifo-keys-total").attr("data-count", String(entries.length));
  const limit = Math.max(MIN_RENDERED_KEYS, o.limit);

  const popped = fifo?.lastPopped ?? null;
  const pop = root.selectAll<HTMLDivElement, FifoEntry>("div.fifo-popped")
    .data(popped === null ? [] : [popped])
    .join((enter) => {
      const d = enter.insert("div", ":first-child").attr("class", "fifo-popped");
      d.append("span").attr("class", "popped-label");
      d.append("span").attr("class", "key");
      d.append("span").attr("class", "chips");
      return d;
    });
  pop.select(".popped-label").text(`${o.t.popped} ↗`);
  pop.select(".key").text((e) => e.key);
  pop.select<HTMLSpanElement>(".chips").each(function (e) {
    renderChips(this, e.deltas, null);
  });

  let list = root.select<HTMLOListElement>("ol.fifo-list");
  if (list.empty()) list = root.append("ol").attr("class", "fifo-list");
  const data = rows(entries, limit);
  const li = recycleRows(list.node()!, "fifo-key", data, (r) => r.id, newRow);
  quietAttr(li, "data-key", (r) => r.entry.key);
  quietClass(li, "hot", (r) => r.entry.key === o.hotKey);
  quietText(li.select(".key"), (r) => r.entry.key);
  li.select<HTMLSpanElement>(".chips").each(function (r) {
    renderChips(this, r.entry.deltas, "fifo-delta");
  });

  const rest = entries.length - data.length;
  const more = root.selectAll<HTMLDivElement, number>("div.fifo-more")
    .data(rest > 0 ? [rest] : [])
    .join((enter) => {
      const d = enter.append("div").attr("class", "fifo-more");
      d.append("span").attr("class", "count");
      d.append("button").attr("type", "button").attr("class", "link").on("click", () => moreHandlers.get(container)?.());
      return d;
    });
  more.select(".count").text((n) => {
    const byType = new Map<string, number>();
    for (let i = data.length; i < entries.length; i++) {   // no copy of a 10k-key queue per re-load (live mode)
      for (const d of entries.at(i)!.deltas) byType.set(d.type, (byType.get(d.type) ?? 0) + 1);
    }
    const more = (o.kind ?? "delta") === "delta" ? o.t.moreKeys(n) : o.t.moreEntries(n);
    return `${more} (${[...byType].map(([k, v]) => `${k} ×${v}`).join(", ")})`;
  });
  more.select("button").text(o.t.showMore);

  root.selectAll("p.empty").data(entries.length === 0 ? [o.t.fifoEmpty] : []).join("p").attr("class", "empty").text((s) => s);
}

/** The queue card (DeltaFIFO or RealFIFO) as a StagePanel; "show 50 more" widens it until the next run. */
export function fifoPanel(): StagePanel {
  let body: HTMLElement | null = null;
  let limit = MIN_RENDERED_KEYS;
  return {
    id: "fifo",
    stages: ["deltafifo"],
    title: (t, ctx) => t.fifoTitle[ctx.fifoKind] + informerSuffix(ctx),
    hint: (t, ctx) => t.fifoHint[ctx.fifoKind],
    attributes: (ctx) => ({ "data-fifo": ctx.fifoKind }),
    mount(el) { body = el; },
    load() { limit = MIN_RENDERED_KEYS; },
    update(_view, ctx) {
      if (body === null) return;
      renderFifo(body, ctx.inf?.fifo, { t: ctx.t, limit, hotKey: ctx.hotKey, kind: ctx.fifoKind,
        onMore: () => { limit += 50; ctx.redraw(); } });
    },
  };
}
