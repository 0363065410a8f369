/**
 * StagePanel — what every view of the stage implements (the pipeline diagram, the reflector, FIFO,
 * indexer, listeners and workqueue cards, the tables, the timeline), after TypeScript-Website's
 * `PlaygroundPlugin`: the stage mounts each panel once, tells it about each run (`load`) and draws
 * each shown step with `update(view, ctx)`; a panel never reads the DOM back and never holds the world.
 *
 * Contract:
 * - `mount(el)` is called once: a card panel gets its card's body (the stage owns the card and its
 *   `<h3>`, titled with `title(t, ctx)`); a bare panel (pipeline, timeline, tables) appends its own
 *   element to `el` at the place the stage gives it.
 * - `update(view, ctx)` draws the step `view` shows; `ctx` is everything else it may need (labels, the
 *   followed informer, its queue kind, the key of the current event, the selection).
 * - `stages`: the pipeline stages whose steps outline the card (the stage reveals the outlined card).
 * - `visible(view, ctx)` (default true) hides the card (the workqueue card in runs without one).
 * - `load(run)` is called for each new run before its first `update`; `unmount()` on destroy.
 */
import type { InformerView, KnownTraceEvent, ServerObjectView, StageName, WorldView } from "../../../src/sim/index.js";
import type { FifoKind, StageLocale, T } from "../stage-i18n.js";

export type PanelId = "pipeline" | "reflector" | "fifo" | "indexer" | "listeners" | "workqueue" | "tables" | "timeline";

export interface PanelContext {
  t: T;
  locale: StageLocale;
  reducedMotion: boolean;
  /** The shown step (1-based index in the loaded trace; 0 before the first event) and the run's step count. */
  step: number;
  total: number;
  /** How long the diagram's token takes to move one edge (0 under reduced motion). */
  durationMs: number;
  /** The informer the panels follow (the current event's, else the first). */
  inf: InformerView | undefined;
  /** How many informers the shown world has (cards following one of several name it). */
  informers: number;
  /** The followed informer's queue kind. */
  fifoKind: FifoKind;
  /** The object key the current event is about (highlighted where it appears). */
  hotKey: string | null;
  /** The object the actions would act on, and its id as the reflector card selects it (`resource|key`). */
  target: ServerObjectView | undefined;
  /** Selects an object (a server row `resource|key` or a cache key) and redraws. */
  select(id: string): void;
  /** Redraws the current step (a panel changed its own state, e.g. "show 50 more"). */
  redraw(): void;
  /** Whether the run ever touches a workqueue (the diagram keeps its row, the card shows). */
  hasWorkqueue: boolean;
  /** The stage is narrower than 720 px. */
  compact: boolean;
}

/** " · pods" when the cards follow one informer of several, else "". */
export function informerSuffix(ctx: PanelContext): string {
  return ctx.inf !== undefined && ctx.informers > 1 ? ` · ${ctx.inf.name}` : "";
}

export interface PanelRun {
  trace: readonly KnownTraceEvent[];
}

export interface StagePanel {
  readonly id: PanelId;
  readonly stages: readonly StageName[];
  /** The card's heading (card panels) or the element's accessible name (bare panels). */
  title(t: T, ctx: PanelContext): string;
  /** The heading's tooltip, if any. */
  hint?(t: T, ctx: PanelContext): string;
  /** Attributes the stage sets on the panel's card (e.g. `data-fifo`). */
  attributes?(ctx: PanelContext): Record<string, string>;
  mount(el: HTMLElement): void;
  load?(run: PanelRun): void;
  visible?(view: WorldView, ctx: PanelContext): boolean;
  update(view: WorldView, ctx: PanelContext): void;
  unmount?(): void;
}
