/**
 * The pipeline diagram: API server → Reflector → DeltaFIFO → Indexer → Processor → one lane per
 * listener → its handler, and Workqueue → Workers when the run has a workqueue. The current step's
 * stage is marked `data-active="true"`, and its token travels the edge the WorldView names (instantly
 * under reduced motion). Every box states its live numbers, so the diagram alone tells the story.
 * The chain shows one informer (the focus: the one whose event or request this step is). When the run
 * has several (two factories, two pods informers), a label above the Reflector names the one shown and
 * how many there are (`pipeline-informer`, data-informer, data-count), so the diagram never passes two
 * informers off as one.
 */
import { select, type Selection } from "d3-selection";
import "d3-transition";
import { type StageName, type StageRef, type WorldView, focusedInformer } from "../../src/sim/index.js";
import { quietAttr, quietClass, quietText } from "./quiet-dom.js";
import type { FifoKind, T } from "./stage-i18n.js";
import { explainNode } from "./pipeline-explain.js";

export interface PipelineNode { id: string; stage: StageName; index?: number; x: number; y: number; w: number; h: number }
export interface PipelineEdge {
  id: string; from: string; to: string;
  /** Routed but not drawn (keeps the token's path). */
  hidden?: boolean;
  /** Wraps to the next row through a gutter at this y (compact layout). */
  wrapY?: number;
}
export interface PipelineLayout { width: number; height: number; nodes: PipelineNode[]; edges: PipelineEdge[] }

const W = 100;
const H = 46;
const COLS: Record<StageName, number> = {
  apiserver: 62, reflector: 178, deltafifo: 294, indexer: 410, processor: 526, listener: 642, handler: 758,
  workqueue: 642, worker: 758,
};

export const nodeId = (ref: StageRef): string => (ref.index === undefined ? ref.stage : `${ref.stage}:${ref.index}`);

/**
 * Boxes and edges for the given listener lanes and workers (pure). `compact` (a narrow pane) wraps the
 * chain onto two rows: API server → Reflector → DeltaFIFO → Indexer, then Processor → listeners →
 * handlers → Workqueue → workers, so boxes keep a readable size.
 */
export function pipelineLayout(listeners: number[], workers: number[], hasWorkqueue: boolean, compact = false): PipelineLayout {
  return compact ? compactLayout(listeners, workers, hasWorkqueue) : wideLayout(listeners, workers, hasWorkqueue);
}

function wideLayout(listeners: number[], workers: number[], hasWorkqueue: boolean): PipelineLayout {
  const lanes = listeners.length === 0 ? [0] : listeners;
  const gap = 58;
  const top = 14 + H / 2;
  const laneY = (i: number) => top + i * gap;
  const mainY = (laneY(0) + laneY(lanes.length - 1)) / 2;
  const nodes: PipelineNode[] = [];
  const edges: PipelineEdge[] = [];
  const box = (stage: StageName, y: number, index?: number, x = COLS[stage]): PipelineNode => {
    const n: PipelineNode = { id: nodeId(index === undefined ? { stage } : { stage, index }), stage, x, y, w: W, h: H,
      ...(index === undefined ? {} : { index }) };
    nodes.push(n);
    return n;
  };
  const chain: StageName[] = ["apiserver", "reflector", "deltafifo", "indexer", "processor"];
  chain.forEach((s) => box(s, mainY));
  for (let i = 1; i < chain.length; i++) edges.push({ id: `${chain[i - 1]}>${chain[i]}`, from: chain[i - 1]!, to: chain[i]! });
  lanes.forEach((l, i) => {
    const ln = box("listener", laneY(i), l);
    const hn = box("handler", laneY(i), l);
    edges.push({ id: `processor>${ln.id}`, from: "processor", to: ln.id });
    edges.push({ id: `${ln.id}>${hn.id}`, from: ln.id, to: hn.id });
  });
  let bottom = laneY(lanes.length - 1) + H / 2;
  if (hasWorkqueue) {
    const wqY = bottom + 30 + H / 2;
    const wq = box("workqueue", wqY);
    // Handlers feed the workqueue (the controller's handler adds keys); drawn from the last lane.
    const lastHandler = nodeId({ stage: "handler", index: lanes[lanes.length - 1]! });
    for (const l of lanes) {
      const h = nodeId({ stage: "handler", index: l });
      edges.push({ id: `${h}>workqueue`, from: h, to: wq.id, ...(h === lastHandler ? {} : { hidden: true }) });
    }
    const ws = workers.length === 0 ? [0] : workers;
    ws.forEach((w, j) => {
      const wn = box("worker", wqY + j * gap, w);
      edges.push({ id: `workqueue>${wn.id}`, from: wq.id, to: wn.id });
    });
    bottom = wqY + (ws.length - 1) * gap + H / 2;
  }
  return { width: 820, height: bottom + 14, nodes, edges };
}

