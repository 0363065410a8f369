/**
 * RealFIFO — the "in-order" queue (client-go tools/cache `the_real_fifo.go`, spec §5.1; the informers'
 * default from Kubernetes 1.33), with client-go's `AtomicEvents` option (spec §5.3, feature gate
 * AtomicFIFO, default from 1.36; the informer's `fifo: "realAtomic"`).
 *
 * Contract:
 * - One entry per event, in arrival order: add/update/delete each append one entry; nothing is merged,
 *   deduplicated or kept in place. `delete` always enqueues, even for a key nobody knew (the consumer
 *   decides what it means). `listKeys()` lists each queued entry's key in order (a key may repeat;
 *   atomic batch entries have the key "").
 * - `replace(list)` (a relist), default mode: appends a `Deleted` tombstone for every key queued but
 *   missing from the list whose last queued entry is not already `Deleted` (holding that entry's
 *   object), in first-seen order; a `Deleted` tombstone for every knownObjects key missing from the list
 *   and absent from the queue (holding the known object, or null); then one `Replaced` entry per item, in
 *   list order. Every key is computed first (a KeyError leaves the queue untouched); a transform that
 *   throws on item i throws "couldn't enqueue object: …" with the tombstones and items 0..i-1 queued.
 * - With `atomicEvents`: `replace(list, rv)` appends ONE entry `ReplacedAll { resourceVersion, objects }`
 *   (every object transformed first, so a throwing transform leaves the queue untouched and its error is
 *   thrown as it is); the consumer diffs it against its cache. `resync()` appends one `SyncAll`;
 *   `bookmark(rv)` appends a `Bookmark { resourceVersion }` (ignored without atomicEvents).
 * - `resync()`, default mode: appends `Sync` with the known object for every knownObjects key not queued
 *   anywhere. Without knownObjects (allowed here, unlike Go) replace only checks the queue and resync
 *   does nothing.
 * - `pop(process)` removes the oldest entry and calls `process(deltas, isInInitialList, key)` with it as a
 *   one-element list, whether it belongs to the initial population (computed before) and the key it was
 *   queued under. The population counter drops after `process` returns, so "synced" is observable only
 *   once the last initial entry was fully processed. `hasSynced()`: true after add/update/delete before
 *   any replace, or once every entry queued at the end of the first replace was popped and processed.
 * - `popBatch(processBatch, process)` (InOrderInformersBatchProcess, §5.2) takes consecutive entries from
 *   the head while: fewer than `maxBatch` (≤ 1000) were taken, the entry's type is Sync/Replaced/Added/
 *   Updated/Deleted, its key was not taken yet in this batch, and taking it would not cross the end of
 *   the initial population. A batch of one, or a non-batchable entry at the head, goes through
 *   `pop(process)`. Otherwise every entry is traced as popped first (each `fifo.popped` carries `batch`),
 *   then `processBatch(batch, isInInitialList)` reads them through a PoppedBatch, valid only during
 *   the call.
 * - Storage (in-order-entries.ts, private): a queued event costs no Delta object; `pop`, `list` and
 *   `getByKey` hand out fresh values, and popped objects are released at once.
 * - The transformer runs once per object entering through add/update/delete/replace, never on
 *   tombstones nor on resync's cached objects. `close()` only affects popping an empty queue.
 * - Traced (component "fifo", `fifoKind` "real" or "realAtomic"): `fifo.queued` per append (its `deltas`
 *   is just itself, `newKey` always true), fifo.skipped, fifo.replace, fifo.popped, fifo.closed.
 */
import { traceTo, type FifoKind, type TraceFn } from "../sim/trace.js";
import { MAX_POP_BATCH } from "./batch-key-set.js";
import { DeletedFinalStateUnknown } from "./deleted-final-state-unknown.js";
import { summarizeDelta } from "./deltas.js";
import { InOrderEntries, summarizeEntry, type PoppedBatch } from "./in-order-entries.js";
import { inOrderKeyOf, queueKey } from "./fifo-keys.js";
import { metaNamespaceKeyFunc } from "./keys.js";
import { knownSyncObjects, knownTombstones } from "./known-objects.js";
import { enqueueError, FIFOClosedError, type RealFIFOOptions } from "./queue.js";
import type { AtomicDelta, BookmarkDelta, Delta, KeyFunc, KeyListerGetter, ReplacedAllDelta } from "./types.js";

export { MAX_POP_BATCH } from "./batch-key-set.js";
export type { PoppedBatch } from "./in-order-entries.js";

/** Processes a popped batch (valid only during the call). */
export type BatchProcessFunc = (batch: PoppedBatch, isInInitialList: boolean) => void;

