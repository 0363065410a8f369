/**
 * InOrderEntries — RealFIFO's private storage (client-go's `RealFIFO.items []Delta`): one packed entry
 * per queued event, oldest first. Nothing outside real-fifo.ts sees how entries are stored.
 *
 * Contract:
 * - `push(type, object, key)` appends one entry; `length` counts the queued ones.
 * - `shift()` takes the oldest entry out into `type`, `object` and `key` (valid until the next take);
 *   the storage keeps no reference to its object afterwards. Call it only when `length > 0`.
 * - `takeBatch(most)` (RealFIFO.PopBatch, §5.2) cuts a batch from the head: consecutive entries while
 *   fewer than `most` were taken, the entry's type is Sync/Replaced/Added/Updated/Deleted and its key
 *   was not taken yet in this batch. With two or more such entries they leave the queue and the
 *   returned PoppedBatch reads them until `releaseBatch()`, which drops their objects; with fewer,
 *   nothing is taken and it returns undefined (the caller pops one entry instead).
 * - `keys()`, `objects()`, `entriesOf(key)` and `all()` read the queued entries in order, as fresh
 *   arrays (and fresh `{type, object}` values).
 * - `tombstonesAgainst(listed)` (the_real_fifo.go reconcileReplacement): for each queued key, in
 *   first-seen order, that `listed` lacks and whose last queued entry is not `Deleted`, a
 *   DeletedFinalStateUnknown holding that entry's object (unwrapped if it is a tombstone); plus the set
 *   of queued keys.
 * - Storage: entries are packed [type, object, key] (IN_ORDER_STRIDE slots each) in one reused array, so
 *   a queued event costs no Delta object; the popped prefix is dropped when the queue drains, or
 *   compacted when it dominates (O(1) amortized per entry). The batch's key set is BatchKeySet.
 * - `summarizeEntry(type, object)` is an entry as the trace shows it (an atomic entry carries its RV);
 *   `isDelta(value)` tells a `{type, object}` Delta of the five classic types from a plain object.
 */
import type { DeltaSummary } from "../sim/trace.js";
import { BatchKeySet } from "./batch-key-set.js";
import { DeletedFinalStateUnknown } from "./deleted-final-state-unknown.js";
import { summarizeDelta } from "./deltas.js";
import type { Delta } from "./types.js";

/** Slots per packed entry: type, object, key. */
const IN_ORDER_STRIDE = 3;
const COMPACT_AT = 1024 * IN_ORDER_STRIDE;
/** A drained queue keeps its array up to this many slots. */
const KEEP_SLOTS = 4096 * IN_ORDER_STRIDE;

/**
 * Entries popped together by RealFIFO.popBatch (§5.2), each with its own key: entry i (0 ≤ i < size)
 * has a type (Sync/Replaced/Added/Updated/Deleted), an object and the key it was queued under. Valid
 * only during the batch's processing.
 */
export interface PoppedBatch {
  readonly size: number;
  type(i: number): string;
  object(i: number): unknown;
  key(i: number): string;
}

/** A PoppedBatch over the storage's slots [start, start + IN_ORDER_STRIDE × size). */
class SlotsBatch implements PoppedBatch {
  slots: unknown[] = [];
  start = 0;
  size = 0;
  type(i: number): string {
    return this.slots[this.start + IN_ORDER_STRIDE * i] as string;
  }
  object(i: number): unknown {
    return this.slots[this.start + IN_ORDER_STRIDE * i + 1];
  }
  key(i: number): string {
    return this.slots[this.start + IN_ORDER_STRIDE * i + 2] as string;
  }
}

export class InOrderEntries {
  /** The entry last taken by `shift`. */
  type = "";
  object: unknown = undefined;
  key = "";
  /** Queued entries in slots [head, tail), packed [type, object, key]; the array is reused when drained. */
  private slots: unknown[] = [];
  private head = 0;
  private tail = 0;
  private readonly batch = new SlotsBatch();
  private readonly taken = new BatchKeySet();

  get length(): number {
    return (this.tail - this.head) / IN_ORDER_STRIDE;
  }

  push(type: string, object: unknown, key: string): void {
    const slots = this.slots;
    const t = this.tail;
    if (t === slots.length) {
      slots.push(type, object, key);
    } else {
      slots[t] = type;
      slots[t + 1] = object;
      slots[t + 2] = key;
    }
    this.tail = t + IN_ORDER_STRIDE;
  }

  shift(): void {
    const slots = this.slots;
    const h = this.head;
    this.type = slots[h] as string;
    this.object = slots[h + 1];
    this.key = slots[h + 2] as string;
    this.head = h + IN_ORDER_STRIDE;
    this.release(h, h + IN_ORDER_STRIDE);
  }

