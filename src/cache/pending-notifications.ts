/**
 * PendingNotifications — a processorListener's unbounded notification buffer (client-go
 * processorListener.pendingNotifications, a `buffer.RingGrowing`; spec §7.5). Private to the listener.
 *
 * Contract:
 * - `push(code, key, newObj, oldObj)` appends one notification; `length` counts the buffered ones; they
 *   leave in the order they came.
 * - `shift()` takes the oldest one out into `code`, `key`, `newObj` and `oldObj` (valid until the next
 *   `shift`); false when empty. The buffer keeps no reference to a taken notification's objects.
 * - `clear()` drops every buffered notification.
 * - A notification's `code` is its type (`codeOf`, `typeOf`; `code & 3` is ADD, UPDATE or 2 for delete)
 *   plus a flag for an isInInitialList add (`isInitial`).
 * - Storage: flat, four slots per notification in one array reused once drained, compacted when the
 *   consumed prefix dominates (O(1) amortized per notification), so a long backlog holds no
 *   per-notification object.
 */
import type { NotificationType } from "../sim/trace.js";

/** Compact the storage once this many consumed slots lead it and they are at least half of it. */
const COMPACT_AT = 4096;
/** Slots per buffered notification: [code, key, newObj, oldObj]. */
const STRIDE = 4;
/** A drained buffer keeps its array up to this many slots. */
const KEEP_SLOTS = 4096 * STRIDE;
/** A code's type is `code & 3`: ADD, UPDATE or DELETE. */
export const ADD = 0;
export const UPDATE = 1;
const DELETE = 2;
const INITIAL = 4;
const TYPES: readonly NotificationType[] = ["add", "update", "delete"];

/** A notification's code: its type, plus INITIAL for an isInInitialList add. */
export function codeOf(type: NotificationType, isInInitialList: boolean): number {
  const code = type === "add" ? ADD : type === "update" ? UPDATE : DELETE;
  return isInInitialList ? code | INITIAL : code;
}

export function typeOf(code: number): NotificationType {
  return TYPES[code & 3]!;
}

export function isInitial(code: number): boolean {
  return (code & INITIAL) !== 0;
}

export class PendingNotifications {
  /** The notification last taken by `shift`. */
  code = 0;
  key = "";
  newObj: unknown = undefined;
  oldObj: unknown = undefined;
  /** Buffered notifications in slots [head, tail), STRIDE slots each; the array is reused when drained. */
  private slots: unknown[] = [];
  private head = 0;
  private tail = 0;

  get length(): number {
    return (this.tail - this.head) / STRIDE;
  }

  push(code: number, key: string, newObj: unknown, oldObj: unknown): void {
    const slots = this.slots;
    const t = this.tail;
    if (t === slots.length) {
      slots.push(code, key, newObj, oldObj);
    } else {
      slots[t] = code;
      slots[t + 1] = key;
      slots[t + 2] = newObj;
      slots[t + 3] = oldObj;
    }
    this.tail = t + STRIDE;
  }

  shift(): boolean {
    const slots = this.slots;
    const h = this.head;
    const tail = this.tail;
    if (h >= tail) return false;
    this.code = slots[h] as number;
    this.key = slots[h + 1] as string;
    this.newObj = slots[h + 2];
    this.oldObj = slots[h + 3];
    slots[h + 1] = undefined;
    slots[h + 2] = undefined;
    slots[h + 3] = undefined;
    const head = h + STRIDE;
    if (head === tail) {
      // drained: reuse the array (a long backlog's array is let go)
      this.head = this.tail = 0;
      if (slots.length > KEEP_SLOTS) this.slots = [];
    } else if (head >= COMPACT_AT && head * 2 >= tail) {
      slots.copyWithin(0, head, tail);
      slots.fill(undefined, tail - head, tail);
      this.head = 0;
      this.tail = tail - head;
    } else {
      this.head = head;
    }
    return true;
  }

  /** Forgets the taken notification's objects (so the listener holds no reference to them). */
  forget(): void {
    this.newObj = undefined;
    this.oldObj = undefined;
  }

  clear(): void {
    this.slots = [];
    this.head = this.tail = 0;
    this.forget();
  }
}
