/**
 * The command bar's history: the lines the learner submitted, oldest first, kept for the browser tab's
 * session (sessionStorage, so it survives a reload but not a new tab) through the app's `Store`.
 *
 * Contract: `push(line)` appends a non-empty line (an immediate repeat is kept once) and keeps the last
 * `MAX_HISTORY`; `lines()` returns them oldest first. A stored value that is not an array of strings is
 * ignored (the history starts empty); storage that is missing or full only makes the history in-memory.
 */
import { openStore, type Store } from "./store.js";

export const MAX_HISTORY = 50;
const KEY = "command-history";
const MAX_LINE = 4000;

export interface CommandHistory {
  lines(): readonly string[];
  push(line: string): void;
}

export function openCommandHistory(store: Store = openStore(() => globalThis.sessionStorage)): CommandHistory {
  let lines: string[] = [];
  try {
    const raw: unknown = JSON.parse(store.get(KEY) ?? "[]");
    if (Array.isArray(raw) && raw.every((l) => typeof l === "string" && l.length <= MAX_LINE)) lines = (raw as string[]).slice(-MAX_HISTORY);
  } catch {
    lines = [];
  }
  return {
    lines: () => lines,
    push(line) {
      const l = line.trim();
      if (l === "" || l.length > MAX_LINE) return;
      if (lines[lines.length - 1] !== l) lines = [...lines, l].slice(-MAX_HISTORY);
      store.set(KEY, JSON.stringify(lines));
    },
  };
}

/**
 * Walking the history with ↑ / ↓ in one input: `up(current)` returns the previous line (remembering
 * what was being typed the first time), `down()` the next one, or the line being typed past the newest;
 * undefined when there is nowhere to go. `reset()` after a submit.
 */
export function historyCursor(history: CommandHistory): { up(current: string): string | undefined; down(): string | undefined; reset(): void } {
  let index = -1; // -1: not walking; else an index into lines()
  let draft = "";
  return {
    up(current) {
      const lines = history.lines();
      if (lines.length === 0) return undefined;
      if (index === -1) {
        draft = current;
        index = lines.length - 1;
      } else if (index > 0) index--;
      else return undefined;
      return lines[index];
    },
    down() {
      const lines = history.lines();
      if (index === -1) return undefined;
      if (index < lines.length - 1) return lines[++index];
      index = -1;
      return draft;
    },
    reset() {
      index = -1;
      draft = "";
    },
  };
}
