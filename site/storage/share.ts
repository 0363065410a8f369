/**
 * Share links — one compressed, unicode-safe URL fragment that reproduces a run exactly: lesson (or the
 * sandbox), the learner's code, the actions they injected (with their virtual times) and the step on
 * screen. The engine is deterministic, so the same inputs give the same trace.
 *
 * Format: `#/lesson/<id>?share=<lz>` (or `#/sandbox?share=<lz>`), `<lz>` =
 * lz-string compressToEncodedURIComponent(JSON.stringify(payload)). lz-string works on UTF-16 code
 * units, so any text (Chinese comments, emoji) survives; the result uses only URL-safe characters.
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from "lz-string";
import type { TimedOp } from "../../src/scenario/index.js";
import { isTimedOp } from "./timed-op";

export interface SharePayload {
  v: 1;
  /** A lesson id, or "sandbox". */
  lesson: string;
  code: string;
  actions: TimedOp[];
  step: number;
  /** Actions of the link that were not valid TimedOps and were left out (issue 14 item 7). */
  dropped?: number;
}

export { isTimedOp };

export function encodeShare(p: Omit<SharePayload, "v">): string {
  return compressToEncodedURIComponent(JSON.stringify({ v: 1, ...p }));
}

export function decodeShare(token: string): SharePayload | undefined {
  let json: string | null;
  try {
    json = decompressFromEncodedURIComponent(token);
  } catch {
    return undefined;
  }
  if (!json) return undefined;
  try {
    const p = JSON.parse(json) as Partial<SharePayload>;
    if (p.v !== 1 || typeof p.lesson !== "string" || typeof p.code !== "string") return undefined;
    const raw: unknown[] = Array.isArray(p.actions) ? p.actions : [];
    const actions = raw.filter(isTimedOp);
    return {
      v: 1,
      lesson: p.lesson,
      code: p.code,
      actions,
      ...(actions.length < raw.length ? { dropped: raw.length - actions.length } : {}),
      step: typeof p.step === "number" && Number.isFinite(p.step) ? Math.max(0, Math.floor(p.step)) : 0,
    };
  } catch {
    return undefined;
  }
}

/** The hash route for a payload (`#/lesson/<id>?share=…` or `#/sandbox?share=…`). */
export function shareHash(p: Omit<SharePayload, "v">): string {
  const route = p.lesson === "sandbox" ? "#/sandbox" : `#/lesson/${p.lesson}`;
  return `${route}?share=${encodeShare(p)}`;
}
