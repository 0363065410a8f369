/**
 * Workspace — the three panes of a lesson side by side (lesson · editor · stage), the two vertical
 * gutters between them and the horizontal one between the editor and the log, with their sizes kept in
 * the prefs. It only lays out: the panes are built by their own modules.
 */
import type { Translate } from "../../i18n/index";
import type { Prefs } from "../../storage/prefs";
import { h, icon } from "../dom";
import { makeGutter } from "../splitter";

export interface WorkspaceParts {
  lesson: HTMLElement;
  /** Focuses the lesson pane's own "hide" button (after the rail brought the pane back). */
  focusLesson(): void;
  editor: { element: HTMLElement; stack: HTMLElement; gutter: HTMLElement };
  stage: HTMLElement;
}

export const DEFAULT_PANES: [number, number] = [0.27, 0.37];
/** The sandbox's reading pane is a short guide: the editor and the stage get the room. */
export const SANDBOX_PANES: [number, number] = [0.2, 0.38];
export const DEFAULT_EDITOR_SPLIT = 0.68;

export interface Workspace {
  root: HTMLElement;
  /** Hides or shows the lesson pane (issue 21 item 3: room for the editor and the stage on a laptop). */
  setLessonCollapsed(collapsed: boolean): void;
  /** Focuses the rail that brings the lesson pane back (after the pane was hidden from the keyboard). */
  focusRail(): void;
}

export function mountWorkspace(parts: WorkspaceParts, o: { t: Translate; prefs: Prefs; savePrefs(): void; sandbox?: boolean }): Workspace {
  const { t, prefs } = o;
  const g1 = h("div", { class: "gutter gutter-v", "aria-label": t("pane.resize") });
  const g2 = h("div", { class: "gutter gutter-v", "aria-label": t("pane.resize") });
  const rail = h("button", { type: "button", class: "lesson-rail", "data-testid": "lesson-expand", title: t("lesson.expand"), "aria-label": t("lesson.expand"), "aria-expanded": "false" },
    icon("expand"), h("span", { class: "lesson-rail-label" }, t("pane.lesson")));
  const root = h("main", { class: "workspace" }, parts.lesson, rail, g1, parts.editor.element, g2, parts.stage);
  const setLessonCollapsed = (collapsed: boolean) => {
    root.classList.toggle("lesson-collapsed", collapsed);
    parts.lesson.hidden = collapsed;
    if (prefs.lessonCollapsed !== collapsed) {
      prefs.lessonCollapsed = collapsed;
      o.savePrefs();
    }
  };
  rail.addEventListener("click", () => {
    setLessonCollapsed(false);
    parts.focusLesson();
  });
  setLessonCollapsed(prefs.lessonCollapsed === true);
  const panes: [number, number] = prefs.panes ? [...prefs.panes] : [...(o.sandbox === true ? SANDBOX_PANES : DEFAULT_PANES)];
  const applySizes = () => {
    root.style.setProperty("--w-lesson", `${(panes[0] * 100).toFixed(2)}%`);
    root.style.setProperty("--w-editor", `${(panes[1] * 100).toFixed(2)}%`);
  };
  applySizes();
  const savePanes = () => {
    prefs.panes = [panes[0], panes[1]];
    o.savePrefs();
  };
  makeGutter(g1, {
    orientation: "vertical", container: () => root, min: 0.15, max: 0.5, done: savePanes,
    get: () => panes[0],
    set: (f) => { panes[0] = f; applySizes(); },
  });
  makeGutter(g2, {
    orientation: "vertical", container: () => root, min: 0.2, max: 0.6, done: savePanes,
    get: () => panes[1],
    set: (f) => { panes[1] = f; applySizes(); },
  });
  const stack = parts.editor.stack;
  let split = prefs.editorSplit ?? DEFAULT_EDITOR_SPLIT;
  const applySplit = () => stack.style.setProperty("--h-editor", `${(split * 100).toFixed(2)}%`);
  applySplit();
  makeGutter(parts.editor.gutter, {
    orientation: "horizontal", container: () => stack, min: 0.25, max: 0.88,
    get: () => split,
    set: (f) => { split = f; applySplit(); },
    done: () => { prefs.editorSplit = split; o.savePrefs(); },
  });
  return { root, setLessonCollapsed, focusRail: () => rail.focus() };
}
