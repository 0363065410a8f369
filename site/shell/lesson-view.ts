/**
 * LessonView — one open lesson (or the sandbox): wires the lesson machine (site/machines/lesson.ts, the one
 * owner of the run lifecycle) to its three parts: the lesson pane (lesson/lesson-pane.ts), the editor
 * pane (lesson/editor-pane.ts) and the stage, laid out by lesson/workspace.ts. Reset, Show solution, Diff
 * and Share are lesson/editor-actions.ts; what the view is opened with is lesson/lesson-source.ts; the
 * "start from your lesson N code" offer is lesson/start-from.ts; the status line's words lesson/run-status-text.ts.
 *
 *   edit ─(machine: debounce)→ compile in the TS worker ─ errors? → list them, keep the last good run
 *                                                      └ ok + live → run the same recorded inputs, keep the step
 *   Run / Mod+Enter → compile → run in the worker → stage.load(run) from step 1, log, goals
 *   stage action at step N → appended to the inputs at its virtual time → run again, keep step N
 *
 * Safety: a "run pending" marker is written before each run and cleared when it finishes; a lesson whose
 * last run of the same code did not finish is shown but not run on open (safe boot).
 */
import { createActor, type Actor } from "xstate";
import { loadMonaco } from "../editor/load-monaco";
import { listLessons } from "../lessons/index";
import { PredictController, predictAnswers } from "../lessons/predict";
import { lessonMachine } from "../machines/lesson";
import { booting, runInFlight, runStatus } from "../machines/lesson-rules";
import type { LessonEmitted } from "../machines/lesson-types";
import type { SharePayload } from "../storage/share";
import { passingCode } from "../storage/passing-code";
import { openStore } from "../storage/store";
import { h } from "./dom";
import { EditorActions } from "./lesson/editor-actions";
import { EditorPane } from "./lesson/editor-pane";
import type { LessonSource, LessonViewDeps, RestoreState } from "./lesson/lesson-source";
import { LessonPane } from "./lesson/lesson-pane";
import { showRunErrors } from "./lesson/run-errors";
import { goalsNoteText, statusText } from "./lesson/run-status-text";
import { compileActor, runActor } from "./lesson/run-actors";
import { offerStartFrom } from "./lesson/start-from";
import { StepLine } from "./lesson/step-line";
import { mountWorkspace, type Workspace } from "./lesson/workspace";
import type { StageHandle } from "./stage-types";
import { bootGate, exposeForTests } from "./test-hooks";
import { isDark } from "./theme";

export class LessonView {
  readonly root: HTMLElement;
  private stage: StageHandle | undefined;
  private readonly code: string;
  private currentStep = 0;
  /** The step a live/action run keeps, or a shared link's / restored step (applied to the next result). */
  private stepToKeep: number | undefined;
  private pendingShareStep: number | undefined;
  private destroyed = false;
  private readonly predict: PredictController;
  private readonly lessonPane: LessonPane;
  private readonly editorPane: EditorPane;
  private readonly stagePane: HTMLElement;
  private readonly actor: Actor<typeof lessonMachine>;
  private readonly workspace: Workspace;
  /** The learner's code of their latest passing run per lesson (issue 20 item 6). */
  private readonly passing = passingCode(openStore());
  private readonly editorActions: EditorActions;
  /** The editor line of the current step (issue 21 item 10). */
  private readonly stepLine: StepLine;

