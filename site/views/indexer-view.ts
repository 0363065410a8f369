/**
 * The Indexer (the informer's cache): one `store-row` per object (key + RV, insertion order, the first
 * `limit` shown, the rest counted), and each index's buckets as value → number of keys.
 */
import { select } from "d3-selection";
import { type IndexerObjectView, type IndexerView, indexBuckets } from "../../src/sim/index.js";
import { quietAttr, quietClass, quietText } from "./quiet-dom.js";
import type { T } from "./stage-i18n.js";
import { informerCard } from "./stage/informer-card.js";
import { informerSuffix, type StagePanel } from "./stage/panel.js";

export interface IndexerRenderOptions { t: T; limit: number; hotKey: string | null; selected: string | null; onSelect: (key: string) => void }

const selectHandlers = new WeakMap<HTMLElement, (key: string) => void>();

export function renderIndexer(container: HTMLElement, idx: IndexerView | undefined, o: IndexerRenderOptions): void {
  selectHandlers.set(container, o.onSelect);
  const root = select(container);
  const shown: IndexerObjectView[] = [];        // the first `limit` (a live cache holds ~10k: no full copy)
  if (idx !== undefined) for (const v of idx.objects.values()) { if (shown.length >= o.limit) break; shown.push(v); }
  const all = { length: idx?.objects.size ?? 0 };
  let table = root.select<HTMLOListElement>("ol.store-list");
  if (table.empty()) table = root.append("ol").attr("class", "store-list");
  const rows = table.selectAll<HTMLLIElement, IndexerObjectView>("li.store-row")
    .data(shown, (d) => d.key)
    .join((enter) => {
      const li = enter.append("li").attr("class", "store-row").attr("data-testid", "store-row").attr("tabindex", 0)
        .on("click", (_e, d) => selectHandlers.get(container)?.(d.key))
        .on("keydown", (e: KeyboardEvent, d) => {
          if (e.key === "Enter") selectHandlers.get(container)?.(d.key);
        });
      li.append("span").attr("class", "key");
      li.append("span").attr("class", "rv");
      return li;
    });
  rows.order();
  quietAttr(rows, "data-key", (d) => d.key);
  quietAttr(rows, "data-rv", (d) => d.rv);
  quietClass(rows, "hot", (d) => d.key === o.hotKey);
  quietClass(rows, "selected", (d) => d.key === o.selected);
  quietText(rows.select(".key"), (d) => d.key);
  quietText(rows.select(".rv"), (d) => `RV ${d.rv}`);
  root.selectAll("p.more").data(all.length > shown.length ? [all.length - shown.length] : []).join("p")
    .attr("class", "more").text((n) => o.t.more(n));
  root.selectAll("p.empty").data(all.length === 0 ? [o.t.storeEmpty] : []).join("p").attr("class", "empty").text((s) => s);

  // Index buckets
  const buckets = idx === undefined ? new Map<string, Map<string, string[]>>() : indexBuckets(idx);
  let ix = root.select<HTMLDivElement>("div.indexes");
  if (ix.empty()) ix = root.append("div").attr("class", "indexes");
  const groups = ix.selectAll<HTMLDivElement, [string, Map<string, string[]>]>("div.index")
    .data([...buckets], (d) => d[0])
    .join((enter) => {
      const g = enter.append("div").attr("class", "index");
      g.append("span").attr("class", "index-name");
      g.append("span").attr("class", "buckets");
      return g;
    });
  quietText(groups.select(".index-name"), (d) => `${o.t.indexes}: ${d[0]}`);
  groups.select<HTMLSpanElement>(".buckets").each(function (d) {
    const entries = [...d[1]].slice(0, 30);
    const b = select(this).selectAll<HTMLSpanElement, [string, string[]]>("span.bucket")
      .data(entries, (x) => x[0])
      .join((enter) => enter.append("span").attr("class", "bucket"));
    quietAttr(b, "data-value", (x) => x[0]);
    quietAttr(b, "title", (x) => x[1].slice(0, 20).join(", "));
    quietText(b, (x) => `${x[0] === "" ? "∅" : x[0]} · ${x[1].length}`);
  });
}

/** The indexer card (the informer's cache and its indexes) as a StagePanel. */
export function indexerPanel(limit = 50): StagePanel {
  return informerCard({
    id: "indexer",
    stages: ["indexer"],
    title: (t, ctx) => t.indexer + informerSuffix(ctx),
    render(body, _view, ctx) {
      renderIndexer(body, ctx.inf?.indexer, { t: ctx.t, limit, hotKey: ctx.hotKey, selected: ctx.target?.key ?? null, onSelect: ctx.select });
    },
  });
}
