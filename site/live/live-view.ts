/**
 * The #/live view (wire.md §7.5, UI.md live hooks): what the page is connected to, a resource /
 * namespace / label-selector picker, and the stage in live-follow mode over a LiveSession.
 *
 * Contract:
 * - Connect screen (connect-screen.ts): `/live/info` (context, server, namespace, access; absent under
 *   `kubectl proxy`) and `/k8s/version` (gitVersion). States plainly that a live run is not reproducible.
 * - Follow: after each animation frame a task settles the window for at most SETTLE_MS (its replay
 *   folds only the new events, wire.md §7.4), another re-loads the stage over that same replay and a third
 *   lays out what the load wrote (frame, fold, load, layout: four tasks; the frame only paints), showing
 *   the newest settled step (less often when a load costs more: ≤ ~25 % of the main thread; a catch-up
 *   jump is drawn still and says so). "Paused view" hands the stage a frozen fork of the window to scrub
 *   while ingestion goes on.
 * - Counters (events, window, dropped) update every frame; highlights (410/relist, bookmark, reconnect…,
 *   highlight-list.ts) are listed as they arrive, newest first; clicking one pauses the view at its step (if still in the window).
 * - "Hold the handlers" stops the informer popping its DeltaFIFO; "Export as trace" downloads the window
 *   as a trace file that "Open a trace file" (here) replays in the same stage.
 * - The learner's handler code (learner/code-panel.ts) sits beside the stage while following: applied to
 *   the running informers on Follow and on Apply; its log lines are traced and listed under it.
 * - `destroy()` stops the session (its watch is aborted) and removes everything.
 */
import { RESOURCES } from "../../src/index.js";
import { asKnown, type WorldReplay } from "../../src/sim/index.js";
import { h } from "../shell/dom";
import type { StageHandle } from "../views/stage/stage.js";
import { connectScreen } from "./connect-screen.js";
import { HighlightList } from "./highlight-list.js";
import { LIVE_TEXT, type LiveLocale } from "./live-i18n.js";
import { checkResources, LiveSession, MAX_WATCHES } from "./live-session.js";
import { downloadTrace, exportTrace, parseTraceFile } from "./trace-file.js";
import { CodePanel } from "./learner/code-panel.js";
import { channelTask, urgentTask } from "./tasks.js";
import "./live.css";

/** Wall-clock milliseconds per frame spent folding new events into the window. */
const SETTLE_MS = 6;
/** While more than this many events wait to be folded, the stage is re-loaded only every CATCH_UP_MS. */
const CATCH_UP_EVENTS = 2_000;
const CATCH_UP_MS = 200;
/** Folding time in a fold that also posts a stage re-load. */
const LOAD_FRAME_SETTLE_MS = 2;

export interface LiveView { root: HTMLElement; destroy(): void }

