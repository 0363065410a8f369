/**
 * processDeltas / processDeltasInBatch — the informer's one step from a popped queue entry to its cache
 * and its handlers (client-go tools/cache controller.go `processDeltas`, `processDeltasInBatch`, spec
 * §7.3), for every queue mode, traced or not.
 *
 * Contract:
 * - Deltas are applied oldest → newest with one switch over their type:
 *   Sync | Replaced | Added | Updated: the CACHE decides — key present ⇒ cache update + update(old, new);
 *     absent ⇒ cache add + add(obj, isInInitialList);
 *   Deleted: cache delete + delete(obj or tombstone);
 *   ReplacedAll (atomic mode): the cache is replaced by the list in one step; keys the list no longer has
 *     get delete(DeletedFinalStateUnknown) first, then each item add or update, in list order;
 *   SyncAll (atomic mode): update(obj, obj) for every cached object;
 *   Bookmark (atomic mode): only records the resourceVersion.
 * - Same-RV rule (isSameVersion, §7.4): an update whose old and new resourceVersions are equal is
 *   resync-class and reaches only listeners whose `syncing` flag is true.
 * - The cache key is the key the queue held the entry under; when a transform ran (it may rename an
 *   object after the queue keyed it) the object decides, as client-go's clientState.Update(obj) does.
 * - Errors (a key error, a throwing index function) are dropped, like client-go's informer (RetryOnError
 *   is false): a single entry stops at its first failing delta; in a batch only the failing entry is lost.
 * - A batch (§5.2, every entry its own key) is one transaction: every cache write first, then every
 *   notification, in order (client-go's txnStore.Transaction, then the callbacks).
 * - Atomic mode: `cacheResourceVersion` is the RV the cache has caught up with (the last applied
 *   object's, a ReplacedAll's or a Bookmark's); "" in the other modes.
 * - Traced (only with a tracer): indexer.write per cache write (with each index's values), indexer.replace.
 */
import { traceTo, type TraceFn, type Tracer } from "../sim/trace.js";
import type { KubeObject } from "../types.js";
import { DeletedFinalStateUnknown } from "./deleted-final-state-unknown.js";
import { deletionHandlingMetaNamespaceKeyFunc } from "./keys.js";
import { rvOf } from "./processor-listener.js";
import { MAX_POP_BATCH as MAX_BATCH } from "./batch-key-set.js";
import type { PoppedBatch } from "./real-fifo.js";
import type { SharedProcessor } from "./shared-processor.js";
import type { KeyedIndexer } from "./store.js";
import type { AtomicDelta, DeltaType, ReplacedAllDelta } from "./types.js";

export interface DeltaProcessorOptions {
  /** The informer's name in traces. */
  name: string;
  tracer: Tracer | undefined;
  /** Atomic mode (RealFIFO with atomicEvents): track cacheResourceVersion. */
  atomic: boolean;
  /** True when a transform runs on objects after the queue keyed them. */
  transformed: () => boolean;
}

export class DeltaProcessor<T> {
  /** Atomic mode: the resourceVersion the cache has caught up with. */
  cacheResourceVersion = "";
  private readonly trace: TraceFn | undefined;
  /**
   * Per-entry scratch of a batch: the previous object of each entry and what its write was (an
   * outcome code: the notification to send, or none when the write failed). The same-RV test is made
   * while both objects are hot: a batch touches up to 1000 cached objects between its writes and its
   * notifications. `batchKeys` holds the keys only when a transform runs (else the batch has them).
   */
  private batchKeys: string[] = [];
  private batchOld: unknown[] = [];
  private batchOutcome = new Uint8Array(MAX_BATCH);

  constructor(private readonly cache: KeyedIndexer<T>, private readonly processor: SharedProcessor,
              private readonly o: DeltaProcessorOptions) {
    this.trace = traceTo(o.tracer);
  }

