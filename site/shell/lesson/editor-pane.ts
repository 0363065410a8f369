/**
 * EditorPane — the middle pane: the toolbar (Run, Live, Format, Reset, Diff, Show solution, Share), the
 * TS / Go tabs (the Go tab: the Go starter, and the Go solution only once it is unlocked — after a pass,
 * Show solution or Diff; issue 20 item 3: showing is not solving), the error banners and notice, the Monaco editor, the compile problems, and the log with
 * the run's status and source. It shows what it is told and reports clicks through `EditorPaneActions`;
 * the run lifecycle itself is the lesson machine's (site/machines/lesson.ts).
 */
import type { Diagnostic, EditorFacade } from "../../editor/create-editor";
import type { Translate } from "../../i18n/index";
import type { RunSource } from "../../machines/lesson-types";
import { clear, h, icon } from "../dom";
import type { ErrorBanner } from "../error-banner";
import { LogView } from "../log-view";

export interface EditorPaneActions {
  run(): void;
  live(on: boolean): void;
  format(): void;
  reset(): void;
  diff(): void;
  showSolution(): void;
  share(): void;
  seek(step: number): void;
}

export interface EditorPaneOptions {
  t: () => Translate;
  code: string;
  live: boolean;
  hasSolution: boolean;
  /** The lesson's go.md as HTML: the Go solution (the "Same program in Go" tab), if it has one. */
  goHtml: string | undefined;
  /** The lesson's go-starter.md as HTML: the Go starter, shown until the solution is unlocked. */
  goStarterHtml?: string | undefined;
  /** Whether the Go solution may be shown when the pane opens (see setGoSolutionUnlocked). */
  goSolutionUnlocked?: boolean;
  errors: ErrorBanner;
  actions: EditorPaneActions;
}

export class EditorPane {
  readonly element: HTMLElement;
  /** The editor area and the log, split by `gutter` (the workspace sizes them). */
  readonly stack: HTMLElement;
  readonly gutter: HTMLElement;
  readonly editorBox: HTMLElement;
  readonly log: LogView;
  editor: EditorFacade | undefined;
  private readonly problems: HTMLElement;
  private readonly notice: HTMLElement;
  private readonly status: HTMLElement;
  private readonly sourceTag: HTMLElement;
  private readonly runBtn: HTMLButtonElement;
  private readonly diffBtn: HTMLButtonElement;
  private readonly goBox: HTMLElement;
  private readonly go: GoPrograms | undefined;
  private readonly sharePop: HTMLElement;
  private readonly tabs: HTMLElement;
  private booting = true;
  private running = false;

  constructor(private readonly o: EditorPaneOptions) {
    const t = o.t();
    const a = o.actions;
    this.runBtn = h("button", { type: "button", class: "button primary", "data-testid": "run", title: t("editor.run.title"), onclick: () => a.run() }, icon("run"), h("span", {}, t("editor.run")));
    const liveBox = h("input", { type: "checkbox", "data-testid": "live", checked: o.live });
    liveBox.addEventListener("change", () => a.live(liveBox.checked));
    this.diffBtn = h("button", { type: "button", class: "button", "data-testid": "diff", title: t("editor.diff.title"), "aria-pressed": "false", onclick: () => a.diff() }, t("editor.diff"));
    this.sharePop = h("div", { class: "share-pop", hidden: true, role: "status" });
    const toolbar = h("div", { class: "toolbar", role: "toolbar", "aria-label": t("pane.editor") },
      this.runBtn,
      h("label", { class: "live", title: t("editor.live.title") }, liveBox, h("span", {}, t("editor.live"))),
      h("span", { class: "toolbar-sep" }),
      h("button", { type: "button", class: "button", "data-testid": "format", onclick: () => a.format() }, t("editor.format")),
      h("button", { type: "button", class: "button", "data-testid": "reset", title: t("editor.reset.title"), onclick: () => a.reset() }, t("editor.reset")),
      o.hasSolution && this.diffBtn,
      o.hasSolution && h("button", { type: "button", class: "button", "data-testid": "show-solution", title: t("editor.solution"), onclick: () => a.showSolution() },
        h("span", { class: "label-long" }, t("editor.solution")), h("span", { class: "label-short" }, t("editor.solution.short"))),
      h("span", { class: "toolbar-fill" }),
      h("button", { type: "button", class: "icon-button bordered", "data-testid": "share", title: t("editor.share.title"), "aria-label": t("editor.share"), onclick: () => a.share() }, icon("share")),
      this.sharePop,
    );
    this.status = h("span", { class: "run-status", "aria-live": "polite" }, t("run.status.idle"));
    this.sourceTag = h("span", { class: "run-source muted", "data-testid": "run-source", hidden: true });
    this.notice = h("div", { class: "notice", hidden: true, role: "status" });
    this.editorBox = h("div", { class: "editor", "data-testid": "editor" },
      h("pre", { class: "editor-fallback" }, o.code),
      h("div", { class: "editor-loading" }, t("editor.loading")));
    this.go = o.goHtml || o.goStarterHtml ? new GoPrograms(o.t, o.goStarterHtml ?? "", o.goHtml ?? "") : undefined;
    this.goBox = h("div", { class: "go-source", hidden: true }, ...(this.go ? [this.go.element] : []));
    this.go?.setUnlocked(o.goSolutionUnlocked === true);
    this.tabs = this.go
      ? h("div", { class: "tabs", role: "tablist" },
          h("button", { type: "button", role: "tab", class: "tab", "aria-selected": "true", onclick: () => this.showTab("ts") }, t("editor.tab.ts")),
          h("button", { type: "button", role: "tab", class: "tab", "aria-selected": "false", "data-testid": "go-tab", onclick: () => this.showTab("go") }, t("editor.tab.go")))
      : h("div", { class: "tabs" }, h("span", { class: "tab static" }, t("editor.tab.ts")));
    this.problems = h("ul", { class: "problems", "aria-label": t("editor.problems") });
    this.log = new LogView(o.t, (step) => a.seek(step));
    const logSection = h("section", { class: "log-section" },
      h("h2", { class: "section-title" }, t("log.title"), this.sourceTag, this.status),
      this.log.element, this.log.more);
    this.gutter = h("div", { class: "gutter gutter-h", "aria-label": t("pane.resize") });
    this.stack = h("div", { class: "editor-stack" },
      h("div", { class: "editor-area" }, h("div", { class: "tabs-row" }, this.tabs), o.errors.element, this.notice, this.editorBox, this.goBox, this.problems),
      this.gutter, logSection);
    this.element = h("section", { class: "pane pane-editor", "aria-label": t("pane.editor") }, toolbar, this.stack);
    this.setProblems([]);
    // The pane opens booting: Run waits for the view (setBooting(false)), the log says the lesson is loading.
    this.runBtn.disabled = true;
    this.log.showLoading();
  }