  constructor(private readonly src: LessonSource, private readonly deps: LessonViewDeps, share?: SharePayload, restore?: RestoreState) {
    const t = deps.t();
    this.code = restore?.code ?? share?.code ?? deps.drafts.load(src.id, src.starter) ?? src.starter;
    this.pendingShareStep = restore?.step ?? share?.step;
    this.actor = createActor(lessonMachine.provide({
      actors: {
        compile: compileActor(() => this.editorPane.editor),
        run: runActor({ runner: deps.runner, scenario: src.scenario, lessonId: src.lesson?.hasGoals ? src.id : undefined, checks: src.lesson?.checks ?? [] }),
      },
    }), {
      input: {
        lessonId: src.id, starter: src.starter, solution: src.solution, seed: src.scenario.seed,
        goalIds: (src.lesson?.goals ?? []).map((g) => g.id), hasGoals: src.lesson?.hasGoals === true,
        live: deps.prefs.live ?? true,
        actions: restore?.actions ?? share?.actions ?? deps.drafts.loadActions(src.id, src.starter) ?? [],
        fromShare: share !== undefined && restore === undefined,
        solutionShown: restore?.solutionShown ?? false,
      },
    });
    this.editorActions = new EditorActions({
      t: deps.t, lessonId: src.id, starter: src.starter, solution: src.solution, code: this.code, drafts: deps.drafts,
      actor: this.actor, editorPane: () => this.editorPane, currentStep: () => this.currentStep,
    });
    this.predict = new PredictController({ answers: predictAnswers(openStore(), src.id), t: deps.t, seek: (step) => this.stage?.seek(step), reducedMotion: deps.reducedMotion });
    this.lessonPane = new LessonPane({
      t: deps.t, locale: deps.locale, lesson: src.lesson, title: src.title, nav: deps.nav, predict: this.predict,
      passed: () => deps.progress.isPassed(src.id), seek: (step) => this.stage?.seek(step),
      collapse: () => {
        this.workspace.setLessonCollapsed(true);
        this.workspace.focusRail();
      },
      scenario: src.lesson ? undefined : src.scenario, guide: src.guide,
    }, restore?.hintsShown ?? 0);
    this.editorPane = new EditorPane({
      t: deps.t, code: this.code, live: deps.prefs.live ?? true, hasSolution: src.solution !== undefined && src.solution !== "",
      goHtml: src.lesson?.goHtml, goStarterHtml: src.lesson?.goStarterHtml ?? src.goProgramHtml, errors: deps.errors,
      // Showing is not solving (#20 item 3): the Go solution once passed, or once Show solution / Diff was chosen.
      goSolutionUnlocked: deps.progress.isPassed(src.id) || restore?.solutionShown === true,
      actions: {
        run: () => this.runFromShortcut(),
        live: (on) => {
          deps.prefs.live = on;
          deps.savePrefs();
          this.actor.send({ type: "lesson.live", live: on });
        },
        format: () => void this.editorPane.editor?.format(),
        reset: () => this.editorActions.reset(),
        diff: () => this.editorActions.toggleDiff(),
        showSolution: () => this.editorActions.showSolution(),
        share: () => void this.editorActions.share(),
        seek: (step) => this.stage?.seek(step),
      },
    });
    this.stepLine = new StepLine(() => this.editorPane.editor, this.editorPane.editorBox);
    // Not a landmark of its own: the stage inside it is the one "Stage" region (axe landmark-unique).
    this.stagePane = h("div", { class: "pane pane-stage", "data-testid": "stage" });
    this.workspace = mountWorkspace({ lesson: this.lessonPane.element, focusLesson: () => this.lessonPane.focusCollapse(), editor: this.editorPane, stage: this.stagePane },
      { t, prefs: deps.prefs, savePrefs: deps.savePrefs, sandbox: src.lesson === undefined });
    this.root = this.workspace.root;

    this.actor.on("compiled", (e) => this.onCompiled(e));
    this.actor.on("runStarted", (e) => this.onRunStarted(e));
    this.actor.on("result", (e) => this.onResult(e));
    this.actor.on("goals", (e) => this.onGoals(e));
    this.actor.on("fatal", (e) => this.onFatal(e));
    let wasRunning = false;
    let shownActions = this.actor.getSnapshot().context.actions;
    let solutionShown = this.actor.getSnapshot().context.solutionShown;
    this.actor.subscribe((s) => {
      if (s.context.solutionShown !== solutionShown) {
        solutionShown = s.context.solutionShown;
        this.editorPane.setGoSolutionUnlocked(solutionShown || deps.progress.isPassed(src.id));
      }
      // The injected actions: kept with the draft, listed on the stage (issue 21 item 6).
      if (s.context.actions !== shownActions) {
        shownActions = s.context.actions;
        this.deps.drafts.saveActions(this.src.id, this.src.starter, shownActions);
        this.stage?.setActions?.(shownActions);
      }
      const running = runInFlight(s);
      if (running !== wasRunning) {
        wasRunning = running;
        this.editorPane.setRunning(running);
        this.stage?.setRunning(running);
      }
      this.editorPane.setBooting(booting(s));
      this.editorPane.setStatus(statusText(this.deps.t(), runStatus(s)));
    });
    this.actor.start();
    this.lessonPane.render();
    this.renderGoals();
    void this.boot(share, restore !== undefined);
  }

