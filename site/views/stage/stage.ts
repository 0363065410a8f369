/**
 * The stage: the animated pipeline, its cards, the narration, the timeline, the playback bar and the
 * actions, for one run at a time. This file is the skeleton and the handle (its type: stage-handle.ts);
 * the parts are head.ts, transport.ts (playback bar, keys), cards.ts (the card panels), diff-note.ts,
 * action-bar.ts, and the panels themselves (site/views/*-view.ts, each a StagePanel, panel.ts).
 *
 * Contract (the app codes against exactly this):
 * - `mountStage(container, { locale, reducedMotion })` builds the stage inside `container` and returns
 *   a `StageHandle`.
 * - `load(run, { previous?, failedSteps? })` shows a run from step 1 and starts playing it (paused at
 *   step 1 under reduced motion); `step-counter` reads "N / M" with M = the run's number of events.
 *   With `previous`, the timeline marks the first step where this run departs from it.
 * - `seek(step)` pauses at that step; `onStep(cb)` hears every step shown; `onAction(cb)` receives the
 *   `TimedOp` of an action button or command at the current step's virtual time (the app re-runs).
 * - `setRunning(true)` while the worker runs (the `playback` machine's `running` state: actions and
 *   playback disabled, the last run stays visible); `setLocale` switches every label and the narration;
 *   `destroy()` removes everything and every listener.
 * The state shown is always `WorldReplay` at the step the `playback` machine is at: the DOM is drawn
 * from the view and never read back; the diagram's highlight is the view's `stage`.
 */
import {
  firstDifference, narrate, narrateStart, type KnownTraceEvent, WorldReplay, asKnownTrace, emptyWorld, focusedInformer, type WorldView,
} from "../../../src/sim/index.js";
import { actionTarget } from "../action-ops.js";
import { fifoKindsOf } from "../fifo-mode.js";
import type { RunResult, TimedOp } from "../run-types.js";
import { STAGE_TEXT, type FifoKind, type StageLocale, type T } from "../stage-i18n.js";
import { createActionBar } from "./action-bar.js";
import { createCards } from "./cards.js";
import { createDiffNote } from "./diff-note.js";
import { createStageHead } from "./head.js";
import { createInjectedList } from "./injected.js";
import { createTimelineTools } from "./timeline-tools.js";
import { el } from "./dom.js";
import type { PanelContext } from "./panel.js";
import { cardPanels, pipelinePanel, tablesPanel, timelinePanel } from "./panels.js";
import type { StageHandle } from "./stage-handle.js";
import { createTransport } from "./transport.js";
import { watchStage } from "./watch.js";
import "./stage.css";
import { isBareFifo, WorkqueueScan } from "../run-shape.js";

export type { RunResult, TimedOp } from "../run-types.js";
export type { StageHandle } from "./stage-handle.js";

/** The object key the current event is about, if it names one (its rows are marked "hot"). */
const eventKey = (e: WorldView["event"]): string | null => (e !== null && "key" in e && typeof e.key === "string" ? e.key : null);