  showTab(which: "ts" | "go"): void {
    const go = which === "go";
    this.goBox.hidden = !go;
    this.editorBox.hidden = go;
    this.tabs.querySelectorAll<HTMLElement>("[role=tab]").forEach((tab, i) => tab.setAttribute("aria-selected", String((i === 1) === go)));
  }

  /**
   * The Go solution is shown only once unlocked (a pass, Show solution or Diff). Unlocking switches the
   * Go tab to the solution; the starter stays one click away.
   */
  setGoSolutionUnlocked(unlocked: boolean): void {
    this.go?.setUnlocked(unlocked);
  }

  /** Run is disabled while the worker runs. */
  setRunning(running: boolean): void {
    this.running = running;
    this.runBtn.disabled = running || this.booting;
    this.runBtn.classList.toggle("busy", running);
  }

  /** Run is disabled while the view boots, and the log says the lesson is loading; then the log waits for a run. */
  setBooting(booting: boolean): void {
    if (booting === this.booting) return;
    this.booting = booting;
    this.runBtn.disabled = booting || this.running;
    if (booting) this.log.showLoading();
    else this.log.show(undefined);
  }

  setStatus(text: string): void {
    if (this.status.textContent !== text) this.status.textContent = text;
  }

  setDiffShown(shown: boolean): void {
    const t = this.o.t();
    this.diffBtn.setAttribute("aria-pressed", String(shown));
    this.diffBtn.title = shown ? t("editor.diff.close") : t("editor.diff.title");
  }

  /** Labels the log (and `more`: the goals, the stage) with the source they show (visible in the log's title). */
  showSource(source: RunSource, lessonTitle: string, on: HTMLElement[]): void {
    const t = this.o.t();
    for (const el of [this.log.element, ...on]) {
      el.dataset["sourceLesson"] = source.lesson;
      el.dataset["sourceHash"] = source.hash;
    }
    const what = t(`run.source.${source.kind}`);
    this.sourceTag.textContent = t("run.source", { what });
    this.sourceTag.title = t("run.source.title", { what, lesson: lessonTitle, hash: source.hash.slice(0, 7) });
    this.sourceTag.dataset["kind"] = source.kind;
    this.sourceTag.hidden = false;
  }

  setProblems(diagnostics: readonly Diagnostic[]): void {
    const t = this.o.t();
    clear(this.problems);
    this.problems.hidden = diagnostics.length === 0;
    for (const d of diagnostics) {
      this.problems.append(h("li", { "data-testid": "diagnostic", "data-line": d.line, class: "diagnostic" },
        h("button", { type: "button", class: "link-button", onclick: () => this.editor?.revealLine(d.line) }, t("editor.line", { line: d.line })),
        h("span", {}, ` ${d.message}`), h("span", { class: "muted" }, ` TS${d.code}`)));
    }
  }

  showNotice(text: string, kind: "info" | "warn"): void {
    clear(this.notice);
    this.notice.classList.remove("offer");
    this.notice.append(icon(kind === "warn" ? "warn" : "info"), h("span", {}, text),
      h("button", { type: "button", class: "link-button", onclick: () => this.hideNotice() }, this.o.t()("error.dismiss")));
    this.notice.dataset["kind"] = kind;
    this.notice.hidden = false;
  }

