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
 *   list item, in list order. Deletions therefore come before the replaced items.
 * - `resync()` appends `Sync` with the known object for every knownObjects key not present anywhere in
 *   the queue. Without knownObjects (allowed here, unlike Go) replace only checks the queue and resync
 *   does nothing.
 * - `hasSynced()`: true after add/update/delete before any replace, or once every entry queued at the
 *   end of the first replace (earlier entries, tombstones and duplicates included) was popped and
 *   processed. Latched.
 * - The transformer runs once per object entering through add/update/delete/replace, never on
 *   tombstones nor on resync's cached objects.
 * - `close()` only affects popping an empty queue (FIFOClosedError).
 * - Traced like DeltaFIFO (component "fifo"); an entry's `deltas` is just itself and `newKey` is always
 *   true, since every entry joins the tail.
 */
import { emit, type Tracer } from "../sim/trace.js";
import { DeletedFinalStateUnknown } from "./deleted-final-state-unknown.js";
import { summarizeDelta } from "./deltas.js";
import { KeyError, deletionHandlingMetaNamespaceKeyFunc, metaNamespaceKeyFunc, rememberMetaNamespaceKey } from "./keys.js";
import { FIFOClosedError, type FIFOOptions, type FIFOQueue, type PopProcessFunc } from "./queue.js";
import type { Delta, DeltaType, KeyFunc, KeyListerGetter } from "./types.js";

export type RealFIFOOptions = Omit<FIFOOptions, "emitDeltaTypeReplaced"> & {
  /** Accepted for a common options shape and ignored: RealFIFO always queues list items as Replaced. */
  emitDeltaTypeReplaced?: boolean;
};

const COMPACT_AT = 1024;
const DELTA_TYPES: ReadonlySet<string> = new Set<DeltaType>(["Added", "Updated", "Deleted", "Replaced", "Sync"]);
/** Fills popped slots so the queue does not keep popped objects alive. */
const POPPED: Delta = Object.freeze({ type: "Sync", object: undefined }) as Delta;

function isDelta(value: unknown): value is Delta {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const type = (value as { type?: unknown }).type;
  return typeof type === "string" && DELTA_TYPES.has(type) && "object" in value;
}

export class RealFIFO implements FIFOQueue {
  /** Queued entries from `head` on, oldest first, with their keys alongside. */
  private entries: Delta[] = [];
  private entryKeys: string[] = [];
  private head = 0;
  private populated = false;
  private initialPopulationCount = 0;
  private closed = false;

  private readonly keyFunc: KeyFunc;
  /** The consumer will likely key the popped object again with the same function: hand it our key. */
  private readonly primesKeyMemo: boolean;
  private readonly knownObjects: KeyListerGetter | undefined;
  private readonly transformer: ((obj: unknown) => unknown) | undefined;
  private readonly tracer: Tracer | undefined;
  private readonly name: string;

  constructor(options: RealFIFOOptions = {}) {
    this.keyFunc = options.keyFunction ?? metaNamespaceKeyFunc;
    this.primesKeyMemo = this.keyFunc === metaNamespaceKeyFunc || this.keyFunc === deletionHandlingMetaNamespaceKeyFunc;
    this.knownObjects = options.knownObjects;
    this.transformer = options.transformer;
    this.tracer = options.tracer;
    this.name = options.name ?? "fifo";
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
    this.append("Added", obj, key, true);
  }

  update(obj: unknown): void {
    const key = this.objectKey(obj, obj);
    this.populated = true;
    this.append("Updated", obj, key, true);
  }

  delete(obj: unknown): void {
    const key = this.objectKey(obj, obj);
    this.populated = true;
    this.append("Deleted", obj, key, true);
  }

  replace(list: unknown[], resourceVersion: string): void {
    // Every key first: a key error leaves the FIFO untouched.
    const keys = new Array<string>(list.length);
    for (let i = 0; i < list.length; i++) keys[i] = this.objectKey(list[i], list[i]);
    const listed = new Set(keys);

    // The last queued entry of each queued key, keys in first-seen order.
    const lastQueued = new Map<string, Delta>();
    for (let i = this.head; i < this.entries.length; i++) lastQueued.set(this.entryKeys[i] as string, this.entries[i] as Delta);

    let tombstones = 0;
    for (const [key, last] of lastQueued) {
      if (listed.has(key) || last.type === "Deleted") continue;
      const lastObj = last.object instanceof DeletedFinalStateUnknown ? last.object.obj : last.object;
      this.append("Deleted", new DeletedFinalStateUnknown(key, lastObj), key, false);
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
        this.append("Deleted", new DeletedFinalStateUnknown(key, knownObj), key, false);
        tombstones++;
      }
    }
    for (let i = 0; i < list.length; i++) this.append("Replaced", list[i], keys[i] as string, true);