export function mountStage(container: HTMLElement, options: { locale: StageLocale; reducedMotion: boolean }): StageHandle {
  let locale: StageLocale = options.locale;
  let t: T = STAGE_TEXT[locale];
  const reducedMotion = options.reducedMotion;

  // ── state ──
  let replay: WorldReplay | null = null;
  let events: readonly KnownTraceEvent[] = [];
  let runHasWorkqueue = false; // the loaded run ever touches a workqueue: the diagram keeps its workqueue row
  let wqScan = new WorkqueueScan();
  /** The loaded run drives a bare DeltaFIFO (no informer around it: lesson 04). */
  let runIsBareFifo = false;
  /** The stage's width as last reported by the ResizeObserver (read once at mount otherwise). */
  let knownWidth = 0;
  /** The world at the shown step: `replay.peek`'s read-only view, valid until the next peek. */
  let view: Readonly<WorldView> | null = null;
  let shownStep = -1;
  let selected: string | null = null;
  /** Each informer's queue kind, read once per run from the run's last world. */
  let kinds = new Map<string, FifoKind>();
  const stepListeners: Array<(step: number) => void> = [];
  const actionListeners: Array<(op: TimedOp) => void> = [];
  const editListeners: Array<(ops: TimedOp[]) => void> = [];
  let injectedOps: readonly TimedOp[] = [];
  /** Set while a live follow re-load resets the transport (see `load`). */
  let following = false;
  let timelineDrawnAt = 0;
  /** Live follow catching up (extra.still): the token rests on its box instead of travelling its edge. */
  let still = false;

  // ── parts ──
  const root = el("section", { class: "stage" });
  // The app's stage pane may already be the `stage` hook; never show two.
  if (container.closest('[data-testid="stage"]') === null) root.setAttribute("data-testid", "stage");
  const head = createStageHead({
    onTables: (checked) => {
      cards.showTables(checked);
      render();
    },
  });
  const narration = el("p", { class: "narration", "data-testid": "narration", role: "status", "aria-live": "polite", "aria-atomic": "true" });

  const transport = createTransport({
    onStep: (step) => {
      if (!following) show(step); // a live re-load's detour through step 1: the next event shows the last step
    },
    onState: ({ playing, running }) => {
      const live = playing ? "off" : "polite";
      if (narration.getAttribute("aria-live") !== live) narration.setAttribute("aria-live", live);
      if (root.classList.contains("is-playing") !== playing) root.classList.toggle("is-playing", playing);
      if (root.classList.contains("is-running") !== running) root.classList.toggle("is-running", running);
    },
  });
  const running = () => transport.state().running;
  const pipeline = pipelinePanel();
  const timeline = timelinePanel((step) => transport.send({ type: "playback.seek", step }), (step) => {
    const e = events[step - 1];
    return e === undefined ? "" : t.tooltip(step, e.time, narrate(e, locale));
  });
  const tools = createTimelineTools({ t, currentStep: () => Math.max(0, shownStep), onJump: (step) => transport.send({ type: "playback.goTo", step }) });
  const cards = createCards(cardPanels(), tablesPanel(), { reducedMotion });
  const diffNote = createDiffNote({ t, locale, onGo: (step) => transport.send({ type: "playback.goTo", step }) });
  const actionBar = createActionBar({
    t,
    current: () => ({ view, step: shownStep, selected, running: running(), events }),
    onAction: (op) => { for (const cb of actionListeners) cb(op); },
  });

  const edited = (ops: TimedOp[]) => { for (const cb of editListeners) cb(ops); };
  const injected = createInjectedList({
    t,
    onRemove: (i) => edited(injectedOps.filter((_, j) => j !== i)),
    onRemoveAll: () => edited([]),
  });
  actionBar.el.append(injected.el);

  const bottom = el("div", { class: "stage-bottom" });
  bottom.append(diffNote.el);
  timeline.mount(bottom);
  bottom.append(tools.el, transport.el, actionBar.el);
  root.append(head.el);
  pipeline.mount(root);
  root.append(narration, cards.el, bottom);
  container.append(root);

  function stepDuration(): number {
    if (reducedMotion || still) return 0;
    return Math.max(0, Math.min(420, Math.round(850 / transport.speed())));
  }

  function applyLabels(): void {
    root.setAttribute("aria-label", t.stageTitle);
    root.lang = locale;
    head.applyLabels(t);
    transport.applyLabels(t);
    actionBar.applyLabels(t);
  }

  function context(v: WorldView): PanelContext {
    const inf = focusedInformer(v);
    // Before the first informer appears, the run's first informer's queue (a run has one kind per informer).
    const fifoKind: FifoKind = (inf === undefined ? kinds.values().next().value : inf.fifoKind ?? kinds.get(inf.name)) ?? "delta";
    if (knownWidth === 0) knownWidth = root.clientWidth;
    return {
      t, locale, reducedMotion, step: Math.max(0, shownStep), total: events.length, durationMs: stepDuration(), inf, informers: v.informers.size, fifoKind,
      hotKey: eventKey(v.event), target: actionTarget(v, selected),
      select: (id) => {
        selected = id;
        render();
      },
      redraw: () => { render(); },
      hasWorkqueue: runHasWorkqueue, compact: knownWidth > 0 && knownWidth < 720,
    };
  }

  function render(): PanelContext {
    const v = view ?? emptyWorld();
    const ctx = context(v);
    pipeline.update(v, ctx);
    const inf = ctx.inf;
    // A bare DeltaFIFO run has a queue, not an informer (run-shape.ts): the header names the queue.
    const infText = inf === undefined ? "" : runIsBareFifo ? `${t.fifoTitle[ctx.fifoKind]}: ${inf.name}`
      : `${t.informer}: ${inf.name}${v.informers.size > 1 ? ` (+${v.informers.size - 1})` : ""}`;
    head.setInformer(infText);
    narration.textContent = v.event === null ? (replay === null || events.length === 0 ? t.noRun : narrateStart(locale))
      : `${v.step}. ${narrate(v.event, locale)}`;
    actionBar.setTarget(ctx.target);
    cards.update(v, ctx);
    return ctx;
  }

  function show(step: number): void {
    if (replay === null) return;
    if (step === shownStep) return;
    shownStep = step;
    view = replay.peek(step);
    transport.setShown(step, view.event === null ? null : view.time);
    timeline.update(view, render());
    for (const cb of stepListeners) cb(step);
  }

  const watcher = watchStage(root, timeline.canvas, {
    onCanvas: () => timeline.timeline.invalidate(),
    onWidth: (w) => {
      knownWidth = w;
      render();
    },
  });

  applyLabels();
  render();

  const handle: StageHandle = {
    load(run, extra) {
      const trace = asKnownTrace(run.trace); // typed once: decoded at the worker boundary, or the engine's own (live)
      if (extra?.follow === true && extra.replay !== undefined && extra.replay === replay && trace.length > 0) {
        // Live follow, same replay grown or slid: nothing re-folded, nothing reset, no detour through step 1.
        events = trace;
        still = extra.still === true;
        cards.setFollow(true);
        if (!runHasWorkqueue) runHasWorkqueue = wqScan.grown(trace);
        const now = performance.now();
        if (now - timelineDrawnAt > 250) { // the ticks of a 20k-event window: a few times a second is plenty
          timelineDrawnAt = now;
          timeline.timeline.load(trace, { failedSteps: [], diffStep: null });
        }
        following = true;
        try {
          transport.send({ type: "playback.loaded", total: trace.length, autoplay: false, failedSteps: [] });
        } finally {
          following = false;
        }
        shownStep = -1;
        transport.send({ type: "playback.goTo", step: trace.length });
        return;
      }
      cards.setFollow(extra?.follow === true);   // a live window re-loaded in full (the first load) scrolls nothing either
      still = extra?.still === true;
      timelineDrawnAt = 0;
      events = trace;
      runHasWorkqueue = (wqScan = new WorkqueueScan()).grown(trace);
      runIsBareFifo = isBareFifo(trace);
      replay = extra?.replay ?? new WorldReplay(trace, extra?.base !== undefined ? { base: extra.base } : undefined);
      kinds = fifoKindsOf(replay.seek(replay.length));
      shownStep = -1;
      view = null;
      selected = null;
      pipeline.load?.({ trace: trace });
      cards.load({ trace: trace });
      const diff = extra?.previous === undefined ? undefined : firstDifference(extra.previous.trace, run.trace);
      diffNote.show(diff);
      const failedSteps = extra?.failedSteps ?? [];
      timeline.canvas.setAttribute("data-failed-steps", failedSteps.join(" "));
      timeline.timeline.load(trace, { failedSteps, diffStep: diff?.step ?? null });
      tools.load(trace);
      actionBar.setRunning(false);
      injected.setRunning(false);
      transport.send({ type: "playback.loaded", total: trace.length, autoplay: !reducedMotion && extra?.follow !== true, failedSteps });
      if (extra?.follow === true && trace.length > 0) transport.send({ type: "playback.goTo", step: trace.length });
      if (trace.length === 0) {
        view = null;
        render();
      }
    },
    setStepGate(gate) { transport.setGate(gate); },
    setFailedSteps(steps) {
      timeline.canvas.setAttribute("data-failed-steps", steps.join(" "));
      timeline.timeline.setFailedSteps(steps);
      transport.send({ type: "playback.failedSteps", steps });
    },
    seek(step) {
      transport.send({ type: "playback.goTo", step });
    },
    onStep(cb) { stepListeners.push(cb); },
    onAction(cb) { actionListeners.push(cb); },
    setActions(ops) {
      injectedOps = [...ops];
      injected.set(injectedOps);
    },
    onActionsEdited(cb) { editListeners.push(cb); },
    setRunning(r) {
      transport.send({ type: r ? "playback.run" : "playback.stopped" });
      actionBar.setRunning(r);
      injected.setRunning(r);
      if (r) narration.textContent = t.running;
      else render();
    },
    setLocale(l) {
      locale = l;
      t = STAGE_TEXT[l];
      applyLabels();
      diffNote.setLocale(t, locale);
      tools.setLocale(t);
      injected.setLocale(t);
      render();
    },
    destroy() {
      transport.destroy();
      watcher.stop();
      pipeline.unmount?.();
      timeline.unmount?.();
      root.remove();
    },
  };
  return handle;
}