function compactLayout(listeners: number[], workers: number[], hasWorkqueue: boolean): PipelineLayout {
  const lanes = listeners.length === 0 ? [0] : listeners;
  const col = (i: number) => 60 + i * 118;
  const gap = 56;
  const nodes: PipelineNode[] = [];
  const edges: PipelineEdge[] = [];
  const box = (stage: StageName, x: number, y: number, index?: number): PipelineNode => {
    const n: PipelineNode = { id: nodeId(index === undefined ? { stage } : { stage, index }), stage, x, y, w: W, h: H,
      ...(index === undefined ? {} : { index }) };
    nodes.push(n);
    return n;
  };
  const rowA = 12 + H / 2;
  const chain: StageName[] = ["apiserver", "reflector", "deltafifo", "indexer"];
  chain.forEach((s, i) => box(s, col(i), rowA));
  for (let i = 1; i < chain.length; i++) edges.push({ id: `${chain[i - 1]}>${chain[i]}`, from: chain[i - 1]!, to: chain[i]! });
  const rowB = rowA + H / 2 + 34 + H / 2;
  const laneY = (i: number) => rowB + i * gap;
  const procY = (laneY(0) + laneY(lanes.length - 1)) / 2;
  box("processor", col(0), procY);
  edges.push({ id: "indexer>processor", from: "indexer", to: "processor", wrapY: rowA + H / 2 + 17 });
  lanes.forEach((l, i) => {
    const ln = box("listener", col(1), laneY(i), l);
    const hn = box("handler", col(2), laneY(i), l);
    edges.push({ id: `processor>${ln.id}`, from: "processor", to: ln.id });
    edges.push({ id: `${ln.id}>${hn.id}`, from: ln.id, to: hn.id });
  });
  let bottom = laneY(lanes.length - 1) + H / 2;
  if (hasWorkqueue) {
    const wq = box("workqueue", col(3), laneY(0));
    for (const l of lanes) {
      const h = nodeId({ stage: "handler", index: l });
      edges.push({ id: `${h}>workqueue`, from: h, to: wq.id });
    }
    const ws = workers.length === 0 ? [0] : workers;
    ws.forEach((w, j) => {
      const wn = box("worker", col(3), laneY(0) + (j + 1) * gap, w);
      // straight down the column; only the first is drawn (the others would cross worker boxes)
      edges.push({ id: `workqueue>${wn.id}`, from: wq.id, to: wn.id, ...(j === 0 ? {} : { hidden: true }) });
    });
    bottom = Math.max(bottom, laneY(0) + ws.length * gap + H / 2);
  }
  return { width: 4 * 118 + 2, height: bottom + 12, nodes, edges };
}

function edgePath(a: PipelineNode, b: PipelineNode, e?: PipelineEdge): string {
  if (e?.wrapY !== undefined) {
    // wrap to the next row: down from a, along the gutter, down into b
    const y = e.wrapY;
    const r = 8;
    return `M${a.x},${a.y + a.h / 2} L${a.x},${y - r} Q${a.x},${y} ${a.x - r},${y} L${b.x + r},${y} Q${b.x},${y} ${b.x},${y + r} L${b.x},${b.y - b.h / 2}`;
  }
  if (b.x > a.x + 1) {
    const x1 = a.x + a.w / 2;
    const x2 = b.x - b.w / 2;
    const mx = (x1 + x2) / 2;
    return `M${x1},${a.y} C${mx},${a.y} ${mx},${b.y} ${x2},${b.y}`;
  }
  if (Math.abs(b.x - a.x) <= 1) {
    // same column: straight down from the workqueue to its workers
    const from = b.y > a.y ? a.y + a.h / 2 : a.y - a.h / 2;
    return `M${a.x},${from} L${b.x},${b.y - b.h / 2}`;
  }
  // leftwards and down (handler → workqueue)
  const x1 = a.x;
  const y1 = a.y + a.h / 2;
  const x2 = b.x + b.w / 2;
  return `M${x1},${y1} C${x1},${b.y} ${x1},${b.y} ${x2},${b.y}`;
}

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
      let q = 0;
      let p = 0;
      for (const wq of view.workqueues.values()) {
        q += wq.queue.length;
        p += wq.processing.size;
      }
      return t.wqSummary(q, p);
    }
    case "worker": {
      for (const wk of view.workers.values()) {
        if (wk.index === n.index) return wk.state === "reconciling" ? wk.key ?? "" : t[wk.state];
      }
      return t.idle;
    }
  }
}

function title(n: PipelineNode, t: T, fifo: FifoKind, remote: boolean): string {
  if (n.stage === "deltafifo") return t.fifoNode[fifo];
  if (n.stage === "apiserver" && remote) return t.remoteCluster;
  return n.index === undefined ? t[n.stage] : `${t[n.stage]} #${n.index}`;
}

const truncate = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

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
  const len = path.getTotalLength();
  const at = (k: number) => path.getPointAtLength((reversed ? 1 - k : k) * len);
  const start = at(0);
  token.attr("opacity", 1).attr("cx", start.x).attr("cy", start.y)
    .transition().duration(o.durationMs)
    .attrTween("cx", () => (k: number) => String(at(k).x))
    .attrTween("cy", () => (k: number) => String(at(k).y))
    .transition().duration(Math.min(120, o.durationMs / 3))
    .attr("cx", restX).attr("cy", restY);
}

export type SvgSelection = Selection<SVGSVGElement, unknown, null, undefined>;
