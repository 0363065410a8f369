/**
 * The Reflector's state (listing / watching / backoff / stopped) with its last synced RV and the request
 * in flight, next to the API server's own state (latest RV, objects, open watches, partition, compaction)
 * and its objects (the first `limit`), which the command bar's `get` answers from.
 */
import { select } from "d3-selection";
import type { InformerView, ServerObjectView, WorldView } from "../../src/sim/index.js";
import { quietAttr, quietClass, quietText } from "./quiet-dom.js";
import type { T } from "./stage-i18n.js";
import type { StagePanel } from "./stage/panel.js";

export interface ReflectorRenderOptions { t: T; limit: number; hotKey: string | null; selected: string | null; onSelect: (id: string) => void }

const selectHandlers = new WeakMap<HTMLElement, (id: string) => void>();

/** The request's verb, with `sendInitialEvents` when a watch streams the initial events (watchList). */
export function requestText(p: NonNullable<InformerView["reflector"]["pending"]>, t: T): string {
  return p.sendInitialEvents === true ? `${p.verb} (${t.sendInitialEvents})` : p.verb;
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
  line.select(".error").text(
    r === undefined ? "" : [r.backoffMs === null ? "" : `${o.t.backoff} ${Math.round(r.backoffMs)} ms`, r.lastError === null ? "" : `${o.t.lastError}: ${r.lastError}`]
      .filter((s) => s !== "").join(" · "));

  const s = view.server;
  const facts = [
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
  let body: HTMLElement | null = null;
  return {
    id: "reflector",
    stages: ["reflector", "apiserver"],
    title: (t) => `${t.reflector} · ${t.apiserver}`,
    mount(el) { body = el; },
    update(view, ctx) {
      if (body === null) return;
      renderReflector(body, view, ctx.inf, { t: ctx.t, limit, hotKey: ctx.hotKey,
        selected: ctx.target === undefined ? null : `${ctx.target.resource}|${ctx.target.key}`, onSelect: ctx.select });
    },
  };
}
