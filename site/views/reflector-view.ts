/**
 * The Reflector's state (listing / watching / backoff / stopped) with its last synced RV and the request
 * in flight, next to the API server's own state (latest RV, objects, open watches, partition, compaction)
 * and its objects (the first `limit`), which the command bar's `get` answers from.
 * With several informers in the run (two factories each making a pods informer: "pods", "pods-2"),
 * every other informer's Reflector gets a row of its own below the shown one (`reflector-other`,
 * data-informer): two informers are two Reflectors, each with its own LIST or watch in flight.
 */
import { select, type Selection } from "d3-selection";
import type { InformerView, ServerObjectView, WorldView } from "../../src/sim/index.js";
import { quietAttr, quietClass, quietText } from "./quiet-dom.js";
import { fillReflectorError } from "./reflector-error.js";
import type { T } from "./stage-i18n.js";
import { informerCard } from "./stage/informer-card.js";
import type { StagePanel } from "./stage/panel.js";
import "./informers.css";

export interface ReflectorRenderOptions { t: T; limit: number; hotKey: string | null; selected: string | null; onSelect: (id: string) => void }

const selectHandlers = new WeakMap<HTMLElement, (id: string) => void>();

/** The request's verb, with `sendInitialEvents` when a watch streams the initial events (watchList). */
export function requestText(p: NonNullable<InformerView["reflector"]["pending"]>, t: T): string {
  return p.sendInitialEvents === true ? `${p.verb} (${t.sendInitialEvents})` : p.verb;
}

/** One row per informer other than the shown one, in the order the run created them (none with a single informer). */
function renderOtherReflectors(root: Selection<HTMLElement, unknown, null, undefined>, view: WorldView, shown: InformerView | undefined, t: T): void {
  const others = view.informers.size > 1 ? [...view.informers.values()].filter((i) => i !== shown) : [];
  let list = root.select<HTMLOListElement>("ol.reflector-others");
  if (list.empty()) list = root.insert("ol", "div.server-facts").attr("class", "reflector-others");
  list.attr("hidden", others.length === 0 ? "" : null);
  const rows = list.selectAll<HTMLLIElement, InformerView>("li.reflector-other")
    .data(others, (i) => i.name)
    .join((enter) => {
      const li = enter.append("li").attr("class", "reflector-other");
      li.append("span").attr("class", "label");
      li.append("span").attr("class", "state");
      li.append("span").attr("class", "rv");
      li.append("span").attr("class", "pending");
      li.append("span").attr("class", "error");
      return li;
    });
  rows.order();
  quietAttr(rows, "data-informer", (i) => i.name);
  quietAttr(rows, "data-state", (i) => i.reflector.state);
  quietText(rows.select(".label"), (i) => `${t.reflector} (${i.name})`);
  quietText(rows.select(".state"), (i) => (t.states[i.reflector.state] === i.reflector.state ? i.reflector.state : `${i.reflector.state}（${t.states[i.reflector.state]}）`));
  quietText(rows.select(".rv"), (i) => `${t.lastRV}: ${i.reflector.lastRV || "—"}`);
  quietText(rows.select(".pending"), (i) => {
    const p = i.reflector.pending;
    return p === null ? "" : `${t.request}: ${requestText(p, t)} ${t.fromRV} ${p.resourceVersion || "\"\""}`;
  });
  rows.select<HTMLSpanElement>(".error").each(function (i) { fillReflectorError(this, i.reflector, t); });
}

/** A request in flight that has heard nothing for SILENT_MS or more says so (a hanging watch is visible). */
const SILENT_MS = 5_000;
function silence(now: number, heardAt: number | null, verb: "list" | "watch", t: T): string {
  if (heardAt === null || now - heardAt < SILENT_MS) return "";
  return verb === "watch" ? t.silentWatch(now - heardAt) : t.silentRequest(now - heardAt);
}

