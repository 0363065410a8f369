/**
 * The editor facade. Monaco is passed in (loaded once by load-monaco.ts), as TypeScript-Website's
 * createTypeScriptSandbox takes it; the rest of the app only sees this documented surface.
 *
 * Contract (issue 13): `compile()` returns JavaScript compiled from exactly `source`, the text it read.
 * - One model `file:///main.ts` lives as long as the page; a new editor (next lesson, locale switch) sets
 *   its text, so the model's version only grows. Monaco's TypeScript worker reports a file's version as
 *   the model's version, and TypeScript's language service reuses a file's parsed source while that
 *   version is unchanged: a model disposed and re-created at version 1 was compiled as the previous
 *   lesson's text.
 * - The emit carries its own source (`inlineSources`); when the compiler's text is not `source`, the
 *   compile is retried, and then done on a fresh scratch file, never returned stale.
 *
 * Contract (issue 21 item 10): `markStepLine(line)` marks one line as the current step's (a bar in the
 * gutter, a soft background, a mark in the overview ruler) and scrolls it into view only when it is
 * outside the view, without moving the cursor or taking focus; `markStepLine(undefined)` clears it.
 * A line past the end of the text marks nothing. The container's `data-step-line` names the marked line.
 */
import type { MonacoModule } from "./load-monaco";
import { flattenMessage, type Diagnostic } from "./diagnostics";
import { hashText } from "../storage/hash";
import { installTabExit } from "./tab-exit";
import "./step-line.css";

export type { Diagnostic };

export interface CompileOutput {
  /** CommonJS emitted by the TypeScript worker (present even with type errors). */
  js: string;
  /** The source map (JSON) of `js`. */
  map?: string;
  /** Syntactic + semantic errors of the learner's file, by line. A run starts only when this is empty. */
  diagnostics: Diagnostic[];
  /** The text that was compiled (checked against the source the compiler embedded in its map). */
  source: string;
  /** hashText(source): what a run of this output names as its source. */
  sourceHash: string;
}

export interface EditorFacade {
  getText(): string;
  /** Replaces the text; `undoable` keeps it on the undo stack (show solution can be undone). */
  setText(text: string, options?: { undoable?: boolean }): void;
  onDidChange(cb: (text: string) => void): void;
  /** Compiles the current text in the TypeScript worker. */
  compile(): Promise<CompileOutput>;
  format(): Promise<void>;
  /** Shows a side-by-side diff: the learner's code (left) against `other` (right). */
  showDiff(other: string): void;
  hideDiff(): void;
  readonly diffShown: boolean;
  revealLine(line: number): void;
  /** Marks the current step's line (see the contract), or clears the mark (undefined). */
  markStepLine(line: number | undefined): void;
  setTheme(dark: boolean): void;
  /** Called on Mod+Enter inside the editor. */
  onRun(cb: () => void): void;
  focus(): void;
  dispose(): void;
}

/**
 * Monaco's own themes with the two colours axe found under 4.5:1 (issue 21 item 12): vs-dark's comments
 * (#608b4e on #1e1e1e, 4.2) and the dimmed line numbers of both themes.
 */
const LIGHT = "ip-light";
const DARK = "ip-dark";
function defineThemes(monaco: MonacoModule["monaco"]): void {
  monaco.editor.defineTheme(LIGHT, { base: "vs", inherit: true, rules: [], colors: { "editorLineNumber.foreground": "#5c6370", "editorLineNumber.activeForeground": "#1f2328" } });
  monaco.editor.defineTheme(DARK, {
    base: "vs-dark", inherit: true, rules: [{ token: "comment", foreground: "6a9955" }],
    colors: { "editorLineNumber.foreground": "#9aa4b2", "editorLineNumber.activeForeground": "#e6edf3" },
  });
}

/**
 * `stickyScroll: false` turns off Monaco's sticky scroll (the enclosing function's header pinned at the
 * top): in a narrow pane (the live code panel) it covers the top lines, including the marked step's.
 */
