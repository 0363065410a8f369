/**
 * Resource event handler adapters (client-go tools/cache `ResourceEventHandlerFuncs`,
 * `ResourceEventHandlerDetailedFuncs`, spec §7.10).
 *
 * Contract:
 * - A handler object with an `onAdd`, `onUpdate` or `onDelete` method is a ResourceEventHandler (a
 *   missing method is a no-op); anything else is a ResourceEventHandlerFuncs whose `addFunc`,
 *   `updateFunc`, `deleteFunc` members are used (missing ones are no-ops).
 * - `addFunc` also receives `isInInitialList` (Go's plain Funcs adapter drops it; a TS function may
 *   ignore the second argument). Methods are called on the object the learner gave (`this` preserved).
 * - `toResourceEventHandler` never copies or wraps notifications: it only dispatches, and passes back what
 *   the handler returned (an async handler's Promise), so the listener can report a rejection.
 */
import type { ResourceEventHandler, ResourceEventHandlerFuncs } from "./types.js";

/** The handler union every informer accepts. */
export type AnyResourceEventHandler<T> = ResourceEventHandler<T> | ResourceEventHandlerFuncs<T>;

/** Dispatches to a ResourceEventHandlerFuncs object; missing functions are no-ops. */
export class ResourceEventHandlerFuncsAdapter<T> implements ResourceEventHandler<T> {
  constructor(readonly funcs: ResourceEventHandlerFuncs<T>) {}

  onAdd(obj: T, isInInitialList: boolean): void {
    if (this.funcs.addFunc !== undefined) return this.funcs.addFunc(obj, isInInitialList);
  }

  onUpdate(oldObj: T, newObj: T): void {
    if (this.funcs.updateFunc !== undefined) return this.funcs.updateFunc(oldObj, newObj);
  }

  onDelete(obj: unknown): void {
    if (this.funcs.deleteFunc !== undefined) return this.funcs.deleteFunc(obj);
  }
}

/** Dispatches to a ResourceEventHandler that lacks some of its methods. */
export class PartialResourceEventHandler<T> implements ResourceEventHandler<T> {
  constructor(readonly handler: Partial<ResourceEventHandler<T>>) {}

  onAdd(obj: T, isInInitialList: boolean): void {
    if (typeof this.handler.onAdd === "function") return this.handler.onAdd(obj, isInInitialList);
  }

  onUpdate(oldObj: T, newObj: T): void {
    if (typeof this.handler.onUpdate === "function") return this.handler.onUpdate(oldObj, newObj);
  }

  onDelete(obj: unknown): void {
    if (typeof this.handler.onDelete === "function") return this.handler.onDelete(obj);
  }
}

/** True when `h` has at least one of onAdd/onUpdate/onDelete as a method. */
export function isResourceEventHandler<T>(h: AnyResourceEventHandler<T>): h is ResourceEventHandler<T> {
  const o = h as Partial<ResourceEventHandler<T>>;
  return typeof o.onAdd === "function" || typeof o.onUpdate === "function" || typeof o.onDelete === "function";
}

/** Normalises either handler shape to a ResourceEventHandler. */
export function toResourceEventHandler<T>(h: AnyResourceEventHandler<T>): ResourceEventHandler<T> {
  if (typeof h !== "object" || h === null) {
    throw new TypeError("an event handler must be an object (ResourceEventHandler or ResourceEventHandlerFuncs)");
  }
  if (isResourceEventHandler(h)) {
    const o = h as Partial<ResourceEventHandler<T>>;
    if (typeof o.onAdd === "function" && typeof o.onUpdate === "function" && typeof o.onDelete === "function") {
      return h;
    }
    return new PartialResourceEventHandler(o);
  }
  return new ResourceEventHandlerFuncsAdapter(h);
}