  /** controller.go processDeltas: one popped entry (one key's deltas, or one atomic entry). */
  processDeltas(deltas: readonly AtomicDelta[], isInInitialList: boolean, queuedKey: string): void {
    const first = deltas[0];
    if (first === undefined) return;
    try {
      switch (first.type) {
        case "ReplacedAll": this.replacedAll(first, isInInitialList); return;
        case "SyncAll": this.syncAll(); return;
        case "Bookmark": this.cacheResourceVersion = first.object.resourceVersion; return;
      }
      const transformed = this.o.transformed();
      // every delta of one popped entry belongs to the same key
      const key = transformed ? deletionHandlingMetaNamespaceKeyFunc(deltas[deltas.length - 1]!.object) : queuedKey;
      for (let i = 0; i < deltas.length; i++) {
        const d = deltas[i]!;
        const obj = d.object;
        if (this.o.atomic) this.cacheResourceVersion = rvOf(obj);
        if (d.type === "Deleted") {
          this.remove(key, obj, transformed);
          this.processor.distribute("delete", key, obj, undefined, false, false, "Deleted");
          continue;
        }
        const type = d.type as DeltaType;
        const old = this.put(key, obj, transformed);
        if (old !== undefined) this.processor.distribute("update", key, obj, old, false, isSameVersion(old, obj), type);
        else this.processor.distribute("add", key, obj, undefined, isInInitialList, false, type);
      }
    } catch {
      // processing errors (e.g. key errors) are dropped, like client-go: no retry
    }
  }

  /**
   * controller.go processDeltasInBatch: a popped batch (RealFIFO.popBatch; each key once). Every cache
   * write first, then every notification.
   */
  processDeltasInBatch(batch: PoppedBatch, isInInitialList: boolean): void {
    const transformed = this.o.transformed();
    const keys = this.batchKeys;
    const olds = this.batchOld;
    const size = batch.size;
    if (size > this.batchOutcome.length) this.batchOutcome = new Uint8Array(size);
    const outcome = this.batchOutcome;
    let caughtUp: unknown = NOTHING;
    for (let n = 0; n < size; n++) {
      const obj = batch.object(n);
      outcome[n] = FAILED;
      try {
        let key = batch.key(n);
        if (transformed) keys[n] = key = deletionHandlingMetaNamespaceKeyFunc(obj);
        caughtUp = obj;
        if (batch.type(n) === "Deleted") {
          this.remove(key, obj, transformed);
          outcome[n] = DELETE;
        } else {
          const old = this.put(key, obj, transformed);
          if (old === undefined) {
            outcome[n] = ADD;
          } else {
            olds[n] = old;
            outcome[n] = isSameVersion(old, obj) ? SYNC_UPDATE : UPDATE;
          }
        }
      } catch {
        // processing errors (e.g. key errors) are dropped, like client-go: no retry
      }
    }
    if (this.o.atomic && caughtUp !== NOTHING) this.cacheResourceVersion = rvOf(caughtUp);
    const processor = this.processor;
    for (let n = 0; n < size; n++) {
      const what = outcome[n];
      if (what === FAILED) continue;
      const type = batch.type(n) as DeltaType;
      const obj = batch.object(n);
      const key = transformed ? keys[n]! : batch.key(n);
      if (what === ADD) {
        processor.distribute("add", key, obj, undefined, isInInitialList, false, type);
      } else if (what === DELETE) {
        processor.distribute("delete", key, obj, undefined, false, false, type);
      } else {
        const old = olds[n];
        olds[n] = undefined;
        processor.distribute("update", key, obj, old, false, what === SYNC_UPDATE, type);
      }
    }
  }

