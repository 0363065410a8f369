/**
 * The live code panel: the learner's handler code in Monaco beside the live stage, Apply / Detach, a
 * status line, and the log their handlers print (issue 19, "learner code in live mode").
 *
 * Contract:
 * - The code is a draft kept in local storage (drafts("live", LIVE_STARTER)): it survives a reload.
 * - `follow(session, resources, namespace)` (a new session started) makes Apply possible; Apply
 *   compiles it in Monaco's TypeScript worker and, only when it has no problems, hands it to the
 *   HandlerHost, which re-attaches it to the running informers (never restarts them). Problems are
 *   listed (first one named) and nothing changes on the informer.
 * - The status line (`live-code-status`, data-state = the host status kind) says what happened,
 *   including a worker stopped for a handler that never returned.
 * - The log lists the `runner.log` lines and `runner.error`s / `handler.threw`s of the session's trace
 *   (the last MAX_LINES), refreshed at most every LOG_MS; clicking a line asks the view to show its step.
 * - The editor marks the line behind a step (EditorFacade.markStepLine through StepLine, as the lesson
 *   editor does: handler.called, runner.log, server.request `src`; an error's line): while the view
 *   follows, the newest such step of the session; while it is paused, the step shown (`showStep`). Only
 *   while the editor holds the code that was applied: after an edit the mark goes (data-step-line-state
 *   "stale"), undoing back brings it again.
 * - Monaco is created by `ensureEditor()` (the view calls it on the connect screen, so its cost stays out
 *   of the initial list's ingestion; the panel may be hidden then) or by Apply, whichever comes first.
 */
import type { LogLine } from "../../../src/scenario/index.js";
import type { KnownTraceEvent } from "../../../src/sim/index.js";
import type { ApiPolicy } from "../../../server/live/policy.js";
import type { EditorFacade } from "../../editor/create-editor";
import { translator } from "../../i18n/index";
import { h } from "../../shell/dom";
import { LogView } from "../../shell/log-view";
import { lineOfStep, StepLine } from "../../shell/lesson/step-line";
import { hashText } from "../../storage/hash";
import { isDark } from "../../shell/theme";
import { drafts } from "../../storage/drafts";
import { openStore } from "../../storage/store";
import type { LiveLocale } from "../live-i18n.js";
import { CODE_TEXT, LIVE_STARTER } from "./code-text.js";
import { HandlerHost, type HostedSession, type HostStatus } from "./handler-host.js";

const MAX_LINES = 1_000;
const MAX_ERRORS = 200;
const LOG_MS = 250;
const DRAFT_ID = "live";

export interface CodePanelOptions {
  locale: LiveLocale;
  /** What the proxy allows (from /live/info; read-only in "default" when unknown). */
  policy(): ApiPolicy;
  base: string;
  /** The learner clicked a log line: show the stage at this trace seq. */
  onSeekSeq(seq: number): void;
}

export class CodePanel {
  readonly root: HTMLElement;
  private readonly t;
  private editor: EditorFacade | undefined;
  private readonly store = drafts(openStore());
  private code: string;
  private host: HandlerHost | undefined;
  private session: HostedSession | undefined;
  private resources: string[] = [];
  private namespace = "";
  private readonly statusEl: HTMLElement;
  private readonly accessEl: HTMLElement;
  private readonly editorBox: HTMLElement;
  private readonly log: LogView;
  private lines: LogLine[] = [];
  private errors: KnownTraceEvent[] = [];
  private readonly stepLine: StepLine;
  /** StepLine's one-step "trace": the event whose line is marked (index 0). */
  private readonly marked: KnownTraceEvent[] = [];
  /** The newest event of the session with a learner line, and the step the paused view shows (null: following). */
  private newest: KnownTraceEvent | undefined;
  private shown: KnownTraceEvent | null | undefined = null;
  private mounting = false;
  private lastSeq = 0;
  private logDirty = false;
  private lastLogAt = 0;
  private destroyed = false;

  constructor(private readonly o: CodePanelOptions) {
    const t = CODE_TEXT[o.locale];
    this.t = t;
    this.code = this.store.load(DRAFT_ID, LIVE_STARTER) ?? LIVE_STARTER;
    const tr = translator(o.locale);
    this.log = new LogView(() => tr, (seq) => o.onSeekSeq(seq));
    this.statusEl = h("p", { class: "live-code-status", "data-testid": "live-code-status", role: "status", "aria-live": "polite" });
    this.accessEl = h("p", { class: "live-code-access muted small", "data-testid": "live-code-access" });
    this.editorBox = h("div", { class: "live-code-editor", "data-testid": "live-code-editor" });
    const apply = h("button", { type: "button", class: "button primary", "data-testid": "live-apply", onclick: () => void this.apply() }, t.apply);
    const detach = h("button", { type: "button", class: "button", "data-testid": "live-detach", onclick: () => this.host?.stop() }, t.detach);
    this.root = h("section", { class: "live-code", "data-testid": "live-code", "aria-label": t.title },
      h("div", { class: "live-code-head" }, h("h2", {}, t.title), h("span", { class: "live-fill" }), apply, detach),
      h("p", { class: "live-code-hint small" }, t.hint),
      this.accessEl, this.editorBox, this.statusEl,
      h("div", { class: "live-code-log" }, this.log.element, this.log.more));
    this.log.show([]);
    this.stepLine = new StepLine(() => this.editor, this.editorBox);
  }

  /** Creates the editor (once): Monaco's cost lands when the view says the page can afford it. */
  ensureEditor(): void {
    if (this.mounting) return;
    this.mounting = true;
    void this.mountEditor();
  }

