/**
 * The stage: the animated pipeline, its queues and caches, the narration, the timeline, the playback bar
 * and the actions, for one run at a time.
 *
 * Contract (the app codes against exactly this):
 * - `mountStage(container, { locale, reducedMotion })` builds the stage inside `container` and returns
 *   a `StageHandle`.
 * - `load(run, { previous?, failedSteps? })` shows a run from step 1 and starts playing it (paused at
 *   step 1 under reduced motion); `step-counter` reads "N / M" with M = the run's number of events.
 *   With `previous`, the timeline marks the first step where this run departs from it.
 * - `seek(step)` pauses at that step; `onStep(cb)` hears every step shown; `onAction(cb)` receives the
 *   `TimedOp` of an action button or command at the current step's virtual time (the app re-runs).
 * - `setRunning(true)` while the worker runs (actions disabled, playback paused); `setLocale` switches
 *   every label and the narration; `destroy()` removes everything and every listener.
 * The state shown is always `WorldReplay.seek(step)` of the loaded trace: the DOM is drawn from the view
 * and never read back. Playback is the `playback` xstate machine; the highlighted stage is `pipeline`'s.
 */
import { createActor } from "xstate";
import {
  firstDifference, type RunDifference, narrate, narrateStart, type TraceEvent, WorldReplay, emptyWorld,
  focusedInformer, type WorldView,
} from "../../src/sim/index.js";
import { pipelineEventOf, pipelineMachine } from "../machines/pipeline.js";
import { DEFAULT_SPEED, SPEEDS, keyToEvent, playbackMachine, type PlaybackEvent } from "../machines/playback.js";
import { ACTIONS, actionOp, actionTarget, type StageAction } from "./action-ops.js";
import { parseCommand } from "./command-bar-parse.js";
import { fifoKinds } from "./fifo-mode.js";
import { MIN_RENDERED_KEYS, renderFifo } from "./fifo-view.js";
import { renderIndexer } from "./indexer-view.js";
import { renderListeners } from "./listeners-view.js";
import { pipelineLayout, renderPipeline, type PipelineLayout } from "./pipeline-view.js";
import { renderReflector } from "./reflector-view.js";
import type { RunResult, TimedOp } from "./run-types.js";
import { revealDelta } from "./reveal.js";
import { STAGE_TEXT, type FifoKind, type StageLocale, type T } from "./stage-i18n.js";
import { renderTables } from "./tables-view.js";
import { Timeline } from "./timeline-view.js";
import { renderWorkqueues } from "./workqueue-view.js";
import "./stage.css";

export type { RunResult, TimedOp } from "./run-types.js";

export interface StageHandle {
  /**
   * `base` (live mode): the world before the run's first event (a sliding window); `follow`: show the
   * last step at once, paused (live-follow re-loads the growing window). `replay` (live mode): a
   * replay of exactly `run.trace` that the caller keeps folding incrementally; used instead of building
   * one, so a re-load costs no re-fold.
   */
  load(run: RunResult, extra?: { previous?: RunResult; failedSteps?: number[]; base?: WorldView; follow?: boolean; replay?: WorldReplay }): void;
  /** The failing goals' steps, known only after `load` (goals are checked after the run): marks the timeline. */
  setFailedSteps?(steps: number[]): void;
  /** Additive: consulted before playback (play or step forward) moves on by one step; false keeps the stage at `from`, paused. */
  setStepGate?(gate: ((from: number, to: number) => boolean) | null): void;
  seek(step: number): void;
  onStep(cb: (step: number) => void): void;
  onAction(cb: (op: TimedOp) => void): void;
  setRunning(running: boolean): void;
  setLocale(locale: "en" | "zh-CN"): void;
  destroy(): void;
}

const SERVER_ROWS = 30;
const STORE_ROWS = 50;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function eventKey(e: WorldView["event"]): string | null {
  if (e === null) return null;
  const k = (e as { key?: unknown }).key;
  return typeof k === "string" ? k : null;
}

