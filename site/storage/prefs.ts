/** Preferences: locale and theme choice, pane sizes, the live checkbox. Stored as one JSON value. */
import type { Locale } from "../i18n/index";
import type { Store } from "./store";

export type ThemeChoice = "system" | "light" | "dark";
export interface Prefs {
  locale?: Locale;
  theme?: ThemeChoice;
  live?: boolean;
  /** Pane widths as fractions of the main area: [lesson, editor] (the stage takes the rest). */
  panes?: [number, number];
  /** Height fraction of the editor inside the editor column (the log takes the rest). */
  editorSplit?: number;
  /** The lesson pane is hidden (a rail brings it back). */
  lessonCollapsed?: boolean;
}

export function loadPrefs(store: Store): Prefs {
  try {
    const raw = store.get("prefs");
    return raw === undefined ? {} : (JSON.parse(raw) as Prefs);
  } catch {
    return {};
  }
}

export function savePrefs(store: Store, prefs: Prefs): void {
  store.set("prefs", JSON.stringify(prefs));
}