/** What `pop` calls: the popped entry as a one-element list, its initial-list flag and queued key. */
export type InOrderProcessFunc<E> = (deltas: E[], isInInitialList: boolean, queuedKey: string) => void;

export class RealFIFO<E extends AtomicDelta = Delta> {
  /** Queued entries, oldest first. */
  private readonly entries = new InOrderEntries();
  private populated = false;
  /** Entries of the first replace (and everything queued before it) not yet popped and processed. */
  private initialPopulationCount = 0;
  private closed = false;

  private readonly keyFunc: KeyFunc;
  private readonly knownObjects: KeyListerGetter | undefined;
  private readonly transformer: ((obj: unknown) => unknown) | undefined;
  private readonly atomic: boolean;
  private readonly fifoKind: FifoKind;
  private readonly trace: TraceFn | undefined;
  private readonly name: string;

  constructor(options: RealFIFOOptions = {}) {
    this.keyFunc = options.keyFunction ?? metaNamespaceKeyFunc;
    this.atomic = options.atomicEvents === true;
    this.knownObjects = this.atomic ? undefined : options.knownObjects;
    this.transformer = options.transformer;
    this.fifoKind = this.atomic ? "realAtomic" : "real";
    this.trace = traceTo(options.tracer);
    this.name = options.name ?? "fifo";
  }

  /** The key of an object, a Deltas list (newest), a single delta or a tombstone; "" for a batch entry. */
  keyOf(obj: unknown): string {
    return inOrderKeyOf(this.keyFunc, obj, this.atomic);
  }

  add(obj: unknown): void {
    this.write("Added", obj);
  }

  update(obj: unknown): void {
    this.write("Updated", obj);
  }

  delete(obj: unknown): void {
    this.write("Deleted", obj);
  }

  replace(list: unknown[], resourceVersion: string): void {
    const tombstones = this.atomic ? this.replaceAtomic(list, resourceVersion) : this.reconcileReplacement(list);
    if (!this.populated) {
      this.populated = true;
      this.initialPopulationCount = this.length();
    }
    this.trace?.({ component: "fifo", kind: "fifo.replace", name: this.name, items: list.length,
      resourceVersion, tombstones, fifoKind: this.fifoKind });
  }

  resync(): void {
    if (this.atomic) {
      this.append("SyncAll", undefined, "");
      return;
    }
    const known = this.knownObjects;
    if (known === undefined) return;
    const queued = new Set<string>(this.listKeys());
    for (const [knownKey, obj] of knownSyncObjects(known)) {
      if (queued.has(knownKey)) {
        this.trace?.({ component: "fifo", kind: "fifo.skipped", name: this.name, key: knownKey,
          delta: summarizeDelta({ type: "Sync", object: obj }), reason: "resyncQueued", fifoKind: "real" });
        continue;
      }
      this.append("Sync", obj, this.objectKey(obj, obj));
    }
  }

  /** Atomic mode queues the server's progress marker; the default mode ignores bookmarks (§5.1). */
  bookmark(resourceVersion: string): void {
    if (!this.atomic) return;
    const payload: BookmarkDelta["object"] = { resourceVersion };
    this.append("Bookmark", payload, "");
  }

  pop(process: InOrderProcessFunc<E>): E[] | undefined {
    if (this.drained()) return undefined;
    const entries = this.entries;
    const isInInitialList = !this.hasSynced();
    entries.shift();   // the queue keeps no reference to the popped object
    const { type, object, key } = entries;
    entries.forget();
    const deltas = [{ type, object } as E];
    this.trace?.({ component: "fifo", kind: "fifo.popped", name: this.name, key,
      deltas: [summarizeEntry(type, object)], isInInitialList, queueLength: this.length(), fifoKind: this.fifoKind });
    try {
      process(deltas, isInInitialList, key);
    } finally {
      if (this.initialPopulationCount > 0) this.initialPopulationCount--;
    }
    return deltas;
  }

  /**
   * Pops a batch (§5.2) and processes it with `processBatch`, or a single entry with `process`.
   * Returns false when the queue is empty (true when something was processed).
   */
  popBatch(processBatch: BatchProcessFunc, process: InOrderProcessFunc<E>, maxBatch: number = MAX_POP_BATCH): boolean {
    if (this.drained()) return false;
    const isInInitialList = !this.hasSynced();
    const most = Math.min(maxBatch, MAX_POP_BATCH);
    const batch = this.entries.takeBatch(isInInitialList ? Math.min(most, this.initialPopulationCount) : most);
    if (batch === undefined) return this.pop(process) !== undefined;
    const count = batch.size;
    const trace = this.trace;
    if (trace !== undefined) {
      const left = this.length();
      for (let i = 0; i < count; i++) {
        trace({ component: "fifo", kind: "fifo.popped", name: this.name, key: batch.key(i),
          deltas: [summarizeEntry(batch.type(i), batch.object(i))], isInInitialList, queueLength: left + count - 1 - i,
          batch: count, fifoKind: this.fifoKind });
      }
    }
    try {
      processBatch(batch, isInInitialList);
    } finally {
      if (this.initialPopulationCount > 0) this.initialPopulationCount = Math.max(0, this.initialPopulationCount - count);
      this.entries.releaseBatch();
    }
    return true;
  }