export function renderReflector(container: HTMLElement, view: WorldView, inf: InformerView | undefined, o: ReflectorRenderOptions): void {
  selectHandlers.set(container, o.onSelect);
  const root = select(container);
  const r = inf?.reflector;
  const state = r?.state ?? "stopped";
  let line = root.select<HTMLDivElement>("div.reflector-line");
  if (line.empty()) {
    line = root.append("div").attr("class", "reflector-line");
    line.append("span").attr("class", "label");
    line.append("span").attr("class", "state").attr("data-testid", "reflector-state");
    line.append("span").attr("class", "state-gloss");
    line.append("span").attr("class", "rv");
    line.append("span").attr("class", "pending");
    line.append("span").attr("class", "silence");
    line.append("span").attr("class", "error");
  }
  line.select(".label").text(`${o.t.reflector}${inf === undefined ? "" : ` (${inf.name})`}`);
  // The hook's text is the state word itself in every locale (UI.md); other locales add a gloss beside it.
  line.select(".state").text(state).attr("data-rv", r?.lastRV ?? "").attr("data-state", state);
  const gloss = o.t.states[state];
  line.select(".state-gloss").text(gloss === state ? "" : `（${gloss}）`);
  line.select(".rv").text(`${o.t.lastRV}: ${r?.lastRV || "—"}`);
  // A streaming list (watchList) is in flight as a WATCH with sendInitialEvents, never as a LIST.
  line.select(".pending")
    .text(r?.pending == null ? "" : `${o.t.request}: ${requestText(r.pending, o.t)} ${o.t.fromRV} ${r.pending.resourceVersion || "\"\""}`)
    .attr("title", r?.pending?.sendInitialEvents === true ? o.t.sendInitialEventsHint : null);
  line.select(".silence").text(r?.pending == null ? "" : silence(view.time, r.heardAt, r.pending.verb, o.t));
  fillReflectorError(line.select<HTMLSpanElement>(".error").node()!, r, o.t);
  renderOtherReflectors(root, view, inf, o.t);

  const s = view.server;
  const facts = s.remote ? [
    `${o.t.remoteCluster}: ${o.t.remoteLastRV(s.seen.lastEventRV)}`,
    ...o.t.remoteFacts(s.seen.requests, s.seen.watches, s.seen.events),
    o.t.nWatches(s.watches.size),
    o.t.remoteNote,
  ] : [
    `${o.t.apiserver} ${o.t.serverRV} ${s.resourceVersion || "—"}`,
    o.t.nObjects(s.objects.size),
    o.t.nWatches(s.watches.size),
    ...(s.compactedRV === "" ? [] : [`${o.t.compacted} ${s.compactedRV}`]),
    ...(s.partitioned ? [`⚡ ${o.t.partitioned} (${s.partitionMode === "timeout" ? o.t.partitionTimeout : o.t.partitionRefused})`] : []),
  ];
  root.selectAll("div.server-facts").data([facts]).join("div").attr("class", "server-facts")
    .selectAll("span").data((d) => d).join("span").text((d) => d).classed("warn", (d) => d.startsWith("⚡"));

  const objs = [...s.objects.values()].slice(0, o.limit);
  let list = root.select<HTMLOListElement>("ol.server-list");
  if (list.empty()) list = root.append("ol").attr("class", "server-list").attr("aria-label", o.t.serverObjects);
  const rows = list.selectAll<HTMLLIElement, ServerObjectView>("li.server-row")
    .data(objs, (d) => `${d.resource}|${d.key}`)
    .join((enter) => {
      const li = enter.append("li").attr("class", "server-row").attr("tabindex", 0)
        .on("click", (_e, d) => selectHandlers.get(container)?.(`${d.resource}|${d.key}`))
        .on("keydown", (e: KeyboardEvent, d) => {
          if (e.key === "Enter") selectHandlers.get(container)?.(`${d.resource}|${d.key}`);
        });
      li.append("span").attr("class", "res");
      li.append("span").attr("class", "key");
      li.append("span").attr("class", "rv");
      return li;
    });
  rows.order();
  quietAttr(rows, "data-key", (d) => d.key);
  quietAttr(rows, "data-rv", (d) => d.rv);
  quietClass(rows, "hot", (d) => d.key === o.hotKey);
  quietClass(rows, "deleting", (d) => d.deleting);
  quietClass(rows, "selected", (d) => `${d.resource}|${d.key}` === o.selected);
  quietText(rows.select(".res"), (d) => d.resource);
  quietText(rows.select(".key"), (d) => d.key);
  quietText(rows.select(".rv"), (d) => `RV ${d.rv}`);
  root.selectAll("p.more").data(s.objects.size > objs.length ? [s.objects.size - objs.length] : []).join("p")
    .attr("class", "more").text((n) => o.t.more(n));
}

/** The reflector card (with the API server's objects) as a StagePanel. */
export function reflectorPanel(limit = 30): StagePanel {
  return informerCard({
    id: "reflector",
    stages: ["reflector", "apiserver"],
    title: (t) => `${t.reflector} · ${t.apiserver}`,
    render(body, view, ctx) {
      renderReflector(body, view, ctx.inf, { t: ctx.t, limit, hotKey: ctx.hotKey,
        selected: ctx.target === undefined ? null : `${ctx.target.resource}|${ctx.target.key}`, onSelect: ctx.select });
    },
  });
}
