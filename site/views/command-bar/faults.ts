/** The playground's faults (not kubectl): partition [refused|timeout], heal, compact, drop-watches, restart. */
import type { TimedOp } from "../run-types.js";
import type { CommandContext, CommandResult } from "./types.js";
import type { Flags } from "./words.js";

export const FAULTS: Record<string, "dropWatches" | "compact" | "partition" | "heal" | "restart"> = {
  partition: "partition", heal: "heal", compact: "compact", "drop-watches": "dropWatches", restart: "restart",
};

export function fault(verb: string, f: Flags, ctx: CommandContext): CommandResult {
  const kind = FAULTS[verb]!;
  const [mode, extra] = f.positional;
  if (kind !== "partition" && mode !== undefined) return { ok: false, error: `${verb}: unexpected argument "${mode}"` };
  if (extra !== undefined) return { ok: false, error: `${verb}: unexpected argument "${extra}"` };
  if (kind === "partition") {
    if (mode !== undefined && mode !== "refused" && mode !== "timeout") {
      return { ok: false, error: `partition: say "refused" (connection refused, the default) or "timeout" (requests hang), not "${mode}"` };
    }
    const op: TimedOp = { op: "fault", fault: "partition", at: ctx.at, ...(mode === "timeout" ? { mode: "timeout" as const } : {}) };
    return { ok: true, op, message: `partition (${mode ?? "refused"}) at t=${ctx.at} ms` };
  }
  return { ok: true, op: { op: "fault", fault: kind, at: ctx.at }, message: `${verb} at t=${ctx.at} ms` };
}
