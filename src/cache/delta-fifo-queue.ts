/**
 * DeltaFIFO's private storage (client-go keeps `items map[string]Deltas` and `queue []string`): each
 * queued key's Deltas, packed, and the FIFO order of the keys.
 *
 * Contract:
 * - A key's deltas are packed as [type0, object0, type1, object1, …], oldest first; `pack` and
 *   `unpack` convert to and from a `Delta[]` (unpack hands out fresh Delta objects every time), so a
 *   waiting key holds no Delta objects.
 * - `KeyQueue` holds the queued entries (key + packed deltas) in FIFO order: `push` at the tail,
 *   `take` from the head; a taken slot is cleared at once (the queue keeps no popped deltas alive) and
 *   the storage is reset when drained or compacted when the popped prefix dominates (O(1) amortized).
 * - Private to DeltaFIFO: nothing outside the FIFO sees the packed form.
 */
import type { Delta, DeltaType } from "./types.js";

export type PackedDeltas = unknown[];

/** A queued key and its packed deltas. */
export interface QueuedEntry {
  readonly key: string;
  readonly deltas: PackedDeltas;
}

/** Fills a popped queue slot. */
const DEQUEUED: QueuedEntry = Object.freeze({ key: "", deltas: [] });
/** Compact the key queue once this many popped slots lead it and they are at least half of it. */
const COMPACT_AT = 1024;

export function unpack(packed: PackedDeltas): Delta[] {
  const n = packed.length >> 1;
  const out = new Array<Delta>(n);
  for (let i = 0; i < n; i++) out[i] = { type: packed[2 * i] as DeltaType, object: packed[2 * i + 1] };
  return out;
}

export function pack(deltas: readonly Delta[]): PackedDeltas {
  const out: PackedDeltas = new Array<unknown>(deltas.length * 2);
  for (let i = 0; i < deltas.length; i++) {
    const d = deltas[i] as Delta;
    out[2 * i] = d.type;
    out[2 * i + 1] = d.object;
  }
  return out;
}

/** The queued entries in FIFO order, from `head` on; each key at most once (DeltaFIFO's invariant). */
export class KeyQueue {
  private entries: QueuedEntry[] = [];
  private head = 0;

  get length(): number {
    return this.entries.length - this.head;
  }

  push(entry: QueuedEntry): void {
    this.entries.push(entry);
  }

  /** Removes and returns the head entry; the queue must not be empty. */
  take(): QueuedEntry {
    const entry = this.entries[this.head] as QueuedEntry;
    this.entries[this.head] = DEQUEUED;
    this.head++;
    const entries = this.entries;
    if (this.head === entries.length) {
      entries.length = 0;
      this.head = 0;
    } else if (this.head >= COMPACT_AT && this.head * 2 >= entries.length) {
      this.entries = entries.slice(this.head);
      this.head = 0;
    }
    return entry;
  }

  /** Queued keys, in queue order. */
  keys(): string[] {
    const out = new Array<string>(this.entries.length - this.head);
    for (let i = this.head; i < this.entries.length; i++) out[i - this.head] = (this.entries[i] as QueuedEntry).key;
    return out;
  }

  /** The newest packed slot (object) of each queued key, in queue order. */
  newest(): unknown[] {
    const out: unknown[] = [];
    for (let i = this.head; i < this.entries.length; i++) {
      const deltas = (this.entries[i] as QueuedEntry).deltas;
      out.push(deltas[deltas.length - 1]);
    }
    return out;
  }
}
