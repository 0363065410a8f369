/**
 * DeltaFIFO — the classic queue between the Reflector and the informer (client-go tools/cache
 * `DeltaFIFO`, spec §4).
 *
 * Like a FIFO of keys, but every key carries the list of everything that happened to its object since
 * the consumer last saw it (its Deltas, oldest first), and deletions are first-class:
 * - Per-key deltas: add/update/delete/replace/resync append one Delta to the key's list. Only two
 *   *adjacent* `Deleted` deltas collapse (into the older one, unless the older one is a
 *   DeletedFinalStateUnknown tombstone, in which case the newer one survives). Nothing else collapses.
 * - Queue order: a key enters the queue at the tail when it gets its first delta and keeps its place
 *   while more deltas arrive. `pop` hands out the head key with ALL its deltas (and the key itself); a key added again after
 *   being popped re-enters at the tail. Invariant: a key is queued at most once, and is queued iff it
 *   has deltas.
 * - `delete` of a key that is neither queued nor in knownObjects is dropped (already reported by a
 *   relist); without knownObjects only queued keys accept a delete.
 * - `replace(list)` (a relist) queues each item as `Sync` (or `Replaced` with emitDeltaTypeReplaced),
 *   then a `Deleted` tombstone for every queued key missing from the list (holding the newest queued
 *   object), then for every knownObjects key missing from the list and not queued (holding the known
 *   object, or null). The resourceVersion is ignored. Items are keyed and queued one at a time: a key
 *   error (KeyError) or a throwing transform ("couldn't enqueue object: …") on one item throws there,
 *   keeping the items queued before it; nothing else happens (no tombstones, not populated).
 *   `replaceInSteps` does the same replace a few items per `step(n)`; until it is complete nothing pops.
 * - `resync()` queues `Sync` with the known object for each knownObjects key that is not queued.
 * - `hasSynced()`: true after add/update/delete before any replace, or once every item and tombstone
 *   of the first replace (counted by distinct key) was popped and processed. Latched.
 * - The transformer runs exactly once on each object entering through add/update/delete/replace, never
 *   on tombstones nor on resync's cached objects.
 * - `close()` only affects popping an empty queue (FIFOClosedError); writes are still accepted.
 * - Classic (≤ 1.32) extras, removed from client-go 1.33 but kept for teaching: `addIfNotPresent(deltas)`
 *   re-queues a popped Deltas list at the tail unless the key has fresher queued deltas, and a `process`
 *   that throws `RequeueError` puts its deltas back that way (pop then rethrows the inner error, if any).
 * - Every change is traced (component "fifo"): fifo.queued with the key's whole list after the add,
 *   fifo.skipped, fifo.replace, fifo.popped, fifo.closed. No tracing work happens without a tracer.
 *
 * Single consumer: `pop` calls `process` synchronously; nothing may change the FIFO while it runs.
 * Storage (packed per-key deltas, the key order) is private, in delta-fifo-queue.ts.
 */
import { traceTo, type TraceFn } from "../sim/trace.js";
import { DeletedFinalStateUnknown } from "./deleted-final-state-unknown.js";
import { summarizeDelta, summarizeDeltas } from "./deltas.js";
import { newestOfList, queueKey } from "./fifo-keys.js";
import { metaNamespaceKeyFunc } from "./keys.js";
import { knownSyncObjects, knownTombstones, mayBeKnown } from "./known-objects.js";
import { KeyQueue, pack, unpack, type PackedDeltas, type QueuedEntry } from "./delta-fifo-queue.js";
import { enqueueError, FIFOClosedError, type FIFOOptions, type FIFOQueue, type PopProcessFunc } from "./queue.js";
import type { SteppedReplace } from "./replace-in-tasks.js";
import { RequeueError } from "./requeue-error.js";
import type { Delta, DeltaType, KeyFunc, KeyListerGetter } from "./types.js";

export type DeltaFIFOOptions = FIFOOptions;
export { RequeueError } from "./requeue-error.js";

export class DeltaFIFO implements FIFOQueue {
  /** key → its queued entry (deltas never empty). A key is here iff its entry is in `queue[head..]`. */
  private readonly items = new Map<string, QueuedEntry>();
  /** Queued entries in FIFO order; each key at most once. */
  private readonly queue = new KeyQueue();
  /** true once replace, add, update or delete was called. */
  private populated = false;
  /** Items (and tombstones) of the first replace that were not popped and processed yet. */
  private initialPopulationCount = 0;
  private closed = false;
  private replacing = false; // a stepped replace is open (replaceInSteps): nothing pops, as Go's Pop waits on Replace's lock