  /** Atomic mode: the cache becomes the list in one step (client-go's Replace of a ReplacedAll). */
  private replacedAll(entry: ReplacedAllDelta, isInInitialList: boolean): void {
    const cache = this.cache;
    const { resourceVersion, objects } = entry.object;
    // Against the cache as it was: each item's previous object, and the keys the list no longer has.
    const n = objects.length;
    const keys = new Array<string>(n);
    const olds = new Array<T | undefined>(n);
    const items = new Map<string, T>();
    for (let i = 0; i < n; i++) {
      const key = deletionHandlingMetaNamespaceKeyFunc(objects[i]);
      keys[i] = key;
      olds[i] = cache.getByKey(key);
      items.set(key, objects[i] as T);
    }
    const deletions: DeletedFinalStateUnknown[] = [];
    for (const key of cache.listKeys()) {
      if (!items.has(key)) deletions.push(new DeletedFinalStateUnknown(key, cache.getByKey(key)));
    }
    cache.replaceByKey(items);
    this.cacheResourceVersion = resourceVersion;
    this.trace?.({ component: "indexer", kind: "indexer.replace", name: this.o.name, items: n });
    for (const tombstone of deletions) {
      this.processor.distribute("delete", tombstone.key, tombstone, undefined, false, false, "ReplacedAll");
    }
    for (let i = 0; i < n; i++) {
      const obj = objects[i];
      const old = olds[i];
      if (old !== undefined) this.processor.distribute("update", keys[i]!, obj, old, false, isSameVersion(old, obj), "ReplacedAll");
      else this.processor.distribute("add", keys[i]!, obj, undefined, isInInitialList, false, "ReplacedAll");
    }
  }

  /** Atomic mode: a resync-class update for every cached object. */
  private syncAll(): void {
    const cache = this.cache;
    for (const key of cache.listKeys()) {
      const obj = cache.getByKey(key);
      if (obj !== undefined) this.processor.distribute("update", key, obj, obj, false, true, "SyncAll");
    }
  }

  /** Cache put under `key` (the object's own key when transformed), traced as add or update; returns the previous object. */
  private put(key: string, obj: unknown, transformed: boolean): T | undefined {
    let old: T | undefined;
    if (transformed) {
      old = this.cache.getByKey(key);
      this.cache.update(obj as T);
    } else {
      old = this.cache.swapByKey(key, obj as T);
    }
    if (this.trace !== undefined) this.traceWrite(old !== undefined ? "update" : "add", key, obj);   // no call when untraced
    return old;
  }

  private remove(key: string, obj: unknown, transformed: boolean): void {
    if (transformed) this.cache.delete(obj as T);
    else this.cache.deleteByKey(key, obj);
    if (this.trace !== undefined) this.traceWrite("delete", key, obj);
  }

  private traceWrite(op: "add" | "update" | "delete", key: string, obj: unknown): void {
    const trace = this.trace;
    if (trace === undefined) return;
    const indexes: Record<string, string[]> = {};
    const indexers = this.cache.getIndexers();
    for (const indexName of Object.keys(indexers)) {
      if (op === "delete") {
        indexes[indexName] = [];
        continue;
      }
      try {
        indexes[indexName] = indexers[indexName]!(obj).slice();
      } catch {
        indexes[indexName] = [];
      }
    }
    trace({ component: "indexer", kind: "indexer.write", name: this.o.name, op, key, resourceVersion: rvOf(obj),
      ...(op !== "delete" && isKubeObject(obj) ? { object: obj } : {}), indexes });
  }
}

/** Outcomes of a batch entry's write: failed (nothing sent), or the notification it sends. */
const FAILED = 0;
const ADD = 1;
const UPDATE = 2;
/** An update whose old and new objects carry the same resourceVersion (resync-class, §7.4). */
const SYNC_UPDATE = 3;
const DELETE = 4;

/** "No entry yet" (distinct from every object, undefined included). */
const NOTHING: unique symbol = Symbol("nothing");

/** Same-RV rule (§7.4): both objects have metadata and equal resourceVersions. */
function isSameVersion(oldObj: unknown, newObj: unknown): boolean {
  const o = (oldObj as { metadata?: { resourceVersion?: unknown } }).metadata;
  const n = (newObj as { metadata?: { resourceVersion?: unknown } }).metadata;
  if (o === undefined || o === null || n === undefined || n === null) return false;
  return o.resourceVersion === n.resourceVersion;
}

function isKubeObject(obj: unknown): obj is KubeObject {
  return typeof obj === "object" && obj !== null && typeof (obj as { metadata?: unknown }).metadata === "object";
}
