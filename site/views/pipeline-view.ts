/**
 * The pipeline diagram: API server → Reflector → DeltaFIFO → Indexer → Processor → one lane per
 * listener → its handler, and Workqueue → Workers when the run has a workqueue. The current step's
 * stage is marked `data-active="true"`, and its token travels the edge the WorldView names (instantly
 * under reduced motion). Every box states its live numbers, so the diagram alone tells the story.
 * The chain shows one informer (the focus: the one whose event or request this step is). When the run
 * has several (two factories, two pods informers), a label above the Reflector names the one shown and
 * how many there are (`pipeline-informer`, data-informer, data-count), so the diagram never passes two
 * informers off as one. The geometry (boxes, edges, paths) is pipeline-layout.ts; this file draws it.
 */
import { select, type Selection } from "d3-selection";
import "d3-transition";
import { type WorldView, focusedInformer } from "../../src/sim/index.js";
import { workerAt, workqueueTotals } from "./pipeline-counts.js";
import { edgePath, nodeId, type PipelineEdge, type PipelineLayout, type PipelineNode } from "./pipeline-layout.js";
import { quietAttr, quietClass, quietText } from "./quiet-dom.js";
import type { FifoKind, T } from "./stage-i18n.js";
import { explainNode } from "./pipeline-explain.js";

function subtitle(view: WorldView, n: PipelineNode, t: T, fifo: FifoKind): string {
  const inf = focusedInformer(view);
  switch (n.stage) {
    case "apiserver":
      if (view.server.remote) return t.remoteSub(view.server.seen.requests, view.server.seen.events);
      return `RV ${view.server.resourceVersion || "—"} · ${view.server.objects.size}`;
    case "reflector":
      return inf === undefined ? t.states.stopped : `${t.states[inf.reflector.state]} · ${inf.reflector.lastRV || "—"}`;
    case "deltafifo": {
      const n = inf?.fifo.entries.length ?? 0;
      return fifo === "delta" ? t.nKeys(n) : t.nEntries(n);
    }
    case "indexer":
      return t.nObjects(inf?.indexer.objects.size ?? 0);
    case "processor":
      return t.nListeners(inf?.listeners.size ?? 0);
    case "listener": {
      const l = inf?.listeners.get(n.index ?? 0);
      return t.nPending(l?.buffer.length ?? 0);
    }
    case "handler": {
      const l = inf?.listeners.get(n.index ?? 0);
      return l?.active != null ? l.active.key : t.nCalls(l?.calls ?? 0);
    }
    case "workqueue": {
      const { queued, processing } = workqueueTotals(view);
      return t.wqSummary(queued, processing);
    }
    case "worker": {
      const wk = workerAt(view, n.index);
      if (wk === undefined) return t.idle;
      return wk.state === "reconciling" ? wk.key ?? "" : t[wk.state];
    }
  }
}

function title(n: PipelineNode, t: T, fifo: FifoKind, remote: boolean): string {
  if (n.stage === "deltafifo") return t.fifoNode[fifo];
  if (n.stage === "apiserver" && remote) return t.remoteCluster;
  return n.index === undefined ? t[n.stage] : `${t[n.stage]} #${n.index}`;
}

const truncate = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** Points sampled along an edge, once per shape: the token's tween reads these, never the path's geometry. */
const SAMPLES = 48;
interface Sampled { d: string; xs: Float64Array; ys: Float64Array }
const sampledPaths = new WeakMap<SVGPathElement, Sampled>();

/**
 * The path's points at SAMPLES + 1 even steps of its length, sampled again only when its `d` changes
 * (the layout moved). getTotalLength / getPointAtLength force a style and layout update when the DOM
 * changed since the last one: per re-load and per frame of a tween that was most of the token's cost
 * (live follow re-loads the stage every few frames). Linear between samples ≤ ~3 px apart: the same path to the eye.
 */