  private readonly keyFunc: KeyFunc;
  private readonly knownObjects: KeyListerGetter | undefined;
  private readonly emitDeltaTypeReplaced: boolean;
  private readonly transformer: ((obj: unknown) => unknown) | undefined;
  private readonly trace: TraceFn | undefined;
  private readonly name: string;

  constructor(options: DeltaFIFOOptions = {}) {
    this.keyFunc = options.keyFunction ?? metaNamespaceKeyFunc;
    this.knownObjects = options.knownObjects;
    this.emitDeltaTypeReplaced = options.emitDeltaTypeReplaced ?? false;
    this.transformer = options.transformer;
    this.trace = traceTo(options.tracer);
    this.name = options.name ?? "fifo";
  }

  /**
   * The key of an object, a Deltas list (its newest object) or a tombstone (its stored key).
   * Throws KeyError (an empty Deltas list: "0 length Deltas object").
   */
  keyOf(obj: unknown): string {
    const target = Array.isArray(obj) ? (newestOfList(obj) as Delta).object : obj;
    return queueKey(this.keyFunc, target, obj);
  }

  add(obj: unknown): void {
    const key = this.keyOf(obj);
    this.populated = true;
    this.queueAction("Added", obj, key, true);
  }

  update(obj: unknown): void {
    const key = this.keyOf(obj);
    this.populated = true;
    this.queueAction("Updated", obj, key, true);
  }

  delete(obj: unknown): void {
    const key = this.keyOf(obj);
    this.populated = true;
    if (!this.items.has(key) && !mayBeKnown(this.knownObjects, key)) {
      this.trace?.({ component: "fifo", kind: "fifo.skipped", name: this.name, key,
        delta: summarizeDelta({ type: "Deleted", object: obj }), reason: "unknownDelete" });
      return;
    }
    this.queueAction("Deleted", obj, key, true);
  }

  replace(list: unknown[], resourceVersion: string): void {
    this.replaceInSteps(list, resourceVersion).step(list.length);
  }

  /** replace in steps (replace-in-tasks.ts): `step(n)` queues n more items (the tombstones after the last), true once complete. */
  replaceInSteps(list: unknown[], resourceVersion: string): SteppedReplace {
    const action: DeltaType = this.emitDeltaTypeReplaced ? "Replaced" : "Sync";
    const listed = new Set<string>();
    let next = 0;
    this.replacing = true;
    return { step: (n: number): boolean => {
      this.replacing = false;   // open again below while items are left (a throw closes it)
      // Item by item, as delta_fifo.go Replace does: a key error or a throwing transform on item i
      // stops the relist there, and items 0..i-1 stay queued (no deletions detected, not populated).
      let i = next;
      for (const end = Math.min(list.length, i + Math.max(1, n)); i < end; i++) {
        const item = list[i], key = this.keyOf(item);
        listed.add(key);
        try {
          this.queueAction(action, item, key, true);
        } catch (error) {
          throw enqueueError(error);
        }
      }
      next = i;
      if (i < list.length) return (this.replacing = true, false);
      // Deletions against the queue: keys only known from queued deltas.
      let tombstones = 0;
      for (const [key, entry] of this.items) {
        if (listed.has(key)) continue;
        const deltas = entry.deltas;
        let last = deltas[deltas.length - 1];
        if (last instanceof DeletedFinalStateUnknown) last = last.obj;
        tombstones++;
        this.queueAction("Deleted", new DeletedFinalStateUnknown(key, last), key, false);
      }
      // Deletions against what the consumer knows.
      for (const tombstone of knownTombstones(this.knownObjects, listed, (key) => this.items.has(key))) {
        tombstones++;
        this.queueAction("Deleted", tombstone, tombstone.key, false);
      }

      if (!this.populated) { this.populated = true; this.initialPopulationCount = listed.size + tombstones; }
      this.trace?.({ component: "fifo", kind: "fifo.replace", name: this.name, items: list.length,
        resourceVersion, tombstones });
      return true;
    } };
  }

  resync(): void {
    const known = this.knownObjects;
    if (known === undefined) return;
    for (const [, obj] of knownSyncObjects(known)) {
      const key = this.keyOf(obj);
      if (this.items.has(key)) {
        // A queued event is newer than the cache: re-sending the cached copy could regress it.
        this.trace?.({ component: "fifo", kind: "fifo.skipped", name: this.name, key,
          delta: summarizeDelta({ type: "Sync", object: obj }), reason: "resyncQueued" });
        continue;
      }
      this.queueAction("Sync", obj, key, false);
    }
  }

