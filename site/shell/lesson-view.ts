/**
 * LessonView — one open lesson (or the sandbox): the three panes and the run loop.
 *
 *   edit ─(debounce)→ compile in the TS worker ─ errors? → list them, keep the last good run
 *                                              └ ok + live → run the same recorded inputs, keep the step
 *   Run / Mod+Enter → compile → run in the worker → stage.load(run) from step 1, log, goals
 *   stage action at step N → appended to the inputs at its virtual time → run again, keep step N
 *
 * Safety: a "run pending" marker is written before each run and cleared when it finishes; a lesson whose
 * last run of the same code did not finish is shown but not run on open (safe boot).
 */
import type { RunResult, TimedOp, Scenario } from "../../src/scenario/index.js";
import type { TraceEvent } from "../../src/sim/index.js";
import { loadMonaco } from "../editor/load-monaco";
import type { CompileOutput, Diagnostic, EditorFacade } from "../editor/create-editor";
import type { Locale, Translate } from "../i18n/index";
import type { LoadedLesson } from "../lessons/index";
import { Runner, type GoalOutcome, type StopReason } from "../runner/runner";
import type { Drafts } from "../storage/drafts";
import type { Progress } from "../storage/progress";
import { shareHash, type SharePayload } from "../storage/share";
import type { Prefs } from "../storage/prefs";
import { clear, h, icon } from "./dom";
import { isDark } from "./theme";
import { makeGutter } from "./splitter";
import type { MountStage, StageHandle } from "./stage-types";
import { ErrorBanner } from "./error-banner";
import { PredictController, predictAnswers } from "../lessons/predict";
import { openStore } from "../storage/store";
import { LogView } from "./log-view";
import { decideGoals } from "../runner/decide-goals";
import { goalReasonNode } from "../lessons/goal-reason";
import { hashText } from "../storage/hash";

export interface LessonSource {
  /** "sandbox" for the free playground. */
  id: string;
  lesson?: LoadedLesson;
  scenario: Scenario;
  starter: string;
  solution?: string;
  title: Record<Locale, string>;
}

export interface LessonViewDeps {
  t: () => Translate;
  locale: () => Locale;
  drafts: Drafts;
  progress: Progress;
  prefs: Prefs;
  savePrefs(): void;
  errors: ErrorBanner;
  runner: Runner;
  loadStage(): Promise<MountStage>;
  reducedMotion: boolean;
  nav: { prev?: { id: string; title: string }; next?: { id: string; title: string } };
}

export interface RestoreState {
  code: string;
  actions: TimedOp[];
  step: number;
  hintsShown: number;
  solutionShown: boolean;
}

/** Which source a run was compiled from (issue 13): every run, its log, goals and stage carry it. */
interface RunSource {
  lesson: string;
  hash: string;
  kind: "starter" | "solution" | "shared" | "edited";
}

type GoalStatus = { status: "pending" | "pass" | "fail"; message?: string; reason?: GoalOutcome["reason"]; step?: number; seed?: number };

const LIVE_DEBOUNCE_MS = 450;