  /** A notice with one action button (e.g. "Start from your lesson 7 code"); the action hides it. */
  showOffer(text: string, label: string, testId: string, act: () => void): void {
    clear(this.notice);
    const take = h("button", { type: "button", class: "button small primary", "data-testid": testId, onclick: () => {
      this.hideNotice();
      act();
    } }, label);
    this.notice.append(icon("info"), h("span", {}, text), take,
      h("button", { type: "button", class: "link-button", onclick: () => this.hideNotice() }, this.o.t()("error.dismiss")));
    this.notice.dataset["kind"] = "info";
    this.notice.classList.add("offer");
    this.notice.hidden = false;
  }

  hideNotice(): void {
    this.notice.classList.remove("offer");
    this.notice.hidden = true;
  }

  showShare(url: string, copied: boolean): void {
    const t = this.o.t();
    clear(this.sharePop);
    const input = h("input", { type: "text", readonly: true, value: url, "data-testid": "share-url", "aria-label": t("editor.share") });
    this.sharePop.append(h("p", {}, copied ? t("editor.share.copied") : t("editor.share.manual")), input,
      h("button", { type: "button", class: "button small", onclick: () => { this.sharePop.hidden = true; } }, t("shortcuts.close")));
    this.sharePop.hidden = false;
    input.select();
  }

  editorFailed(message: string): void {
    this.editorBox.querySelector(".editor-loading")?.replaceWith(h("p", { class: "editor-failed" }, this.o.t()("editor.failed", { message })));
  }
}

/**
 * The Go tab's content: a Starter / Solution switch over the two programs. The solution's HTML enters the
 * DOM only when unlocked (until then a note says when it appears); with no go-starter.md the tab shows
 * only what is allowed (the note, or the solution once unlocked).
 */
class GoPrograms {
  readonly element: HTMLElement;
  private readonly starterBtn: HTMLButtonElement;
  private readonly solutionBtn: HTMLButtonElement;
  private readonly starterBox: HTMLElement;
  private readonly solutionBox: HTMLElement;
  private readonly lockedNote: HTMLElement;
  private unlocked = false;

  constructor(t: () => Translate, private readonly starterHtml: string, private readonly solutionHtml: string) {
    const tr = t();
    this.starterBtn = h("button", { type: "button", class: "button small", "data-testid": "go-show-starter", "aria-pressed": "true", onclick: () => this.show("starter") }, tr("editor.go.starter"));
    this.solutionBtn = h("button", { type: "button", class: "button small", "data-testid": "go-show-solution", "aria-pressed": "false", onclick: () => this.show("solution") }, tr("editor.go.solution"));
    this.starterBox = h("div", { class: "go-program prose", "data-testid": "go-starter", html: starterHtml });
    this.solutionBox = h("div", { class: "go-program prose", "data-testid": "go-solution", hidden: true });
    this.lockedNote = h("p", { class: "go-locked muted", "data-testid": "go-solution-locked" }, tr("editor.go.locked"));
    // One program and nothing to unlock (the sandbox's go.md): no switch.
    const toggle = h("div", { class: "go-switch", role: "group", "aria-label": tr("editor.go.switch"), hidden: solutionHtml === "" }, this.starterBtn, this.solutionBtn);
    this.element = h("div", { class: "go-programs" }, toggle, this.lockedNote, this.starterBox, this.solutionBox);
    this.solutionBtn.dataset["lockedTitle"] = tr("editor.go.lockedTitle");
    if (starterHtml === "") this.starterBtn.hidden = true;
  }

  setUnlocked(unlocked: boolean): void {
    const was = this.unlocked;
    this.unlocked = unlocked && this.solutionHtml !== "";
    if (this.unlocked && this.solutionBox.childElementCount === 0) this.solutionBox.innerHTML = this.solutionHtml;
    if (!this.unlocked) this.solutionBox.replaceChildren();
    this.solutionBtn.disabled = !this.unlocked;
    this.solutionBtn.title = this.unlocked ? "" : this.solutionBtn.dataset["lockedTitle"] ?? "";
    this.lockedNote.hidden = this.unlocked || this.solutionHtml === "";
    this.element.dataset["unlocked"] = String(this.unlocked);
    // Newly unlocked (a pass, Show solution, Diff): the Go tab shows what the learner just earned.
    this.show(this.unlocked && !was ? "solution" : this.unlocked ? this.current() : "starter");
  }

  private current(): "starter" | "solution" {
    return this.solutionBox.hidden ? "starter" : "solution";
  }

  private show(which: "starter" | "solution"): void {
    const solution = which === "solution" && this.unlocked;
    this.solutionBox.hidden = !solution;
    this.starterBox.hidden = solution || this.starterHtml === "";
    this.starterBtn.setAttribute("aria-pressed", String(!solution));
    this.solutionBtn.setAttribute("aria-pressed", String(solution));
  }
}
