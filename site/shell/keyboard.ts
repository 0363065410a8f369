/**
 * The app's one keymap: every key the app answers, in one table (`KEYMAP`), read by the shell (Mod+Enter
 * runs, `?` opens the shortcut sheet, the sheet lists the table) and by the stage's transport (Space,
 * ←, →, Home, End drive playback, site/views/stage/transport.ts). Browser keys are never taken over.
 *
 * Contract: `commandFor(ev)` is the command a keydown means where it happened, or undefined:
 * - Mod+Enter → `run`, anywhere (the editor runs its own Mod+Enter first and marks the event handled);
 * - no key with Alt/Ctrl/Meta (other than Mod+Enter), nothing while typing (text inputs, textareas,
 *   selects, contenteditable, the editor, range sliders, which own their arrow keys);
 * - Space on a button, link, separator or slider is that element's own; ← / → on a separator (a pane
 *   gutter) likewise; elsewhere they are playback keys;
 * - in a reading pane (an element marked `data-reading` or the lesson pane, `.pane-lesson`) Space, Home
 *   and End scroll it, as in any page: when focus is in it, or when the page has no focus (body) and the
 *   last click was in it (where the browser scrolls). ← / → still step.
 */
import type { Translate } from "../i18n/index";
import type { PlaybackEvent } from "../machines/playback";
import { h } from "./dom";

export type KeyCommand = "run" | "sheet" | Extract<PlaybackEvent["type"],
  "playback.toggle" | "playback.stepBack" | "playback.stepForward" | "playback.jumpStart" | "playback.jumpEnd">;

export interface KeyBinding {
  /** KeyboardEvent.key values, with `Mod` when Ctrl (or ⌘) must be held. */
  keys: readonly string[];
  mod?: boolean;
  /** What the sheet shows for the keys ("Mod" is written ⌘ or Ctrl). */
  caps: readonly string[];
  /** The sheet's line (an i18n key). */
  label: string;
  /** undefined: the row is shown in the sheet but handled elsewhere (the editor's Tab trap). */
  command?: KeyCommand;
}

export const KEYMAP: readonly KeyBinding[] = [
  { keys: ["Enter"], mod: true, caps: ["Mod", "Enter"], label: "shortcuts.run", command: "run" },
  { keys: [" ", "Spacebar"], caps: ["Space"], label: "shortcuts.play", command: "playback.toggle" },
  { keys: ["ArrowLeft"], caps: ["←"], label: "shortcuts.step", command: "playback.stepBack" },
  { keys: ["ArrowRight"], caps: ["→"], label: "shortcuts.step", command: "playback.stepForward" },
  { keys: ["Home"], caps: ["Home"], label: "shortcuts.ends", command: "playback.jumpStart" },
  { keys: ["End"], caps: ["End"], label: "shortcuts.ends", command: "playback.jumpEnd" },
  { keys: ["?"], caps: ["?"], label: "shortcuts.sheet", command: "sheet" },
  // A sequence, not a chord: two rows with one label show as two caps side by side.
  { keys: [], caps: ["Esc"], label: "shortcuts.tabExit" },
  { keys: [], caps: ["Tab"], label: "shortcuts.tabExit" },
  { keys: [], caps: ["TabMode"], label: "shortcuts.tab" },
];

const READING = "[data-reading], .pane-lesson";
/** Whether the last pointer press was in a reading pane (the browser scrolls that one on Space). */
let pointerInReading = false;
let tracking = false;
function trackPointer(): void {
  if (tracking || typeof document === "undefined") return;
  tracking = true;
  document.addEventListener("pointerdown", (e) => {
    const el = e.target as Element | null;
    pointerInReading = typeof el?.closest === "function" && el.closest(READING) !== null;
  }, true);
}

/** Whether a key pressed at `el` belongs to a reading pane (see the contract). */
function inReading(el: HTMLElement | null): boolean {
  if (el === null || typeof el.closest !== "function") return false;
  if (el.closest(READING) !== null) return true;
  return (el === document.body || el === document.documentElement) && pointerInReading;
}

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof (el as { closest?: unknown }).closest !== "function") return false;
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

/** The command a keydown means where it happened (see the contract), or undefined. */
export function commandFor(ev: KeyboardEvent): KeyCommand | undefined {
  trackPointer();
  const mod = ev.ctrlKey || ev.metaKey;
  const binding = KEYMAP.find((b) => b.command !== undefined && b.keys.includes(ev.key) && (b.mod === true) === mod);
  if (binding === undefined || binding.command === undefined) return undefined;
  if (binding.mod === true) return ev.altKey ? undefined : binding.command;
  if (ev.altKey || typing(ev.target)) return undefined;
  const el = ev.target as HTMLElement | null;
  const own = typeof el?.closest === "function" ? el.closest("button, a, summary, [role=separator], input[type=range]") : null;
  if (binding.command === "playback.toggle" && own !== null) return undefined;
  if ((binding.command === "playback.stepBack" || binding.command === "playback.stepForward") && own?.matches("[role=separator]")) return undefined;
  const scrolls = binding.command === "playback.toggle" || binding.command === "playback.jumpStart" || binding.command === "playback.jumpEnd";
  if (scrolls && inReading(el)) return undefined;
  return binding.command;
}

/** The shell's part of the keymap: Mod+Enter and `?`; returns `openSheet` for the header's button. */
export function installKeyboard(o: { t: () => Translate; run(): void }): { openSheet(): void } {
  let sheet: HTMLDialogElement | undefined;
  const openSheet = () => {
    const t = o.t();
    sheet?.remove();
    const mac = /Mac|iPhone|iPad/.test(navigator.platform);
    // One cap per key: Monaco's "Tab moves focus" is Ctrl+M, or ⌃⇧M on a Mac (three keys).
    const cap = (c: string): string[] => (c === "Mod" ? [mac ? "⌘" : "Ctrl"] : c === "TabMode" ? (mac ? ["⌃", "⇧", "M"] : ["Ctrl", "M"]) : [c]);
    // One row per sheet line: bindings that share a label (← and →, Home and End) share a row.
    const rows = new Map<string, string[][]>();
    for (const b of KEYMAP) rows.set(b.label, [...(rows.get(b.label) ?? []), b.caps.flatMap(cap)]);
    // Keys of one chord are joined by "+", alternatives (← or →) by a space.
    const row = (chords: string[][], what: string) => h("tr", {}, h("td", {}, ...chords.flatMap((keys, i) => [
      i > 0 ? " " : "", ...keys.flatMap((k, j) => [j > 0 ? "+" : "", h("kbd", {}, k)]),
    ])), h("td", {}, what));
    sheet = h("dialog", { class: "sheet", "data-testid": "shortcut-sheet", "aria-label": t("shortcuts.title") },
      h("h2", {}, t("shortcuts.title")),
      h("table", {}, ...[...rows].map(([label, keys]) => row(keys, t(label as Parameters<Translate>[0])))),
      h("p", { class: "muted" }, t("editor.tabTrap")),
      h("form", { method: "dialog" }, h("button", { class: "button primary", value: "close" }, t("shortcuts.close"))));
    document.body.append(sheet);
    sheet.addEventListener("close", () => sheet?.remove());
    sheet.showModal();
  };
  document.addEventListener("keydown", (ev) => {
    if (ev.defaultPrevented) return; // Monaco handled it (its own Mod+Enter command runs)
    const command = commandFor(ev);
    if (command === "run") {
      ev.preventDefault();
      o.run();
    } else if (command === "sheet") {
      ev.preventDefault();
      openSheet();
    }
  });
  return { openSheet };
}
