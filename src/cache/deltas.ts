/**
 * Deltas — helpers over a key's list of Delta (client-go tools/cache `Deltas`, spec §1).
 *
 * Contract:
 * - A Deltas list is ordered oldest first and is never empty while a FIFO holds it.
 * - `newestDelta` / `oldestDelta` return the last / first element, or undefined for an empty list.
 * - `resourceVersionOf(obj)` is the object's `metadata.resourceVersion` ("" if none); for a
 *   DeletedFinalStateUnknown it is the resourceVersion of the last known object inside it.
 * - `summarizeDelta(s)` turn deltas into the trace's plain-data `DeltaSummary` (type, rv, tombstone).
 */
import type { DeltaSummary } from "../sim/trace.js";
import { DeletedFinalStateUnknown } from "./deleted-final-state-unknown.js";
import type { Delta } from "./types.js";

/** One key's changes, oldest first (Go's `Deltas`). */
export type Deltas = Delta[];

export function newestDelta(deltas: readonly Delta[]): Delta | undefined {
  return deltas.length > 0 ? deltas[deltas.length - 1] : undefined;
}

export function oldestDelta(deltas: readonly Delta[]): Delta | undefined {
  return deltas.length > 0 ? deltas[0] : undefined;
}

/** `metadata.resourceVersion` of an object (of a tombstone's last known object), "" when absent. */
export function resourceVersionOf(obj: unknown): string {
  const target = obj instanceof DeletedFinalStateUnknown ? obj.obj : obj;
  if (typeof target === "object" && target !== null) {
    const meta = (target as { metadata?: unknown }).metadata;
    if (typeof meta === "object" && meta !== null) {
      const rv = (meta as { resourceVersion?: unknown }).resourceVersion;
      if (typeof rv === "string") return rv;
    }
  }
  return "";
}

/** A delta as the trace shows it. `type` may be an atomic-mode type (spec §5.3). */
export function summarizeDelta(delta: { type: DeltaSummary["type"]; object: unknown }): DeltaSummary {
  if (delta.object instanceof DeletedFinalStateUnknown) {
    return { type: delta.type, rv: resourceVersionOf(delta.object), tombstone: true };
  }
  return { type: delta.type, rv: resourceVersionOf(delta.object) };
}

export function summarizeDeltas(deltas: ReadonlyArray<{ type: DeltaSummary["type"]; object: unknown }>): DeltaSummary[] {
  const out = new Array<DeltaSummary>(deltas.length);
  for (let i = 0; i < deltas.length; i++) out[i] = summarizeDelta(deltas[i]);
  return out;
}
