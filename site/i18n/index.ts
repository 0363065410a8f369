/**
 * UI strings in two catalogs (en, zh-CN). `translator(locale)` returns the `t` function that panels
 * receive as an argument (never read from window). Locale detection follows the browser.
 */
import { en, type MessageKey } from "./en";
import { zhCN } from "./zh-CN";

import type { Locale } from "../../src/sim/index.js";

/** The one spelling of a UI language: the engine's (narration) Locale, re-exported for the app. */
export type { Locale };
/** Every UI language, in the order the app offers them (the lesson compiler builds each). */
export const LOCALES: readonly Locale[] = ["en", "zh-CN"];
export type { MessageKey };
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export const catalogs: Record<Locale, Record<MessageKey, string>> = { en, "zh-CN": zhCN };

/** Picks en or zh-CN from the browser's language list (any zh except Traditional → zh-CN). */
export function detectLocale(languages: readonly string[]): Locale {
  for (const raw of languages) {
    const l = raw.toLowerCase();
    if (l.startsWith("zh")) {
      if (/^zh-(tw|hk|mo|hant)/.test(l)) continue;
      return "zh-CN";
    }
    if (l.startsWith("en")) return "en";
  }
  return "en";
}

export function isLocale(x: unknown): x is Locale {
  return (LOCALES as readonly unknown[]).includes(x);
}

export function translator(locale: Locale): Translate {
  const catalog = catalogs[locale];
  return (key, params) => {
    const template = catalog[key] ?? en[key] ?? key;
    if (params === undefined) return template;
    return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  };
}