  // ───────────────────────────── boot ─────────────────────────────

  private async boot(share: SharePayload | undefined, restored: boolean): Promise<void> {
    const t = this.deps.t();
    const safe = share === undefined && this.deps.drafts.lastRunUnfinished(this.src.id, this.code);
    if (safe) this.editorPane.showNotice(t("notice.safeBoot"), "warn");
    else if (share) this.editorPane.showNotice(t("notice.shared"), "info");
    const stageP = this.deps.loadStage().then((mount) => {
      if (this.destroyed) return;
      this.stage = mount(this.stagePane, { locale: this.deps.locale(), reducedMotion: this.deps.reducedMotion });
      exposeForTests("__stage", this.stage); // e2e harness and bench/ui.mjs only
      this.stage.onStep((s) => this.onStep(s));
      this.stage.onAction((op) => this.actor.send({ type: "lesson.action", op }));
      this.stage.setStepGate?.((from, to) => this.predict.gate(from, to));
      this.stage.setActions?.(this.actor.getSnapshot().context.actions);
      this.stage.onActionsEdited?.((ops) => this.actor.send({ type: "lesson.actions", ops }));
    });
    try {
      const m = await loadMonaco();
      if (this.destroyed) return;
      const { createEditor } = await import("../editor/create-editor");
      this.editorPane.editorBox.replaceChildren();
      const editor = createEditor(this.editorPane.editorBox, m, { text: this.code, dark: isDark(), ariaLabel: t("pane.editor") });
      this.editorPane.editor = editor;
      editor.onDidChange((text) => {
        this.deps.drafts.save(this.src.id, this.src.starter, text);
        this.actor.send({ type: "lesson.edit", text });
        this.stepLine.edited(text);
      });
      editor.onRun(() => this.runFromShortcut());
      if (share === undefined && !restored && !safe) {
        offerStartFrom({ lesson: this.src.lesson, ids: listLessons().map((l) => l.id), starter: this.src.starter, current: this.code, t: this.deps.t,
          isPassed: (id) => this.deps.progress.isPassed(id), passing: this.passing, editor, pane: this.editorPane });
      }
    } catch (e) {
      this.editorPane.editorFailed(e instanceof Error ? e.message : String(e));
      return this.actor.send({ type: "lesson.ready" }); // nothing to run without an editor: the failure is shown
    }
    await Promise.all([stageP, bootGate()]);
    if (this.destroyed) return;
    this.actor.send({ type: "lesson.ready", then: safe ? "check" : share ? "share" : restored ? "action" : "boot" });
  }

  // ───────────────────────────── what the machine emits ─────────────────────────────

  private onCompiled(e: Extract<LessonEmitted, { type: "compiled" }>): void {
    this.editorPane.setProblems(e.out.diagnostics);
    if (e.out.diagnostics.length > 0) this.deps.errors.show("compile", this.deps.t()("error.compile", { n: e.out.diagnostics.length }));
    else this.deps.errors.clear("compile");
  }

  private onRunStarted(e: Extract<LessonEmitted, { type: "runStarted" }>): void {
    this.stepToKeep = e.reason === "live" || e.reason === "action" ? this.currentStep : undefined;
    this.deps.drafts.markRunStarted(this.src.id, e.compiled.source);
    this.renderGoals();
  }