/** Goal titles use `code` spans (markdown-style); render them as <code>, everything as text (never HTML). */
function inlineCode(text: string): Array<string | HTMLElement> {
  return text.split(/(`[^`]+`)/).filter((p) => p !== "").map((p) => (p.startsWith("`") && p.endsWith("`") ? h("code", {}, p.slice(1, -1)) : p));
}

export class LessonView {
  readonly root: HTMLElement;
  private editor: EditorFacade | undefined;
  private stage: StageHandle | undefined;
  private code: string;
  private actions: TimedOp[] = [];
  private currentStep = 0;
  private lastGood: RunResult | undefined;
  private diagnostics: Diagnostic[] = [];
  private goalStatus = new Map<string, GoalStatus>();
  private hintsShown = 0;
  private running = false;
  private solutionShown = false;
  private fromShare = false;
  private destroyed = false;
  private compileTimer: ReturnType<typeof setTimeout> | undefined;
  private compileSeq = 0;
  private runSeq = 0;
  private pendingShareStep: number | undefined;
  private lastMs = 0;
  private goalsNote: string | undefined;
  /** Predict-then-reveal cards of the prose (site/lessons/predict.ts). */
  private predict: PredictController | undefined;

  // elements
  private readonly lessonPane: HTMLElement;
  private readonly editorPane: HTMLElement;
  private readonly stagePane: HTMLElement;
  private readonly editorBox: HTMLElement;
  private readonly problems: HTMLElement;
  private readonly logList: HTMLElement;
  private readonly logView: LogView;
  private readonly goalsList: HTMLElement;
  private readonly hintsBox: HTMLElement;
  private readonly notice: HTMLElement;
  private readonly status: HTMLElement;
  private readonly sourceTag: HTMLElement;
  private readonly runBtn: HTMLButtonElement;
  private readonly liveBox: HTMLInputElement;
  private readonly diffBtn: HTMLButtonElement;
  private readonly goBox: HTMLElement;
  private readonly sharePop: HTMLElement;

  constructor(private readonly src: LessonSource, private readonly deps: LessonViewDeps, share?: SharePayload, restore?: RestoreState) {
    const t = deps.t();
    const starter = src.starter;
    const draft = deps.drafts.load(src.id, starter);
    this.code = restore?.code ?? share?.code ?? draft ?? starter;
    if (share) {
      this.actions = share.actions;
      this.pendingShareStep = share.step;
      this.fromShare = true;
    }
    if (restore) {
      this.actions = restore.actions;
      this.pendingShareStep = restore.step;
      this.hintsShown = restore.hintsShown;
      this.solutionShown = restore.solutionShown;
    }

    // ── lesson pane ──
    this.goalsList = h("ol", { class: "goals", "data-testid": "goals" });
    this.hintsBox = h("div", { class: "hints" });
    this.lessonPane = h("section", { class: "pane pane-lesson", "aria-label": t("pane.lesson") });
    // ── editor pane ──
    this.runBtn = h("button", { type: "button", class: "button primary", "data-testid": "run", title: t("editor.run.title"), onclick: () => void this.run("run") }, icon("run"), h("span", {}, t("editor.run")));
    this.liveBox = h("input", { type: "checkbox", "data-testid": "live", checked: deps.prefs.live ?? true });
    this.liveBox.addEventListener("change", () => {
      deps.prefs.live = this.liveBox.checked;
      deps.savePrefs();
    });
    this.diffBtn = h("button", { type: "button", class: "button", "data-testid": "diff", title: t("editor.diff.title"), onclick: () => this.toggleDiff() }, t("editor.diff"));
    const hasSolution = src.solution !== undefined && src.solution !== "";
    this.sharePop = h("div", { class: "share-pop", hidden: true, role: "status" });
    const toolbar = h("div", { class: "toolbar", role: "toolbar", "aria-label": t("pane.editor") },
      this.runBtn,
      h("label", { class: "live", title: t("editor.live.title") }, this.liveBox, h("span", {}, t("editor.live"))),
      h("span", { class: "toolbar-sep" }),
      h("button", { type: "button", class: "button", "data-testid": "format", onclick: () => void this.editor?.format() }, t("editor.format")),
      h("button", { type: "button", class: "button", "data-testid": "reset", title: t("editor.reset.title"), onclick: () => this.reset() }, t("editor.reset")),
      hasSolution && this.diffBtn,
      hasSolution && h("button", { type: "button", class: "button", "data-testid": "show-solution", onclick: () => this.showSolution() }, t("editor.solution")),
      h("span", { class: "toolbar-fill" }),
      h("button", { type: "button", class: "icon-button bordered", "data-testid": "share", title: t("editor.share.title"), "aria-label": t("editor.share"), onclick: () => void this.share() }, icon("share")),
      this.sharePop,
    );
    this.status = h("span", { class: "run-status", "aria-live": "polite" }, t("run.status.idle"));
    this.sourceTag = h("span", { class: "run-source muted", "data-testid": "run-source", hidden: true });
    this.notice = h("div", { class: "notice", hidden: true, role: "status" });
    this.editorBox = h("div", { class: "editor", "data-testid": "editor" },
      h("pre", { class: "editor-fallback" }, this.code),
      h("div", { class: "editor-loading" }, t("editor.loading")));
    this.goBox = h("div", { class: "go-source prose", hidden: true, html: src.lesson?.goHtml ?? "" });
    const tabs = src.lesson?.goHtml
      ? h("div", { class: "tabs", role: "tablist" },
          h("button", { type: "button", role: "tab", class: "tab", "aria-selected": "true", onclick: (ev: MouseEvent) => this.showTab("ts", ev) }, t("editor.tab.ts")),
          h("button", { type: "button", role: "tab", class: "tab", "aria-selected": "false", "data-testid": "go-tab", onclick: (ev: MouseEvent) => this.showTab("go", ev) }, t("editor.tab.go")))
      : h("div", { class: "tabs" }, h("span", { class: "tab static" }, t("editor.tab.ts")));
    this.problems = h("ul", { class: "problems", "aria-label": t("editor.problems") });
    this.logView = new LogView(deps.t, (step) => this.stage?.seek(step));
    this.logList = this.logView.element;
    const logSection = h("section", { class: "log-section" },
      h("h2", { class: "section-title" }, t("log.title"), this.sourceTag, this.status),
      this.logList, this.logView.more);
    const hGutter = h("div", { class: "gutter gutter-h", "aria-label": t("pane.resize") });
    const editorStack = h("div", { class: "editor-stack" },
      h("div", { class: "editor-area" }, h("div", { class: "tabs-row" }, tabs), deps.errors.element, this.notice, this.editorBox, this.goBox, this.problems),
      hGutter, logSection);
    this.editorPane = h("section", { class: "pane pane-editor", "aria-label": t("pane.editor") }, toolbar, editorStack);
    // ── stage pane ──
    this.stagePane = h("section", { class: "pane pane-stage", "data-testid": "stage", "aria-label": t("pane.stage") });

    const g1 = h("div", { class: "gutter gutter-v", "aria-label": t("pane.resize") });
    const g2 = h("div", { class: "gutter gutter-v", "aria-label": t("pane.resize") });
    this.root = h("main", { class: "workspace" }, this.lessonPane, g1, this.editorPane, g2, this.stagePane);
    const panes = deps.prefs.panes ?? [0.27, 0.37];
    const applySizes = () => {
      this.root.style.setProperty("--w-lesson", `${(panes[0] * 100).toFixed(2)}%`);
      this.root.style.setProperty("--w-editor", `${(panes[1] * 100).toFixed(2)}%`);
    };
    applySizes();
    makeGutter(g1, { orientation: "vertical", container: () => this.root, get: () => panes[0], set: (f) => { panes[0] = f; applySizes(); }, min: 0.15, max: 0.5, done: () => { deps.prefs.panes = panes; deps.savePrefs(); } });
    makeGutter(g2, { orientation: "vertical", container: () => this.root, get: () => panes[1], offset: () => panes[0], set: (f) => { panes[1] = f; applySizes(); }, min: 0.2, max: 0.6, done: () => { deps.prefs.panes = panes; deps.savePrefs(); } });
    let split = deps.prefs.editorSplit ?? 0.68;
    const applySplit = () => editorStack.style.setProperty("--h-editor", `${(split * 100).toFixed(2)}%`);
    applySplit();
    makeGutter(hGutter, { orientation: "horizontal", container: () => editorStack, get: () => split, set: (f) => { split = f; applySplit(); }, min: 0.25, max: 0.88, done: () => { deps.prefs.editorSplit = split; deps.savePrefs(); } });

    for (const g of src.lesson?.goals ?? []) this.goalStatus.set(g.id, { status: "pending" });
    this.predict = new PredictController({ answers: predictAnswers(openStore(), src.id), t: deps.t, seek: (step) => this.stage?.seek(step), reducedMotion: deps.reducedMotion });
    this.renderLesson();
    this.renderGoals();
    this.renderLog(undefined);
    this.renderProblems();
    void this.boot(share, restore !== undefined);
  }

  // ───────────────────────────── boot ─────────────────────────────

  private async boot(share: SharePayload | undefined, restored: boolean): Promise<void> {
    const t = this.deps.t();
    const safe = share === undefined && this.deps.drafts.lastRunUnfinished(this.src.id, this.code);
    if (safe) this.showNotice(t("notice.safeBoot"), "warn");
    else if (share) this.showNotice(t("notice.shared"), "info");
    const stageP = this.deps.loadStage().then((mount) => {
      if (this.destroyed) return;
      this.stage = mount(this.stagePane, { locale: this.deps.locale(), reducedMotion: this.deps.reducedMotion });
      (window as unknown as { __stage?: StageHandle }).__stage = this.stage; // for bench/ui.mjs
      this.stage.onStep((s) => this.onStep(s));
      this.stage.onAction((op) => this.onAction(op));
      this.stage.setStepGate?.((from, to) => this.predict?.gate(from, to) ?? true);
    });
    try {
      const m = await loadMonaco();
      if (this.destroyed) return;
      const { createEditor } = await import("../editor/create-editor");
      clear(this.editorBox);
      this.editor = createEditor(this.editorBox, m, { text: this.code, dark: isDark(), ariaLabel: t("pane.editor") });
      this.editor.onDidChange((text) => this.onEdit(text));
      this.editor.onRun(() => void this.run("run"));
    } catch (e) {
      this.editorBox.querySelector(".editor-loading")?.replaceWith(h("p", { class: "editor-failed" }, t("editor.failed", { message: e instanceof Error ? e.message : String(e) })));
      return;
    }
    await stageP;
    if (this.destroyed) return;
    if (!safe) await this.run(share ? "share" : restored ? "action" : "boot");
    else void this.compileOnly();
  }

  // ───────────────────────────── editing ─────────────────────────────

  private onEdit(text: string): void {
    this.code = text;
    this.fromShare = false;
    this.deps.drafts.save(this.src.id, this.src.starter, text);
    if (this.compileTimer !== undefined) clearTimeout(this.compileTimer);
    this.compileTimer = setTimeout(() => {
      if (this.liveBox.checked && !this.running) void this.run("live");
      else void this.compileOnly();
    }, LIVE_DEBOUNCE_MS);
  }

  private async compileOnly(): Promise<CompileOutput | undefined> {
    if (!this.editor) return undefined;
    const seq = ++this.compileSeq;
    const out = await this.editor.compile();
    if (seq !== this.compileSeq || this.destroyed) return undefined;
    this.diagnostics = out.diagnostics;
    this.renderProblems();
    if (out.diagnostics.length > 0) this.deps.errors.show("compile", this.deps.t()("error.compile", { n: out.diagnostics.length }));
    else this.deps.errors.clear("compile");
    return out;
  }

  // ───────────────────────────── running ─────────────────────────────

  /** Compiles and runs. `live`/`action` keep the current step; the others start playback at step 1. */
  async run(reason: "run" | "live" | "action" | "boot" | "share" | "solution", attempt = 0): Promise<void> {
    if (!this.editor || this.destroyed) return;
    if (reason === "run" && this.running) return;
    if (reason === "run") performance.mark("ip:run-click");
    if (this.compileTimer !== undefined) clearTimeout(this.compileTimer);
    const t = this.deps.t();
    this.setStatus(t("run.status.compiling"));
    const out = await this.compileOnly();
    if (out === undefined) {
      if (!this.running) this.setStatus(this.lastGood ? this.statusOf(this.lastGood) : t("run.status.idle"));
      return;
    }
    if (out.diagnostics.length > 0) {
      this.setStatus(this.lastGood ? this.statusOf(this.lastGood) : t("run.status.idle"));
      return;
    }
    // A program runs only in this lesson and for the text in the editor now (issue 13); otherwise compile again.
    if (out.sourceHash !== hashText(this.editor.getText())) {
      if (attempt < 2) return this.run(reason, attempt + 1);
      this.setStatus(this.lastGood ? this.statusOf(this.lastGood) : t("run.status.idle"));
      return;
    }
    const source: RunSource = { lesson: this.src.id, hash: out.sourceHash, kind: this.sourceKind(out.source) };
    const seq = ++this.runSeq;
    const keepStep = reason === "live" || reason === "action";
    const stepToKeep = this.currentStep;
    const countable = !this.solutionShown && !this.fromShare && reason !== "solution" &&
      (this.src.solution === undefined || out.source.trim() !== this.src.solution.trim());
    this.setRunning(true);
    this.setStatus(t("run.status.running"));
    this.deps.drafts.markRunStarted(this.src.id, out.source);
    if (reason !== "live" && reason !== "action") for (const [id] of this.goalStatus) this.goalStatus.set(id, { status: "pending" });
    this.goalsNote = undefined;
    this.renderGoals();
    let main: RunResult | undefined;
    await this.deps.runner.run(
      { scenario: this.src.scenario, js: out.js, map: out.map, actions: this.actions, lessonId: this.src.lesson?.hasGoals ? this.src.id : undefined },
      {
        onResult: (result, info) => {
          if (seq !== this.runSeq || this.destroyed) return;
          main = info.stopped === undefined ? result : undefined;
          this.onResult(result, info.stopped, info.ms, keepStep ? stepToKeep : undefined, source);
          if (!this.src.lesson?.hasGoals) this.setRunning(false);
        },
        onGoals: (goals) => {
          if (seq !== this.runSeq || this.destroyed) return;
          this.onGoals(goals, countable, source, main);
          this.setRunning(false);
        },
        onFatal: (message, info) => {
          if (seq !== this.runSeq || this.destroyed) return;
          // A worker that failed or misbehaved did not crash the page: nothing to guard against on reopen.
          this.deps.drafts.markRunFinished(this.src.id);
          this.deps.errors.show("runtime", info?.unexpected ? t("error.unexpected", { why: message }) : t("error.worker", { message }));
          this.setRunning(false);
          this.setStatus(t("run.status.idle"));
        },
      },
    );
    if (seq === this.runSeq) this.setRunning(false);
  }

  private sourceKind(text: string): RunSource["kind"] {
    if (this.fromShare) return "shared";
    if (text === this.src.starter) return "starter";
    if (this.src.solution !== undefined && text.trim() === this.src.solution.trim()) return "solution";
    return "edited";
  }

  /** Labels the log, the goals and the stage with the source they show (visible in the log's title). */
  private showSource(source: RunSource, on: HTMLElement[]): void {
    const t = this.deps.t();
    for (const el of on) {
      el.dataset["sourceLesson"] = source.lesson;
      el.dataset["sourceHash"] = source.hash;
    }
    const what = t(`run.source.${source.kind}`);
    this.sourceTag.textContent = t("run.source", { what });
    this.sourceTag.title = t("run.source.title", { what, lesson: this.src.title[this.deps.locale()], hash: source.hash.slice(0, 7) });
    this.sourceTag.dataset["kind"] = source.kind;
    this.sourceTag.hidden = false;
  }

  private onResult(result: RunResult, stopped: StopReason | undefined, ms: number, keepStep: number | undefined, source: RunSource): void {
    const t = this.deps.t();
    if (source.lesson !== this.src.id) return; // never show another lesson's run
    const previous = this.lastGood;
    this.lastGood = result;
    this.renderLog(result);
    this.showSource(source, [this.logList, this.stagePane]);
    // Errors: a stopped run, a runtime error, or the first handler that threw.
    this.deps.errors.clear("timeout");
    this.deps.errors.clear("runtime");
    if (stopped !== undefined) {
      this.deps.errors.show("timeout", stopped === "timeout" ? t("error.timeout", { steps: result.trace.length })
        : stopped === "outputLimit" ? t("error.outputLimit", { steps: result.trace.length }) : t("error.eventLimit"));
    } else if (result.error?.kind === "timeout") {
      // runScenario's own budget: 100,000 trace events (the wall-clock budget is the page's kill above).
      this.deps.errors.show("timeout", t("error.eventLimit"));
    } else if (result.error !== undefined) {
      const e = result.error;
      this.deps.errors.show(e.kind === "compile" ? "compile" : e.kind === "timeout" ? "timeout" : "runtime",
        t("error.runtime", { where: e.line !== undefined ? t("error.runtime.line", { line: e.line }) : "", message: e.message }),
        e.line !== undefined ? () => this.editor?.revealLine(e.line!) : undefined);
    } else {
      const threw = result.trace.find((ev) => ev.kind === "handler.threw") as (TraceEvent & { message?: string; line?: number }) | undefined;
      if (threw !== undefined) {
        this.deps.errors.show("runtime",
          t("error.runtime", { where: threw.line !== undefined ? t("error.runtime.line", { line: threw.line }) : "", message: `${String(threw.message ?? "")} (${t("log.step", { step: threw.seq })})` }),
          threw.line !== undefined ? () => this.editor?.revealLine(threw.line!) : undefined);
      }
    }
    this.lastMs = Math.round(ms);
    this.setStatus(stopped !== undefined ? t("run.status.stopped", { steps: result.trace.length }) : t("run.status.done", { steps: result.trace.length, ms: Math.round(ms) }));
    if (this.stage) {
      // User Timing marks for `npm run bench` (bench/ui.mjs): Run → first frame, trace → seekable view.
      performance.mark("ip:load-start");
      this.predict?.setRun(result.trace);
      this.stage.load(result, { previous });
      performance.mark("ip:view-ready");
      requestAnimationFrame(() => performance.mark("ip:first-frame"));
      // Issue 14: the "run pending" marker goes only once the result is drawn (a frame after it was
      // painted), so a run that crashes the tab while drawing leaves it set and safe boot catches it.
      if (stopped === undefined) requestAnimationFrame(() => requestAnimationFrame(() => this.deps.drafts.markRunFinished(this.src.id)));
      const target = this.pendingShareStep ?? keepStep;
      this.pendingShareStep = undefined;
      if (target !== undefined && target > 0) this.stage.seek(Math.min(target, result.trace.length));
      else this.onStep(result.trace.length > 0 ? 1 : 0);
    }
    if (stopped !== undefined && this.src.lesson?.hasGoals) {
      // Not checked: the run did not finish. One note for all goals, each stays pending.
      for (const [id] of this.goalStatus) this.goalStatus.set(id, { status: "pending" });
      this.goalsNote = t("goal.stopped");
      this.renderGoals();
    }
  }

  private onGoals(reported: GoalOutcome[], countable: boolean, source: RunSource, main: RunResult | undefined): void {
    const t = this.deps.t();
    if (source.lesson !== this.src.id) return;
    this.showSource(source, [this.goalsList]);
    const { outcomes: goals, complete } = decideGoals(this.src.lesson?.checks ?? [], main, reported, this.src.scenario.seed);
    this.goalsNote = goals.length === 0 ? t("goal.stopped") : undefined;
    for (const g of goals) {
      const shownSeed = g.seed === this.src.scenario.seed;
      this.goalStatus.set(g.id, {
        status: g.pass ? "pass" : "fail",
        message: g.message,
        reason: g.reason,
        step: !g.pass && shownSeed ? g.failedAtStep : undefined,
        seed: shownSeed ? undefined : g.seed,
      });
    }
    this.renderGoals();
    const failedSteps = goals.filter((g) => !g.pass && g.seed === this.src.scenario.seed && g.failedAtStep !== undefined).map((g) => g.failedAtStep!);
    this.stage?.setFailedSteps?.(failedSteps);
    const allPass = complete && goals.length > 0 && goals.every((g) => g.pass);
    if (allPass && countable && this.src.lesson !== undefined) {
      this.deps.progress.markPassed(this.src.id);
      this.renderLesson();
      this.renderGoals();
    }
  }

  private onAction(op: TimedOp): void {
    this.actions = [...this.actions, op].sort((a, b) => a.at - b.at);
    void this.run("action");
  }

  private onStep(step: number): void {
    this.currentStep = step;
    this.logView.setStep(step);
  }

  // ───────────────────────────── editor actions ─────────────────────────────

  private reset(): void {
    const t = this.deps.t();
    if (this.code !== this.src.starter && !window.confirm(t("editor.reset.confirm"))) return;
    this.solutionShown = false;
    this.actions = [];
    this.editor?.setText(this.src.starter, { undoable: true });
    this.deps.drafts.clear(this.src.id, this.src.starter);
    this.hideNotice();
  }

  private showSolution(): void {
    const t = this.deps.t();
    if (this.src.solution === undefined) return;
    if (!window.confirm(t("editor.solution.confirm"))) return;
    this.solutionShown = true;
    this.editor?.hideDiff();
    this.editor?.setText(this.src.solution, { undoable: true });
    this.showNotice(t("lesson.solutionShown"), "info");
    if (this.compileTimer !== undefined) clearTimeout(this.compileTimer);
    void this.run("solution");
  }

  private toggleDiff(): void {
    const t = this.deps.t();
    if (!this.editor || this.src.solution === undefined) return;
    if (this.editor.diffShown) {
      this.editor.hideDiff();
      this.diffBtn.setAttribute("aria-pressed", "false");
      this.diffBtn.title = t("editor.diff.title");
    } else {
      this.showTab("ts");
      this.editor.showDiff(this.src.solution);
      this.diffBtn.setAttribute("aria-pressed", "true");
      this.diffBtn.title = t("editor.diff.close");
    }
  }

  private showTab(which: "ts" | "go", ev?: MouseEvent): void {
    const go = which === "go";
    this.goBox.hidden = !go;
    this.editorBox.hidden = go;
    const tabs = this.editorPane.querySelectorAll<HTMLElement>("[role=tab]");
    tabs.forEach((tab, i) => tab.setAttribute("aria-selected", String((i === 1) === go)));
    void ev;
  }

  private async share(): Promise<void> {
    const t = this.deps.t();
    const payload = { lesson: this.src.id, code: this.editor?.getText() ?? this.code, actions: this.actions, step: this.currentStep };
    const url = `${location.origin}${location.pathname}${shareHash(payload)}`;
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      copied = false;
    }
    clear(this.sharePop);
    const input = h("input", { type: "text", readonly: true, value: url, "data-testid": "share-url", "aria-label": t("editor.share") });
    this.sharePop.append(h("p", {}, copied ? t("editor.share.copied") : t("editor.share.manual")), input,
      h("button", { type: "button", class: "button small", onclick: () => { this.sharePop.hidden = true; } }, t("shortcuts.close")));
    this.sharePop.hidden = false;
    input.select();
  }

  // ───────────────────────────── rendering ─────────────────────────────

  private setRunning(running: boolean): void {
    this.running = running;
    this.runBtn.disabled = running;
    this.runBtn.classList.toggle("busy", running);
    this.stage?.setRunning(running);
  }

  private setStatus(text: string): void {
    this.status.textContent = text;
  }

  private statusOf(run: RunResult): string {
    return this.deps.t()("run.status.done", { steps: run.trace.length, ms: this.lastMs });
  }

  private showNotice(text: string, kind: "info" | "warn"): void {
    clear(this.notice);
    this.notice.append(icon(kind === "warn" ? "warn" : "info"), h("span", {}, text),
      h("button", { type: "button", class: "link-button", onclick: () => this.hideNotice() }, this.deps.t()("error.dismiss")));
    this.notice.dataset["kind"] = kind;
    this.notice.hidden = false;
  }

  private hideNotice(): void {
    this.notice.hidden = true;
  }

  private renderLesson(): void {
    const t = this.deps.t();
    const locale = this.deps.locale();
    clear(this.lessonPane);
    const lesson = this.src.lesson;
    const passed = lesson !== undefined && this.deps.progress.isPassed(this.src.id);
    const { prev, next } = this.deps.nav;
    const number = lesson ? String(lesson.order).padStart(2, "0") : "";
    this.lessonPane.append(
      h("nav", { class: "lesson-nav", "aria-label": t("nav.home") },
        h("a", { href: "#/", class: "crumb" }, icon("home"), h("span", {}, t("nav.home"))),
        h("span", { class: "nav-fill" }),
        prev ? h("a", { class: "button small", href: `#/lesson/${prev.id}`, "data-testid": "prev-lesson", title: `${t("nav.prev.title")}: ${prev.title}`, rel: "prev" }, icon("prev"), t("nav.prev")) : null,
        next ? h("a", { class: "button small", href: `#/lesson/${next.id}`, "data-testid": "next-lesson", title: `${t("nav.next.title")}: ${next.title}`, rel: "next" }, t("nav.next"), icon("next")) : null),
      h("header", { class: "lesson-head" },
        number ? h("span", { class: "lesson-number" }, number) : null,
        h("h1", { "data-testid": "lesson-title" }, this.src.title[locale]),
        passed ? h("span", { class: "badge pass", title: t("lesson.passed") }, icon("check"), t("map.passed")) : null),
      lesson ? h("p", { class: "lesson-summary" }, lesson.locales[locale].meta.summary) : h("p", { class: "lesson-summary" }, t("sandbox.body")),
    );
    if (lesson) {
      const goalsSection = h("section", { class: "card goals-card", "aria-label": t("lesson.goals") },
        h("h2", { class: "section-title" }, t("lesson.goals")),
        lesson.goals.length > 0 ? this.goalsList : h("p", { class: "muted" }, t("lesson.goals.none")));
      this.lessonPane.append(goalsSection);
      if (passed && next) {
        this.lessonPane.append(h("p", { class: "passed-banner" }, icon("check"), h("span", {}, t("lesson.passed")), " ",
          h("a", { href: `#/lesson/${next.id}` }, `${t("lesson.passed.next")} →`)));
      }
      this.lessonPane.append(h("article", { class: "prose", html: lesson.locales[locale].html }));
      this.predict?.attach(this.lessonPane);
      const hints = lesson.locales[locale].hints;
      if (hints.length > 0) {
        this.lessonPane.append(h("section", { class: "card hints-card" }, h("h2", { class: "section-title" }, icon("bulb"), t("lesson.hints")), this.hintsBox));
        this.renderHints();
      }
    }
  }

  private renderHints(): void {
    const t = this.deps.t();
    const hints = this.src.lesson?.locales[this.deps.locale()].hints ?? [];
    clear(this.hintsBox);
    hints.slice(0, this.hintsShown).forEach((html, i) => {
      this.hintsBox.append(h("div", { class: "hint-body" }, h("strong", {}, t("lesson.hint.label", { n: i + 1 })), h("div", { class: "prose", html })));
    });
    if (this.hintsShown < hints.length) {
      this.hintsBox.append(h("button", { type: "button", class: "button", "data-testid": "hint", onclick: () => { this.hintsShown++; this.renderHints(); } },
        this.hintsShown === 0 ? t("lesson.hint") : t("lesson.hint.next", { n: this.hintsShown + 1, total: hints.length })));
    } else {
      this.hintsBox.append(h("p", { class: "muted" }, t("lesson.hint.none")));
    }
  }

  private renderGoals(): void {
    const t = this.deps.t();
    const locale = this.deps.locale();
    clear(this.goalsList);
    if (this.goalsNote !== undefined) this.goalsList.append(h("li", { class: "goals-note" }, icon("warn"), h("span", {}, this.goalsNote)));
    for (const g of this.src.lesson?.goals ?? []) {
      const st = this.goalStatus.get(g.id) ?? { status: "pending" as const };
      const li = h("li", { class: `goal ${st.status}`, "data-testid": "goal", "data-goal": g.id, "data-status": st.status, ...(st.step !== undefined ? { "data-step": st.step } : {}) },
        h("span", { class: "goal-icon", title: t(`goal.${st.status}`) }, icon(st.status === "pass" ? "check" : st.status === "fail" ? "cross" : "dot")),
        h("div", { class: "goal-body" },
          h("span", { class: "goal-title" }, ...inlineCode(g.title[locale])),
          // The typed reason in the learner's language (site/lessons/goal-reason.ts).
          st.status === "fail"
            ? goalReasonNode(st, locale, t("goal.reason"), st.seed !== undefined ? ` ${t("goal.seed", { seed: st.seed })}` : "")
            : null,
          st.status === "fail" && st.step !== undefined
            ? h("button", { type: "button", class: "link-button", "data-testid": "goal-jump", onclick: () => this.stage?.seek(st.step!) }, `${t("goal.jump", { step: st.step })} →`)
            : null));
      this.goalsList.append(li);
    }
  }

  private renderLog(run: RunResult | undefined): void {
    this.logView.show(run?.log);
  }

  private renderProblems(): void {
    const t = this.deps.t();
    clear(this.problems);
    this.problems.hidden = this.diagnostics.length === 0;
    for (const d of this.diagnostics) {
      this.problems.append(h("li", { "data-testid": "diagnostic", "data-line": d.line, class: "diagnostic" },
        h("button", { type: "button", class: "link-button", onclick: () => this.editor?.revealLine(d.line) }, t("editor.line", { line: d.line })),
        h("span", {}, ` ${d.message}`), h("span", { class: "muted" }, ` TS${d.code}`)));
    }
  }

  /** What a re-mount (locale switch) needs to carry over. */
  snapshot(): RestoreState {
    return { code: this.editor?.getText() ?? this.code, actions: this.actions, step: this.currentStep, hintsShown: this.hintsShown, solutionShown: this.solutionShown };
  }

  setEditorTheme(dark: boolean): void {
    this.editor?.setTheme(dark);
  }

  /** Runs (Mod+Enter from anywhere on the page). */
  runFromShortcut(): void {
    void this.run("run");
  }

  destroy(): void {
    this.destroyed = true;
    if (this.compileTimer !== undefined) clearTimeout(this.compileTimer);
    this.deps.runner.cancel();
    this.editor?.dispose();
    this.stage?.destroy();
    this.root.remove();
  }
}
