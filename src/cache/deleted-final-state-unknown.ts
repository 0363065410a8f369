/**
 * DeletedFinalStateUnknown — the "tombstone" (client-go tools/cache, spec §1).
 *
 * Contract:
 * - Produced only by a relist (`Replace` of DeltaFIFO/RealFIFO) that finds an object has vanished
 *   without a delete event having been seen. It is queued as the object of a `Deleted` delta.
 * - `key` is the store key of the vanished object; `obj` is the last state the client knew of it
 *   (possibly stale, `null` when nothing was known).
 * - Handlers receive it in `onDelete` instead of a real object; key functions that handle deletion
 *   (`deletionHandlingMetaNamespaceKeyFunc`, `DeltaFIFO.keyOf`) key it by `key`.
 * - It is never passed to a transformer and is immutable.
 */
export class DeletedFinalStateUnknown {
  readonly key: string;
  readonly obj: unknown;

  constructor(key: string, obj: unknown) {
    this.key = key;
    this.obj = obj;
    Object.freeze(this);
  }
}
