/**
 * The playground's faults (not kubectl), with their parameters:
 *   partition [refused|timeout] [<duration>]   e.g. `partition 4s`, `partition timeout 1500ms`
 *   heal · compact · drop-watches · restart
 *   slow-handler <handler> <delay>             e.g. `slow-handler 1 3000` (ms), `slow-handler 0 2s`
 * A partition with a duration heals itself that much later (Op.durationMs); a slow handler is the n-th
 * registered handler (0-based, as the listener numbers on the stage) of every informer of the run.
 */
import { formatTime } from "../format-time.js";
import type { TimedOp } from "../run-types.js";
import type { CommandContext, CommandResult } from "./types.js";
import type { Flags } from "./words.js";

export const FAULTS: Record<string, "dropWatches" | "compact" | "partition" | "heal" | "restart"> = {
  partition: "partition", heal: "heal", compact: "compact", "drop-watches": "dropWatches", restart: "restart",
};

const MAX_MS = 3_600_000;

/** "4s", "1.5s", "1500ms" → ms; a bare number is ms only when `bareIsMs`; undefined when not a duration. */
export function parseDuration(word: string, bareIsMs: boolean): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(word);
  if (m === null || (m[2] === undefined && !bareIsMs)) return undefined;
  const n = Number(m[1]) * (m[2] === "s" ? 1000 : m[2] === "m" ? 60_000 : 1);
  return Number.isFinite(n) && n > 0 && n <= MAX_MS ? Math.round(n) : undefined;
}

function partition(f: Flags, ctx: CommandContext): CommandResult {
  let mode: "refused" | "timeout" | undefined;
  let durationMs: number | undefined;
  for (const w of f.positional) {
    if ((w === "refused" || w === "timeout") && mode === undefined) mode = w;
    else if (durationMs === undefined && parseDuration(w, false) !== undefined) durationMs = parseDuration(w, false);
    else if (/^\d+(\.\d+)?$/.test(w)) return { ok: false, error: `partition: give the duration a unit, e.g. ${w}s or ${w}ms` };
    else return { ok: false, error: `partition: say "refused" (connection refused, the default) or "timeout" (requests hang), and optionally how long (e.g. 4s), not "${w}"` };
  }
  const op: TimedOp = {
    op: "fault", fault: "partition", at: ctx.at,
    ...(mode === "timeout" ? { mode: "timeout" as const } : {}),
    ...(durationMs !== undefined ? { durationMs } : {}),
  };
  const how = `${mode ?? "refused"}${durationMs !== undefined ? `, heals after ${formatTime(durationMs)}` : ""}`;
  return { ok: true, op, message: `partition (${how}) at t = ${formatTime(ctx.at)}` };
}

export function slowHandler(f: Flags, ctx: CommandContext): CommandResult {
  const [handler, delay, extra] = f.positional;
  const usage = "slow-handler <handler> <delay>, e.g. slow-handler 1 3000 (handler #1 takes 3000 ms per notification)";
  if (handler === undefined || delay === undefined) return { ok: false, error: `say which handler and how slow: ${usage}` };
  if (extra !== undefined) return { ok: false, error: `slow-handler: unexpected argument "${extra}" (${usage})` };
  if (!/^\d{1,2}$/.test(handler)) return { ok: false, error: `slow-handler: the handler is its number on the stage (0, 1, …), not "${handler}"` };
  const delayMs = parseDuration(delay, true);
  if (delayMs === undefined) return { ok: false, error: `slow-handler: the delay is a time up to 1 hour, e.g. 3000 or 3s, not "${delay}"` };
  return {
    ok: true, op: { op: "slowHandler", handler: Number(handler), delayMs, at: ctx.at },
    message: `handler #${handler} slowed to ${formatTime(delayMs)} per notification at t = ${formatTime(ctx.at)}`,
  };
}

export function fault(verb: string, f: Flags, ctx: CommandContext): CommandResult {
  const kind = FAULTS[verb]!;
  if (kind === "partition") return partition(f, ctx);
  const [extra] = f.positional;
  if (extra !== undefined) return { ok: false, error: `${verb}: unexpected argument "${extra}"` };
  return { ok: true, op: { op: "fault", fault: kind, at: ctx.at }, message: `${verb} at t = ${formatTime(ctx.at)}` };
}
