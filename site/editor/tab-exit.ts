/**
 * A way out of the editor with Tab that is shown where the learner is (issue 21 item 12). In Monaco, Tab
 * indents; its own way out (Ctrl+M, ⌃⇧M on Mac: "Tab moves focus") is a mode few people know.
 *
 * Contract:
 * - While the editor's text has focus, a one-line hint sits in the editor's bottom-right corner:
 *   "Esc then Tab leaves the editor" (in the page's language, keys as <kbd> caps); it is hidden from
 *   assistive technology's reading order but is the editor's accessible description.
 * - Escape (whatever else it does in Monaco: closing a suggestion, cancelling a selection) arms a
 *   one-shot exit: the very next key, if Tab or Shift+Tab, moves focus to the next or previous focusable
 *   element of the page outside the editor instead of indenting; any other key disarms it.
 * - Monaco's own Ctrl+M keeps working. Nothing else in the editor changes.
 */
import type { MonacoModule } from "./load-monaco";
import { catalogs, isLocale } from "../i18n/index";

type Editor = ReturnType<MonacoModule["monaco"]["editor"]["create"]>;

const TABBABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/** The page's focusable elements outside `skip`, in document order, that are rendered. */
function tabbables(skip: HTMLElement): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>(TABBABLE)].filter((e) => !skip.contains(e) && e.getClientRects().length > 0 && !e.closest("[inert]"));
}

/** Moves focus to the first focusable element after (or the last before) `from`, outside it. */
export function focusBeside(from: HTMLElement, backwards: boolean): boolean {
  const list = tabbables(from);
  const pick = backwards
    ? list.filter((e) => from.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_PRECEDING).pop()
    : list.find((e) => from.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING);
  if (pick === undefined) return false;
  pick.focus();
  return true;
}

/** The hint in the page's language, split around its two keys ("{esc} then {tab} leaves the editor"). */
function hintParts(): string[] {
  const lang = document.documentElement.lang;
  return catalogs[isLocale(lang) ? lang : "en"]["editor.tabExit"].split(/\{(esc|tab)\}/);
}

export function installTabExit(editor: Editor, container: HTMLElement): { dispose(): void } {
  let armed = false;
  const hint = document.createElement("div");
  hint.className = "editor-tab-hint";
  hint.id = `tab-hint-${Math.random().toString(36).slice(2, 8)}`;
  hint.setAttribute("data-testid", "editor-tab-hint");
  hint.setAttribute("aria-hidden", "true");
  hint.hidden = true;
  const render = () => {
    const kbd = (k: string) => Object.assign(document.createElement("kbd"), { textContent: k });
    hint.replaceChildren(...hintParts().map((part) => (part === "esc" ? kbd("Esc") : part === "tab" ? kbd("Tab") : part)));
  };
  render();
  container.append(hint);
  const textarea = () => container.querySelector<HTMLTextAreaElement>("textarea.inputarea, .native-edit-context, textarea");

  const onKey = (e: KeyboardEvent) => {
    if (e.key === "Escape") {
      armed = true;
      return;
    }
    if (e.key === "Tab" && armed && !e.ctrlKey && !e.metaKey && !e.altKey) {
      armed = false;
      if (focusBeside(container, e.shiftKey)) {
        e.preventDefault();
        e.stopPropagation();
      }
      return;
    }
    if (e.key !== "Shift") armed = false;
  };
  // Capture: before Monaco's own handlers (its Tab command would indent).
  container.addEventListener("keydown", onKey, true);
  const focus = editor.onDidFocusEditorText(() => {
    render();
    hint.hidden = false;
    textarea()?.setAttribute("aria-describedby", hint.id);
  });
  const blur = editor.onDidBlurEditorText(() => {
    hint.hidden = true;
    armed = false;
  });
  return {
    dispose() {
      container.removeEventListener("keydown", onKey, true);
      focus.dispose();
      blur.dispose();
      hint.remove();
    },
  };
}
