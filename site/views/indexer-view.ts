/**
 * The Indexer (the informer's cache): one `store-row` per object (key + RV, insertion order, the first
 * `limit` shown, the rest counted), and each index's buckets as value → number of keys.
 */
import { select } from "d3-selection";
import type { IndexerObjectView, IndexerView } from "../../src/sim/view.js";
import { indexBuckets } from "../../src/sim/view.js";
import type { T } from "./stage-i18n.js";

export interface IndexerRenderOptions { t: T; limit: number; hotKey: string | null; selected: string | null; onSelect: (key: string) => void }

export function renderIndexer(container: HTMLElement, idx: IndexerView | undefined, o: IndexerRenderOptions): void {
  const root = select(container);
  const all = idx === undefined ? [] : [...idx.objects.values()];
  const shown = all.slice(0, o.limit);
  let table = root.select<HTMLOListElement>("ol.store-list");
  if (table.empty()) table = root.append("ol").attr("class", "store-list");
  const rows = table.selectAll<HTMLLIElement, IndexerObjectView>("li.store-row")
    .data(shown, (d) => d.key)
    .join((enter) => {
      const li = enter.append("li").attr("class", "store-row").attr("data-testid", "store-row").attr("tabindex", 0);
      li.append("span").attr("class", "key");
      li.append("span").attr("class", "rv");
      return li;
    });
  rows.order();
  rows.attr("data-key", (d) => d.key).attr("data-rv", (d) => d.rv)
    .classed("hot", (d) => d.key === o.hotKey)
    .classed("selected", (d) => d.key === o.selected)
    .on("click", (_e, d) => o.onSelect(d.key))
    .on("keydown", (e: KeyboardEvent, d) => {
      if (e.key === "Enter") o.onSelect(d.key);
    });
  rows.select(".key").text((d) => d.key);
  rows.select(".rv").text((d) => `RV ${d.rv}`);
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
  groups.select(".index-name").text((d) => `${o.t.indexes}: ${d[0]}`);
  groups.select<HTMLSpanElement>(".buckets").each(function (d) {
    const entries = [...d[1]].slice(0, 30);
    select(this).selectAll<HTMLSpanElement, [string, string[]]>("span.bucket")
      .data(entries, (b) => b[0])
      .join("span")
      .attr("class", "bucket")
      .attr("data-value", (b) => b[0])
      .attr("title", (b) => b[1].slice(0, 20).join(", "))
      .text((b) => `${b[0] === "" ? "∅" : b[0]} · ${b[1].length}`);
  });
}