  pop(process: PopProcessFunc): Delta[] | undefined {
    if (this.replacing) return undefined;
    while (this.queue.length > 0) {
      const isInInitialList = !this.hasSynced();
      const entry = this.queue.take();
      this.items.delete(entry.key);
      const key = entry.key;
      const deltas = unpack(entry.deltas);
      this.trace?.({ component: "fifo", kind: "fifo.popped", name: this.name, key,
        deltas: summarizeDeltas(deltas), isInInitialList, queueLength: this.queue.length });
      try {
        process(deltas, isInInitialList, key);
      } catch (error) {
        if (!(error instanceof RequeueError)) throw error;
        this.addIfNotPresentKeyed(key, deltas);
        if (error.inner !== undefined) throw error.inner;
      } finally {
        // "synced" becomes visible only after the last initial item was processed (spec §4.8).
        if (this.initialPopulationCount > 0) this.initialPopulationCount--;
      }
      return deltas;
    }
    if (this.closed) throw new FIFOClosedError();
    return undefined;
  }

  hasSynced(): boolean {
    return this.populated && this.initialPopulationCount === 0;
  }

  close(): void {
    this.closed = true;
    this.trace?.({ component: "fifo", kind: "fifo.closed", name: this.name });
  }

  isClosed(): boolean {
    return this.closed;
  }

  /** Queued keys, in queue order. */
  listKeys(): string[] {
    return this.queue.keys();
  }

  /** The newest object of each queued key, in queue order. */
  list(): unknown[] {
    return this.queue.newest();
  }

  /** A copy of the key's queued deltas, or undefined when the key is not queued. */
  getByKey(key: string): Delta[] | undefined {
    const entry = this.items.get(key);
    return entry === undefined ? undefined : unpack(entry.deltas);
  }

  /**
   * Queues a whole Deltas list (e.g. one returned by pop) at the tail, unless its key already has
   * queued deltas — the fresher queued data wins. Throws KeyError for an empty list (classic API, ≤ 1.32).
   */
  addIfNotPresent(deltas: Delta[]): void {
    if (!Array.isArray(deltas)) throw new TypeError("addIfNotPresent requires a Deltas list");
    const key = this.keyOf(deltas);
    this.populated = true;
    this.addIfNotPresentKeyed(key, deltas);
  }

  /** Number of queued keys. */
  length(): number {
    return this.queue.length;
  }

  /**
   * Appends one delta to the key's list (transforming the object first when `transform` and it is not
   * a tombstone), collapses two adjacent Deleted deltas, and queues the key at the tail if it is new.
   */
  private queueAction(type: DeltaType, obj: unknown, key: string, transform: boolean): void {
    let object = obj;
    if (transform && this.transformer !== undefined && !(object instanceof DeletedFinalStateUnknown)) object = this.transformer(object);
    const entry = this.items.get(key);
    if (entry === undefined) {
      const deltas: PackedDeltas = [type, object];
      const fresh: QueuedEntry = { key, deltas };
      this.items.set(key, fresh);
      this.queue.push(fresh);
      this.traceQueued(key, type, object, deltas, true);
      return;
    }
    this.appendKeyed(key, entry.deltas, type, object);
  }

  private traceQueued(key: string, type: DeltaType, object: unknown, deltas: PackedDeltas, newKey: boolean): void {
    this.trace?.({ component: "fifo", kind: "fifo.queued", name: this.name, key,
      delta: summarizeDelta({ type, object }), deltas: summarizeDeltas(unpack(deltas)), newKey,
      queueLength: this.queue.length });
  }

  /** Appends one delta to a queued key's list; two adjacent Deleted deltas collapse. */
  private appendKeyed(key: string, deltas: PackedDeltas, type: DeltaType, object: unknown): void {
    const n = deltas.length;
    if (type === "Deleted" && deltas[n - 2] === "Deleted") {
      if (deltas[n - 1] instanceof DeletedFinalStateUnknown) {
        deltas[n - 1] = object; // a real final state (or a fresher tombstone) replaces the tombstone
      } else {
        this.trace?.({ component: "fifo", kind: "fifo.skipped", name: this.name, key,
          delta: summarizeDelta({ type, object }), reason: "dedupDelete" });
        return;
      }
    } else {
      deltas.push(type, object);
    }
    this.traceQueued(key, type, object, deltas, false);
  }

  private addIfNotPresentKeyed(key: string, deltas: Delta[]): void {
    if (this.items.has(key)) return;
    const entry: QueuedEntry = { key, deltas: pack(deltas) };
    this.items.set(key, entry);
    this.queue.push(entry);
    this.trace?.({ component: "fifo", kind: "fifo.queued", name: this.name, key,
      delta: summarizeDelta(deltas[deltas.length - 1] as Delta), deltas: summarizeDeltas(deltas), newKey: true,
      queueLength: this.queue.length });
  }
}