    if (!this.populated) {
      this.populated = true;
      this.initialPopulationCount = this.length();
    }
    if (this.tracer !== undefined) {
      emit(this.tracer, { component: "fifo", kind: "fifo.replace", name: this.name, items: list.length,
        resourceVersion, tombstones });
    }
  }

  resync(): void {
    const known = this.knownObjects;
    if (known === undefined) return;
    const queued = new Set<string>();
    for (let i = this.head; i < this.entryKeys.length; i++) queued.add(this.entryKeys[i] as string);
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
            delta: summarizeDelta({ type: "Sync", object: obj }), reason: "resyncQueued" });
        }
        continue;
      }
      this.append("Sync", obj, this.objectKey(obj, obj), false);
    }
  }

  /** Non-atomic mode ignores bookmarks (spec §5.1). */
  bookmark(_resourceVersion: string): void {}

  pop(process: PopProcessFunc): Delta[] | undefined {
    if (this.head === this.entries.length) {
      if (this.closed) throw new FIFOClosedError();
      return undefined;
    }
    const isInInitialList = !this.hasSynced();
    const index = this.head;
    const delta = this.entries[index] as Delta;
    const key = this.entryKeys[index] as string;
    this.entries[index] = POPPED;
    this.head++;
    this.afterDequeue();
    const deltas = [delta];
    if (this.tracer !== undefined) {
      emit(this.tracer, { component: "fifo", kind: "fifo.popped", name: this.name, key,
        deltas: [summarizeDelta(delta)], isInInitialList, queueLength: this.length() });
    }
    try {
      if (this.primesKeyMemo) rememberMetaNamespaceKey(delta.object, key);
      process(deltas, isInInitialList);
    } finally {
      // Decremented after processing: "synced" is observable only once the item was handled (spec §5.1).
      if (this.initialPopulationCount > 0) this.initialPopulationCount--;
    }
    return deltas;
  }

  hasSynced(): boolean {
    return this.populated && this.initialPopulationCount === 0;
  }

  close(): void {
    this.closed = true;
    if (this.tracer !== undefined) emit(this.tracer, { component: "fifo", kind: "fifo.closed", name: this.name });
  }

  isClosed(): boolean {
    return this.closed;
  }

  /** The key of each queued entry, in queue order (a key may repeat). */
  listKeys(): string[] {
    return this.entryKeys.slice(this.head);
  }

  /** The object of each queued entry, in queue order. */
  list(): unknown[] {
    const out: unknown[] = [];
    for (let i = this.head; i < this.entries.length; i++) out.push((this.entries[i] as Delta).object);
    return out;
  }

  /** Every queued entry of the key, oldest first, or undefined when none is queued. */
  getByKey(key: string): Delta[] | undefined {
    let out: Delta[] | undefined;
    for (let i = this.head; i < this.entries.length; i++) {
      if (this.entryKeys[i] === key) (out ??= []).push(this.entries[i] as Delta);
    }
    return out;
  }

  /** Number of queued entries. */
  length(): number {
    return this.entries.length - this.head;
  }

  /** Key of a plain object or tombstone; errors are wrapped in KeyError about `original`. */
  private objectKey(target: unknown, original: unknown): string {
    if (target instanceof DeletedFinalStateUnknown) return target.key;
    try {
      return this.keyFunc(target);
    } catch (error) {
      throw new KeyError(original, error);
    }
  }

  private append(type: DeltaType, obj: unknown, key: string, transform: boolean): void {
    let object = obj;
    if (transform && this.transformer !== undefined && !(object instanceof DeletedFinalStateUnknown)) {
      object = this.transformer(object);
    }
    const delta: Delta = { type, object };
    this.entries.push(delta);
    this.entryKeys.push(key);
    if (this.tracer !== undefined) {
      const summary = summarizeDelta(delta);
      emit(this.tracer, { component: "fifo", kind: "fifo.queued", name: this.name, key, delta: summary,
        deltas: [summary], newKey: true, queueLength: this.length() });
    }
  }

  private afterDequeue(): void {
    if (this.head === this.entries.length) {
      this.entries.length = 0;
      this.entryKeys.length = 0;
      this.head = 0;
    } else if (this.head >= COMPACT_AT && this.head * 2 >= this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.entryKeys = this.entryKeys.slice(this.head);
      this.head = 0;
    }
  }
}