  hasSynced(): boolean {
    return this.populated && this.initialPopulationCount === 0;
  }

  close(): void {
    this.closed = true;
    this.trace?.({ component: "fifo", kind: "fifo.closed", name: this.name, fifoKind: this.fifoKind });
  }

  isClosed(): boolean {
    return this.closed;
  }

  /** The key of each queued entry, in queue order (a key may repeat; "" for atomic batch entries). */
  listKeys(): string[] {
    return this.entries.keys();
  }

  /** The object of each queued entry, in queue order (an atomic batch entry's payload for those). */
  list(): unknown[] {
    return this.entries.objects();
  }

  /** Every queued entry of the key, oldest first, or undefined when none is queued. */
  getByKey(key: string): E[] | undefined {
    return this.entries.entriesOf<E>(key);
  }

  /** The queued entries, oldest first (a copy). */
  entriesInOrder(): E[] {
    return this.entries.all<E>();
  }

  /** Number of queued entries. */
  length(): number {
    return this.entries.length;
  }

  // ───────────────────────────── internals ─────────────────────────────

  private write(type: "Added" | "Updated" | "Deleted", obj: unknown): void {
    const key = this.objectKey(obj, obj);
    this.populated = true;
    this.appendTransformed(type, obj, key);
  }

  /** the_real_fifo.go reconcileReplacement: tombstones first, then the items one at a time. */
  private reconcileReplacement(list: unknown[]): number {
    // Every key first: a key error leaves the FIFO untouched.
    const keys = new Array<string>(list.length);
    for (let i = 0; i < list.length; i++) keys[i] = this.objectKey(list[i], list[i]);
    const listed = new Set(keys);

    const { queued, tombstones: vanished } = this.entries.tombstonesAgainst(listed);
    let tombstones = 0;
    for (const tombstone of [...vanished, ...knownTombstones(this.knownObjects, listed, (key) => queued.has(key))]) {
      this.append("Deleted", tombstone, tombstone.key);
      tombstones++;
    }
    // A throwing transform stops there, keeping the tombstones and the items queued before it.
    for (let i = 0; i < list.length; i++) {
      try {
        this.appendTransformed("Replaced", list[i], keys[i] as string);
      } catch (error) {
        throw enqueueError(error);
      }
    }
    return tombstones;
  }

  /** the_real_fifo.go addReplaceToItemsLocked: one ReplacedAll entry; no deletions computed here. */
  private replaceAtomic(list: unknown[], resourceVersion: string): number {
    for (const item of list) this.objectKey(item, item); // a key error leaves the FIFO untouched
    const transformer = this.transformer;
    const objects = transformer === undefined ? list.slice() : list.map((o) => (o instanceof DeletedFinalStateUnknown ? o : transformer(o)));
    const payload: ReplacedAllDelta["object"] = { resourceVersion, objects };
    this.append("ReplacedAll", payload, "");
    return 0;
  }

  /** True when nothing is queued (where Go would block); a closed, empty queue throws FIFOClosedError. */
  private drained(): boolean {
    if (this.entries.length !== 0) return false;
    if (this.closed) throw new FIFOClosedError();
    return true;
  }

  /** Key of a plain object or tombstone; errors are wrapped in KeyError about `original`. */
  private objectKey(target: unknown, original: unknown): string {
    return queueKey(this.keyFunc, target, original);
  }

  /** Appends an object entering the queue: the transformer runs first (never on a tombstone). */
  private appendTransformed(type: string, obj: unknown, key: string): void {
    const transformer = this.transformer;
    this.append(type, transformer !== undefined && !(obj instanceof DeletedFinalStateUnknown) ? transformer(obj) : obj, key);
  }

  private append(type: string, object: unknown, key: string): void {
    this.entries.push(type, object, key);
    const trace = this.trace;
    if (trace !== undefined) {
      const summary = summarizeEntry(type, object);
      trace({ component: "fifo", kind: "fifo.queued", name: this.name, key, delta: summary,
        deltas: [summary], newKey: true, queueLength: this.length(), fifoKind: this.fifoKind });
    }
  }
}
