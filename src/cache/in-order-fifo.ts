/**
 * InOrderFIFO — the storage and popping shared by client-go's `RealFIFO` in both of its modes (spec §5):
 * RealFIFO (real-fifo.ts, §5.1) and its atomic mode AtomicFIFO (atomic-fifo.ts, §5.3). The subclasses
 * decide what add/update/delete/replace/resync/bookmark append; this class keeps the queue.
 *
 * Contract:
 * - One entry per append, in arrival order, each with its key ("" for an atomic batch entry); nothing
 *   is merged or deduplicated. Entries are stored packed, [type, object, key] per entry, so a queued
 *   event costs no Delta object; `pop`, `list` and `getByKey` hand out fresh `{ type, object }` values.
 * - `pop(process)` removes the oldest entry and calls `process` with it as a one-element list and
 *   whether it belongs to the initial population (computed before). The population counter is
 *   decremented after `process` returns, so "synced" is observable only once the last initial entry
 *   was fully processed (§5.1).
 * - `popBatch(processBatch, process)` (feature gate InOrderInformersBatchProcess, §5.2) takes
 *   consecutive entries from the head while: fewer than `maxBatch` (1000) were taken, the entry's type
 *   is Sync/Replaced/Added/Updated/Deleted, its key was not taken yet in this batch, and taking it would
 *   not cross the end of the initial population (every batch has one isInInitialList value). A batch of
 *   one entry, or a non-batchable entry at the head, goes through `pop(process)`. Otherwise every
 *   entry of the batch is traced as popped first (each `fifo.popped` carries `batch`, the batch size),
 *   then `processBatch(slots, start, end, isInInitialList)` gets the packed entries in
 *   `slots[start..end)` (stride 3; valid only during the call; do not keep or change it).
 * - `hasSynced()`: true after add/update/delete before any replace, or once every entry queued at the
 *   end of the first replace was popped and processed. Latched. Subclasses set `populated` and
 *   `initialPopulationCount` from their replace.
 * - The transformer runs once per object entering through `appendTransformed`, never on tombstones.
 * - `close()` only affects popping an empty queue (FIFOClosedError).
 * - Traced (component "fifo"): `fifo.queued` per append (its `deltas` is just itself, `newKey` is always
 *   true since every entry joins the tail), `fifo.popped`, `fifo.closed`. No tracing work without a tracer.
 */
import { emit, type DeltaSummary, type FifoKind, type Tracer } from "../sim/trace.js";
import { DeletedFinalStateUnknown } from "./deleted-final-state-unknown.js";
import { summarizeDelta } from "./deltas.js";
import { KeyError, deletionHandlingMetaNamespaceKeyFunc, metaNamespaceKeyFunc, rememberMetaNamespaceKey } from "./keys.js";
import { FIFOClosedError, type FIFOOptions } from "./queue.js";
import type { KeyFunc } from "./types.js";

/** Slots per packed entry: type, object, key. */
export const IN_ORDER_STRIDE = 3;
/** client-go's batch limit (`maxBatchSize` of RealFIFO.PopBatch). */
export const MAX_POP_BATCH = 1000;
const COMPACT_AT = 1024 * IN_ORDER_STRIDE;
/** Slots of BatchKeySet: a power of two, at least twice MAX_POP_BATCH (load ≤ ½). */
const KEY_SLOTS = 2048;

/**
 * Processes a popped batch in place: entry i is slots[i] (type), slots[i + 1] (object), slots[i + 2]
 * (key), for i = start, start + 3, … < end. Valid only during the call.
 */
export type BatchProcessFunc = (slots: readonly unknown[], start: number, end: number, isInInitialList: boolean) => void;

/** The entry types a batch may hold (§5.2); atomic batch entries (ReplacedAll, SyncAll, Bookmark) are popped alone. */
function isBatchable(type: unknown): boolean {
  return type === "Updated" || type === "Added" || type === "Deleted" || type === "Replaced" || type === "Sync";
}

/** The trace summary of an entry; an atomic batch entry's summary carries its resourceVersion. */
function summarize(type: string, object: unknown): DeltaSummary {
  if (type === "ReplacedAll" || type === "Bookmark") {
    return { type, rv: (object as { resourceVersion: string }).resourceVersion };
  }
  if (type === "SyncAll") return { type, rv: "" };
  return summarizeDelta({ type: type as DeltaSummary["type"], object });
}