export function createEditor(container: HTMLElement, m: MonacoModule,
  options: { text: string; dark: boolean; ariaLabel: string; stickyScroll?: boolean }): EditorFacade {
  const { monaco } = m;
  const uri = monaco.Uri.parse("file:///main.ts");
  // Reused, never re-created: see the contract above. setValue() also drops the undo stack, so Undo
  // cannot bring back another lesson's code.
  const existing = monaco.editor.getModel(uri);
  const model = existing !== null && !existing.isDisposed() ? existing : monaco.editor.createModel(options.text, "typescript", uri);
  if (model === existing) model.setValue(options.text);
  model.updateOptions({ tabSize: 2, insertSpaces: true });
  let disposed = false;
  let lastText = options.text;
  const subscriptions: Array<{ dispose(): void }> = [];
  const host = document.createElement("div");
  host.className = "monaco-host";
  container.append(host);
  const common = {
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 13,
    lineHeight: 20,
    fontFamily: 'ui-monospace, "SF Mono", "Cascadia Code", "Noto Sans Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace',
    scrollBeyondLastLine: false,
    renderLineHighlight: "line" as const,
    fixedOverflowWidgets: true,
    padding: { top: 8, bottom: 8 },
    tabSize: 2,
    // Issue 21 item 3: the starters' long comments and chained calls wrap (indented) instead of needing a
    // horizontal scroll in a ~470 px pane; a narrower gutter leaves more columns for code.
    wordWrap: "on" as const,
    wrappingIndent: "indent" as const,
    lineNumbersMinChars: 3,
    lineDecorationsWidth: 6,
    folding: false,
    stickyScroll: { enabled: options.stickyScroll ?? true },
  };
  const editor = monaco.editor.create(host, { ...common, model, ariaLabel: options.ariaLabel, "semanticHighlighting.enabled": true });
  defineThemes(monaco);
  monaco.editor.setTheme(options.dark ? DARK : LIGHT);
  subscriptions.push(installTabExit(editor, container)); // Esc then Tab leaves the editor (issue 21 item 12)

  let diff: ReturnType<typeof monaco.editor.createDiffEditor> | undefined;
  let diffHost: HTMLElement | undefined;
  let otherModel: ReturnType<typeof monaco.editor.createModel> | undefined;
  const runListeners: Array<() => void> = [];
  const stepLine = editor.createDecorationsCollection();
  let markedLine: number | undefined;
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => runListeners.forEach((l) => l()));

  const facade: EditorFacade = {
    getText: () => (disposed ? lastText : model.getValue()),
    setText(text, opts) {
      if (disposed || text === model.getValue()) return;
      if (opts?.undoable) {
        editor.pushUndoStop();
        editor.executeEdits("app", [{ range: model.getFullModelRange(), text }]);
        editor.pushUndoStop();
      } else {
        model.setValue(text);
      }
    },
    onDidChange(cb) {
      subscriptions.push(model.onDidChangeContent(() => {
        if (!disposed) cb(model.getValue());
      }));
    },
    async compile() {
      if (disposed) throw new Error("the editor was closed");
      for (let attempt = 0; attempt < 2; attempt++) {
        const source = model.getValue();
        const out = await compileFile(m, model, source);
        if (out !== undefined) return out;
      }
      // The worker kept answering for other text: compile a scratch file nothing was ever cached for.
      const source = model.getValue();
      const scratch = monaco.editor.createModel(source, "typescript", monaco.Uri.parse(`file:///fresh/${++scratchSeq}/main.ts`));
      try {
        const out = await compileFile(m, scratch, source);
        if (out === undefined) throw new Error("the TypeScript worker compiled other text than the editor's");
        return out;
      } finally {
        scratch.dispose();
      }
    },
    async format() {
      await editor.getAction("editor.action.formatDocument")?.run();
    },
    showDiff(other) {
      facade.hideDiff();
      diffHost = document.createElement("div");
      diffHost.className = "monaco-host diff-host";
      container.append(diffHost);
      host.hidden = true;
      otherModel = monaco.editor.createModel(other, "typescript", monaco.Uri.parse("inmemory://solution/solution.ts"));
      diff = monaco.editor.createDiffEditor(diffHost, { ...common, readOnly: true, originalEditable: false, renderSideBySide: true, ignoreTrimWhitespace: true });
      // Left: the learner's code; right: the solution (what to change to get there).
      diff.setModel({ original: model, modified: otherModel });
    },
    hideDiff() {
      if (diff === undefined) return;
      diff.setModel(null);
      diff.dispose();
      otherModel?.dispose();
      diffHost?.remove();
      diff = undefined;
      otherModel = undefined;
      diffHost = undefined;
      host.hidden = false;
      editor.layout();
    },
    get diffShown() {
      return diff !== undefined;
    },
    revealLine(line) {
      editor.revealLineInCenter(line);
      editor.setPosition({ lineNumber: line, column: 1 });
      editor.focus();
    },
    markStepLine(line) {
      if (disposed) return;
      const valid = line !== undefined && Number.isSafeInteger(line) && line >= 1 && line <= model.getLineCount() ? line : undefined;
      if (valid === markedLine) return;
      markedLine = valid;
      if (valid === undefined) {
        stepLine.clear();
        delete container.dataset["stepLine"];
        return;
      }
      stepLine.set([{
        range: new monaco.Range(valid, 1, valid, 1),
        options: {
          isWholeLine: true,
          className: "step-line",
          linesDecorationsClassName: "step-line-gutter",
          overviewRuler: { color: "#326ce5", position: monaco.editor.OverviewRulerLane.Full },
          stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
        },
      }]);
      container.dataset["stepLine"] = String(valid);
      editor.revealLineInCenterIfOutsideViewport(valid, monaco.editor.ScrollType.Immediate);
    },
    setTheme(dark) {
      monaco.editor.setTheme(dark ? DARK : LIGHT);
    },
    onRun(cb) {
      runListeners.push(cb);
    },
    focus: () => editor.focus(),
    dispose() {
      lastText = model.getValue();
      stepLine.clear();
      delete container.dataset["stepLine"];
      disposed = true;
      for (const sub of subscriptions) sub.dispose();
      facade.hideDiff();
      editor.dispose();
      // The model stays (its version must keep growing); the next editor sets its text.
      host.remove();
    },
  };
  return facade;
}

