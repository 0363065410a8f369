/**
 * The editor toolbar's actions that change the code or reveal the solution: Reset, Show solution, Diff
 * and Share (site/shell/lesson-view.ts wires them to the editor pane's buttons).
 *
 * Contract:
 * - Reset says truthfully what it does (the starter comes back, Ctrl+Z undoes that; injected actions
 *   go) and asks only when there is something to lose; it clears the draft.
 * - Show solution and Diff both reveal the solution: behind one confirm, after which progress no longer
 *   counts (`lesson.solutionShown` to the lesson machine; #20 item 3). Show solution then runs it.
 * - Share copies a link with the code, the injected actions and the current step; if the clipboard is
 *   refused the link is shown to copy by hand.
 */
import type { Actor } from "xstate";
import type { lessonMachine } from "../../machines/lesson";
import type { Translate } from "../../i18n/index";
import type { Drafts } from "../../storage/drafts";
import { shareHash } from "../../storage/share";
import type { EditorPane } from "./editor-pane";

export interface EditorActionsDeps {
  t: () => Translate;
  lessonId: string;
  starter: string;
  solution: string | undefined;
  /** The code the view opened with (used until the editor exists). */
  code: string;
  drafts: Drafts;
  actor: Actor<typeof lessonMachine>;
  editorPane: () => EditorPane;
  currentStep: () => number;
}

export class EditorActions {
  constructor(private readonly d: EditorActionsDeps) {}

  reset(): void {
    const t = this.d.t();
    const pane = this.d.editorPane();
    const editor = pane.editor;
    const n = this.d.actor.getSnapshot().context.actions.length;
    const changed = (editor?.getText() ?? this.d.code) !== this.d.starter;
    if ((changed || n > 0) && !window.confirm(n > 0 ? t("editor.reset.confirmActions", { n }) : t("editor.reset.confirm"))) return;
    this.d.actor.send({ type: "lesson.reset" });
    editor?.setText(this.d.starter, { undoable: true });
    this.d.drafts.clear(this.d.lessonId, this.d.starter);
    pane.hideNotice();
  }

  showSolution(): void {
    const pane = this.d.editorPane();
    const editor = pane.editor;
    if (this.d.solution === undefined || editor === undefined) return;
    if (!this.revealSolution()) return;
    editor.hideDiff();
    pane.setDiffShown(false);
    editor.setText(this.d.solution, { undoable: true });
    this.d.actor.send({ type: "lesson.run", reason: "solution" });
  }

  toggleDiff(): void {
    const pane = this.d.editorPane();
    const editor = pane.editor;
    if (!editor || this.d.solution === undefined) return;
    if (editor.diffShown) {
      editor.hideDiff();
      pane.setDiffShown(false);
      return;
    }
    if (!this.revealSolution()) return;
    pane.showTab("ts");
    editor.showDiff(this.d.solution);
    pane.setDiffShown(true);
  }

  async share(): Promise<void> {
    const pane = this.d.editorPane();
    const payload = { lesson: this.d.lessonId, code: pane.editor?.getText() ?? this.d.code, actions: this.d.actor.getSnapshot().context.actions, step: this.d.currentStep() };
    const url = `${location.origin}${location.pathname}${shareHash(payload)}`;
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      copied = false;
    }
    pane.showShare(url, copied);
  }

  /** The one confirm before the solution is shown (once per lesson until Reset). */
  private revealSolution(): boolean {
    if (this.d.actor.getSnapshot().context.solutionShown) return true;
    if (!window.confirm(this.d.t()("editor.solution.confirm"))) return false;
    this.d.actor.send({ type: "lesson.solutionShown" });
    this.d.editorPane().showNotice(this.d.t()("lesson.solutionShown"), "info");
    return true;
  }
}
