/**
 * Each listener's pending buffer (`listener-buffer`, data-count = notifications waiting for its
 * handler), with the call in progress, and below it the handler log (the latest calls, the current
 * step's marked).
 * With several informers in the run, the other informers' listeners follow under their informer's name
 * (`listener-other`, data-informer) and every handler-log line names its informer: the two "Handler #0"
 * of two pods informers are two handlers.
 */
import { select, type Selection } from "d3-selection";
import { quietAttr, quietClass, quietText } from "./quiet-dom.js";
import { recycleRows } from "./recycle-join.js";
import type {
  HandlerLogEntry, InformerView, ListenerView, PendingNotification, WorldView,
} from "../../src/sim/index.js";
import type { T } from "./stage-i18n.js";
import { informerCard } from "./stage/informer-card.js";
import { informerSuffix, type StagePanel } from "./stage/panel.js";

export const MAX_BUFFER_CHIPS = 8;
const LOG_ROWS = 8;

/** The other informers' listeners, one compact row each, under their informer's name. */
function renderOtherListeners(root: Selection<HTMLElement, unknown, null, undefined>, view: WorldView, shown: InformerView | undefined, t: T): void {
  const rows: Array<{ informer: string; l: ListenerView }> = [];
  if (view.informers.size > 1) {
    for (const i of view.informers.values()) {
      if (i === shown) continue;
      for (const l of [...i.listeners.values()].sort((a, b) => a.index - b.index)) rows.push({ informer: i.name, l });
    }
  }
  let list = root.select<HTMLDivElement>("div.listener-others");
  if (list.empty()) list = root.insert("div", "h4.sub").attr("class", "listener-others");
  list.attr("hidden", rows.length === 0 ? "" : null);
  const sel = list.selectAll<HTMLDivElement, { informer: string; l: ListenerView }>("div.listener-other")
    .data(rows, (r) => `${r.informer}#${r.l.index}`)
    .join((enter) => {
      const d = enter.append("div").attr("class", "listener-other");
      d.append("span").attr("class", "name");
      d.append("span").attr("class", "count");
      d.append("span").attr("class", "active");
      return d;
    });
  sel.order();
  quietAttr(sel, "data-informer", (r) => r.informer);
  quietAttr(sel, "data-index", (r) => String(r.l.index));
  quietAttr(sel, "data-count", (r) => String(r.l.buffer.length));
  quietText(sel.select(".name"), (r) => `${r.informer} · ${t.listener} #${r.l.index}${r.l.synced ? " ✓" : ""}`);
  quietText(sel.select(".count"), (r) => `${t.nPending(r.l.buffer.length)} · ${t.nCalls(r.l.calls)}`);
  quietText(sel.select(".active"), (r) => (r.l.active === null ? "" : `▶ ${r.l.active.notification} ${r.l.active.key}`));
}

export function renderListeners(container: HTMLElement, view: WorldView, inf: InformerView | undefined, o: { t: T }): void {
  const root = select(container);
  const listeners = inf === undefined ? [] : [...inf.listeners.values()].sort((a, b) => a.index - b.index);
  let list = root.select<HTMLDivElement>("div.listener-list");
  if (list.empty()) list = root.append("div").attr("class", "listener-list");
  const rows = list.selectAll<HTMLDivElement, ListenerView>("div.listener-buffer")
    .data(listeners, (l) => String(l.index))
    .join((enter) => {
      const d = enter.append("div").attr("class", "listener-buffer").attr("data-testid", "listener-buffer");
      d.append("span").attr("class", "name");
      d.append("span").attr("class", "count");
      d.append("span").attr("class", "buffer");
      d.append("span").attr("class", "active");
      return d;
    });
  quietAttr(rows, "data-index", (l) => String(l.index));
  quietAttr(rows, "data-count", (l) => String(l.buffer.length));
  quietClass(rows, "removed", (l) => l.removed);
  quietClass(rows, "hot", (l) => view.stage !== null && (view.stage.stage === "listener" || view.stage.stage === "handler") && view.stage.index === l.index);
  quietText(rows.select(".name"), (l) => `${o.t.listener} #${l.index}${l.resyncPeriodMs > 0 ? ` ⟳${l.resyncPeriodMs / 1000}s` : ""}${l.synced ? " ✓" : ""}`);
  quietText(rows.select(".count"), (l) => o.t.nPending(l.buffer.length));
  rows.select<HTMLSpanElement>(".buffer").each(function (l) {
    const shown = l.buffer.slice(0, MAX_BUFFER_CHIPS);
    const notes = select(this).selectAll<HTMLSpanElement, PendingNotification>("span.note")
      .data(shown)
      .join("span");
    quietAttr(notes, "class", (n) => `note n-${n.notification}`);
    quietText(notes, (n) => `${n.notification} ${n.key}`);
    const more = select(this).selectAll<HTMLSpanElement, number>("span.chip-more").data(l.buffer.length > MAX_BUFFER_CHIPS ? [l.buffer.length - MAX_BUFFER_CHIPS] : [])
      .join("span").attr("class", "chip-more");
    quietText(more, (n) => `+${n}`);
  });
  quietText(rows.select(".active"), (l) => (l.active === null ? "" : `▶ ${l.active.notification} ${l.active.key}`));
  root.selectAll("p.empty").data(listeners.length === 0 ? [o.t.none] : []).join("p").attr("class", "empty").text((s) => s);
  renderOtherListeners(root, view, inf, o.t);

  // Handler log
  const log = view.handlerLog.slice(-LOG_ROWS);
  const several = view.informers.size > 1;
  let ol = root.select<HTMLOListElement>("ol.handler-log");
  if (ol.empty()) {
    root.append("h4").attr("class", "sub").text(o.t.handlerLog);
    ol = root.append("ol").attr("class", "handler-log");
  }
  quietText(root.select("h4.sub"), () => o.t.handlerLog);
  // Recycled rows (recycle-join.ts): while live mode catches up, every draw brings eight new calls.
  const calls = recycleRows(ol.node()!, "call", log, (h) => `${h.step}`, () => document.createElement("li"));
  quietAttr(calls, "class", (h) => `call o-${h.outcome}${h.step === view.step ? " hot" : ""}`);
  quietAttr(calls, "data-informer", (h) => h.informer);
  quietText(calls, (h) => `#${h.step} · ${several ? `${h.informer} · ` : ""}${o.t.handler} #${h.listener} ${h.outcome === "called" ? `On${h.notification[0]!.toUpperCase()}${h.notification.slice(1)}` : o.t.outcomes[h.outcome]}(${h.key}${h.oldRv === undefined ? (h.rv === "" ? "" : `, RV ${h.rv}`) : `, ${h.oldRv}→${h.rv}`})${h.message === undefined ? "" : ` ${h.message}`}`);
  root.selectAll("p.nolog").data(log.length === 0 ? [o.t.noCalls] : []).join("p").attr("class", "nolog empty").text((s) => s);
}

/** The listeners card (each listener's buffer and its handler calls) as a StagePanel. */
export function listenersPanel(): StagePanel {
  return informerCard({
    id: "listeners",
    stages: ["listener", "handler", "processor"],
    title: (t, ctx) => t.listeners + informerSuffix(ctx),
    render(body, view, ctx) {
      renderListeners(body, view, ctx.inf, { t: ctx.t });
    },
  });
}