let scratchSeq = 0;

type TextModel = ReturnType<MonacoModule["monaco"]["editor"]["createModel"]>;

/**
 * Compiles `model` (whose text is `source`) in the TypeScript worker. Returns undefined when the emitted
 * program was not compiled from `source` (the map's embedded source differs): the caller compiles again.
 */
async function compileFile(m: MonacoModule, model: TextModel, source: string): Promise<CompileOutput | undefined> {
  const worker = await m.getTsWorker(model.uri);
  const file = model.uri.toString();
  const [out, syn, sem] = await Promise.all([
    worker.getEmitOutput(file),
    worker.getSyntacticDiagnostics(file),
    worker.getSemanticDiagnostics(file),
  ]);
  const js = out.outputFiles.find((f) => f.name.endsWith(".js"))?.text ?? "";
  const map = out.outputFiles.find((f) => f.name.endsWith(".js.map"))?.text;
  if (compiledFrom(map) !== source || model.isDisposed() || model.getValue() !== source) return undefined;
  const diagnostics: Diagnostic[] = [...syn, ...sem]
    .filter((d) => d.category === 1)
    .map((d) => {
      const pos = model.getPositionAt(d.start ?? 0);
      return { line: pos.lineNumber, column: pos.column, code: d.code, message: flattenMessage(d.messageText) };
    })
    .sort((a, b) => a.line - b.line || a.column - b.column);
  return { js, map, diagnostics, source, sourceHash: hashText(source) };
}

/** The source text TypeScript embedded in a source map (compiler option `inlineSources`). */
export function compiledFrom(map: string | undefined): string | undefined {
  if (map === undefined) return undefined;
  try {
    const content = (JSON.parse(map) as { sourcesContent?: unknown }).sourcesContent;
    return Array.isArray(content) && typeof content[0] === "string" ? content[0] : undefined;
  } catch {
    return undefined;
  }
}
