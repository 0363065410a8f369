/**
 * Virtual time as people read it: `535 ms` under a second, `1.54 s` from a second on (at most two
 * decimals, at least one: `3.0 s`), in the stage's language (`1.54 秒`, `535 毫秒`). Never a raw float.
 */
import type { Locale as StageLocale } from "../i18n/index.js";

export function formatTime(ms: number, locale: StageLocale = "en"): string {
  const zh = locale === "zh-CN";
  if (!Number.isFinite(ms)) return zh ? "— 毫秒" : "— ms";
  if (Math.abs(ms) < 1000) {
    const whole = Math.round(ms);
    if (Math.abs(whole) < 1000) return zh ? `${whole} 毫秒` : `${whole} ms`;
  }
  let s = (ms / 1000).toFixed(2);
  if (s.endsWith("0")) s = s.slice(0, -1);
  return zh ? `${s} 秒` : `${s} s`;
}
