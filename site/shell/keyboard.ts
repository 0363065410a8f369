/**
 * Keyboard: Mod+Enter runs (anywhere); Space / ← / → / Home / End drive the stage's playback bar when
 * focus is not in a text field, a button or the editor; `?` opens the shortcut sheet. Browser keys are
 * never taken over.
 */
import type { Translate } from "../i18n/index";
import { h } from "./dom";

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !(el instanceof HTMLElement)) return false;
  if (el.isContentEditable) return true;
  if (el.closest(".monaco-editor")) return true;
  const tag = el.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag === "INPUT") {
    const type = (el as HTMLInputElement).type;
    return !["checkbox", "radio", "button", "submit"].includes(type);
  }
  return false;
}

function press(stage: HTMLElement | undefined, ...ids: string[]): boolean {
  if (!stage) return false;
  for (const id of ids) {
    const b = stage.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    if (b && !b.hidden && b.offsetParent !== null && !(b as HTMLButtonElement).disabled) {
      b.click();
      return true;
    }
  }
  return false;
}

export function installKeyboard(o: { t: () => Translate; run(): void; stage(): HTMLElement | undefined }): void {
  let sheet: HTMLDialogElement | undefined;
  const openSheet = () => {
    const t = o.t();
    sheet?.remove();
    const mod = /Mac|iPhone|iPad/.test(navigator.platform) ? "⌘" : "Ctrl";
    const row = (keys: string[], what: string) => h("tr", {}, h("td", {}, ...keys.flatMap((k, i) => [i > 0 ? " " : "", h("kbd", {}, k)])), h("td", {}, what));
    sheet = h("dialog", { class: "sheet", "data-testid": "shortcut-sheet", "aria-label": t("shortcuts.title") },
      h("h2", {}, t("shortcuts.title")),
      h("table", {},
        row([mod, "Enter"], t("shortcuts.run")),
        row(["Space"], t("shortcuts.play")),
        row(["←", "→"], t("shortcuts.step")),
        row(["Home", "End"], t("shortcuts.ends")),
        row(["?"], t("shortcuts.sheet")),
        row([mod === "⌘" ? "⌃⇧M" : "Ctrl+M"], t("shortcuts.tab"))),
      h("p", { class: "muted" }, t("editor.tabTrap")),
      h("form", { method: "dialog" }, h("button", { class: "button primary", value: "close" }, t("shortcuts.close"))));
    document.body.append(sheet);
    sheet.addEventListener("close", () => sheet?.remove());
    sheet.showModal();
  };
  document.addEventListener("ip:shortcuts", openSheet);
  document.addEventListener("keydown", (ev) => {
    if (ev.defaultPrevented) return; // Monaco handled it (its own Mod+Enter command runs)
    if ((ev.ctrlKey || ev.metaKey) && ev.key === "Enter") {
      ev.preventDefault();
      o.run();
      return;
    }
    if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
    if (typing(ev.target)) return;
    if (ev.key === "?") {
      ev.preventDefault();
      openSheet();
      return;
    }
    const onButton = (ev.target as HTMLElement | null)?.closest?.("button, a, [role=separator], input[type=range]");
    const stage = o.stage();
    let handled = false;
    switch (ev.key) {
      case " ":
        if (onButton) return;
        handled = press(stage, "pause", "play");
        break;
      case "ArrowLeft":
        if (onButton?.matches("[role=separator], input[type=range]")) return;
        handled = press(stage, "step-back");
        break;
      case "ArrowRight":
        if (onButton?.matches("[role=separator], input[type=range]")) return;
        handled = press(stage, "step-forward");
        break;
      case "Home":
        handled = press(stage, "jump-start");
        break;
      case "End":
        handled = press(stage, "jump-end");
        break;
    }
    if (handled) ev.preventDefault();
  });
}
