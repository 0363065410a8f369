/**
 * Queue — what the informer consumes: the common surface of DeltaFIFO and RealFIFO (client-go
 * tools/cache `Queue`, spec §4–§5), plus the closed-queue sentinel error.
 *
 * Contract:
 * - Producers (the Reflector) call add/update/delete/replace/resync; the single consumer (the informer)
 *   calls `pop(process)`, which removes the oldest entry and calls `process` synchronously with its
 *   deltas (oldest first), whether it belongs to the initial list and its queued key. Nothing else may change the queue
 *   while `process` runs.
 * - `pop` returns the popped deltas, or undefined when the queue is empty (where Go would block); on an
 *   empty, closed queue it throws `FIFOClosedError`. A closed queue still hands out what it holds.
 * - `replace` that throws (a key error, or a transform that threw) keeps what it queued before the bad
 *   item and does not count as the first Replace (client-go's Replace returns the error mid-way).
 * - `hasSynced()` is true once the first Replace's items (and tombstones) were all popped and processed,
 *   or once add/update/delete was called before any Replace. It never turns false again.
 */
import type { Delta, KeyListerGetter } from "./types.js";
import type { Tracer } from "../sim/trace.js";
import type { KeyFunc } from "./types.js";

/** Thrown by `pop` on a closed, empty queue (Go's ErrFIFOClosed). */
export class FIFOClosedError extends Error {
  constructor() {
    super("DeltaFIFO: manipulating with closed queue");
    this.name = "FIFOClosedError";
  }
}

/**
 * A relist item the queue could not take (its transform threw): client-go's Replace returns
 * `couldn't enqueue object: <cause>` and keeps what it queued before that item.
 */
export function enqueueError(cause: unknown): Error {
  const message = cause instanceof Error ? cause.message : String(cause);
  return new Error(`couldn't enqueue object: ${message}`, { cause });
}

/**
 * What `pop` calls: the popped deltas (oldest first), whether they belong to the initial list, and the
 * key the queue holds them under (computed by the queue's key function when they were queued).
 */
export type PopProcessFunc = (deltas: Delta[], isInInitialList: boolean, queuedKey: string) => void;

/** Options shared by DeltaFIFO and RealFIFO. */
export interface FIFOOptions {
  /** Default metaNamespaceKeyFunc. */
  keyFunction?: KeyFunc;
  /** What the consumer already knows (the informer's indexer): used by delete, replace and resync. */
  knownObjects?: KeyListerGetter;
  /** DeltaFIFO only: list items of Replace queue as "Replaced" instead of "Sync". Default false. */
  emitDeltaTypeReplaced?: boolean;
  /** Applied once to every object entering through add/update/delete/replace (never to tombstones or Sync). */
  transformer?: (obj: unknown) => unknown;
  tracer?: Tracer;
  /** The `name` of this queue's trace events (e.g. "pods"). Default "fifo". */
  name?: string;
}

/** RealFIFO's options (client-go RealFIFOOptions). */
export type RealFIFOOptions = Omit<FIFOOptions, "emitDeltaTypeReplaced"> & {
  /** Accepted for a common options shape and ignored: RealFIFO always queues list items as Replaced. */
  emitDeltaTypeReplaced?: boolean;
  /** client-go RealFIFOOptions.AtomicEvents: relists, resyncs and bookmarks as single entries (§5.3). */
  atomicEvents?: boolean;
};

export interface FIFOQueue {
  add(obj: unknown): void;
  update(obj: unknown): void;
  delete(obj: unknown): void;
  replace(list: unknown[], resourceVersion: string): void;
  resync(): void;
  pop(process: PopProcessFunc): Delta[] | undefined;
  hasSynced(): boolean;
  close(): void;
  isClosed(): boolean;
  listKeys(): string[];
  list(): unknown[];
  getByKey(key: string): Delta[] | undefined;
  keyOf(obj: unknown): string;
}
