/**
 * AtomicFIFO — RealFIFO in atomic mode (client-go `RealFIFO` with AtomicEvents, feature gate
 * AtomicFIFO, default from Kubernetes 1.36; spec §5.3). The informer's `fifo: "realAtomic"`.
 *
 * Contract:
 * - add/update/delete append one entry each, in arrival order, exactly like RealFIFO (a delete is
 *   always queued; the transformer runs once per object, never on tombstones).
 * - `replace(list, rv)` appends ONE entry `ReplacedAll { resourceVersion, objects }` (objects
 *   transformed, in list order). Every object is transformed before anything is queued, so a throwing
 *   transform leaves the queue untouched and its error is thrown as it is (the_real_fifo.go
 *   addReplaceToItemsLocked). The FIFO computes no deletions: the consumer diffs the batch against its
 *   cache, so this queue has no knownObjects.
 * - `resync()` appends one `SyncAll` entry; `bookmark(rv)` appends a `Bookmark { resourceVersion }`.
 * - `pop` hands over exactly one entry as a one-element list. Batch entries have the key "" in
 *   `listKeys()` and in traces.
 * - `hasSynced()`: true after add/update/delete before any replace, or once every entry queued at the
 *   end of the first replace was popped and processed. Latched.
 * - Traced like RealFIFO; a batch entry's summary carries its resourceVersion. Storage, `pop`,
 *   `popBatch` (batch entries are always popped alone) and sync bookkeeping are InOrderFIFO's.
 */
import { emit } from "../sim/trace.js";
import { DeletedFinalStateUnknown } from "./deleted-final-state-unknown.js";
import { IN_ORDER_STRIDE, InOrderFIFO } from "./in-order-fifo.js";
import { KeyError } from "./keys.js";
import type { FIFOOptions } from "./queue.js";
import type { Delta } from "./types.js";

/** A whole relist, applied by the consumer as one step. */
export interface ReplacedAllDelta {
  type: "ReplacedAll";
  object: { resourceVersion: string; objects: unknown[] };
}
/** A resync of every cached object. */
export interface SyncAllDelta {
  type: "SyncAll";
  object: undefined;
}
/** The server's progress marker: the consumer records the resourceVersion. */
export interface BookmarkDelta {
  type: "Bookmark";
  object: { resourceVersion: string };
}
/** What an AtomicFIFO entry can be. */
export type AtomicDelta = Delta | ReplacedAllDelta | SyncAllDelta | BookmarkDelta;

export type AtomicFIFOOptions = Omit<FIFOOptions, "knownObjects" | "emitDeltaTypeReplaced">;

export class AtomicFIFO extends InOrderFIFO<AtomicDelta> {
  protected readonly fifoKind = "realAtomic";
  constructor(options: AtomicFIFOOptions = {}) {
    super(options);
  }

  /** The key of an object, a Deltas list (newest), a single delta or a tombstone; "" for a batch entry. */
  keyOf(obj: unknown): string {
    let target = obj;
    if (Array.isArray(target)) {
      if (target.length === 0) throw new KeyError(obj, new Error("0 length Deltas object; can't get key"));
      target = target[target.length - 1] as unknown;
    }
    if (typeof target === "object" && target !== null && "type" in target && "object" in target) {
      const type = (target as { type: unknown }).type;
      if (type === "ReplacedAll" || type === "SyncAll" || type === "Bookmark") return "";
      target = (target as { object: unknown }).object;
    }
    return this.objectKey(target, obj);
  }

  add(obj: unknown): void {
    const key = this.objectKey(obj, obj);
    this.populated = true;
    this.appendTransformed("Added", obj, key);
  }

  update(obj: unknown): void {
    const key = this.objectKey(obj, obj);
    this.populated = true;
    this.appendTransformed("Updated", obj, key);
  }

  delete(obj: unknown): void {
    const key = this.objectKey(obj, obj);
    this.populated = true;
    this.appendTransformed("Deleted", obj, key);
  }

  replace(list: unknown[], resourceVersion: string): void {
    for (const item of list) this.objectKey(item, item); // a key error leaves the FIFO untouched
    const transformer = this.transformer;
    const objects = transformer === undefined ? list.slice() : list.map((o) => (o instanceof DeletedFinalStateUnknown ? o : transformer(o)));
    const payload: ReplacedAllDelta["object"] = { resourceVersion, objects };
    this.append("ReplacedAll", payload, "");
    if (!this.populated) {
      this.populated = true;
      this.initialPopulationCount = this.length();
    }
    if (this.tracer !== undefined) {
      emit(this.tracer, { component: "fifo", kind: "fifo.replace", name: this.name, items: list.length,
        resourceVersion, tombstones: 0, fifoKind: "realAtomic" });
    }
  }

  resync(): void {
    this.append("SyncAll", undefined, "");
  }

  bookmark(resourceVersion: string): void {
    const payload: BookmarkDelta["object"] = { resourceVersion };
    this.append("Bookmark", payload, "");
  }

  /** The queued entries, oldest first (a copy). */
  entriesInOrder(): AtomicDelta[] {
    const out: AtomicDelta[] = [];
    const slots = this.slots;
    for (let i = this.head; i < slots.length; i += IN_ORDER_STRIDE) {
      out.push({ type: slots[i], object: slots[i + 1] } as AtomicDelta);
    }
    return out;
  }
}