function samplePath(path: SVGPathElement): Sampled {
  const d = path.getAttribute("d") ?? "";
  const known = sampledPaths.get(path);
  if (known !== undefined && known.d === d) return known;
  const len = path.getTotalLength();
  const xs = new Float64Array(SAMPLES + 1), ys = new Float64Array(SAMPLES + 1);
  for (let i = 0; i <= SAMPLES; i++) {
    const p = path.getPointAtLength((len * i) / SAMPLES);
    xs[i] = p.x;
    ys[i] = p.y;
  }
  const s = { d, xs, ys };
  sampledPaths.set(path, s);
  return s;
}

/** The point at fraction `k` (0..1) of a sampled path's length. */
function pointAt(s: Sampled, k: number): { x: number; y: number } {
  const f = Math.max(0, Math.min(1, k)) * SAMPLES;
  const i = Math.min(SAMPLES - 1, Math.floor(f));
  const r = f - i;
  return { x: s.xs[i]! + (s.xs[i + 1]! - s.xs[i]!) * r, y: s.ys[i]! + (s.ys[i + 1]! - s.ys[i]!) * r };
}

export interface PipelineRenderOptions {
  t: T; reducedMotion: boolean; durationMs: number;
  /** The focused informer's queue kind (fifo-mode.ts); the `deltafifo` box is titled after it. Default "delta". */
  fifoKind?: FifoKind;
}

/** "Informer pods-2 · 2 / 2" above the Reflector box when the run has several informers; nothing otherwise. */
function renderInformerLabel(svg: SvgSelection, reflector: PipelineNode | undefined, view: WorldView, t: T): void {
  const infs = [...view.informers.values()];
  const shown = focusedInformer(view);
  const data = infs.length > 1 && shown !== undefined && reflector !== undefined ? [{ shown, at: infs.indexOf(shown) + 1 }] : [];
  const label = svg.selectAll<SVGTextElement, { shown: typeof shown; at: number }>("text.informer-label")
    .data(data)
    .join((enter) => enter.append("text").attr("class", "informer-label").attr("data-testid", "pipeline-informer"));
  if (reflector === undefined) return;
  quietAttr(label, "x", () => String(reflector.x - reflector.w / 2 + 2));
  quietAttr(label, "y", () => String(reflector.y - reflector.h / 2 - 4));
  quietAttr(label, "data-informer", (d) => d.shown?.name ?? "");
  quietAttr(label, "data-count", () => String(infs.length));
  quietText(label, (d) => `${t.informer} ${d.shown?.name ?? ""} · ${d.at} / ${infs.length}`);
}