/**
 * "Was this key taken by the batch being assembled?" — an open-addressing table stamped per batch, so
 * starting a batch clears nothing and adding a key allocates nothing (a JS Set would be emptied and
 * regrown for every batch, which costs more than the batch itself). Holds at most MAX_POP_BATCH keys.
 */
class BatchKeySet {
  private readonly keys = new Array<string | undefined>(KEY_SLOTS).fill(undefined);
  private readonly stamps = new Int32Array(KEY_SLOTS);
  private stamp = 0;

  begin(): void {
    if (++this.stamp === 0x7fffffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
  }

  /** Adds `key` to the current batch; false when it is already in it. */
  add(key: string): boolean {
    // FNV-1a over the last (most varying) characters of the key, and its length.
    let h = 0x811c9dc5 ^ key.length;
    for (let i = key.length - 1, n = 0; i >= 0 && n < 12; i--, n++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    const mask = KEY_SLOTS - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      if (this.stamps[slot] !== this.stamp) {
        this.stamps[slot] = this.stamp;
        this.keys[slot] = key;
        return true;
      }
      if (this.keys[slot] === key) return false;
    }
  }
}

export abstract class InOrderFIFO<E extends { type: string; object: unknown }> {
  /** Queued entries from `head` on, oldest first, packed [type, object, key] per entry. */
  protected slots: unknown[] = [];
  protected head = 0;
  protected populated = false;
  /** Entries of the first replace (and everything queued before it) not yet popped and processed. */
  protected initialPopulationCount = 0;
  private closed = false;
  /** Keys taken by the batch being assembled. */
  private readonly batchKeys = new BatchKeySet();

  protected readonly keyFunc: KeyFunc;
  /** The consumer will likely key the popped object again with the same function: hand it our key. */
  private readonly primesKeyMemo: boolean;
  protected readonly transformer: ((obj: unknown) => unknown) | undefined;
  protected readonly tracer: Tracer | undefined;
  protected readonly name: string;
  /** Set on every trace event (trace.ts FifoKind). */
  protected abstract readonly fifoKind: FifoKind;

  constructor(options: FIFOOptions) {
    this.keyFunc = options.keyFunction ?? metaNamespaceKeyFunc;
    this.primesKeyMemo = this.keyFunc === metaNamespaceKeyFunc || this.keyFunc === deletionHandlingMetaNamespaceKeyFunc;
    this.transformer = options.transformer;
    this.tracer = options.tracer;
    this.name = options.name ?? "fifo";
  }

  pop(process: (deltas: E[], isInInitialList: boolean) => void): E[] | undefined {
    if (this.drained()) return undefined;
    const slots = this.slots;
    const index = this.head;
    const isInInitialList = !this.hasSynced();
    const type = slots[index] as string;
    const object = slots[index + 1];
    const key = slots[index + 2] as string;
    slots[index + 1] = undefined; // the queue must not keep popped objects alive
    this.head = index + IN_ORDER_STRIDE;
    this.afterDequeue();
    const deltas = [{ type, object } as E];
    if (this.tracer !== undefined) {
      emit(this.tracer, { component: "fifo", kind: "fifo.popped", name: this.name, key,
        deltas: [summarize(type, object)], isInInitialList, queueLength: this.length(), fifoKind: this.fifoKind });
    }
    try {
      if (this.primesKeyMemo && key !== "") rememberMetaNamespaceKey(object, key);
      process(deltas, isInInitialList);
    } finally {
      if (this.initialPopulationCount > 0) this.initialPopulationCount--;
    }
    return deltas;
  }

