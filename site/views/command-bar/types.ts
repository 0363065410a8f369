/** The command bar's context and result (command-bar-parse.ts is the entry point). */
import type { ServerObjectView } from "../../../src/sim/index.js";
import type { TimedOp } from "../run-types.js";

export interface CommandContext {
  /** Virtual time of the current step. */
  at: number;
  /** The API server's objects at the current step. */
  objects: Iterable<ServerObjectView>;
  /** Default namespace (default "default"). */
  namespace?: string;
}

export type CommandResult =
  | { ok: true; op: TimedOp; message: string }
  | { ok: true; op?: undefined; output: string }
  | { ok: false; error: string };
