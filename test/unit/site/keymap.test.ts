// @vitest-environment happy-dom
/**
 * The app's one keymap (site/shell/keyboard.ts): which command a key means, and where it means nothing
 * (typing, the editor, a slider, Space on a button, arrows on a pane gutter, modifier chords).
 */
import { describe, expect, it } from "vitest";
import { KEYMAP, commandFor } from "../../../site/shell/keyboard.js";

function press(key: string, target: Element = document.body, mods: Partial<Pick<KeyboardEvent, "ctrlKey" | "metaKey" | "altKey">> = {}) {
  let command: ReturnType<typeof commandFor>;
  const ev = new KeyboardEvent("keydown", { key, bubbles: true, ...mods });
  target.addEventListener("keydown", (e) => { command = commandFor(e as KeyboardEvent); }, { once: true });
  target.dispatchEvent(ev);
  return command;
}

describe("keymap", () => {
  it("maps Space, ←, →, Home, End, ? and Mod+Enter on the page, and nothing else", () => {
    expect([" ", "ArrowLeft", "ArrowRight", "Home", "End", "?"].map((k) => press(k))).toEqual([
      "playback.toggle", "playback.stepBack", "playback.stepForward", "playback.jumpStart", "playback.jumpEnd", "sheet",
    ]);
    expect(press("Enter", document.body, { ctrlKey: true })).toBe("run");
    expect(press("Enter", document.body, { metaKey: true })).toBe("run");
    expect(press("Enter")).toBeUndefined();
    expect(press("a")).toBeUndefined();
    expect(press("ArrowRight", document.body, { ctrlKey: true })).toBeUndefined();
    expect(press("ArrowRight", document.body, { altKey: true })).toBeUndefined();
  });

  it("leaves keys to text fields, the editor and sliders; Space to buttons; arrows to gutters", () => {
    const input = document.createElement("input");
    const range = Object.assign(document.createElement("input"), { type: "range" });
    const checkbox = Object.assign(document.createElement("input"), { type: "checkbox" });
    const editor = document.createElement("div");
    editor.className = "monaco-editor";
    const inEditor = document.createElement("span");
    editor.append(inEditor);
    const button = document.createElement("button");
    const gutter = document.createElement("div");
    gutter.setAttribute("role", "separator");
    document.body.append(input, range, checkbox, editor, button, gutter);
    for (const t of [input, range, inEditor]) expect([" ", "ArrowLeft", "End", "?"].map((k) => press(k, t))).toEqual([undefined, undefined, undefined, undefined]);
    expect(press("Enter", inEditor, { ctrlKey: true })).toBe("run");
    expect(press(" ", checkbox)).toBe("playback.toggle");
    expect([" ", "ArrowRight", "Home"].map((k) => press(k, button))).toEqual([undefined, "playback.stepForward", "playback.jumpStart"]);
    expect([" ", "ArrowLeft", "End"].map((k) => press(k, gutter))).toEqual([undefined, undefined, "playback.jumpEnd"]);
  });

  it("lists every command once in the table the sheet shows", () => {
    const commands = KEYMAP.flatMap((b) => (b.command === undefined ? [] : [b.command]));
    expect(new Set(commands).size).toBe(commands.length);
    expect(KEYMAP.every((b) => b.caps.length > 0 && b.label.startsWith("shortcuts."))).toBe(true);
  });
});
