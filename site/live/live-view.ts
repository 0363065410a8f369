/**
 * The #/live view (wire.md §7.5, UI.md live hooks): what the page is connected to, a resource /
 * namespace / label-selector picker, and the stage in live-follow mode over a LiveSession.
 *
 * Contract:
 * - Connect screen: `/live/info` (context, server, namespace, access; absent under `kubectl proxy`) and
 *   `/k8s/version` (gitVersion). States plainly that a live run is not reproducible.
 * - Follow: each animation frame settles the window for at most SETTLE_MS (its replay folds only the
 *   new events, wire.md §7.4) and re-loads the stage over that same replay, showing the newest settled
 *   step (less often when a load costs more: never more than ~25 % of the main thread). "Paused view"
 *   hands the stage a frozen fork of the window to scrub while ingestion goes on.
 * - Counters (events, window, dropped) update every frame; highlights (410/relist, bookmark, reconnect…)
 *   are listed as they arrive, newest first; clicking one pauses the view at its step (if still in the window).
 * - "Hold the handlers" stops the informer popping its DeltaFIFO; "Export as trace" downloads the window
 *   as a trace file that "Open a trace file" (here) replays in the same stage.
 * - The learner's handler code (learner/code-panel.ts) sits beside the stage while following: applied to
 *   the running informers on Follow and on Apply; its log lines are traced and listed under it.
 * - `destroy()` stops the session (its watch is aborted) and removes everything.
 */
import { RESOURCES } from "../../src/index.js";
import type { TraceEvent, WorldReplay } from "../../src/sim/index.js";
import { h } from "../shell/dom";
import type { StageHandle } from "../views/stage/stage.js";
import { highlightOf, newHighlightState, type Highlight, type HighlightState } from "./highlights.js";
import { LIVE_TEXT, type LiveLocale } from "./live-i18n.js";
import { checkResources, LiveSession, MAX_WATCHES } from "./live-session.js";
import { downloadTrace, exportTrace, parseTraceFile } from "./trace-file.js";
import { fetchInfo, fetchVersion, kubectlCommands, type LiveInfo } from "./connect-info.js";
import { CodePanel } from "./learner/code-panel.js";
import "./live.css";

const PICKABLE = ["pods", "deployments", "replicasets", "services", "configmaps", "nodes", "namespaces"];
const HIGHLIGHT_LIMIT = 60;
/** Wall-clock milliseconds per frame spent folding new events into the window. */
const SETTLE_MS = 6;
/** While more than this many events wait to be folded, the stage is re-loaded only every CATCH_UP_MS. */
const CATCH_UP_EVENTS = 2_000;
const CATCH_UP_MS = 200;

export interface LiveView { root: HTMLElement; destroy(): void }

