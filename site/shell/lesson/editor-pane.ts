/**
 * EditorPane — the middle pane: the toolbar (Run, Live, Format, Reset, Diff, Show solution, Share), the
 * TS / Go tabs, the error banners and notice, the Monaco editor, the compile problems, and the log with
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
  /** The lesson's go.md as HTML (the "Same program in Go" tab), if it has one. */
  goHtml: string | undefined;
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
  private readonly sharePop: HTMLElement;
  private readonly tabs: HTMLElement;

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
    this.goBox = h("div", { class: "go-source prose", hidden: true, html: o.goHtml ?? "" });
    this.tabs = o.goHtml
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
  }

  showTab(which: "ts" | "go"): void {
    const go = which === "go";
    this.goBox.hidden = !go;
    this.editorBox.hidden = go;
    this.tabs.querySelectorAll<HTMLElement>("[role=tab]").forEach((tab, i) => tab.setAttribute("aria-selected", String((i === 1) === go)));
  }

  /** Run is disabled while the worker runs. */
  setRunning(running: boolean): void {
    this.runBtn.disabled = running;
    this.runBtn.classList.toggle("busy", running);
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
    this.notice.append(icon(kind === "warn" ? "warn" : "info"), h("span", {}, text),
      h("button", { type: "button", class: "link-button", onclick: () => this.hideNotice() }, this.o.t()("error.dismiss")));
    this.notice.dataset["kind"] = kind;
    this.notice.hidden = false;
  }

  hideNotice(): void {
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