  /** Forgets the object last taken by `shift`. */
  forget(): void {
    this.object = undefined;
  }

  takeBatch(most: number): PoppedBatch | undefined {
    const slots = this.slots;
    const start = this.head;
    const limit = Math.min(this.tail, start + IN_ORDER_STRIDE * most);
    const taken = this.taken;
    let end = start;
    taken.begin();
    while (end < limit) {
      if (!isBatchable(slots[end] as string)) break;
      if (!taken.add(slots[end + 2] as string)) break;
      end += IN_ORDER_STRIDE;
    }
    const size = (end - start) / IN_ORDER_STRIDE;
    if (size < 2) return undefined;
    this.head = end;
    const batch = this.batch;
    batch.slots = slots;
    batch.start = start;
    batch.size = size;
    return batch;
  }

  releaseBatch(): void {
    const batch = this.batch;
    this.release(batch.start, batch.start + IN_ORDER_STRIDE * batch.size);
    batch.slots = [];
  }

  /** Drops the objects and keys of the taken slots [start, end), then the popped prefix when it is worth it. */
  private release(start: number, end: number): void {
    const slots = this.slots;
    for (let i = start + 1; i < end; i += IN_ORDER_STRIDE) {
      slots[i] = undefined;
      slots[i + 1] = undefined;
    }
    const head = this.head;
    const tail = this.tail;
    if (head === tail) {
      // drained: reuse the array (a long backlog's array is let go)
      this.head = this.tail = 0;
      if (slots.length > KEEP_SLOTS) this.slots = [];
    } else if (head >= COMPACT_AT && head * 2 >= tail) {
      slots.copyWithin(0, head, tail);
      slots.fill(undefined, tail - head, tail);
      this.head = 0;
      this.tail = tail - head;
    }
  }

  keys(): string[] {
    const out: string[] = [];
    for (let i = this.head; i < this.tail; i += IN_ORDER_STRIDE) out.push(this.slots[i + 2] as string);
    return out;
  }

  objects(): unknown[] {
    const out: unknown[] = [];
    for (let i = this.head; i < this.tail; i += IN_ORDER_STRIDE) out.push(this.slots[i + 1]);
    return out;
  }

  entriesOf<E>(key: string): E[] | undefined {
    let out: E[] | undefined;
    const slots = this.slots;
    for (let i = this.head; i < this.tail; i += IN_ORDER_STRIDE) {
      if (slots[i + 2] === key) (out ??= []).push({ type: slots[i], object: slots[i + 1] } as E);
    }
    return out;
  }

  all<E>(): E[] {
    const out: E[] = [];
    const slots = this.slots;
    for (let i = this.head; i < this.tail; i += IN_ORDER_STRIDE) out.push({ type: slots[i], object: slots[i + 1] } as E);
    return out;
  }

  tombstonesAgainst(listed: ReadonlySet<string>): { queued: Set<string>; tombstones: DeletedFinalStateUnknown[] } {
    const last = new Map<string, number>();
    const slots = this.slots;
    for (let i = this.head; i < this.tail; i += IN_ORDER_STRIDE) last.set(slots[i + 2] as string, i);
    const tombstones: DeletedFinalStateUnknown[] = [];
    for (const [key, at] of last) {
      if (listed.has(key) || slots[at] === "Deleted") continue;
      const obj = slots[at + 1];
      tombstones.push(new DeletedFinalStateUnknown(key, obj instanceof DeletedFinalStateUnknown ? obj.obj : obj));
    }
    return { queued: new Set(last.keys()), tombstones };
  }
}

const DELTA_TYPES: ReadonlySet<string> = new Set(["Added", "Updated", "Deleted", "Replaced", "Sync"]);

/** DELTA_TYPES.has(type) without a Set lookup per entry (the types are literals: identity compares). */
function isBatchable(type: string): boolean {
  return type === "Updated" || type === "Added" || type === "Deleted" || type === "Replaced" || type === "Sync";
}

export function isDelta(value: unknown): value is Delta {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const type = (value as { type?: unknown }).type;
  return typeof type === "string" && DELTA_TYPES.has(type) && "object" in value;
}

export function summarizeEntry(type: string, object: unknown): DeltaSummary {
  if (type === "ReplacedAll" || type === "Bookmark") {
    return { type, rv: (object as { resourceVersion: string }).resourceVersion };
  }
  if (type === "SyncAll") return { type, rv: "" };
  return summarizeDelta({ type: type as DeltaSummary["type"], object });
}