export function mountLiveView(locale: LiveLocale, reducedMotion: boolean): LiveView {
  const t = LIVE_TEXT[locale];
  let info: LiveInfo | undefined;
  let session: LiveSession | undefined;
  let stage: StageHandle | undefined;
  let following = true;
  let shownVersion = -1;
  let nextLoadAt = 0;
  let lastLoadAt = 0;
  let raf = 0;
  let destroyed = false;
  let hlState: HighlightState = newHighlightState();
  const highlights: Highlight[] = [];
  let hlDirty = false;

  const dd = (id: string) => h("dd", { "data-testid": id }, "…");
  const ctxEl = dd("live-context"), serverEl = dd("live-server"), versionEl = dd("live-server-version"), nsInfoEl = dd("live-ns"), accessEl = dd("live-access");
  const errorEl = h("p", { class: "live-error", "data-testid": "live-error", role: "alert", hidden: true });
  // Several resources, one informer (and one watch) each, at most MAX_WATCHES (checked on Follow).
  const resourceBoxes = PICKABLE.map((r) => h("input", { type: "checkbox", value: r, checked: r === "pods", "data-resource": r }) as HTMLInputElement);
  const resourceSel = h("fieldset", { class: "live-resources", "data-testid": "live-resource", "aria-label": t.resource },
    ...resourceBoxes.map((b) => h("label", {}, b, h("span", {}, b.value))));
  const picked = () => resourceBoxes.filter((b) => b.checked).map((b) => b.value);
  const nsInput = h("input", { "data-testid": "live-namespace", "aria-label": t.namespace, value: "default", spellcheck: "false" });
  const selInput = h("input", { "data-testid": "live-selector", "aria-label": t.labelSelector, placeholder: "app=web", spellcheck: "false" });
  const startBtn = h("button", { type: "submit", class: "button primary", "data-testid": "live-start" }, t.start);
  const fileInput = h("input", { type: "file", accept: "application/json,.json", "data-testid": "live-open-trace" });
  const commands = h("pre", { class: "live-commands", "data-testid": "live-commands" });
  const picker = h("form", { class: "live-picker", onsubmit: (e: Event) => { e.preventDefault(); start(); } },
    h("div", { class: "live-field" }, h("span", {}, t.resource), resourceSel),
    h("label", {}, h("span", {}, t.namespace), nsInput),
    h("label", {}, h("span", {}, t.labelSelector), selInput),
    startBtn);
  const connect = h("section", { class: "live-connect", "data-testid": "live-connect" },
    h("h1", {}, t.title),
    h("dl", { class: "live-info" },
      h("dt", {}, t.context), ctxEl, h("dt", {}, t.server), serverEl, h("dt", {}, t.version), versionEl,
      h("dt", {}, t.namespace), nsInfoEl, h("dt", {}, t.access), accessEl),
    h("p", { class: "live-note", "data-testid": "live-not-reproducible" }, t.notReproducible),
    errorEl, picker,
    h("label", { class: "live-open" }, h("span", {}, t.openTrace), fileInput),
    h("p", {}, t.doSomething), commands);

  const statusEl = h("span", { class: "live-status", "data-testid": "live-status" });
  const eventsEl = h("span", { "data-testid": "live-events" });
  const windowEl = h("span", { "data-testid": "live-window" });
  const droppedEl = h("span", { "data-testid": "live-dropped" });
  const followBtn = h("button", { type: "button", class: "button", "data-testid": "live-follow", "aria-pressed": "true" }, t.follow);
  const holdBtn = h("button", { type: "button", class: "button", "data-testid": "live-hold", "aria-pressed": "false", title: t.holdHint }, t.hold);
  const exportBtn = h("button", { type: "button", class: "button", "data-testid": "live-export" }, t.export);
  const stopBtn = h("button", { type: "button", class: "button", "data-testid": "live-stop" }, t.stop);
  const hlList = h("ol", { class: "live-highlights", "data-testid": "live-highlights", "aria-label": t.highlights });
  const stageBox = h("div", { class: "live-stage" });
  let code: CodePanel | undefined;
  const codeBox = h("div", { class: "live-code-box", hidden: true });
  const bar = h("div", { class: "live-bar" }, statusEl, eventsEl, windowEl, droppedEl, h("span", { class: "live-fill" }), followBtn, holdBtn, exportBtn, stopBtn);
  const runEl = h("section", { class: "live-run", "data-testid": "live-run", hidden: true },
    bar, h("p", { class: "live-note small" }, t.notReproducible),
    h("div", { class: "live-body" }, codeBox, stageBox, h("aside", { class: "live-side" }, h("h2", {}, t.highlights), hlList)));
  const root = h("main", { class: "live", "data-testid": "live-view" }, connect, runEl);

  const showError = (m: string) => { errorEl.textContent = m; errorEl.hidden = false; };

  async function loadInfo(): Promise<void> {
    info = await fetchInfo();
    ctxEl.textContent = info?.context ?? "—";
    serverEl.textContent = info === undefined ? t.viaKubectlProxy : info.embedded ? `${info.server} (${t.embedded})` : info.server;
    nsInfoEl.textContent = info?.namespace ?? "default";
    accessEl.textContent = info === undefined ? "—" : info.allowWrites ? t.writes(info.namespace) : t.readOnly;
    if (info !== undefined) nsInput.value = info.namespace;
    commands.textContent = kubectlCommands(info);
    try {
      versionEl.textContent = await fetchVersion();
      if (info !== undefined) info.version = versionEl.textContent;
    } catch (e) {
      versionEl.textContent = "—";
      showError(t.connectError(e instanceof Error ? e.message : String(e)));
    }
  }

  async function ensureStage(): Promise<StageHandle> {
    if (stage !== undefined) return stage;
    const { mountStage } = await import("../views/stage/stage.js");
    stage = mountStage(stageBox, { locale, reducedMotion });
    return stage;
  }

  function addHighlight(hl: Highlight): void {
    highlights.unshift(hl);
    if (highlights.length > HIGHLIGHT_LIMIT) highlights.length = HIGHLIGHT_LIMIT;
    hlDirty = true;
  }

  function renderHighlights(): void {
    if (!hlDirty) return;
    hlDirty = false;
    const first = session?.window.events[0]?.seq ?? 1;
    hlList.replaceChildren(...highlights.map((x) => {
      const li = h("li", { "data-kind": x.kind, "data-seq": x.seq },
        h("time", {}, `${(x.time / 1000).toFixed(1)} s`), " ", x.text);
      li.addEventListener("click", () => seekSeq(x.seq, first));
      return li;
    }));
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
      policy: () => ({ allowWrites: info?.allowWrites ?? false, namespace: info?.namespace ?? "default" }),
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
    if (on) shownVersion = -1;
    else if (session !== undefined && stage !== undefined) {
      const t0 = performance.now();
      session.window.settle(() => performance.now() - t0 < 30);   // a burst still settling: fork what is settled
      const fork = session.window.replay.fork();
      shownReplay = fork;
      stage.load({ trace: fork.events as TraceEvent[], log: [], hash: "" }, { replay: fork, follow: true });
    }
  }

  function frame(): void {
    raf = 0;
    if (destroyed || session === undefined) return;
    const w = session.window;
    eventsEl.textContent = t.events(w.appended);
    windowEl.textContent = t.window(w.maxEvents, Math.round(w.maxAgeMs / 60_000));
    droppedEl.textContent = t.dropped(w.dropped);
    droppedEl.dataset["dropped"] = String(w.dropped);
    eventsEl.dataset["count"] = String(w.appended);
    renderHighlights();
    const t0 = performance.now();
    code?.frame(t0);
    // Catching up with a burst (the initial list): fold longer and show a step only every CATCH_UP_MS.
    const budget = w.pending > CATCH_UP_EVENTS ? 2 * SETTLE_MS : SETTLE_MS;
    const settled = w.settle(() => performance.now() - t0 < budget);
    const now = performance.now();
    const due = settled ? now >= nextLoadAt : now >= Math.max(nextLoadAt, lastLoadAt + CATCH_UP_MS);
    if (following && stage !== undefined && w.settledVersion !== shownVersion && due) {
      lastLoadAt = now;
      shownVersion = w.settledVersion;
      shownReplay = w.replay;
      stage.load({ trace: w.replay.events as TraceEvent[], log: [], hash: "" }, { replay: w.replay, follow: true });
      const cost = performance.now() - now;
      nextLoadAt = performance.now() + cost * 3;          // a load costs at most ~25 % of the main thread
      root.dataset["shownEvents"] = String(w.dropped + w.replay.length);
      // The first stage frame that shows the whole initial list (the live bench measures list → frame):
      // the informer has synced and every event it traced so far is folded into what the stage shows.
      if (settled && session.hasSynced() && performance.getEntriesByName("live:first-frame").length === 0
        && performance.getEntriesByName("live:list-arrived").length > 0) performance.mark("live:first-frame");
    }
    raf = requestAnimationFrame(frame);
  }

  async function start(): Promise<void> {
    const names = picked();
    const problem = checkResources(names);
    if (problem !== undefined) {
      showError(problem.kind === "none" ? t.noResource : problem.kind === "twice" ? t.twice(problem.resource) : t.tooMany(problem.picked, MAX_WATCHES));
      return;
    }
    errorEl.hidden = true;
    const resources = names.map((n) => RESOURCES[n]).filter((r) => r !== undefined);
    const namespace = resources.some((r) => r.namespaced) ? nsInput.value.trim() : "";
    await ensureStage();
    session?.stop();
    session = new LiveSession({
      base: `${location.origin}/k8s`, resources,
      ...(namespace !== "" ? { namespace } : {}), ...(selInput.value.trim() !== "" ? { labelSelector: selInput.value.trim() } : {}),
    });
    hlState = newHighlightState();
    highlights.length = 0;
    hlDirty = true;
    const panel = ensureCode();
    codeBox.hidden = false;
    runEl.classList.add("with-code");
    session.onEvent((e) => {
      const x = highlightOf(e, hlState, t);
      if (x !== undefined) addHighlight(x);
      panel.onEvent(e);
    });
    statusEl.textContent = t.following(names.join(", "), namespace);
    runEl.hidden = false;
    connect.classList.add("compact");
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
      live: { context: info?.context ?? "", server: info?.server ?? "", resource: picked().join(","), namespace: nsInput.value,
        exportedAt: new Date().toISOString(), dropped: w.dropped },
      base: w.baseWorld(), trace: w.events.slice(),
    });
    downloadTrace(text, `live-${picked().join("+")}-${new Date().toISOString().replace(/[:.]/g, "-")}.trace.json`);
  });
  fileInput.addEventListener("change", () => {
    const f = fileInput.files?.[0];
    if (f === undefined) return;
    void f.text().then(async (text) => {
      let file;
      try { file = parseTraceFile(text); } catch (e) { showError(t.badFile(e instanceof Error ? e.message : String(e))); return; }
      errorEl.hidden = true;
      code?.unfollow();
      codeBox.hidden = true;
      runEl.classList.remove("with-code");
      session?.stop();
      session = undefined;
      const s = await ensureStage();
      runEl.hidden = false;
      connect.classList.add("compact");
      statusEl.textContent = t.replaying(f.name);
      holdBtn.hidden = true;
      followBtn.hidden = true;
      eventsEl.textContent = t.events(file.trace.length);
      droppedEl.textContent = t.dropped(file.live.dropped);
      hlList.replaceChildren();
      s.load({ trace: file.trace, log: [], hash: "" }, { base: file.base });
    });
  });

  void loadInfo();
  return {
    root,
    destroy() {
      destroyed = true;
      if (raf !== 0) cancelAnimationFrame(raf);
      code?.destroy();
      session?.stop();
      stage?.destroy();
      root.remove();
    },
  };
}
