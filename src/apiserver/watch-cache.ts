/**
 * The watch cache's event window (apiserver/pkg/storage/cacher watch_cache.go), one per resource.
 *
 * Contract:
 * - Holds the last `capacity` committed events of its resource, in revision order (a fixed window: the
 *   decided simplification of the real growing/shrinking one).
 * - `floor` is the oldest resourceVersion a watch may resume from: a watch from N is served iff
 *   N >= floor, and then the window holds every event of this resource with rev > N. Like the real
 *   GetIntervalLocked: before any eviction the floor is the revision the cache started at; once an event
 *   has been evicted it is (oldest buffered rev − 1).
 * - `reset(rev)` empties the window and sets the floor to rev (compaction, server restart).
 */
import type { KubeObject } from "../types.js";

/** One committed change of the store, as the watch machinery sees it. */
export interface StoreEvent {
  readonly rev: number;
  readonly type: "ADDED" | "MODIFIED" | "DELETED";
  readonly key: string;
  /** The new state; for DELETED the last state re-stamped with the deletion's RV (spec R3). */
  readonly object: KubeObject;
  /** The previous state (undefined for ADDED). */
  readonly prev: KubeObject | undefined;
  /** `prev` re-stamped with this event's RV, built once on first need (selector exits, spec W4). */
  prevAtRev?: KubeObject;
  /** The frozen `{type, object}` envelope shared by watchers that see the event unconverted. */
  envelope?: { readonly type: "ADDED" | "MODIFIED" | "DELETED"; readonly object: KubeObject };
}

export class WatchCache {
  private buf: Array<StoreEvent | undefined>;
  private start = 0;
  private size = 0;
  floor: number;

  constructor(readonly capacity: number, startRev: number) {
    this.buf = new Array<StoreEvent | undefined>(Math.max(0, capacity));
    this.floor = startRev;
  }

  get length(): number {
    return this.size;
  }

  push(e: StoreEvent): void {
    const cap = this.buf.length;
    if (cap === 0) { this.floor = e.rev; return; }
    if (this.size === cap) {
      this.buf[this.start] = e;
      this.start = (this.start + 1) % cap;
      this.floor = this.buf[this.start]!.rev - 1;
      return;
    }
    this.buf[(this.start + this.size) % cap] = e;
    this.size++;
  }

  /** Events with rev > n, oldest first. Callers check `n >= floor` first. */
  since(n: number): StoreEvent[] {
    const cap = this.buf.length;
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.buf[(this.start + mid) % cap]!.rev <= n) lo = mid + 1;
      else hi = mid;
    }
    const out: StoreEvent[] = [];
    for (let i = lo; i < this.size; i++) out.push(this.buf[(this.start + i) % cap]!);
    return out;
  }

  reset(rev: number): void {
    this.buf = new Array<StoreEvent | undefined>(this.buf.length);
    this.start = 0;
    this.size = 0;
    this.floor = rev;
  }
}
