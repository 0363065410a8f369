/**
 * How a FIFO keys what it is given (client-go tools/cache `DeltaFIFO.KeyOf`, `RealFIFO.keyOf`): one
 * place for both queues.
 *
 * Contract:
 * - `queueKey(keyFunc, target, original)`: a DeletedFinalStateUnknown is filed under its stored key;
 *   anything else under `keyFunc(target)`; a key function that throws becomes a KeyError about
 *   `original` (what the caller was given, e.g. the Deltas list the target came from).
 * - `newestOfList(list)`: a Deltas list given where an object is expected stands for its newest
 *   element; an empty list throws KeyError "0 length Deltas object; can't get key".
 * - `inOrderKeyOf(keyFunc, obj, atomic)` (RealFIFO.keyOf): a list stands for its newest element; a
 *   Delta for its object; with atomicEvents any `{type, object}` does, and an atomic entry
 *   (ReplacedAll, SyncAll, Bookmark) has the key "".
 */
import { DeletedFinalStateUnknown } from "./deleted-final-state-unknown.js";
import { isDelta } from "./in-order-entries.js";
import { KeyError } from "./keys.js";
import type { KeyFunc } from "./types.js";

export function queueKey(keyFunc: KeyFunc, target: unknown, original: unknown): string {
  if (target instanceof DeletedFinalStateUnknown) return target.key;
  try {
    return keyFunc(target);
  } catch (error) {
    throw new KeyError(original, error);
  }
}

export function newestOfList(list: readonly unknown[]): unknown {
  if (list.length === 0) throw new KeyError(list, new Error("0 length Deltas object; can't get key"));
  return list[list.length - 1];
}

export function inOrderKeyOf(keyFunc: KeyFunc, obj: unknown, atomic: boolean): string {
  let target = Array.isArray(obj) ? newestOfList(obj) : obj;
  if (atomic) {
    if (typeof target === "object" && target !== null && "type" in target && "object" in target) {
      const type = (target as { type: unknown }).type;
      if (type === "ReplacedAll" || type === "SyncAll" || type === "Bookmark") return "";
      target = (target as { object: unknown }).object;
    }
  } else if (isDelta(target)) {
    target = target.object;
  }
  return queueKey(keyFunc, target, obj);
}