export function mountLiveView(locale: LiveLocale, reducedMotion: boolean): LiveView {
  const t = LIVE_TEXT[locale];
  let session: LiveSession | undefined;
  let stage: StageHandle | undefined;
  let following = true;
  let shownVersion = -1;
  let nextLoadAt = 0, lastLoadAt = 0;
  let raf = 0, destroyed = false;
  /** A stage re-load is posted (loadStage, its own task); the frame it was posted from had folded everything. */
  let loadPosted = false, loadSettled = false;
  let firstFrameDue = false;
  /** The last load was a catch-up jump (drawn still), and the absolute event count it showed. */
  let stillShown = false, shownAt = 0;
  const loadTask = channelTask(() => loadStage());
  // The style and layout of what a load wrote, in a task of their own after it: the next frame then only paints.
  const layoutTask = urgentTask(() => { const t0 = performance.now(); if (!destroyed) void stageBox.offsetHeight; nextLoadAt += (performance.now() - t0) * 3; });
  let settlePosted = false;   // the frame posted the fold (settleTask, its own task)
  const foldTask = channelTask(() => settleTask());

  const connect = connectScreen(t, () => void start(), (f) => openFile(f));
  const hl = new HighlightList(t, (seq, first) => seekSeq(seq, first));

  const statusEl = h("span", { class: "live-status", "data-testid": "live-status" });
  const eventsEl = h("span", { "data-testid": "live-events" });
  const windowEl = h("span", { "data-testid": "live-window" });
  const droppedEl = h("span", { "data-testid": "live-dropped" });
  const followBtn = h("button", { type: "button", class: "button", "data-testid": "live-follow", "aria-pressed": "true" }, t.follow);
  const holdBtn = h("button", { type: "button", class: "button", "data-testid": "live-hold", "aria-pressed": "false", title: t.holdHint }, t.hold);
  const exportBtn = h("button", { type: "button", class: "button", "data-testid": "live-export" }, t.export);
  const stopBtn = h("button", { type: "button", class: "button", "data-testid": "live-stop" }, t.stop);
  // Over the stage while it catches up with a burst (the initial list): the stage jumps ahead, the token rests.
  const catchUpEl = h("p", { class: "live-catching-up small", "data-testid": "live-catching-up", role: "status", title: t.catchingUp, hidden: true }, t.catchingUp);
  const stageBox = h("div", { class: "live-stage" }, catchUpEl);
  let code: CodePanel | undefined;
  const codeBox = h("div", { class: "live-code-box", hidden: true });
  const bar = h("div", { class: "live-bar" }, statusEl, eventsEl, windowEl, droppedEl, h("span", { class: "live-fill" }), followBtn, holdBtn, exportBtn, stopBtn);
  const runEl = h("section", { class: "live-run", "data-testid": "live-run", hidden: true },
    bar, h("p", { class: "live-note small" }, t.notReproducible),
    h("div", { class: "live-body" }, codeBox, stageBox, h("aside", { class: "live-side" }, h("h2", {}, t.highlights), hl.root)));
  const root = h("main", { class: "live", "data-testid": "live-view" }, connect.root, runEl);

  async function ensureStage(): Promise<StageHandle> {
    if (stage !== undefined) return stage;
    const { mountStage } = await import("../views/stage/stage.js");
    stage = mountStage(stageBox, { locale, reducedMotion });
    // The paused view's step marks its line in the learner's editor (when it is the learner's code).
    stage.onStep((step) => {
      if (following || shownReplay === undefined) return;
      const raw = shownReplay.events[step - 1];
      code?.showStep(raw === undefined ? undefined : asKnown(raw));
    });
    return stage;
  }

  /** Pauses the view and shows the step of trace event `seq` (if it is still in the window). */
  function seekSeq(seq: number, first = session?.window.events[0]?.seq ?? 1): void {
    if (stage === undefined) return;
    setFollowing(false);
    const step = seq - (shownReplay?.events[0]?.seq ?? first) + 1;
    if (step >= 1) stage.seek(step);
  }

  function ensureCode(): CodePanel {
    code ??= new CodePanel({
      locale, base: `${location.origin}/k8s`, onSeekSeq: (seq) => seekSeq(seq),
      policy: () => ({ allowWrites: connect.info()?.allowWrites ?? false, namespace: connect.info()?.namespace ?? "default" }),
    });
    if (code.root.parentElement !== codeBox) codeBox.append(code.root);
    return code;
  }

  /** The replay the stage shows: the live window's while following, a frozen fork while paused. */
  let shownReplay: WorldReplay | undefined;

  function setFollowing(on: boolean): void {
    following = on;
    followBtn.setAttribute("aria-pressed", String(on));
    followBtn.textContent = on ? t.follow : t.paused;
    if (on) {
      shownVersion = -1;
      code?.showStep(null);
    }
    else if (session !== undefined && stage !== undefined) {
      const t0 = performance.now();
      session.window.settle(() => performance.now() - t0 < 30);   // a burst still settling: fork what is settled
      const fork = session.window.replay.fork();
      shownReplay = fork;
      stage.load({ trace: fork.events, log: [], hash: "" }, { replay: fork, follow: true });
    }
  }

  /** Sets `el`'s text only when it changed (an unchanged counter then costs no layout). */
  const setText = (el: HTMLElement, text: string) => { if (el.textContent !== text) el.textContent = text; };

  function frame(): void {
    raf = 0;
    if (destroyed || session === undefined) return;
    const w = session.window;
    setText(eventsEl, t.events(w.appended));
    setText(windowEl, t.window(w.maxEvents, Math.round(w.maxAgeMs / 60_000)));
    setText(droppedEl, t.dropped(w.dropped));
    droppedEl.dataset["dropped"] = String(w.dropped);
    eventsEl.dataset["count"] = String(w.appended);
    hl.render(session.window.events[0]?.seq ?? 1);
    code?.frame(performance.now());
    const showCatchUp = following && (w.pending > CATCH_UP_EVENTS || (stillShown && performance.now() - lastLoadAt < 400));
    if (catchUpEl.hidden === showCatchUp) catchUpEl.hidden = !showCatchUp;
    // The first stage frame that shows the whole initial list (the live bench measures list → frame): this
    // frame paints what the last load put in the DOM, and that load had every event traced so far folded in.
    if (firstFrameDue && performance.getEntriesByName("live:first-frame").length === 0) performance.mark("live:first-frame");
    firstFrameDue = false;
    // The fold runs in a task of its own, right after this frame's (which keeps the browser's layout and
    // paint of the last load): fold and paint were one task of up to ~12 + ~20 ms while catching up.
    if (!settlePosted) { settlePosted = true; foldTask.post(); }
    raf = requestAnimationFrame(frame);
  }

  function settleTask(): void {
    settlePosted = false;
    if (destroyed || session === undefined) return;
    const w = session.window;
    const t0 = performance.now();
    // Catching up with a burst (the initial list): fold longer, show a step only every CATCH_UP_MS.
    const catchingUp = w.pending > CATCH_UP_EVENTS;
    const loadDue = following && stage !== undefined && (w.pending > 0 || w.settledVersion !== shownVersion)
      && t0 >= (catchingUp ? Math.max(nextLoadAt, lastLoadAt + CATCH_UP_MS) : nextLoadAt);
    const budget = loadDue ? LOAD_FRAME_SETTLE_MS : catchingUp ? 2 * SETTLE_MS : SETTLE_MS;
    const settled = w.settle(() => performance.now() - t0 < budget);
    if (loadDue && stage !== undefined && w.settledVersion !== shownVersion && !loadPosted) {
      // The re-load runs in a task of its own, right after this one, and is painted next frame: frame
      // (layout, paint), fold and load are three tasks (the 50 ms budget on a machine shared with the cluster).
      loadPosted = true;
      loadSettled = settled;
      loadTask.post();
    }
  }

  function loadStage(): void {
    loadPosted = false;
    if (destroyed || session === undefined || stage === undefined || !following) return;
    const w = session.window;
    if (w.settledVersion === shownVersion) return;
    // Mid-burst the window may be empty a moment (an old burst folds into its base): keep the last step shown.
    if (w.replay.length === 0 && shownReplay === w.replay) return;
    const now = (lastLoadAt = performance.now());
    shownVersion = w.settledVersion;
    shownReplay = w.replay;
    // Catching up (a burst still pending, or a jump of thousands of events): no token travels an edge.
    const at = w.dropped + w.replay.length;
    stillShown = w.pending > CATCH_UP_EVENTS || at - shownAt > CATCH_UP_EVENTS;
    shownAt = at;
    stageBox.dataset["still"] = String(stillShown);
    stage.load({ trace: w.replay.events, log: [], hash: "" }, { replay: w.replay, follow: true, still: stillShown });
    const cost = performance.now() - now;
    nextLoadAt = performance.now() + cost * 3;          // a load (and its layout task) costs at most ~25 % of the main thread
    layoutTask.post();
    root.dataset["shownEvents"] = String(w.dropped + w.replay.length);
    // Nothing is folded between the frame's settle and here (only frames fold): settled then is settled now.
    if (loadSettled && session.hasSynced() && performance.getEntriesByName("live:list-arrived").length > 0) firstFrameDue = true;
  }

  async function start(): Promise<void> {
    const names = connect.picked();
    const problem = checkResources(names);
    if (problem !== undefined) {
      connect.showError(problem.kind === "none" ? t.noResource : problem.kind === "twice" ? t.twice(problem.resource) : t.tooMany(problem.picked, MAX_WATCHES));
      return;
    }
    connect.clearError();
    const resources = names.map((n) => RESOURCES[n]).filter((r) => r !== undefined);
    const namespace = resources.some((r) => r.namespaced) ? connect.namespace() : "";
    await ensureStage();
    session?.stop();
    session = new LiveSession({
      base: `${location.origin}/k8s`, resources,
      ...(namespace !== "" ? { namespace } : {}), ...(connect.selector() !== "" ? { labelSelector: connect.selector() } : {}),
    });
    hl.reset();
    const panel = ensureCode();
    codeBox.hidden = false;
    runEl.classList.add("with-code");
    session.onEvent((e) => {
      hl.onEvent(e);
      panel.onEvent(e);
    });
    statusEl.textContent = t.following(names.join(", "), namespace);
    runEl.hidden = false;
    connect.compact();
    holdBtn.hidden = false;
    followBtn.hidden = false;
    setFollowing(true);
    session.start();
    panel.follow(session, resources.map((r) => r.resource), namespace);
    if (raf === 0) raf = requestAnimationFrame(frame);
  }

  followBtn.addEventListener("click", () => setFollowing(!following));
  holdBtn.addEventListener("click", () => {
    if (session === undefined) return;
    session.hold(!session.held);
    holdBtn.setAttribute("aria-pressed", String(session.held));
    holdBtn.textContent = session.held ? t.release : t.hold;
  });
  stopBtn.addEventListener("click", () => { code?.unfollow(); session?.stop(); statusEl.textContent = `${statusEl.textContent ?? ""} · ${t.stop}`; });
  exportBtn.addEventListener("click", () => {
    if (session === undefined) return;
    const w = session.window;
    w.settle();
    const text = exportTrace({
      live: { context: connect.info()?.context ?? "", server: connect.info()?.server ?? "", resource: connect.picked().join(","), namespace: connect.namespaceInput(),
        exportedAt: new Date().toISOString(), dropped: w.dropped },
      base: w.baseWorld(), trace: w.events.slice(),
    });
    downloadTrace(text, `live-${connect.picked().join("+")}-${new Date().toISOString().replace(/[:.]/g, "-")}.trace.json`);
  });
  function openFile(f: File): void {
    void f.text().then(async (text) => {
      let file;
      try { file = parseTraceFile(text); } catch (e) { connect.showError(t.badFile(e instanceof Error ? e.message : String(e))); return; }
      connect.clearError();
      code?.unfollow();
      codeBox.hidden = true;
      runEl.classList.remove("with-code");
      session?.stop();
      session = undefined;
      const s = await ensureStage();
      runEl.hidden = false;
      connect.compact();
      statusEl.textContent = t.replaying(f.name);
      holdBtn.hidden = true;
      followBtn.hidden = true;
      eventsEl.textContent = t.events(file.trace.length);
      droppedEl.textContent = t.dropped(file.live.dropped);
      hl.clear();
      s.load({ trace: file.trace, log: [], hash: "" }, { base: file.base });
    });
  }

  void connect.loadInfo();
  // Monaco loads, evaluates and builds the code panel's editor (~100 + ~85 ms tasks that cannot be cut) while
  // the learner reads the connect screen, not while the stage takes in the initial list (the live bench).
  void import("../editor/load-monaco").then((m) => m.loadMonaco()).then(() => { if (!destroyed) ensureCode().ensureEditor(); }, () => undefined);
  return {
    root,
    destroy() {
      destroyed = true;
      if (raf !== 0) cancelAnimationFrame(raf);
      for (const c of [loadTask, layoutTask, foldTask]) c.close();
      code?.destroy();
      session?.stop();
      stage?.destroy();
      root.remove();
    },
  };
}
