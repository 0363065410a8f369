/**
 * Which queue each informer of a run uses (DeltaFIFO, RealFIFO or RealFIFO in atomic mode), read from
 * the trace only — the stage never asks the engine.
 *
 * Contract: `fifoKinds(trace)` maps each informer name seen in "fifo" events to its FifoKind.
 * - An explicit `fifoKind` field on a fifo event (requested from src/sim/trace.ts; optional, so older
 *   traces lack it) wins.
 * - Otherwise the kind is inferred from behaviour only these queues show:
 *   · atomic: a batch entry (ReplacedAll / SyncAll / Bookmark);
 *   · DeltaFIFO: a delta merged into a queued key (newKey false, or several deltas in one entry), a
 *     skipped delete (dedupDelete / unknownDelete), or a relist that queues its items before its
 *     tombstones;
 *   · RealFIFO: a key queued a second time while still queued, a relist that queues its tombstones
 *     before its items, or a batch pop (`fifo.popped.batch`, only the in-order queues pop in batches).
 * - With no evidence (a run where both queues behave the same) the informers' default, "delta".
 * The kind is a property of the informer, so the whole run is scanned once and the answer holds from
 * step 1.
 */
import type { FifoTrace, TraceEvent } from "../../src/sim/trace.js";
import type { FifoKind } from "./stage-i18n.js";

type Queued = Extract<FifoTrace, { kind: "fifo.queued" }>;

const BATCH = new Set(["ReplacedAll", "SyncAll", "Bookmark"]);

function isFifoKind(x: unknown): x is FifoKind {
  return x === "delta" || x === "real" || x === "realAtomic";
}

interface State {
  explicit: FifoKind | null;
  atomic: boolean;
  delta: boolean;
  real: boolean;
  /** Entries queued per key (newKey events minus pops). */
  counts: Map<string, number>;
  /** fifo.queued events since the last other fifo event (a relist's block ends with fifo.replace). */
  block: Queued[];
}

export function fifoKinds(trace: readonly TraceEvent[]): Map<string, FifoKind> {
  const states = new Map<string, State>();
  for (const raw of trace) {
    if (raw.component !== "fifo") continue;
    const e = raw as unknown as FifoTrace;
    let s = states.get(e.name);
    if (s === undefined) {
      s = { explicit: null, atomic: false, delta: false, real: false, counts: new Map(), block: [] };
      states.set(e.name, s);
    }
    const explicit = (e as { fifoKind?: unknown }).fifoKind;
    if (s.explicit === null && isFifoKind(explicit)) s.explicit = explicit;
    switch (e.kind) {
      case "fifo.queued": {
        if (BATCH.has(e.delta.type) || e.key === "") s.atomic = true;
        if (!e.newKey || e.deltas.length > 1) s.delta = true;
        const n = s.counts.get(e.key) ?? 0;
        if (e.newKey) {
          if (n > 0) s.real = true;
          s.counts.set(e.key, n + 1);
        } else if (n === 0) {
          s.counts.set(e.key, 1);
        }
        s.block.push(e);
        continue; // the block goes on
      }
      case "fifo.popped": {
        if (e.deltas.some((d) => BATCH.has(d.type))) s.atomic = true;
        if (e.deltas.length > 1) s.delta = true;
        if (e.batch !== undefined) s.real = true;
        const n = s.counts.get(e.key) ?? 0;
        if (n <= 1) s.counts.delete(e.key);
        else s.counts.set(e.key, n - 1);
        break;
      }
      case "fifo.skipped":
        if (e.reason === "dedupDelete" || e.reason === "unknownDelete") s.delta = true;
        break;
      case "fifo.replace": {
        if (e.tombstones > 0) {
          const isTomb = (q: Queued) => q.delta.type === "Deleted" && q.delta.tombstone === true;
          const firstTomb = s.block.findIndex(isTomb);
          const firstItem = s.block.findIndex((q) => !isTomb(q) && (q.delta.type === "Replaced" || q.delta.type === "Sync"));
          if (firstTomb >= 0 && firstItem >= 0) {
            if (firstTomb < firstItem) s.real = true;
            else s.delta = true;
          }
        }
        break;
      }
      case "fifo.closed":
        break;
    }
    s.block = [];
  }
  const out = new Map<string, FifoKind>();
  for (const [name, s] of states) {
    out.set(name, s.explicit ?? (s.atomic ? "realAtomic" : s.real && !s.delta ? "real" : "delta"));
  }
  return out;
}
