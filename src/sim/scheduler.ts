/**
 * Scheduler — the engine's only clock and only source of randomness.
 *
 * Contract (API.md "Time"):
 * - `now()` is virtual milliseconds since the scheduler was created; it never moves on its own.
 * - Tasks run in (due time, scheduling order): two tasks due at the same instant run in the order they
 *   were scheduled, whatever their delay was. A negative or NaN delay counts as 0.
 * - `advance(ms)` runs every task due at or before `now() + ms`, including tasks scheduled while running
 *   that fall inside the window, each with `now()` set to its due time; afterwards `now()` is old + ms.
 * - `flush()` is `advance(0)`; `step()` runs exactly the next task (now() moves to its due time).
 * - `random()` is a seeded PRNG (sfc32 seeded through splitmix32): same seed ⇒ same sequence.
 * Nothing here reads real time; a task that throws propagates to the caller of advance/step and the
 * scheduler stays consistent (the task is already removed).
 */

interface Task {
  due: number;
  seq: number;
  id: number;
  fn: () => void;
  cancelled: boolean;
}

export class Scheduler {
  private time = 0;
  private nextSeq = 0;
  private nextId = 1;
  /** Binary min-heap ordered by (due, seq), for tasks due later than when they were scheduled. */
  private readonly heap: Task[] = [];
  /**
   * Tasks scheduled with no delay, in scheduling order. Time never goes back, so this ring is sorted
   * by (due, seq) too; the next task is the smaller head of the ring and the heap. It spares the heap
   * the common case (a reply, a drain, a wake-up "as soon as possible").
   */
  private ring: Task[] = [];
  private ringHead = 0;
  /** Heap task ids → task (cleared tasks are removed here and skipped lazily in the heap). */
  private readonly delayed = new Map<number, Task>();
  /** Live (not run, not cleared) tasks in the ring. */
  private ringLive = 0;
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(options?: { seed?: number }) {
    let s = (options?.seed ?? 1) >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.random();
  }

  now(): number {
    return this.time;
  }

  /** Number of tasks waiting to run. */
  pending(): number {
    return this.delayed.size + this.ringLive;
  }

  /** Due time of the next task, or undefined when nothing is scheduled. */
  nextDue(): number | undefined {
    const top = this.peek();
    return top?.due;
  }

  setTimeout(fn: () => void, delayMs: number): number {
    const delay = Number.isFinite(delayMs) && delayMs > 0 ? delayMs : 0;
    const task: Task = { due: this.time + delay, seq: this.nextSeq++, id: this.nextId++, fn, cancelled: false };
    if (delay === 0) {
      this.ring.push(task);
      this.ringLive++;
    } else {
      this.delayed.set(task.id, task);
      this.push(task);
    }
    return task.id;
  }

  clearTimeout(id: number): void {
    const task = this.delayed.get(id);
    if (task !== undefined) {
      this.delayed.delete(id);
      task.cancelled = true;
      return;
    }
    // Ring tasks are in ascending id order: binary search the unrun part.
    const ring = this.ring;
    let lo = this.ringHead;
    let hi = ring.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const t = ring[mid]!;
      if (t.id === id) {
        if (!t.cancelled) {
          t.cancelled = true;
          this.ringLive--;
        }
        return;
      }
      if (t.id < id) lo = mid + 1;
      else hi = mid - 1;
    }
  }

  advance(ms: number): void {
    const target = this.time + (Number.isFinite(ms) && ms > 0 ? ms : 0);
    for (;;) {
      const top = this.peek();
      if (top === undefined || top.due > target) break;
      this.runTop();
    }
    this.time = target;
  }

  flush(): void {
    this.advance(0);
  }

  step(): boolean {
    if (this.peek() === undefined) return false;
    this.runTop();
    return true;
  }

  random(): number {
    // sfc32
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  private runTop(): void {
    const task = this.takeTop();
    if (task === undefined) return;
    if (task.due > this.time) this.time = task.due;
    task.fn();
  }

  /** Next live task (not removed), discarding cleared ones from both sources. */
  private peek(): Task | undefined {
    const heap = this.heap;
    while (heap.length > 0 && heap[0]!.cancelled) this.pop();
    const ring = this.ring;
    while (this.ringHead < ring.length && ring[this.ringHead]!.cancelled) this.ringHead++;
    const h = heap[0];
    const r = this.ringHead < ring.length ? ring[this.ringHead] : undefined;
    if (r === undefined) {
      this.compactRing();
      return h;
    }
    return h !== undefined && before(h, r) ? h : r;
  }

  /** Removes and returns the next live task. */
  private takeTop(): Task | undefined {
    const next = this.peek();
    if (next === undefined) return undefined;
    if (next === this.heap[0]) {
      this.delayed.delete(next.id);
      return this.pop();
    }
    this.ringHead++;
    this.ringLive--;
    if (this.ringHead >= 4096 && this.ringHead * 2 >= this.ring.length) this.compactRing();
    return next;
  }

  private compactRing(): void {
    if (this.ringHead === 0) return;
    this.ring = this.ring.slice(this.ringHead);
    this.ringHead = 0;
  }

  private push(task: Task): void {
    const heap = this.heap;
    let i = heap.length;
    heap.push(task);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (before(p, task)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = task;
  }

  private pop(): Task | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    let i = 0;
    const n = heap.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && before(heap[r]!, heap[l]!) ? r : l;
      const c = heap[child]!;
      if (before(last, c)) break;
      heap[i] = c;
      i = child;
    }
    heap[i] = last;
    return top;
  }
}

function before(x: Task, y: Task): boolean {
  return x.due < y.due || (x.due === y.due && x.seq < y.seq);
}
