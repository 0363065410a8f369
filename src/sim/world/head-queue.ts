/**
 * HeadQueue — the list behind a folded listener buffer and a folded FIFO: items arrive at the tail and
 * nearly always leave at the head (a handler call consumes the oldest notification, a pop takes the
 * oldest key), so draining a 10,000-item backlog must not move the rest of the list on every removal.
 *
 * Contract:
 * - Reads (`length`, `at`, `slice`, `map`, iteration, `toJSON`) see the live items, oldest first, exactly
 *   as a plain array would after the same pushes and removals.
 * - Removing at the head (`shift`, `dropOldest`, `removeFirst` matching the head) is O(1): a head index
 *   moves on; the backing array is compacted once the dead part outweighs the live part, so memory and
 *   total work stay linear in the items pushed.
 * - The backing array and the head are private (#fields): two queues with the same live items are equal
 *   to vitest's toEqual (compared by iteration) whatever their history.
 */
export class HeadQueue<T> implements Iterable<T> {
  #items: T[];
  #head = 0;

  constructor(items: Iterable<T> = []) {
    this.#items = [...items];
  }

  get length(): number {
    return this.#items.length - this.#head;
  }

  /** The item at position i (0 = oldest), or undefined outside 0 … length-1. */
  at(i: number): T | undefined {
    return i >= 0 && i < this.length ? this.#items[this.#head + i] : undefined;
  }

  /** Replaces the item at position i (0 ≤ i < length). */
  set(i: number, item: T): void {
    if (i < 0 || i >= this.length) throw new RangeError(`HeadQueue.set: ${i} is outside 0…${this.length - 1}`);
    this.#items[this.#head + i] = item;
  }

  push(item: T): void {
    this.#items.push(item);
  }

  /** Removes and returns the oldest item. */
  shift(): T | undefined {
    if (this.length === 0) return undefined;
    const item = this.#items[this.#head];
    this.#items[this.#head] = undefined as T;   // let it be collected before the next compaction
    this.#head++;
    this.compact();
    return item;
  }

  /** Removes the n oldest items (all of them if n ≥ length). */
  dropOldest(n: number): void {
    const k = Math.min(Math.max(0, Math.floor(n)), this.length);
    if (k === 0) return;
    this.#items.fill(undefined as T, this.#head, this.#head + k);
    this.#head += k;
    this.compact();
  }

  /** Removes the oldest item matching `pred`; O(1) when that is the head. Says whether one was removed. */
  removeFirst(pred: (item: T) => boolean): boolean {
    const items = this.#items;
    for (let i = this.#head; i < items.length; i++) {
      if (!pred(items[i]!)) continue;
      if (i === this.#head) this.shift();
      else if (i - this.#head < items.length - i) {
        // Nearer the head: move the items before it one place on (O(distance from the head)).
        items.copyWithin(this.#head + 1, this.#head, i);
        this.shift();
      } else items.splice(i, 1);
      return true;
    }
    return false;
  }

  /** Position (0 = oldest) of the newest item matching `pred`, or -1. */
  findLastIndex(pred: (item: T) => boolean): number {
    for (let i = this.#items.length - 1; i >= this.#head; i--) if (pred(this.#items[i]!)) return i - this.#head;
    return -1;
  }

  clear(): void {
    this.#items = [];
    this.#head = 0;
  }

  /** A plain array of the live items from `start` to `end` (as Array.prototype.slice, negatives included). */
  slice(start = 0, end = this.length): T[] {
    const n = this.length;
    const from = start < 0 ? Math.max(0, n + start) : Math.min(start, n);
    const to = end < 0 ? Math.max(0, n + end) : Math.min(end, n);
    return to <= from ? [] : this.#items.slice(this.#head + from, this.#head + to);
  }

  map<U>(fn: (item: T, index: number) => U): U[] {
    const out: U[] = new Array<U>(this.length);
    for (let i = 0; i < out.length; i++) out[i] = fn(this.#items[this.#head + i]!, i);
    return out;
  }

  /** An independent queue with the same live items. */
  copy(): HeadQueue<T> {
    return new HeadQueue(this.slice());
  }

  *[Symbol.iterator](): Iterator<T> {
    for (let i = this.#head; i < this.#items.length; i++) yield this.#items[i]!;
  }

  /** JSON sees a plain array. */
  toJSON(): T[] {
    return this.slice();
  }

  private compact(): void {
    if (this.#head === this.#items.length) {
      this.#items = [];
      this.#head = 0;
    } else if (this.#head >= 1024 && this.#head * 2 >= this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
  }
}
