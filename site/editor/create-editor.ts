/**
 * The editor facade. Monaco is passed in (loaded once by load-monaco.ts), as TypeScript-Website's
 * createTypeScriptSandbox takes it; the rest of the app only sees this documented surface.
 */
import type { MonacoModule } from "./load-monaco";
import { flattenMessage, type Diagnostic } from "./diagnostics";

export type { Diagnostic };

export interface CompileOutput {
  /** CommonJS emitted by the TypeScript worker (present even with type errors). */
  js: string;
  /** The source map (JSON) of `js`. */
  map?: string;
  /** Syntactic + semantic errors of the learner's file, by line. A run starts only when this is empty. */
  diagnostics: Diagnostic[];
  /** The text that was compiled. */
  source: string;
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
  setTheme(dark: boolean): void;
  /** Called on Mod+Enter inside the editor. */
  onRun(cb: () => void): void;
  focus(): void;
  dispose(): void;
}

export function createEditor(container: HTMLElement, m: MonacoModule, options: { text: string; dark: boolean; ariaLabel: string }): EditorFacade {
  const { monaco } = m;
  const uri = monaco.Uri.parse("file:///main.ts");
  monaco.editor.getModel(uri)?.dispose();
  const model = monaco.editor.createModel(options.text, "typescript", uri);
  model.updateOptions({ tabSize: 2, insertSpaces: true });
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
  };
  const editor = monaco.editor.create(host, { ...common, model, ariaLabel: options.ariaLabel, "semanticHighlighting.enabled": true });
  monaco.editor.setTheme(options.dark ? "vs-dark" : "vs");

  let diff: ReturnType<typeof monaco.editor.createDiffEditor> | undefined;
  let diffHost: HTMLElement | undefined;
  let otherModel: ReturnType<typeof monaco.editor.createModel> | undefined;
  const runListeners: Array<() => void> = [];
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => runListeners.forEach((l) => l()));

  const facade: EditorFacade = {
    getText: () => model.getValue(),
    setText(text, opts) {
      if (text === model.getValue()) return;
      if (opts?.undoable) {
        editor.pushUndoStop();
        editor.executeEdits("app", [{ range: model.getFullModelRange(), text }]);
        editor.pushUndoStop();
      } else {
        model.setValue(text);
      }
    },
    onDidChange(cb) {
      model.onDidChangeContent(() => cb(model.getValue()));
    },
    async compile() {
      const source = model.getValue();
      const worker = await m.getTsWorker(uri);
      const file = uri.toString();
      const [out, syn, sem] = await Promise.all([
        worker.getEmitOutput(file),
        worker.getSyntacticDiagnostics(file),
        worker.getSemanticDiagnostics(file),
      ]);
      const diagnostics: Diagnostic[] = [...syn, ...sem]
        .filter((d) => d.category === 1)
        .map((d) => {
          const pos = model.getPositionAt(d.start ?? 0);
          return { line: pos.lineNumber, column: pos.column, code: d.code, message: flattenMessage(d.messageText) };
        })
        .sort((a, b) => a.line - b.line || a.column - b.column);
      const js = out.outputFiles.find((f) => f.name.endsWith(".js"))?.text ?? "";
      const map = out.outputFiles.find((f) => f.name.endsWith(".js.map"))?.text;
      return { js, map, diagnostics, source };
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
    setTheme(dark) {
      monaco.editor.setTheme(dark ? "vs-dark" : "vs");
    },
    onRun(cb) {
      runListeners.push(cb);
    },
    focus: () => editor.focus(),
    dispose() {
      facade.hideDiff();
      editor.dispose();
      model.dispose();
      host.remove();
    },
  };
  return facade;
}
