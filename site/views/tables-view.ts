/**
 * Every view of the stage as a plain table (`view-table`), for screen readers and for anyone who
 * prefers numbers to pictures. Same WorldView as the pictures; at most ROW_LIMIT rows per table.
 */
import { select } from "d3-selection";
import { type InformerView, type WorldView, indexBuckets } from "../../src/sim/index.js";
import { requestText } from "./reflector-view.js";
import type { FifoKind, T } from "./stage-i18n.js";
import type { StagePanel } from "./stage/panel.js";

const ROW_LIMIT = 200;
interface TableSpec { id: string; caption: string; head: string[]; rows: string[][]; total: number }

function specs(view: WorldView, inf: InformerView | undefined, t: T, fifoKind: FifoKind): TableSpec[] {
  const out: TableSpec[] = [];
  const server = [...view.server.objects.values()];
  out.push({ id: "server", caption: t.serverObjects, head: [t.resource, t.key, t.rv],
    rows: server.slice(0, ROW_LIMIT).map((o) => [o.resource, o.key + (o.deleting ? ` (${t.terminating})` : ""), o.rv]), total: server.length });
  const r = inf?.reflector;
  out.push({ id: "reflector", caption: t.reflector, head: [t.field, t.value], total: 4, rows: [
    [t.state, t.states[r?.state ?? "stopped"]], [t.lastRV, r?.lastRV ?? ""],
    [t.request, r?.pending == null ? t.none : `${requestText(r.pending, t)} @ ${r.pending.resourceVersion}`],
    [t.lastError, r?.lastError ?? t.none],
  ] });
  // Several informers in the run (two factories, two pods informers): every one's Reflector, side by side.
  if (view.informers.size > 1) {
    const all = [...view.informers.values()];
    out.push({ id: "reflectors", caption: `${t.reflector} × ${all.length}`, head: [t.informer, t.state, t.lastRV, t.request, t.lastError],
      total: all.length, rows: all.map((i) => {
        const p = i.reflector.pending;
        return [i.name, t.states[i.reflector.state], i.reflector.lastRV, p === null ? t.none : `${requestText(p, t)} @ ${p.resourceVersion}`, i.reflector.lastError ?? t.none];
      }) });
  }
  const fifo = inf?.fifo.entries ?? [];
  out.push({ id: "fifo", caption: t.fifoTitle[fifoKind], head: ["#", t.key, t.deltas], total: fifo.length,
    rows: fifo.slice(0, ROW_LIMIT).map((e, i) => [String(i + 1), e.key, e.deltas.map((d) => `${d.type} ${d.rv}${d.tombstone === true ? ` (${t.tombstone})` : ""}`).join(", ")]) });
  const store = inf === undefined ? [] : [...inf.indexer.objects.values()];
  out.push({ id: "indexer", caption: t.indexer, head: [t.key, t.rv], total: store.length,
    rows: store.slice(0, ROW_LIMIT).map((o) => [o.key, o.rv]) });
  if (inf !== undefined) {
    const b = indexBuckets(inf.indexer);
    const rows: string[][] = [];
    for (const [name, buckets] of b) for (const [value, keys] of buckets) rows.push([name, value, keys.join(", ")]);
    out.push({ id: "indexes", caption: t.indexes, head: [t.indexes, t.value, t.keys], rows: rows.slice(0, ROW_LIMIT), total: rows.length });
  }
  const ls = inf === undefined ? [] : [...inf.listeners.values()];
  out.push({ id: "listeners", caption: t.listeners, head: [t.listener, t.count, t.pending], total: ls.length,
    rows: ls.map((l) => [`#${l.index}`, String(l.buffer.length), l.buffer.slice(0, 20).map((n) => `${n.notification} ${n.key}`).join(", ")]) });
  const wq: string[][] = [];
  for (const q of view.workqueues.values()) {
    wq.push([q.name, t.queue, q.queue.join(", ")], [q.name, t.dirty, q.dirty.join(", ")],
      [q.name, t.processing, [...q.processing].map(([k, w]) => (w === undefined ? k : `${k} (#${w})`)).join(", ")],
      [q.name, t.delayed, [...q.delayed].map(([k, at]) => `${k} @${at}`).join(", ")]);
  }
  if (wq.length > 0) out.push({ id: "workqueue", caption: t.workqueue, head: [t.workqueue, t.set, t.keys], rows: wq, total: wq.length });
  out.push({ id: "handlers", caption: t.handlerLog, head: [t.step, t.handler, t.notification, t.key, t.outcome], total: view.handlerLog.length,
    rows: view.handlerLog.slice(-50).map((h) => [String(h.step), `#${h.listener}`, h.notification, h.key, t.outcomes[h.outcome] + (h.message === undefined ? "" : `: ${h.message}`)]) });
  return out;
}

export function renderTables(container: HTMLElement, view: WorldView, inf: InformerView | undefined, t: T, fifoKind: FifoKind = "delta"): void {
  const tables = select(container).selectAll<HTMLTableElement, TableSpec>("table.view-table")
    .data(specs(view, inf, t, fifoKind), (s) => s.id)
    .join((enter) => {
      const tb = enter.append("table").attr("class", "view-table").attr("data-testid", "view-table");
      tb.append("caption");
      tb.append("thead").append("tr");
      tb.append("tbody");
      return tb;
    });
  tables.attr("data-view", (s) => s.id);
  tables.select("caption").text((s) => (s.total > s.rows.length ? `${s.caption} (${s.rows.length} / ${s.total})` : s.caption));
  tables.select("thead tr").selectAll("th").data((s) => s.head).join("th").attr("scope", "col").text((h) => h);
  tables.select("tbody").selectAll("tr").data((s) => s.rows).join("tr")
    .selectAll("td").data((r) => r).join("td").text((c) => c);
}

/** Every view as a table (the "Tables" toggle) as a StagePanel: it draws into the stage's tables area. */
export function tablesPanel(): StagePanel {
  let body: HTMLElement | null = null;
  return {
    id: "tables",
    stages: [],
    title: (t) => t.tables,
    mount(el) { body = el; },
    update(view, ctx) {
      if (body !== null) renderTables(body, view, ctx.inf, ctx.t, ctx.fifoKind);
    },
  };
}
