/**
 * handlerSources — which learner function a listener's notification runs, located in the learner's
 * source (issue 21 item 10: the editor highlights the line of the current step's handler call).
 *
 * Contract:
 * - `handlerSources(h, locator)` answers, for the notification types add / update / delete (in that
 *   order), where the learner function that the listener calls first for that type is defined:
 *   a ResourceEventHandlerFuncs' `addFunc` / `updateFunc` / `deleteFunc`; a handler object's `onAdd` /
 *   `onUpdate` / `onDelete` method; for a FilteringResourceEventHandler its filter (the predicate runs
 *   first for every notification; what it forwards to shows in the steps that follow). A type with no
 *   function, or one the locator cannot place, is undefined.
 * - It is called once, when the handler is registered (the learner's registering call is on the stack,
 *   which the locator may use to tell identical functions apart), never per notification.
 * - It never throws: a locator that throws places nothing.
 */
import type { SourceLocator, SourcePosition } from "../sim/trace.js";
import { FilteringResourceEventHandler } from "./filtering-resource-event-handler.js";
import { PartialResourceEventHandler, ResourceEventHandlerFuncsAdapter } from "./resource-event-handler.js";
import type { ResourceEventHandler } from "./types.js";

/** Positions for add, update, delete (NotificationType order). */
export type HandlerSources = readonly [SourcePosition | undefined, SourcePosition | undefined, SourcePosition | undefined];

/** The learner functions a handler runs first, per notification type (add, update, delete). */
function learnerFunctions(h: ResourceEventHandler): readonly [unknown, unknown, unknown] {
  if (h instanceof FilteringResourceEventHandler) return [h.filterFunc, h.filterFunc, h.filterFunc];
  if (h instanceof ResourceEventHandlerFuncsAdapter) return [h.funcs.addFunc, h.funcs.updateFunc, h.funcs.deleteFunc];
  const o: Partial<ResourceEventHandler> = h instanceof PartialResourceEventHandler ? h.handler : h;
  return [o.onAdd, o.onUpdate, o.onDelete];
}

export function handlerSources(h: ResourceEventHandler, locator: SourceLocator): HandlerSources | undefined {
  const place = (fn: unknown): SourcePosition | undefined => {
    if (typeof fn !== "function") return undefined;
    try {
      return locator.ofFunction(fn);
    } catch {
      return undefined;
    }
  };
  const [add, update, del] = learnerFunctions(h);
  const out: HandlerSources = [place(add), place(update), place(del)];
  return out.some((p) => p !== undefined) ? out : undefined;
}
