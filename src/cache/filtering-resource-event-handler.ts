/**
 * FilteringResourceEventHandler (client-go tools/cache, spec §7.10): forwards to an inner handler only
 * the notifications whose objects pass a filter.
 *
 * Contract:
 * - add: forwarded iff `filter(obj)`.
 * - update: n = filter(new), o = filter(old). Both ⇒ update(old, new); only n ⇒ add(new,
 *   isInInitialList = false); only o ⇒ delete(old) — the old object itself, not a tombstone; neither ⇒
 *   nothing.
 * - delete: forwarded iff `filter(obj)`; the filter sees what onDelete received, which may be a
 *   DeletedFinalStateUnknown tombstone.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- API.md: handler types default T to any, like Go's interface{} */
import { toResourceEventHandler, type AnyResourceEventHandler } from "./resource-event-handler.js";
import type { ResourceEventHandler } from "./types.js";

export class FilteringResourceEventHandler<T = any> implements ResourceEventHandler<T> {
  readonly filterFunc: (obj: unknown) => boolean;
  readonly handler: ResourceEventHandler<T>;

  constructor(filterFunc: (obj: unknown) => boolean, handler: AnyResourceEventHandler<T>) {
    this.filterFunc = filterFunc;
    this.handler = toResourceEventHandler(handler);
  }

  onAdd(obj: T, isInInitialList: boolean): void {
    if (!this.filterFunc(obj)) return;
    return this.handler.onAdd(obj, isInInitialList);
  }

  onUpdate(oldObj: T, newObj: T): void {
    const n = this.filterFunc(newObj);
    const o = this.filterFunc(oldObj);
    if (n && o) return this.handler.onUpdate(oldObj, newObj);
    if (n) return this.handler.onAdd(newObj, false);
    if (o) return this.handler.onDelete(oldObj);
  }

  onDelete(obj: unknown): void {
    if (!this.filterFunc(obj)) return;
    return this.handler.onDelete(obj);
  }
}