  private onResult(e: Extract<LessonEmitted, { type: "result" }>): void {
    const t = this.deps.t();
    const { result, stopped } = e;
    if (e.source.lesson !== this.src.id) return; // never show another lesson's run
    this.editorPane.log.show(result.log, result.trace); // exceptions get a line at their step
    this.stepLine.setRun(result.trace, e.source.hash);
    this.editorPane.showSource(e.source, this.src.title[this.deps.locale()], [this.stagePane]);
    showRunErrors(this.deps.errors, t, result, stopped, (line) => this.editorPane.editor?.revealLine(line), (step) => this.stage?.seek(step));
    this.renderGoals();
    if (!this.stage) return;
    // User Timing marks for `npm run bench` (bench/ui.mjs): Run → first frame, trace → seekable view.
    performance.mark("ip:load-start");
    this.predict.setRun(result.trace);
    this.stage.load(result, { previous: e.previous });
    performance.mark("ip:view-ready");
    requestAnimationFrame(() => performance.mark("ip:first-frame"));
    // Issue 14: the "run pending" marker goes only once the result is drawn (a frame after it was
    // painted), so a run that crashes the tab while drawing leaves it set and safe boot catches it.
    if (stopped === undefined) requestAnimationFrame(() => requestAnimationFrame(() => this.deps.drafts.markRunFinished(this.src.id)));
    const target = this.pendingShareStep ?? this.stepToKeep;
    this.pendingShareStep = undefined;
    if (target !== undefined && target > 0) this.stage.seek(Math.min(target, result.trace.length));
    else this.onStep(result.trace.length > 0 ? 1 : 0);
  }

  private onGoals(e: Extract<LessonEmitted, { type: "goals" }>): void {
    if (e.source.lesson !== this.src.id) return;
    this.editorPane.showSource(e.source, this.src.title[this.deps.locale()], [this.lessonPane.goals]);
    this.renderGoals();
    this.stage?.setFailedSteps?.(e.failedSteps);
    if (e.passed && this.src.lesson !== undefined) {
      this.deps.progress.markPassed(this.src.id);
      // The code that passed (a later edit must not replace it) seeds the lessons that grow from this one.
      const compiled = this.actor.getSnapshot().context.compiled;
      if (compiled !== undefined && compiled.sourceHash === e.source.hash) this.passing.save(this.src.id, compiled.source);
      this.editorPane.setGoSolutionUnlocked(true);
      this.lessonPane.render();
      this.renderGoals();
    }
  }

  private onFatal(e: Extract<LessonEmitted, { type: "fatal" }>): void {
    const t = this.deps.t();
    // A worker that failed or misbehaved did not crash the page: nothing to guard against on reopen.
    this.deps.drafts.markRunFinished(this.src.id);
    this.deps.errors.show("runtime", e.unexpected ? t("error.unexpected", { why: e.message }) : t("error.worker", { message: e.message }));
  }

  private onStep(step: number): void {
    this.currentStep = step;
    this.editorPane.log.setStep(step);
    this.stepLine.show(step);
  }

  // ───────────────────────────── rendering ─────────────────────────────

  private renderGoals(): void {
    const c = this.actor.getSnapshot().context;
    this.lessonPane.renderGoals(c.goals, goalsNoteText(this.deps.t(), c.goalsNote));
  }

  /** What a re-mount (locale switch) needs to carry over. */
  snapshot(): RestoreState {
    const c = this.actor.getSnapshot().context;
    return { code: this.editorPane.editor?.getText() ?? this.code, actions: c.actions, step: this.currentStep, hintsShown: this.lessonPane.hintsShown, solutionShown: c.solutionShown };
  }

  setEditorTheme(dark: boolean): void {
    this.editorPane.editor?.setTheme(dark);
  }

  /** Runs (Run button, Mod+Enter from anywhere on the page). */
  runFromShortcut(): void {
    if (!runInFlight(this.actor.getSnapshot())) performance.mark("ip:run-click");
    this.actor.send({ type: "lesson.run", reason: "run" });
  }

  destroy(): void {
    this.destroyed = true;
    this.actor.stop();
    this.deps.runner.cancel();
    this.editorPane.editor?.dispose();
    this.stage?.destroy();
    this.root.remove();
  }
}
