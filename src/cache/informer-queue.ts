/**
 * The informer's queue, chosen once when it runs (sharedIndexInformer.Run building its controller's
 * Config.Queue): DeltaFIFO, RealFIFO, or RealFIFO with atomicEvents; and the one way it is popped.
 *
 * Contract:
 * - `newInformerQueue(mode, batch, options, informer, process, processBatch)` builds the FIFO for `mode`
 *   ("realAtomic" drops knownObjects: the consumer diffs a ReplacedAll itself), a feeder for the
 *   reflector, and `popNext()`: pop one entry (or, with `batch` and an in-order FIFO, one batch) into
 *   `process` / `processBatch`; false when the queue is empty.
 * - The feeder forwards every reflector write to the FIFO and then wakes the informer (`kick()`), also
 *   when a replace throws (what was queued before the error is still processed); a replace in steps
 *   wakes it once, when complete (or a step threw). Only the atomic
 *   feeder takes bookmarks (§5.3): the other queues never see them.
 */
import { AtomicFIFO } from "./atomic-fifo.js";
import { DeltaFIFO } from "./delta-fifo.js";
import type { FIFOOptions } from "./queue.js";
import type { SteppedReplace } from "./replace-in-tasks.js";
import { RealFIFO, type BatchProcessFunc } from "./real-fifo.js";
import type { AtomicDelta, FifoMode, ReflectorStore } from "./types.js";

/** What the informer needs of its queue: DeltaFIFO, RealFIFO or AtomicFIFO. */
export interface InformerQueue {
  add(obj: unknown): void;
  update(obj: unknown): void;
  delete(obj: unknown): void;
  replace(list: unknown[], resourceVersion: string): void;
  /** DeltaFIFO's (live mode's slicing, replace-in-tasks.ts); the other queues replace in one go. */
  replaceInSteps?(list: unknown[], resourceVersion: string): SteppedReplace;
  resync(): void;
  hasSynced(): boolean;
  close(): void;
}

export type ProcessFunc = (deltas: AtomicDelta[], isInInitialList: boolean, queuedKey: string) => void;

/** Writes from the reflector go to the FIFO, then wake the informer's processing task. */
class FifoFeeder implements ReflectorStore {
  constructor(protected readonly fifo: InformerQueue, protected readonly informer: { kick(): void }) {}
  add(obj: unknown): void {
    this.fifo.add(obj);
    this.informer.kick();
  }
  update(obj: unknown): void {
    this.fifo.update(obj);
    this.informer.kick();
  }
  delete(obj: unknown): void {
    this.fifo.delete(obj);
    this.informer.kick();
  }
  replace(list: unknown[], resourceVersion: string): void {
    try {
      this.fifo.replace(list, resourceVersion);
    } finally {
      this.informer.kick(); // what was queued before an error is still processed
    }
  }
  /** A replace in steps (replace-in-tasks.ts): the informer is woken once it is complete, or a step threw. */
  replaceInSteps(list: unknown[], resourceVersion: string): SteppedReplace {
    const fifo = this.fifo;
    const steps = fifo.replaceInSteps?.(list, resourceVersion) ?? { step: () => { fifo.replace(list, resourceVersion); return true; } };
    return {
      step: (n) => {
        let complete = true;   // also when a step throws: what was queued before the error is processed
        try {
          complete = steps.step(n);
          return complete;
        } finally {
          if (complete) this.informer.kick();
        }
      },
    };
  }
  resync(): void {
    this.fifo.resync();
    this.informer.kick();
  }
}

/** Atomic mode also queues bookmarks (§5.3). */
class AtomicFifoFeeder extends FifoFeeder {
  constructor(private readonly atomic: AtomicFIFO, informer: { kick(): void }) {
    super(atomic, informer);
  }
  bookmark(resourceVersion: string): void {
    this.atomic.bookmark(resourceVersion);
    this.informer.kick();
  }
}

export function newInformerQueue(mode: FifoMode, batch: boolean, options: FIFOOptions, informer: { kick(): void },
                                 process: ProcessFunc, processBatch: BatchProcessFunc,
): { fifo: InformerQueue; feeder: ReflectorStore; popNext: () => boolean } {
  if (mode === "realAtomic") {
    const { knownObjects: _known, emitDeltaTypeReplaced: _replaced, ...atomicOptions } = options;
    const atomic = new AtomicFIFO(atomicOptions);
    return {
      fifo: atomic, feeder: new AtomicFifoFeeder(atomic, informer),
      popNext: batch ? () => atomic.popBatch(processBatch, process) : () => atomic.pop(process) !== undefined,
    };
  }
  if (mode === "real") {
    const real = new RealFIFO(options);
    return {
      fifo: real, feeder: new FifoFeeder(real, informer),
      popNext: batch ? () => real.popBatch(processBatch, process) : () => real.pop(process) !== undefined,
    };
  }
  const delta = new DeltaFIFO(options);
  return { fifo: delta, feeder: new FifoFeeder(delta, informer), popNext: () => delta.pop(process) !== undefined };
}
