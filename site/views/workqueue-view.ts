/**
 * Workqueues: the queue (ordered), dirty and processing sets and delayed items, each key a `wq-item`
 * (data-set, data-key), plus each worker's state. At most ITEMS_PER_SET keys per set are rendered.
 */
import { select } from "d3-selection";
import type { WorkerView, WorkqueueView, WorldView } from "../../src/sim/index.js";
import type { T } from "./stage-i18n.js";
import type { StagePanel } from "./stage/panel.js";

export const ITEMS_PER_SET = 50;
type SetName = "queue" | "dirty" | "processing" | "delayed";
interface Item { key: string; note: string }

function items(q: WorkqueueView, set: SetName): Item[] {
  switch (set) {
    case "queue":
      return q.queue.map((key) => ({ key, note: "" }));
    case "dirty":
      return q.dirty.map((key) => ({ key, note: "" }));
    case "processing":
      return [...q.processing].map(([key, w]) => ({ key, note: w === undefined ? "" : `#${w}` }));
    case "delayed":
      return [...q.delayed].sort((a, b) => a[1] - b[1]).map(([key, at]) => ({ key, note: `@${at}` }));
  }
}

export function renderWorkqueues(container: HTMLElement, view: WorldView, o: { t: T; hotKey: string | null }): void {
  const root = select(container);
  const queues = [...view.workqueues.values()];
  const qs = root.selectAll<HTMLDivElement, WorkqueueView>("div.wq")
    .data(queues, (q) => q.name)
    .join((enter) => {
      const d = enter.append("div").attr("class", "wq");
      d.append("div").attr("class", "wq-name");
      for (const s of ["queue", "dirty", "processing", "delayed"] as const) {
        const row = d.append("div").attr("class", `wq-set s-${s}`).attr("data-set", s);
        row.append("span").attr("class", "set-name");
        row.append("span").attr("class", "set-items");
      }
      return d;
    });
  qs.select(".wq-name").text((q) => `${o.t.workqueue} “${q.name}”${q.shutdown ? ` · ${o.t.shutdown}` : ""}`);
  qs.each(function (q) {
    for (const s of ["queue", "dirty", "processing", "delayed"] as const) {
      const row = select(this).select<HTMLDivElement>(`div.s-${s}`);
      const all = items(q, s);
      row.select(".set-name").text(`${o.t[s]} (${all.length})`);
      const sel = row.select<HTMLSpanElement>(".set-items").selectAll<HTMLSpanElement, Item>("span.wq-item")
        .data(all.slice(0, ITEMS_PER_SET), (i) => i.key)
        .join("span")
        .attr("class", "wq-item")
        .attr("data-testid", "wq-item")
        .attr("data-set", s)
        .attr("data-key", (i) => i.key)
        .classed("hot", (i) => i.key === o.hotKey)
        .text((i) => `${i.key}${i.note === "" ? "" : ` ${i.note}`}`);
      sel.order();
      row.select(".set-items").selectAll("span.chip-more").data(all.length > ITEMS_PER_SET ? [all.length - ITEMS_PER_SET] : [])
        .join("span").attr("class", "chip-more").text((n) => `+${n}`);
    }
  });
  const workers = [...view.workers.values()];
  // The line says what the worker does now; the result it shows is always the PREVIOUS reconcile's,
  // labelled as such ("last: error") so that it never reads as the outcome of the reconcile in progress.
  const ws = root.selectAll<HTMLDivElement, WorkerView[]>("div.workers").data(workers.length === 0 ? [] : [workers]).join("div").attr("class", "workers")
    .selectAll<HTMLSpanElement, WorkerView>("span.worker")
    .data((d) => d, (w) => `${w.controller}#${w.index}`)
    .join((enter) => {
      const s = enter.append("span");
      s.append("span").attr("class", "now");
      return s;
    })
    .attr("class", (w) => `worker w-${w.state}${w.lastResult === null ? "" : ` r-${w.lastResult}`}`)
    .attr("data-index", (w) => String(w.index));
  ws.select(".now").text((w) => `${o.t.worker} #${w.index}: ${w.state === "reconciling" ? `${o.t.reconciling} ${w.key ?? ""}` : o.t[w.state]}`);
  ws.selectAll<HTMLSpanElement, WorkerView["lastResult"]>("span.last-result")
    .data((w) => (w.lastResult === null ? [] : [w.lastResult]))
    .join("span")
    .attr("class", (r) => `last-result lr-${r}`)
    .text((r) => ` · ${o.t.lastResult(o.t.results[r])}`);
}

/** The workqueue card (queues and workers), shown only in runs that have one, as a StagePanel. */
export function workqueuePanel(): StagePanel {
  let body: HTMLElement | null = null;
  return {
    id: "workqueue",
    stages: ["workqueue", "worker"],
    title: (t) => t.workqueue,
    mount(el) { body = el; },
    visible: (view, ctx) => view.workqueues.size > 0 || view.workers.size > 0 || ctx.hasWorkqueue,
    update(view, ctx) {
      if (body !== null) renderWorkqueues(body, view, { t: ctx.t, hotKey: ctx.hotKey });
    },
  };
}
