/**
 * Which queue each informer of a run uses (DeltaFIFO, RealFIFO or RealFIFO in atomic mode), as the
 * world view says: `InformerView.fifoKind`, set by src/sim/world/informers.ts from the informer's
 * first fifo event — the stage never asks the engine and never re-derives it.
 *
 * Contract: `fifoKindsOf(world)` maps each informer of a world that has seen a fifo event to its kind;
 * `fifoKinds(trace)` is the same for the world at the end of a trace. The kind is a property of the
 * informer, so the stage reads it from the run's last world and the answer holds from step 1.
 */
import { foldTrace, type TraceEvent, type WorldView } from "../../src/sim/index.js";
import type { FifoKind } from "./stage-i18n.js";

export function fifoKindsOf(world: Readonly<WorldView>): Map<string, FifoKind> {
  const out = new Map<string, FifoKind>();
  for (const [name, inf] of world.informers) if (inf.fifoKind !== null) out.set(name, inf.fifoKind);
  return out;
}

export function fifoKinds(trace: readonly TraceEvent[]): Map<string, FifoKind> {
  return fifoKindsOf(foldTrace(trace));
}
