/**
 * Which queue each informer of a run uses (DeltaFIFO, RealFIFO or RealFIFO in atomic mode), read from
 * the trace only — the stage never asks the engine.
 *
 * Contract: `fifoKinds(trace)` maps each informer name seen in "fifo" events to its FifoKind. The
 * in-order queues put `fifoKind` ("real" / "realAtomic") on every fifo event they emit (trace.ts
 * FifoKind); an informer whose fifo events carry none uses the classic DeltaFIFO ("delta"). The kind
 * is a property of the informer, so the answer holds from step 1.
 */
import type { TraceEvent } from "../../src/sim/index.js";
import type { FifoKind } from "./stage-i18n.js";

export function fifoKinds(trace: readonly TraceEvent[]): Map<string, FifoKind> {
  const out = new Map<string, FifoKind>();
  for (const e of trace) {
    if (e.component !== "fifo") continue;
    const name = (e as { name?: unknown }).name;
    if (typeof name !== "string") continue;
    const kind = (e as { fifoKind?: unknown }).fifoKind;
    if (kind === "real" || kind === "realAtomic") out.set(name, kind);
    else if (!out.has(name)) out.set(name, "delta");
  }
  return out;
}
