/**
 * RealFIFO — the "in-order" queue (client-go tools/cache `RealFIFO`, spec §5.1; the informers' default
 * from Kubernetes 1.33).
 *
 * Contract:
 * - One entry per event, in arrival order: add/update/delete each append one Delta; nothing is merged,
 *   deduplicated or kept in place. `pop` removes the oldest entry and hands it over as a one-element
 *   Deltas list. `listKeys()` lists each queued entry's key in order (a key may repeat).
 * - `delete` always enqueues, even for a key nobody knew (the consumer decides what it means).
 * - `replace(list)` (a relist) appends, in this order: a `Deleted` tombstone for every key queued but
 *   missing from the list whose last queued entry is not already `Deleted` (holding that entry's
 *   object), in first-seen order; a `Deleted` tombstone for every knownObjects key missing from the
 *   list and absent from the queue (holding the known object, or null); then one `Replaced` entry per
 *   list item, in list order. Deletions therefore come before the replaced items. Every key is
 *   computed first (a KeyError leaves the queue untouched); a transform that throws on item i throws
 *   "couldn't enqueue object: …" with the tombstones and items 0..i-1 queued (not populated).
 * - `resync()` appends `Sync` with the known object for every knownObjects key not present anywhere in
 *   the queue. Without knownObjects (allowed here, unlike Go) replace only checks the queue and resync
 *   does nothing.
 * - `hasSynced()`: true after add/update/delete before any replace, or once every entry queued at the
 *   end of the first replace (earlier entries, tombstones and duplicates included) was popped and
 *   processed. Latched.
 * - The transformer runs once per object entering through add/update/delete/replace, never on
 *   tombstones nor on resync's cached objects.
 * - `close()` only affects popping an empty queue (FIFOClosedError).
 * - `popBatch` (InOrderInformersBatchProcess, §5.2), storage, popping, sync bookkeeping and tracing
 *   are InOrderFIFO's (in-order-fifo.ts); this class decides what each write appends.
 */
import { emit } from "../sim/trace.js";
import { DeletedFinalStateUnknown } from "./deleted-final-state-unknown.js";
import { summarizeDelta } from "./deltas.js";
import { IN_ORDER_STRIDE, InOrderFIFO } from "./in-order-fifo.js";
import { KeyError } from "./keys.js";
import { enqueueError, type FIFOOptions, type FIFOQueue } from "./queue.js";
import type { Delta, DeltaType, KeyListerGetter } from "./types.js";

export type RealFIFOOptions = Omit<FIFOOptions, "emitDeltaTypeReplaced"> & {
  /** Accepted for a common options shape and ignored: RealFIFO always queues list items as Replaced. */
  emitDeltaTypeReplaced?: boolean;
};

const DELTA_TYPES: ReadonlySet<string> = new Set<DeltaType>(["Added", "Updated", "Deleted", "Replaced", "Sync"]);

function isDelta(value: unknown): value is Delta {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const type = (value as { type?: unknown }).type;
  return typeof type === "string" && DELTA_TYPES.has(type) && "object" in value;
}

export class RealFIFO extends InOrderFIFO<Delta> implements FIFOQueue {
  protected readonly fifoKind = "real";
  private readonly knownObjects: KeyListerGetter | undefined;

  constructor(options: RealFIFOOptions = {}) {
    super(options);
    this.knownObjects = options.knownObjects;
  }

  /** The key of an object, a Deltas list (newest), a single Delta or a tombstone. Throws KeyError. */
  keyOf(obj: unknown): string {
    let target = obj;
    if (Array.isArray(target)) {
      if (target.length === 0) throw new KeyError(obj, new Error("0 length Deltas object; can't get key"));
      target = (target[target.length - 1] as Delta).object;
    }
    if (isDelta(target)) target = target.object;
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
    // Every key first: a key error leaves the FIFO untouched.
    const keys = new Array<string>(list.length);
    for (let i = 0; i < list.length; i++) keys[i] = this.objectKey(list[i], list[i]);
    const listed = new Set(keys);

    // The last queued entry (its slot index) of each queued key, keys in first-seen order.
    const slots = this.slots;
    const lastQueued = new Map<string, number>();
    for (let i = this.head; i < slots.length; i += IN_ORDER_STRIDE) lastQueued.set(slots[i + 2] as string, i);

    let tombstones = 0;
    for (const [key, at] of lastQueued) {
      if (listed.has(key) || slots[at] === "Deleted") continue;
      const last = slots[at + 1];
      const lastObj = last instanceof DeletedFinalStateUnknown ? last.obj : last;
      this.append("Deleted", new DeletedFinalStateUnknown(key, lastObj), key);
      tombstones++;
    }
    const known = this.knownObjects;
    if (known !== undefined) {
      for (const key of known.listKeys()) {
        if (listed.has(key) || lastQueued.has(key)) continue;
        let knownObj: unknown = null;
        try {
          knownObj = known.getByKey(key) ?? null;
        } catch {
          knownObj = null;
        }
        this.append("Deleted", new DeletedFinalStateUnknown(key, knownObj), key);
        tombstones++;
      }
    }
    // the_real_fifo.go reconcileReplacement: items last, one at a time; a throwing transform stops
    // there, keeping the tombstones and the items queued before it.
    for (let i = 0; i < list.length; i++) {
      try {
        this.appendTransformed("Replaced", list[i], keys[i] as string);
      } catch (error) {
        throw enqueueError(error);
      }
    }

    if (!this.populated) {
      this.populated = true;
      this.initialPopulationCount = this.length();
    }
    if (this.tracer !== undefined) {
      emit(this.tracer, { component: "fifo", kind: "fifo.replace", name: this.name, items: list.length,
        resourceVersion, tombstones, fifoKind: "real" });
    }
  }

  resync(): void {
    const known = this.knownObjects;
    if (known === undefined) return;
    const queued = new Set<string>(this.listKeys());
    for (const knownKey of known.listKeys()) {
      let obj: unknown;
      try {
        obj = known.getByKey(knownKey);
      } catch {
        continue;
      }
      if (obj === undefined) continue;
      if (queued.has(knownKey)) {
        if (this.tracer !== undefined) {
          emit(this.tracer, { component: "fifo", kind: "fifo.skipped", name: this.name, key: knownKey,
            delta: summarizeDelta({ type: "Sync", object: obj }), reason: "resyncQueued", fifoKind: "real" });
        }
        continue;
      }
      this.append("Sync", obj, this.objectKey(obj, obj));
    }
  }

  /** Non-atomic mode ignores bookmarks (spec §5.1). */
  bookmark(_resourceVersion: string): void {}
}