export function mountStage(container: HTMLElement, options: { locale: "en" | "zh-CN"; reducedMotion: boolean }): StageHandle {
  let locale: StageLocale = options.locale;
  let t: T = STAGE_TEXT[locale];
  const reducedMotion = options.reducedMotion;

  // ── skeleton ──
  const root = el("section", { class: "stage" });
  // The app's stage pane may already be the `stage` hook; never show two.
  if (container.closest('[data-testid="stage"]') === null) root.setAttribute("data-testid", "stage");
  const head = el("header", { class: "stage-head" });
  const titleEl = el("h2", { class: "stage-title" });
  const informerEl = el("span", { class: "stage-informer" });
  const tablesLabel = el("label", { class: "stage-tables-toggle" });
  const tablesBox = el("input", { type: "checkbox" });
  const tablesText = el("span");
  tablesLabel.append(tablesBox, tablesText);
  head.append(titleEl, informerEl, tablesLabel);

  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("class", "pipeline");
  svg.setAttribute("role", "img");
  const narration = el("p", { class: "narration", "data-testid": "narration", role: "status", "aria-live": "polite", "aria-atomic": "true" });

  const panels = el("div", { class: "panels" });
  const panel = (cls: string): { section: HTMLElement; h: HTMLHeadingElement; body: HTMLDivElement } => {
    const section = el("section", { class: `panel ${cls}` });
    const h = el("h3");
    const body = el("div", { class: "body" });
    section.append(h, body);
    panels.append(section);
    return { section, h, body };
  };
  const pReflector = panel("p-reflector");
  const pFifo = panel("p-fifo");
  const pIndexer = panel("p-indexer");
  const pListeners = panel("p-listeners");
  const pWorkqueue = panel("p-workqueue");
  const tables = el("div", { class: "tables" });
  tables.hidden = true;

  // The run-vs-run note is ONE line (it must not take height from the panels): where the runs part and
  // "Go there"; what differs there opens on demand in a popover above the line (over the panels).
  const diffNote = el("div", { class: "diff-note", "data-testid": "diff-note" });
  diffNote.hidden = true;
  const diffHead = el("span", { class: "diff-head" });
  const diffGo = el("button", { type: "button", class: "link diff-go" });
  const diffDetailsId = `stage-diff-${Math.random().toString(36).slice(2, 8)}`;
  const diffMore = el("button", { type: "button", class: "link diff-more", "aria-expanded": "false", "aria-controls": diffDetailsId });
  const diffDetails = el("ul", { class: "diff-details", id: diffDetailsId });
  diffDetails.hidden = true;
  diffNote.append(diffHead, " ", diffGo, " ", diffMore, diffDetails);
  const canvas = el("canvas", { class: "timeline", role: "img", "data-testid": "timeline", "data-failed-steps": "" });

  const transport = el("div", { class: "transport", role: "group" });
  const btn = (testid: string, path: string): HTMLButtonElement => {
    const b = el("button", { type: "button", "data-testid": testid, class: `tb tb-${testid}` });
    const icon = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    icon.setAttribute("viewBox", "0 0 16 16");
    icon.setAttribute("aria-hidden", "true");
    const p = document.createElementNS("http://www.w3.org/2000/svg", "path");
    p.setAttribute("d", path);
    icon.append(p);
    b.append(icon);
    transport.append(b);
    return b;
  };
  const bStart = btn("jump-start", "M3 2h2v12H3zM14 2v12L6 8z");
  const bBack = btn("step-back", "M12 2v12L4 8zM2 2h2v12H2z");
  const bPlay = btn("play", "M4 2l10 6-10 6z");
  const bPause = btn("pause", "M3 2h4v12H3zM9 2h4v12H9z");
  const bFwd = btn("step-forward", "M4 2v12l8-6zM12 2h2v12h-2z");
  const bEnd = btn("jump-end", "M2 2v12l8-6zM11 2h2v12h-2z");
  const scrub = el("input", { type: "range", "data-testid": "scrub", class: "scrub", min: "0", max: "0", value: "0", step: "1" });
  const counter = el("output", { "data-testid": "step-counter", class: "step-counter" }, "0 / 0");
  const speedLabel = el("label", { class: "speed" });
  const speedText = el("span");
  const speed = el("select", { "data-testid": "speed" });
  for (const s of SPEEDS) {
    const opt = el("option", { value: String(s) }, `${s}/s`);
    if (s === DEFAULT_SPEED) opt.selected = true;
    speed.append(opt);
  }
  speedLabel.append(speedText, speed);
  transport.append(scrub, counter, speedLabel);

  const actions = el("div", { class: "actions" });
  const actionsTitle = el("span", { class: "actions-title" });
  const targetEl = el("span", { class: "action-target" });
  const actionButtons = new Map<StageAction, HTMLButtonElement>();
  const actionRow = el("div", { class: "action-row" });
  for (const a of ACTIONS) {
    const b = el("button", { type: "button", "data-testid": "action", "data-action": a, class: `action a-${a}` });
    actionButtons.set(a, b);
    actionRow.append(b);
  }
  const commandForm = el("form", { class: "command" });
  const commandLabel = el("label", { class: "visually-hidden", for: "" });
  const command = el("input", { type: "text", "data-testid": "command-bar", class: "command-bar", autocomplete: "off", spellcheck: "false" });
  const commandId = `stage-command-${Math.random().toString(36).slice(2, 8)}`;
  command.id = commandId;
  commandLabel.setAttribute("for", commandId);
  const commandResult = el("pre", { "data-testid": "command-result", class: "command-result", "aria-live": "polite" });
  commandForm.append(commandLabel, command);
  actions.append(actionsTitle, targetEl, actionRow, commandForm, commandResult);

  const bottom = el("div", { class: "stage-bottom" });
  bottom.append(diffNote, canvas, transport, actions);
  const middle = el("div", { class: "stage-middle" });
  middle.append(panels, tables);
  root.append(head, svg, narration, middle, bottom);
  container.append(root);

  // ── state ──
  let replay: WorldReplay | null = null;
  let events: readonly TraceEvent[] = [];
  /** Whether the loaded run ever touches a workqueue (then the diagram keeps its workqueue row). */
  let runHasWorkqueue = false;
  /** The stage's width as last reported by the ResizeObserver (read once at mount otherwise). */
  let knownWidth = 0;
  let view: WorldView | null = null;
  let shownStep = -1;
  let layout: PipelineLayout | null = null;
  let fifoLimit = MIN_RENDERED_KEYS;
  let selected: string | null = null;
  let running = false;
  let diff: RunDifference | undefined;
  /** Each informer's queue kind, read once per run from its trace. */
  let kinds = new Map<string, FifoKind>();
  /** The panel last scrolled into view (scroll only when the active panel changes). */
  let revealed: HTMLElement | null = null;
  /** The learner is pointing at or scrolling the panels: leave their scroll position alone. */
  let pointerInMiddle = false;
  let userScrollUntil = 0;
  const stepListeners: Array<(step: number) => void> = [];
  const actionListeners: Array<(op: TimedOp) => void> = [];

  const playback = createActor(playbackMachine, { input: { speed: DEFAULT_SPEED } });
  const pipeline = createActor(pipelineMachine);
  pipeline.start();

  const timeline = new Timeline(canvas, (step) => playback.send({ type: "playback.seek", step }));

  /** The run-vs-run note: where the runs part, and what differs there. */
  function renderDiff(): void {
    diffNote.hidden = diff === undefined;
    if (diff === undefined) return;
    diffHead.textContent = t.diffAt(diff.step);
    diffHead.title = t.diffAt(diff.step);
    diffGo.textContent = `${t.diffGo} →`;
    labelDiffMore();
    const lines: string[] = [];
    const say = (e: TraceEvent | null) => (e === null ? t.diffEnded : narrate(e, locale));
    lines.push(`${t.diffWas}: ${say(diff.previousEvent)}`, `${t.diffNow}: ${say(diff.currentEvent)}`);
    const pair = (a: string | null, b: string | null) => `${a ?? "∅"} → ${b ?? "∅"}`;
    if (diff.store.length > 0) {
      lines.push(`${t.diffStore}: ${diff.store.slice(0, 4).map((c) => `${c.key} RV ${pair(c.previous, c.current)}`).join("; ")}${diff.store.length > 4 ? " …" : ""}`);
    }
    for (const f of diff.fifoKeys.slice(0, 2)) lines.push(`${t.diffFifo}: [${f.previous.slice(0, 6).join(", ")}] → [${f.current.slice(0, 6).join(", ")}]`);
    for (const q of diff.queueKeys.slice(0, 2)) lines.push(`${t.diffQueue} ${q.queue}: [${q.previous.slice(0, 6).join(", ")}] → [${q.current.slice(0, 6).join(", ")}]`);
    const calls = (h: RunDifference["handlerCalls"]["current"]) => h.filter((x) => x.outcome === "called").slice(0, 4).map((x) => `${x.notification} ${x.key}`).join(", ") || "—";
    if (diff.handlerCalls.previous.length + diff.handlerCalls.current.length > 0) {
      lines.push(`${t.diffCalls}: ${calls(diff.handlerCalls.previous)} → ${calls(diff.handlerCalls.current)}`);
    }
    diffDetails.replaceChildren(...lines.map((l) => el("li", {}, l)));
  }

  function stepDuration(): number {
    if (reducedMotion) return 0;
    const sp = playback.getSnapshot().context.speed;
    return Math.max(0, Math.min(420, Math.round(850 / sp)));
  }

  function applyLabels(): void {
    root.setAttribute("aria-label", t.stageTitle);
    root.lang = locale;
    titleEl.textContent = t.stageTitle;
    tablesText.textContent = t.tables;
    tablesLabel.title = t.tablesHint;
    svg.setAttribute("aria-label", `${t.apiserver} → ${t.reflector} → ${t.deltafifo} → ${t.indexer} → ${t.processor} → ${t.listener} → ${t.handler}`);
    pReflector.h.textContent = `${t.reflector} · ${t.apiserver}`;
    pIndexer.h.textContent = `${t.indexer}`;
    pListeners.h.textContent = t.listeners;
    pWorkqueue.h.textContent = t.workqueue;
    canvas.setAttribute("aria-label", t.timeline);
    transport.setAttribute("aria-label", t.timeline);
    const label = (b: HTMLButtonElement, s: string) => {
      b.setAttribute("aria-label", s);
      b.title = s;
    };
    label(bStart, t.jumpStart);
    label(bBack, `${t.stepBack} (←)`);
    label(bPlay, `${t.play} (${t.spaceKey})`);
    label(bPause, `${t.pause} (${t.spaceKey})`);
    label(bFwd, `${t.stepForward} (→)`);
    label(bEnd, t.jumpEnd);
    scrub.setAttribute("aria-label", t.scrub);
    speedText.textContent = t.speed;
    actionsTitle.textContent = t.actions;
    for (const [a, b] of actionButtons) b.textContent = t[a];
    command.placeholder = t.commandPlaceholder;
    commandLabel.textContent = t.commandLabel;
  }

  function updateTransport(): void {
    const snap = playback.getSnapshot();
    const playing = snap.matches({ ready: "playing" });
    const { step, total } = snap.context;
    const set = <K extends "hidden" | "disabled">(e: HTMLButtonElement | HTMLInputElement, k: K, v: boolean) => {
      if (e[k] !== v) e[k] = v;
    };
    set(bPlay, "hidden", playing);
    set(bPause, "hidden", !playing);
    const none = total === 0 || running;
    set(bPlay, "disabled", none);
    set(bPause, "disabled", none);
    // Never disabled at the ends (a click there is a harmless no-op), only when there is no run.
    set(bStart, "disabled", none);
    set(bBack, "disabled", none);
    set(bFwd, "disabled", none);
    set(bEnd, "disabled", none);
    for (const [b, at] of [[bStart, step <= 1], [bBack, step <= 1], [bFwd, step >= total], [bEnd, step >= total]] as const) {
      if (b.classList.contains("at-end") !== at) b.classList.toggle("at-end", at);
    }
    set(scrub, "disabled", none);
    const min = total === 0 ? "0" : "1";
    if (scrub.min !== min) scrub.min = min;
    if (scrub.max !== String(total)) scrub.max = String(total);
    if (scrub.value !== String(step)) scrub.value = String(step);
    const text = `${step} / ${total}`;
    if (counter.textContent !== text) counter.textContent = text;
    const live = playing ? "off" : "polite";
    if (narration.getAttribute("aria-live") !== live) narration.setAttribute("aria-live", live);
    if (root.classList.contains("is-playing") !== playing) root.classList.toggle("is-playing", playing);
    if (root.classList.contains("is-running") !== running) root.classList.toggle("is-running", running);
  }

  function render(): void {
    const v = view ?? emptyWorld();
    const inf = focusedInformer(v);
    const hot = eventKey(v.event);
    // layout: lanes for the focused informer's listeners; a workqueue row when the run has one
    const listeners = inf === undefined ? [] : [...inf.listeners.keys()].sort((a, b) => a - b);
    const workers = [...new Set([...v.workers.values()].map((w) => w.index))].sort((a, b) => a - b);
    const hasWq = v.workqueues.size > 0 || v.workers.size > 0 || runHasWorkqueue;
    if (knownWidth === 0) knownWidth = root.clientWidth;
    const compact = knownWidth > 0 && knownWidth < 720;
    const sig = `${listeners.join(",")}|${workers.join(",")}|${hasWq}|${compact}`;
    if (layout === null || (layout as PipelineLayout & { sig?: string }).sig !== sig) {
      layout = Object.assign(pipelineLayout(listeners, workers, hasWq, compact), { sig });
    }
    // Before the first informer appears, the run's first informer's queue (a run has one kind per informer).
    const fifoKind: FifoKind = (inf === undefined ? kinds.values().next().value : kinds.get(inf.name)) ?? "delta";
    renderPipeline(svg, layout, v, { t, reducedMotion, durationMs: stepDuration(), fifoKind });
    const infText = inf === undefined ? "" : `${t.informer}: ${inf.name}${v.informers.size > 1 ? ` (+${v.informers.size - 1})` : ""}`;
    if (informerEl.textContent !== infText) informerEl.textContent = infText;
    // With several informers the panels follow the current event's; their titles say which.
    const suffix = inf !== undefined && v.informers.size > 1 ? ` · ${inf.name}` : "";
    for (const [h, base] of [[pFifo.h, t.fifoTitle[fifoKind]], [pIndexer.h, t.indexer], [pListeners.h, t.listeners]] as const) {
      if (h.textContent !== base + suffix) h.textContent = base + suffix;
    }
    pFifo.h.title = t.fifoHint[fifoKind];
    pFifo.section.setAttribute("data-fifo", fifoKind);
    narration.textContent = v.event === null ? (replay === null || events.length === 0 ? t.noRun : narrateStart(locale))
      : `${v.step}. ${narrate(v.event, locale)}`;

    const target = actionTarget(v, selected);
    targetEl.textContent = `${t.target}: ${target === undefined ? t.noTarget : `${target.resource} ${target.key}`}`;
    if (tablesBox.checked) {
      renderTables(tables, v, inf, t, fifoKind);
    } else {
      renderReflector(pReflector.body, v, inf, { t, limit: SERVER_ROWS, hotKey: hot, selected: target === undefined ? null : `${target.resource}|${target.key}`,
        onSelect: (id) => { selected = id; render(); } });
      renderFifo(pFifo.body, inf?.fifo, { t, limit: fifoLimit, hotKey: hot, kind: fifoKind, onMore: () => { fifoLimit += 50; render(); } });
      renderIndexer(pIndexer.body, inf?.indexer, { t, limit: STORE_ROWS, hotKey: hot, selected: target?.key ?? null,
        onSelect: (key) => { selected = key; render(); } });
      renderListeners(pListeners.body, v, inf, { t });
      pWorkqueue.section.hidden = !hasWq;
      if (hasWq) renderWorkqueues(pWorkqueue.body, v, { t, hotKey: hot });
    }
    // the panel of the active stage is outlined too
    const st = v.stage?.stage;
    pReflector.section.classList.toggle("active", st === "reflector" || st === "apiserver");
    pFifo.section.classList.toggle("active", st === "deltafifo");
    pIndexer.section.classList.toggle("active", st === "indexer");
    pListeners.section.classList.toggle("active", st === "listener" || st === "handler" || st === "processor");
    pWorkqueue.section.classList.toggle("active", st === "workqueue" || st === "worker");
    revealActive();
  }

  /**
   * Brings the active panel into view inside the stage's own scroll area (never the page), once per
   * change of active panel; instant under reduced motion; not while the learner points at or scrolls
   * the panels.
   */
  function revealActive(): void {
    if (tablesBox.checked || liveFollow) return;
    const activePanel = [pReflector, pFifo, pIndexer, pListeners, pWorkqueue].find((p) => !p.section.hidden && p.section.classList.contains("active"))?.section ?? null;
    if (activePanel === revealed) return;
    revealed = activePanel;
    if (activePanel === null || pointerInMiddle || Date.now() < userScrollUntil) return;
    const delta = revealDelta(middle.getBoundingClientRect(), activePanel.getBoundingClientRect());
    if (delta === 0) return;
    const smooth = !reducedMotion && !(typeof matchMedia === "function" && matchMedia("(prefers-reduced-motion: reduce)").matches);
    const top = middle.scrollTop + delta;
    if (typeof middle.scrollTo === "function") middle.scrollTo({ top, behavior: smooth ? "smooth" : "instant" });
    else middle.scrollTop = top;
  }

  function show(step: number): void {
    if (replay === null) return;
    if (step === shownStep) return;
    shownStep = step;
    view = replay.peek(step) as WorldView;
    pipeline.send(pipelineEventOf(view));
    render();
    timeline.setStep(step);
    for (const cb of stepListeners) cb(step);
  }

  /** The step gate (setStepGate) and the type of the event being sent (null: the play timer ticked). */
  let stepGate: ((from: number, to: number) => boolean) | null = null;
  /** Set while a live follow re-load resets the transport (see `load`). */
  let following = false;
  /** Live follow mode: the newest step changes every frame, so the panels are not scrolled after it. */
  let liveFollow = false;
  let timelineDrawnAt = 0;
  let sending: PlaybackEvent["type"] | null = null;
  playback.subscribe((snap) => {
    const to = snap.context.step;
    const forward = sending === "playback.stepForward" || (sending === null && snap.matches({ ready: "playing" }));
    if (stepGate !== null && replay !== null && shownStep > 0 && to === shownStep + 1 && forward && !stepGate(shownStep, to)) {
      playback.send({ type: "playback.jumpToFailure", step: shownStep }); // stays at `from`, paused
      return;
    }
    if (following) return;      // a live re-load's detour through step 1: the next event shows the last step
    updateTransport();
    show(snap.context.step);
  });
  playback.start();

  // ── inputs ──
  const send = (e: PlaybackEvent) => {
    sending = e.type;
    try {
      playback.send(e);
    } finally {
      sending = null;
    }
  };
  bStart.addEventListener("click", () => send({ type: "playback.jumpStart" }));
  bBack.addEventListener("click", () => send({ type: "playback.stepBack" }));
  bPlay.addEventListener("click", () => {
    send({ type: "playback.play" });
    bPause.focus();
  });
  bPause.addEventListener("click", () => {
    send({ type: "playback.pause" });
    bPlay.focus();
  });
  bFwd.addEventListener("click", () => send({ type: "playback.stepForward" }));
  bEnd.addEventListener("click", () => send({ type: "playback.jumpEnd" }));
  scrub.addEventListener("input", () => send({ type: "playback.seek", step: Number(scrub.value) }));
  speed.addEventListener("change", () => send({ type: "playback.speed", speed: Number(speed.value) }));
  diffGo.addEventListener("click", () => {
    if (diff !== undefined) send({ type: "playback.jumpToFailure", step: diff.step });
  });
  /** "what differs ▴" while the details are closed, "▾" while they are open. */
  function labelDiffMore(): void {
    diffMore.textContent = `${t.diffMore} ${diffDetails.hidden ? "▴" : "▾"}`;
  }
  const showDiffDetails = (open: boolean) => {
    diffDetails.hidden = !open;
    diffMore.setAttribute("aria-expanded", String(open));
    labelDiffMore();
  };
  diffMore.addEventListener("click", () => showDiffDetails(diffDetails.hidden));
  diffNote.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && !diffDetails.hidden) {
      e.stopPropagation();
      showDiffDetails(false);
      diffMore.focus();
    }
  });
  middle.addEventListener("pointerenter", () => { pointerInMiddle = true; });
  middle.addEventListener("pointerleave", () => { pointerInMiddle = false; });
  const userScrolled = () => { userScrollUntil = Date.now() + 1500; };
  middle.addEventListener("wheel", userScrolled, { passive: true });
  middle.addEventListener("touchmove", userScrolled, { passive: true });
  tablesBox.addEventListener("change", () => {
    tables.hidden = !tablesBox.checked;
    panels.hidden = tablesBox.checked;
    render();
  });

  const emit = (op: TimedOp, what: string) => {
    commandResult.classList.remove("error");
    commandResult.textContent = t.recorded(what, op.at);
    for (const cb of actionListeners) cb(op);
  };
  for (const [a, b] of actionButtons) {
    b.addEventListener("click", () => {
      if (view === null || running) return;
      const r = actionOp(a, view, selected);
      if (!r.ok) {
        commandResult.classList.add("error");
        // action-ops' reasons are English (like the command bar's); other locales label them as such
        commandResult.textContent = `${t.commandError}${r.error}`;
        return;
      }
      emit(r.op, r.command);
    });
  }
  commandForm.addEventListener("submit", (e) => {
    e.preventDefault();
    const line = command.value;
    if (view === null) {
      commandResult.classList.add("error");
      commandResult.textContent = t.noRun;
      return;
    }
    const r = parseCommand(line, { at: view.time, objects: view.server.objects.values() });
    if (!r.ok) {
      commandResult.classList.add("error");
      // Parser errors are English (like kubectl's); in other locales a localized label says what they are.
      commandResult.textContent = `${t.commandError}${r.error}`;
      return;
    }
    if (r.op === undefined) {
      commandResult.classList.remove("error");
      commandResult.textContent = r.output;
      return;
    }
    if (running) return;
    command.value = "";
    emit(r.op, line.trim());
  });

  const onKey = (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.target as HTMLElement | null;
    if (target !== null && target !== document.body) {
      const tag = target.tagName;
      if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable) return;
      if (target.closest?.(".monaco-editor") != null) return;
      if ((tag === "BUTTON" || tag === "A" || tag === "SUMMARY") && (e.key === " " || e.key === "Enter")) return;
    }
    const ev = keyToEvent(e.key);
    if (ev === undefined || replay === null || running) return;
    e.preventDefault();
    send(ev);
  };
  document.addEventListener("keydown", onKey);
  let lastCanvas = "";
  const ro = typeof ResizeObserver === "function" ? new ResizeObserver(() => {
    const size = `${canvas.clientWidth}x${canvas.clientHeight}`;
    if (size !== lastCanvas) {
      lastCanvas = size;
      timeline.invalidate();
    }
    const w = root.clientWidth;
    const changed = (w < 720) !== (knownWidth < 720) || knownWidth === 0;
    knownWidth = w;
    if (changed) render();
  }) : null;
  ro?.observe(canvas);
  ro?.observe(root);
  const scheme = typeof matchMedia === "function" ? matchMedia("(prefers-color-scheme: dark)") : null;
  const onScheme = () => timeline.invalidate();
  scheme?.addEventListener?.("change", onScheme);
  const themeObserver = typeof MutationObserver === "function" ? new MutationObserver(onScheme) : null;
  themeObserver?.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });

  applyLabels();
  updateTransport();
  render();

  return {
    load(run, extra) {
      if (extra?.follow === true && extra.replay !== undefined && extra.replay === replay && run.trace.length > 0) {
        // Live follow, same replay grown or slid: nothing re-folded, nothing reset, no detour through step 1.
        events = run.trace;
        liveFollow = true;
        if (!runHasWorkqueue) runHasWorkqueue = run.trace.some((e) => e.component === "workqueue" || e.component === "worker");
        const now = performance.now();
        if (now - timelineDrawnAt > 250) {       // the ticks of a 20k-event window: a few times a second is plenty
          timelineDrawnAt = now;
          timeline.load(run.trace, { failedSteps: [], diffStep: null });
        }
        following = true;
        try { send({ type: "playback.loaded", total: run.trace.length, autoplay: false, failedSteps: [] }); } finally { following = false; }
        shownStep = -1;
        send({ type: "playback.jumpToFailure", step: run.trace.length });
        return;
      }
      liveFollow = false;
      timelineDrawnAt = 0;
      events = run.trace;
      runHasWorkqueue = run.trace.some((e) => e.component === "workqueue" || e.component === "worker");
      replay = extra?.replay ?? new WorldReplay(run.trace, extra?.base !== undefined ? { base: extra.base } : undefined);
      shownStep = -1;
      view = null;
      layout = null;
      kinds = fifoKinds(run.trace);
      revealed = null;
      fifoLimit = MIN_RENDERED_KEYS;
      selected = null;
      running = false;
      diff = extra?.previous === undefined ? undefined : firstDifference(extra.previous.trace, run.trace);
      renderDiff();
      const failedSteps = extra?.failedSteps ?? [];
      canvas.setAttribute("data-failed-steps", failedSteps.join(" "));
      timeline.load(run.trace, { failedSteps, diffStep: diff?.step ?? null });
      send({ type: "playback.loaded", total: run.trace.length, autoplay: !reducedMotion && extra?.follow !== true, failedSteps });
      if (extra?.follow === true && run.trace.length > 0) send({ type: "playback.jumpToFailure", step: run.trace.length });
      if (run.trace.length === 0) {
        view = null;
        render();
      }
      updateTransport();
    },
    setStepGate(gate) {
      stepGate = gate;
    },
    setFailedSteps(steps) {
      canvas.setAttribute("data-failed-steps", steps.join(" "));
      timeline.setFailedSteps(steps);
      send({ type: "playback.failedSteps", steps });
    },
    seek(step) {
      send({ type: "playback.jumpToFailure", step });
    },
    onStep(cb) {
      stepListeners.push(cb);
    },
    onAction(cb) {
      actionListeners.push(cb);
    },
    setRunning(r) {
      running = r;
      if (r) {
        send({ type: "playback.pause" });
      }
      for (const b of actionButtons.values()) b.disabled = r;
      narration.textContent = r ? t.running : narration.textContent;
      if (!r) render();
      updateTransport();
    },
    setLocale(l) {
      locale = l;
      t = STAGE_TEXT[l];
      applyLabels();
      renderDiff();
      render();
    },
    destroy() {
      document.removeEventListener("keydown", onKey);
      ro?.disconnect();
      scheme?.removeEventListener?.("change", onScheme);
      themeObserver?.disconnect();
      playback.stop();
      pipeline.stop();
      root.remove();
    },
  };
}
