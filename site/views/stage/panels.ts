/**
 * Which panels the stage shows, in order: the card panels (reflector, queue, indexer, listeners,
 * workqueue) of the middle grid, and the bare panels (pipeline diagram, tables, timeline) that the
 * stage places itself.
 *
 * Contract: `cardPanels()` returns fresh panel instances each call (one stage, one set); each panel is a
 * StagePanel (panel.ts) defined in its own site/views/*-view.ts.
 */
import { fifoPanel } from "../fifo-view.js";
import { indexerPanel } from "../indexer-view.js";
import { listenersPanel } from "../listeners-view.js";
import { reflectorPanel } from "../reflector-view.js";
import { workqueuePanel } from "../workqueue-view.js";
import type { StagePanel } from "./panel.js";

export { pipelinePanel } from "../pipeline-panel.js";
export { tablesPanel } from "../tables-view.js";
export { timelinePanel } from "../timeline-view.js";

export const cardPanels = (): StagePanel[] => [reflectorPanel(), fifoPanel(), indexerPanel(), listenersPanel(), workqueuePanel()];