/** Renders `view` into the <svg> (join by node id; the token moves along the active edge). */
export function renderPipeline(svgEl: SVGSVGElement, layout: PipelineLayout, view: WorldView, o: PipelineRenderOptions): void {
  const svg = select(svgEl);
  svg.attr("viewBox", `0 0 ${layout.width} ${layout.height}`);
  const byId = new Map(layout.nodes.map((n) => [n.id, n]));
  const active = view.stage === null ? null : nodeId(view.stage);
  // The token's edge; a reply travels an edge backwards (e.g. a request: Reflector → API server).
  const ids = new Set(layout.edges.map((e) => e.id));
  let activeEdge: string | null = null;
  let reversed = false;
  if (view.edge !== null) {
    const fwd = `${nodeId(view.edge.from)}>${nodeId(view.edge.to)}`;
    const back = `${nodeId(view.edge.to)}>${nodeId(view.edge.from)}`;
    if (ids.has(fwd)) activeEdge = fwd;
    else if (ids.has(back)) {
      activeEdge = back;
      reversed = true;
    }
  }

  let gEdges = svg.select<SVGGElement>("g.edges");
  if (gEdges.empty()) {
    gEdges = svg.append("g").attr("class", "edges");
    svg.append("g").attr("class", "nodes");
    svg.append("circle").attr("class", "token").attr("r", 7).attr("opacity", 0);
  }
  const edges = gEdges.selectAll<SVGPathElement, PipelineEdge>("path.edge")
    .data(layout.edges, (e) => e.id)
    .join((enter) => enter.append("path").attr("class", "edge"));
  quietAttr(edges, "d", (e) => edgePath(byId.get(e.from)!, byId.get(e.to)!, e));
  quietAttr(edges, "data-edge", (e) => e.id);
  quietClass(edges, "hidden", (e) => e.hidden === true);
  quietClass(edges, "active", (e) => e.id === activeEdge);

  const nodes = svg.select<SVGGElement>("g.nodes").selectAll<SVGGElement, PipelineNode>("g.stage-node")
    .data(layout.nodes, (n) => n.id)
    .join((enter) => {
      const g = enter.append("g").attr("class", "stage-node").attr("data-testid", "stage-node");
      g.append("rect").attr("rx", 9).attr("ry", 9);
      g.append("text").attr("class", "title");
      g.append("text").attr("class", "sub");
      g.append("title");
      return g;
    });
  quietAttr(nodes, "data-stage", (n) => n.stage);
  quietAttr(nodes, "data-id", (n) => n.id);
  quietAttr(nodes, "data-index", (n) => (n.index === undefined ? null : String(n.index)));
  quietAttr(nodes, "data-active", (n) => String(n.id === active));
  quietAttr(nodes, "transform", (n) => `translate(${n.x - n.w / 2},${n.y - n.h / 2})`);
  const rects = nodes.select<SVGRectElement>("rect");
  quietAttr(rects, "width", (n) => String(n.w));
  quietAttr(rects, "height", (n) => String(n.h));
  const titles = nodes.select<SVGTextElement>("text.title");
  quietAttr(titles, "x", (n) => String(n.w / 2));
  quietAttr(titles, "y", () => "19");
  const fifo = o.fifoKind ?? "delta";
  quietText(titles, (n) => title(n, o.t, fifo, view.server.remote));
  renderInformerLabel(svg, byId.get("reflector"), view, o.t);
  const subs = nodes.select<SVGTextElement>("text.sub");
  quietAttr(subs, "x", (n) => String(n.w / 2));
  quietAttr(subs, "y", () => "35");
  quietText(subs, (n) => truncate(subtitle(view, n, o.t, fifo), 17));
  // Each box is focusable; its tooltip and accessible name spell its sub-label out (pipeline-explain.ts).
  const explained = (n: PipelineNode) => explainNode(view, n.stage, n.index, o.t, fifo);
  quietText(nodes.select<SVGTitleElement>("title"), explained);
  quietAttr(nodes, "tabindex", () => "0");
  quietAttr(nodes, "role", () => "img");
  quietAttr(nodes, "aria-label", explained);

  // The token: along the active edge, else resting on the active node.
  const token = svg.select<SVGCircleElement>("circle.token");
  token.interrupt();
  const target = active === null ? undefined : byId.get(active);
  if (target === undefined) {
    token.attr("opacity", 0);
    return;
  }
  token.attr("data-stage", target.stage).attr("class", `token c-${view.event?.component ?? "none"}`);
  const path = activeEdge === null ? null : gEdges.select<SVGPathElement>(`path[data-edge="${activeEdge}"]`).node();
  // At rest the token sits on the box's top-right corner, clear of its text.
  const restX = target.x + target.w / 2 - 2;
  const restY = target.y - target.h / 2 + 2;
  if (o.reducedMotion || o.durationMs <= 0 || path === null || typeof path.getTotalLength !== "function") {
    token.attr("opacity", 1).attr("cx", restX).attr("cy", restY);
    return;
  }
  const sampled = samplePath(path);
  const at = (k: number) => pointAt(sampled, reversed ? 1 - k : k);
  const start = at(0);
  token.attr("opacity", 1).attr("cx", start.x).attr("cy", start.y)
    .transition().duration(o.durationMs)
    .attrTween("cx", () => (k: number) => String(at(k).x))
    .attrTween("cy", () => (k: number) => String(at(k).y))
    .transition().duration(Math.min(120, o.durationMs / 3))
    .attr("cx", restX).attr("cy", restY);
}

type SvgSelection = Selection<SVGSVGElement, unknown, null, undefined>;