  private async mountEditor(): Promise<void> {
    const { loadMonaco } = await import("../../editor/load-monaco");
    const m = await loadMonaco();
    if (this.destroyed) return;
    const { createEditor } = await import("../../editor/create-editor");
    // No sticky scroll: in this narrow pane its pinned header covered the top lines (and the marked one).
    const editor = createEditor(this.editorBox, m, { text: this.code, dark: isDark(), ariaLabel: this.t.editor, stickyScroll: false });
    this.editor = editor;
    editor.onDidChange((text) => {
      this.code = text;
      this.store.save(DRAFT_ID, LIVE_STARTER, text);
      this.stepLine.edited(text);
    });
    editor.onRun(() => void this.apply());
    this.root.dataset["editor"] = "ready";
  }

  /** A session started following these resources: the code is applied to it at once. */
  follow(session: HostedSession, resources: string[], namespace: string): void {
    this.host?.stop(false);
    this.session = session;
    this.resources = resources;
    this.namespace = namespace;
    this.lines = [];
    this.errors = [];
    this.logDirty = true;
    this.newest = undefined;
    this.showStep(null);
    const p = this.o.policy();
    this.accessEl.textContent = p.allowWrites ? this.t.writes(p.namespace) : this.t.readOnly;
    this.host = new HandlerHost({ session, policy: p, base: this.o.base, onStatus: (s) => this.status(s) });
    // Opt-in: on a big cluster the code would get every cached object at once (and the live bench
    // measures the informer alone); Apply attaches it.
    this.setStatus("idle", this.t.notApplied);
  }

  /** The session stopped (or a trace file replaces it): the code is detached. */
  unfollow(): void {
    this.host?.stop();
    this.host = undefined;
    this.session = undefined;
  }

  private setStatus(state: string, text: string): void {
    this.statusEl.dataset["state"] = state;
    this.statusEl.textContent = text;
  }

  private status(s: HostStatus): void {
    const t = this.t;
    switch (s.kind) {
      case "starting": return this.setStatus(s.kind, t.starting);
      case "attached":
      case "replaying": {
        const what = s.resources.map((r) => `${r.resource} (${r.fns.length === 0 ? t.noFns : r.fns.map((f) => `${f}Func`).join(", ")})`).join("; ");
        return this.setStatus(s.kind, s.kind === "attached" ? t.attached(what) : t.replaying(what, s.done, s.total));
      }
      case "killed": return this.setStatus(s.kind, t.killed(s.budgetMs / 1000));
      case "failed":
        if (s.line !== undefined) this.editor?.revealLine(s.line);
        return this.setStatus(s.kind, t.failed(s.message, s.line));
      case "unexpected": return this.setStatus(s.kind, t.unexpected(s.why));
      case "stopped": return this.setStatus(s.kind, t.stopped);
    }
  }

  async apply(): Promise<void> {
    const host = this.host;
    if (host === undefined || this.session === undefined) return;
    this.setStatus("compiling", this.t.compiling);
    this.ensureEditor();
    const editor = await this.waitForEditor();
    if (editor === undefined || host !== this.host) return;
    const out = await editor.compile();
    if (host !== this.host) return;
    if (out.diagnostics.length > 0) {
      const d = out.diagnostics[0]!;
      editor.revealLine(d.line);
      this.setStatus("problems", this.t.problems(out.diagnostics.length, d.line, d.message));
      return;
    }
    // The lines marked from now on are this text's (out.js was compiled from it).
    this.stepLine.setRun(this.marked, hashText(editor.getText()));
    host.start({ js: out.js, ...(out.map !== undefined ? { map: out.map } : {}) }, this.resources, this.namespace);
  }

  /** The paused view shows this step's event (null: the view follows again; undefined: a step not in the window). */
  showStep(e: KnownTraceEvent | null | undefined): void {
    this.shown = e;
    this.markLine();
  }

  private markLine(): void {
    const e = this.shown === null ? this.newest : this.shown;
    if (e === this.marked[0]) return;
    this.marked.length = 0;
    if (e !== undefined) this.marked.push(e);
    this.stepLine.show(1);
  }

  private async waitForEditor(): Promise<EditorFacade | undefined> {
    for (let i = 0; i < 600 && this.editor === undefined && !this.destroyed; i++) await new Promise((r) => setTimeout(r, 50));
    return this.editor;
  }

  /** Every event the session traces (the view forwards them): keeps the log's lines and errors, and the newest learner line. */
  onEvent(e: KnownTraceEvent): void {
    if (lineOfStep([e], 1) !== undefined) this.newest = e;
    if (e.kind === "runner.log") {
      this.lines.push({ step: e.seq, time: e.time, text: e.text });
      if (this.lines.length > MAX_LINES * 1.5) this.lines = this.lines.slice(-MAX_LINES);
      this.logDirty = true;
    } else if (e.kind === "runner.error" || e.kind === "handler.threw") {
      this.errors.push(e);
      if (this.errors.length > MAX_ERRORS) this.errors.shift();
      this.logDirty = true;
    }
    this.lastSeq = e.seq;
  }

  /** Called every animation frame by the view: the log is re-shown at most every LOG_MS. */
  frame(now: number): void {
    if (this.shown === null) this.markLine();
    if (!this.logDirty || now - this.lastLogAt < LOG_MS) return;
    this.logDirty = false;
    this.lastLogAt = now;
    const lines = this.lines.length > MAX_LINES ? this.lines.slice(-MAX_LINES) : this.lines;
    this.log.show(lines, this.errors);
    this.log.setStep(this.lastSeq);
    this.root.dataset["logLines"] = String(this.lines.length);
  }

  destroy(): void {
    this.destroyed = true;
    this.host?.stop(false);
    this.editor?.dispose();
    this.root.remove();
  }
}
