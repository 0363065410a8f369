/**
 * AtomicFIFO — RealFIFO with `atomicEvents` (client-go `RealFIFOOptions.AtomicEvents`, feature gate
 * AtomicFIFO, default from Kubernetes 1.36; spec §5.3): the name the tests and the informer's
 * `fifo: "realAtomic"` use. Every rule is RealFIFO's (real-fifo.ts); this only fixes the option.
 *
 * Contract: `new AtomicFIFO(o)` behaves exactly as `new RealFIFO({ ...o, atomicEvents: true })`, without
 * knownObjects (the consumer diffs a ReplacedAll against its cache).
 */
import type { FIFOOptions } from "./queue.js";
import { RealFIFO } from "./real-fifo.js";
import type { AtomicDelta } from "./types.js";

export type { AtomicDelta, BookmarkDelta, ReplacedAllDelta, SyncAllDelta } from "./types.js";

export type AtomicFIFOOptions = Omit<FIFOOptions, "knownObjects" | "emitDeltaTypeReplaced">;

export class AtomicFIFO extends RealFIFO<AtomicDelta> {
  constructor(options: AtomicFIFOOptions = {}) {
    super({ ...options, atomicEvents: true });
  }
}