  /**
   * Pops a batch (§5.2) and processes it with `processBatch`, or a single entry with `process`.
   * Returns false when the queue is empty (true when something was processed).
   */
  popBatch(processBatch: BatchProcessFunc, process: (deltas: E[], isInInitialList: boolean) => void,
           maxBatch: number = MAX_POP_BATCH): boolean {
    if (this.drained()) return false;
    const slots = this.slots;
    const start = this.head;
    const isInInitialList = !this.hasSynced();
    let limit = slots.length;
    const most = Math.min(maxBatch, MAX_POP_BATCH);
    const cap = start + IN_ORDER_STRIDE * (isInInitialList ? Math.min(most, this.initialPopulationCount) : most);
    if (cap < limit) limit = cap;
    let end = start;
    const taken = this.batchKeys;
    taken.begin();
    while (end < limit) {
      if (!isBatchable(slots[end])) break;
      if (!taken.add(slots[end + 2] as string)) break;
      end += IN_ORDER_STRIDE;
    }
    const count = (end - start) / IN_ORDER_STRIDE;
    if (count <= 1) return this.pop(process) !== undefined;

    this.head = end;
    if (this.tracer !== undefined) {
      const queued = (slots.length - start) / IN_ORDER_STRIDE;
      for (let i = start, n = 1; i < end; i += IN_ORDER_STRIDE, n++) {
        emit(this.tracer, { component: "fifo", kind: "fifo.popped", name: this.name, key: slots[i + 2] as string,
          deltas: [summarize(slots[i] as string, slots[i + 1])], isInInitialList, queueLength: queued - n,
          batch: count, fifoKind: this.fifoKind });
      }
    }
    try {
      processBatch(slots, start, end, isInInitialList);
    } finally {
      for (let i = start + 1; i < end; i += IN_ORDER_STRIDE) slots[i] = undefined;
      if (this.initialPopulationCount > 0) this.initialPopulationCount = Math.max(0, this.initialPopulationCount - count);
      this.afterDequeue();
    }
    return true;
  }

  hasSynced(): boolean {
    return this.populated && this.initialPopulationCount === 0;
  }

  /** True when nothing is queued (where Go would block); a closed, empty queue throws FIFOClosedError. */
  private drained(): boolean {
    if (this.head !== this.slots.length) return false;
    if (this.closed) throw new FIFOClosedError();
    return true;
  }

  close(): void {
    this.closed = true;
    if (this.tracer !== undefined) emit(this.tracer, { component: "fifo", kind: "fifo.closed", name: this.name, fifoKind: this.fifoKind });
  }

  isClosed(): boolean {
    return this.closed;
  }

  /** The key of each queued entry, in queue order (a key may repeat; "" for atomic batch entries). */
  listKeys(): string[] {
    const out: string[] = [];
    for (let i = this.head; i < this.slots.length; i += IN_ORDER_STRIDE) out.push(this.slots[i + 2] as string);
    return out;
  }

  /** The object of each queued entry, in queue order (an atomic batch entry's payload for those). */
  list(): unknown[] {
    const out: unknown[] = [];
    for (let i = this.head; i < this.slots.length; i += IN_ORDER_STRIDE) out.push(this.slots[i + 1]);
    return out;
  }

  /** Every queued entry of the key, oldest first, or undefined when none is queued. */
  getByKey(key: string): E[] | undefined {
    let out: E[] | undefined;
    const slots = this.slots;
    for (let i = this.head; i < slots.length; i += IN_ORDER_STRIDE) {
      if (slots[i + 2] === key) (out ??= []).push({ type: slots[i], object: slots[i + 1] } as E);
    }
    return out;
  }

  /** Number of queued entries. */
  length(): number {
    return (this.slots.length - this.head) / IN_ORDER_STRIDE;
  }

  /** Key of a plain object or tombstone; errors are wrapped in KeyError about `original`. */
  protected objectKey(target: unknown, original: unknown): string {
    if (target instanceof DeletedFinalStateUnknown) return target.key;
    try {
      return this.keyFunc(target);
    } catch (error) {
      throw new KeyError(original, error);
    }
  }

  /** Appends an object entering the queue: the transformer runs first (never on a tombstone). */
  protected appendTransformed(type: string, obj: unknown, key: string): void {
    const transformer = this.transformer;
    this.append(type, transformer !== undefined && !(obj instanceof DeletedFinalStateUnknown) ? transformer(obj) : obj, key);
  }

  protected append(type: string, object: unknown, key: string): void {
    this.slots.push(type, object, key);
    if (this.tracer !== undefined) {
      const summary = summarize(type, object);
      emit(this.tracer, { component: "fifo", kind: "fifo.queued", name: this.name, key, delta: summary,
        deltas: [summary], newKey: true, queueLength: this.length(), fifoKind: this.fifoKind });
    }
  }

  /** Keeps popping O(1) amortized: reset when drained, compact when the popped prefix dominates. */
  private afterDequeue(): void {
    const slots = this.slots;
    if (this.head === slots.length) {
      slots.length = 0;
      this.head = 0;
    } else if (this.head >= COMPACT_AT && this.head * 2 >= slots.length) {
      this.slots = slots.slice(this.head);
      this.head = 0;
    }
  }
}
