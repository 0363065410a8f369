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

const FAULTS = new Set(["dropWatches", "compact", "partition", "heal", "restart"]);
const isObj = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
const isName = (x: unknown): x is string => typeof x === "string" && x.length > 0 && x.length <= 253;
const isNum = (x: unknown, max: number): x is number => typeof x === "number" && Number.isFinite(x) && x >= 0 && x <= max;

/** Every op kind the engine knows: a new kind fails the type-check here until isTimedOp handles it. */
const OP_KINDS: Record<TimedOp["op"], true> = { create: true, update: true, apply: true, delete: true, label: true, bind: true, fault: true, slowHandler: true };

/** Whether `x` is a TimedOp the engine can apply (a share link is untrusted input). */
export function isTimedOp(x: unknown): x is TimedOp {
  if (!isObj(x) || !isNum(x["at"], 1e9) || typeof x["op"] !== "string" || !Object.hasOwn(OP_KINDS, x["op"])) return false;
  // Placed after a step (TimedOp.afterStep): a step number.
  if (x["afterStep"] !== undefined && !(Number.isSafeInteger(x["afterStep"]) && isNum(x["afterStep"], 1e7))) return false;
  const resourceOk = () => typeof x["resource"] === "string" && /^[a-z][a-z0-9]{0,62}$/.test(x["resource"]);
  const nsOk = () => x["namespace"] === undefined || isName(x["namespace"]);
  switch (x["op"]) {
    case "create": case "update": case "apply":
      return resourceOk() && isObj(x["object"]) && isObj(x["object"]["metadata"]) && isName(x["object"]["metadata"]["name"]);
    case "delete":
      return resourceOk() && nsOk() && isName(x["name"]) && (x["gracePeriodSeconds"] === undefined || isNum(x["gracePeriodSeconds"], 1e6));
    case "label":
      return resourceOk() && nsOk() && isName(x["name"]) && isObj(x["labels"]) &&
        Object.values(x["labels"]).every((v) => v === null || (typeof v === "string" && v.length <= 63));
    case "bind":
      return nsOk() && isName(x["name"]) && isName(x["node"]);
    case "fault":
      return typeof x["fault"] === "string" && FAULTS.has(x["fault"]) && (x["mode"] === undefined || x["mode"] === "refused" || x["mode"] === "timeout") &&
        (x["durationMs"] === undefined || (x["fault"] === "partition" && isNum(x["durationMs"], 3.6e6) && (x["durationMs"] as number) > 0));
    case "slowHandler":
      return Number.isSafeInteger(x["handler"]) && isNum(x["handler"], 100) && isNum(x["delayMs"], 1e7);
    default:
      return false;
  }
}

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
