/** Theme: "system" follows the OS (prefers-color-scheme) live; light/dark force it. Sets <html data-theme>. */
import type { ThemeChoice } from "../storage/prefs";

export function applyTheme(choice: ThemeChoice, onChange?: (dark: boolean) => void): () => void {
  const mq = window.matchMedia("(prefers-color-scheme: dark)");
  const apply = () => {
    const dark = choice === "dark" || (choice === "system" && mq.matches);
    document.documentElement.dataset["theme"] = dark ? "dark" : "light";
    document.documentElement.style.colorScheme = dark ? "dark" : "light";
    onChange?.(dark);
  };
  apply();
  mq.addEventListener("change", apply);
  return () => mq.removeEventListener("change", apply);
}

export function isDark(): boolean {
  return document.documentElement.dataset["theme"] === "dark";
}
