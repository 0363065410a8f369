/**
 * InOrderEntries — RealFIFO's private storage (client-go's `RealFIFO.items []Delta`): one packed entry
 * per queued event, oldest first.
 *
 * Contract:
 * - Entries are packed [type, object, key] (IN_ORDER_STRIDE slots each) in `slots` from `head` on, so a
 *   queued event costs no Delta object. `push` appends one entry; `length` counts the queued ones.
 * - Popping is two steps: `take(end)` moves `head` to the slot index `end` (those entries leave the
 *   queue; their slots stay readable), `release(start, end)` then clears their objects (popped objects
 *   are not kept alive) and resets the storage when drained or compacts it when the popped prefix
 *   dominates (O(1) amortized per entry); `slots` may be a new array afterwards.
 * - `batchEnd(limit, taken)` (RealFIFO.PopBatch, §5.2): the slot index where a batch cut from the head
 *   ends: before `limit`, before the first entry that is not Sync/Replaced/Added/Updated/Deleted, and
 *   before the first key `taken` already holds (every key of the batch is added to `taken`).
 * - `keys()`, `objects()`, `entriesOf(key)` and `all()` read the queued entries in order, as fresh
 *   arrays (and fresh `{type, object}` values).
 * - `tombstonesAgainst(listed)` (the_real_fifo.go reconcileReplacement): for each queued key, in
 *   first-seen order, that `listed` lacks and whose last queued entry is not `Deleted`, a
 *   DeletedFinalStateUnknown holding that entry's object (unwrapped if it is a tombstone); plus the set
 *   of queued keys.
 * - The FIFO reads `slots` and `head` directly on its pop paths; only this class writes them.
 * - `summarizeEntry(type, object)` is an entry as the trace shows it (an atomic entry carries its RV);
 *   `isDelta(value)` tells a `{type, object}` Delta of the five classic types from a plain object.
 */
import type { DeltaSummary } from "../sim/trace.js";
import type { BatchKeySet } from "./batch-key-set.js";
import { DeletedFinalStateUnknown } from "./deleted-final-state-unknown.js";
import { summarizeDelta } from "./deltas.js";
import type { Delta } from "./types.js";

/** Slots per packed entry: type, object, key. */
export const IN_ORDER_STRIDE = 3;
const COMPACT_AT = 1024 * IN_ORDER_STRIDE;

export class InOrderEntries {
  /** Queued entries from `head` on, packed [type, object, key]. */
  slots: unknown[] = [];
  head = 0;

  get length(): number {
    return (this.slots.length - this.head) / IN_ORDER_STRIDE;
  }

  push(type: string, object: unknown, key: string): void {
    this.slots.push(type, object, key);
  }

  take(end: number): void {
    this.head = end;
  }

  release(start: number, end: number): void {
    const slots = this.slots;
    for (let i = start + 1; i < end; i += IN_ORDER_STRIDE) slots[i] = undefined;
    if (this.head === slots.length) {
      slots.length = 0;
      this.head = 0;
    } else if (this.head >= COMPACT_AT && this.head * 2 >= slots.length) {
      this.slots = slots.slice(this.head);
      this.head = 0;
    }
  }

  batchEnd(limit: number, taken: BatchKeySet): number {
    const slots = this.slots;
    let end = this.head;
    taken.begin();
    while (end < limit) {
      if (!DELTA_TYPES.has(slots[end] as string)) break;
      if (!taken.add(slots[end + 2] as string)) break;
      end += IN_ORDER_STRIDE;
    }
    return end;
  }

  keys(): string[] {
    const out: string[] = [];
    for (let i = this.head; i < this.slots.length; i += IN_ORDER_STRIDE) out.push(this.slots[i + 2] as string);
    return out;
  }

  objects(): unknown[] {
    const out: unknown[] = [];
    for (let i = this.head; i < this.slots.length; i += IN_ORDER_STRIDE) out.push(this.slots[i + 1]);
    return out;
  }

  entriesOf<E>(key: string): E[] | undefined {
    let out: E[] | undefined;
    const slots = this.slots;
    for (let i = this.head; i < slots.length; i += IN_ORDER_STRIDE) {
      if (slots[i + 2] === key) (out ??= []).push({ type: slots[i], object: slots[i + 1] } as E);
    }
    return out;
  }

  all<E>(): E[] {
    const out: E[] = [];
    const slots = this.slots;
    for (let i = this.head; i < slots.length; i += IN_ORDER_STRIDE) out.push({ type: slots[i], object: slots[i + 1] } as E);
    return out;
  }

  tombstonesAgainst(listed: ReadonlySet<string>): { queued: Set<string>; tombstones: DeletedFinalStateUnknown[] } {
    const last = new Map<string, number>();
    const slots = this.slots;
    for (let i = this.head; i < slots.length; i += IN_ORDER_STRIDE) last.set(slots[i + 2] as string, i);
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
