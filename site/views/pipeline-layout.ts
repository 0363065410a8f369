/**
 * The pipeline diagram's geometry (pure, no DOM): the boxes and edges for a run's listener lanes and
 * workers, and the SVG path of each edge. pipeline-view.ts draws them.
 *
 * Contract:
 * - `pipelineLayout(listeners, workers, hasWorkqueue, compact)` places API server → Reflector → queue →
 *   Indexer → Processor → one lane per listener → its handler, and Workqueue → workers when the run has
 *   a workqueue. Every node id is `nodeId(ref)` ("listener:1"); every edge id is "from>to". `compact` (a
 *   narrow pane) wraps the chain onto two rows so boxes keep a readable size.
 * - `edgePath(a, b, edge)` routes an edge: rightwards as a curve, straight down within a column,
 *   leftwards and down (handler → workqueue), or through a gutter at `wrapY` (compact layout).
 */
import type { StageName, StageRef } from "../../src/sim/index.js";

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

export function edgePath(a: PipelineNode, b: PipelineNode, e?: PipelineEdge): string {
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
