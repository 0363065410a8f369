/**
 * AtomicFIFO — RealFIFO in atomic mode (client-go `RealFIFO` with AtomicEvents, feature gate
 * AtomicFIFO, default from Kubernetes 1.36; spec §5.3). The informer's `fifo: "realAtomic"`.
 *
 * Contract:
 * - add/update/delete append one entry each, in arrival order, exactly like RealFIFO (a delete is
 *   always queued; the transformer runs once per object, never on tombstones).
 * - `replace(list, rv)` appends ONE entry `ReplacedAll { resourceVersion, objects }` (objects
 *   transformed, in list order). The FIFO computes no deletions: the consumer diffs the batch against
 *   its cache, so this queue has no knownObjects.
 * - `resync()` appends one `SyncAll` entry; `bookmark(rv)` appends a `Bookmark { resourceVersion }`.
 * - `pop` hands over exactly one entry as a one-element list. Batch entries have the key "" in
 *   `listKeys()` and in traces.
 * - `hasSynced()`: true after add/update/delete before any replace, or once every entry queued at the
 *   end of the first replace was popped and processed. Latched.
 * - Traced like RealFIFO; a batch entry's summary carries its resourceVersion.
 */
import { emit, type DeltaSummary, type Tracer } from "../sim/trace.js";
import { DeletedFinalStateUnknown } from "./deleted-final-state-unknown.js";
import { summarizeDelta } from "./deltas.js";
import { KeyError, deletionHandlingMetaNamespaceKeyFunc, metaNamespaceKeyFunc, rememberMetaNamespaceKey } from "./keys.js";
import { FIFOClosedError, type FIFOOptions } from "./queue.js";
import type { Delta, DeltaType, KeyFunc } from "./types.js";

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

const COMPACT_AT = 1024;
const POPPED: AtomicDelta = Object.freeze({ type: "SyncAll", object: undefined }) as SyncAllDelta;

function summarize(entry: AtomicDelta): DeltaSummary {
  switch (entry.type) {
    case "ReplacedAll":
    case "Bookmark":
      return { type: entry.type, rv: entry.object.resourceVersion };
    case "SyncAll":
      return { type: "SyncAll", rv: "" };
    default:
      return summarizeDelta(entry);
  }
}

export class AtomicFIFO {
  private entries: AtomicDelta[] = [];
  private entryKeys: string[] = [];
  private head = 0;
  private populated = false;
  private initialPopulationCount = 0;
  private closed = false;

  private readonly keyFunc: KeyFunc;
  /** The consumer will likely key the popped object again with the same function: hand it our key. */
  private readonly primesKeyMemo: boolean;
  private readonly transformer: ((obj: unknown) => unknown) | undefined;
  private readonly tracer: Tracer | undefined;
  private readonly name: string;

  constructor(options: AtomicFIFOOptions = {}) {
    this.keyFunc = options.keyFunction ?? metaNamespaceKeyFunc;
    this.primesKeyMemo = this.keyFunc === metaNamespaceKeyFunc || this.keyFunc === deletionHandlingMetaNamespaceKeyFunc;
    this.transformer = options.transformer;
    this.tracer = options.tracer;
    this.name = options.name ?? "fifo";
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
    this.appendObject("Added", obj, key);
  }

  update(obj: unknown): void {
    const key = this.objectKey(obj, obj);
    this.populated = true;
    this.appendObject("Updated", obj, key);
  }

  delete(obj: unknown): void {
    const key = this.objectKey(obj, obj);
    this.populated = true;
    this.appendObject("Deleted", obj, key);
  }

  replace(list: unknown[], resourceVersion: string): void {
    for (const item of list) this.objectKey(item, item); // a key error leaves the FIFO untouched
    const transformer = this.transformer;
    const objects = transformer === undefined ? list.slice() : list.map((o) => (o instanceof DeletedFinalStateUnknown ? o : transformer(o)));
    this.append({ type: "ReplacedAll", object: { resourceVersion, objects } }, "");
    if (!this.populated) {
      this.populated = true;
      this.initialPopulationCount = this.length();
    }
    if (this.tracer !== undefined) {
      emit(this.tracer, { component: "fifo", kind: "fifo.replace", name: this.name, items: list.length,
        resourceVersion, tombstones: 0 });
    }
  }

  resync(): void {
    this.append({ type: "SyncAll", object: undefined }, "");
  }

  bookmark(resourceVersion: string): void {
    this.append({ type: "Bookmark", object: { resourceVersion } }, "");
  }

  pop(process: (deltas: AtomicDelta[], isInInitialList: boolean) => void): AtomicDelta[] | undefined {
    if (this.head === this.entries.length) {
      if (this.closed) throw new FIFOClosedError();
      return undefined;
    }
    const isInInitialList = !this.hasSynced();
    const index = this.head;
    const entry = this.entries[index] as AtomicDelta;
    const key = this.entryKeys[index] as string;
    this.entries[index] = POPPED;
    this.head++;
    this.afterDequeue();
    const deltas = [entry];
    if (this.tracer !== undefined) {
      emit(this.tracer, { component: "fifo", kind: "fifo.popped", name: this.name, key,
        deltas: [summarize(entry)], isInInitialList, queueLength: this.length() });
    }
    try {
      if (this.primesKeyMemo && key !== "") rememberMetaNamespaceKey(entry.object, key);
      process(deltas, isInInitialList);
    } finally {
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

  /** The key of each queued entry in order ("" for batch entries). */
  listKeys(): string[] {
    return this.entryKeys.slice(this.head);
  }

  /** The object of each queued entry in order (a batch entry's payload for batch entries). */
  list(): unknown[] {
    const out: unknown[] = [];
    for (let i = this.head; i < this.entries.length; i++) out.push((this.entries[i] as AtomicDelta).object);
    return out;
  }

  /** Every queued per-object entry of the key, oldest first, or undefined. */
  getByKey(key: string): AtomicDelta[] | undefined {
    let out: AtomicDelta[] | undefined;
    for (let i = this.head; i < this.entries.length; i++) {
      if (this.entryKeys[i] === key) (out ??= []).push(this.entries[i] as AtomicDelta);
    }
    return out;
  }

  /** The queued entries, oldest first (a copy). */
  entriesInOrder(): AtomicDelta[] {
    return this.entries.slice(this.head);
  }

  length(): number {
    return this.entries.length - this.head;
  }

  private objectKey(target: unknown, original: unknown): string {
    if (target instanceof DeletedFinalStateUnknown) return target.key;
    try {
      return this.keyFunc(target);
    } catch (error) {
      throw new KeyError(original, error);
    }
  }

  private appendObject(type: DeltaType, obj: unknown, key: string): void {
    const object = this.transformer !== undefined && !(obj instanceof DeletedFinalStateUnknown) ? this.transformer(obj) : obj;
    this.append({ type, object }, key);
  }

  private append(entry: AtomicDelta, key: string): void {
    this.entries.push(entry);
    this.entryKeys.push(key);
    if (this.tracer !== undefined) {
      const summary = summarize(entry);
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
