/**
 * LIST semantics (apiserver's `storage/etcd3/store.go` GetList and the cacher's list path), spec
 * apiserver.md §3 L1–L6.
 *
 * Contract:
 * - Option rules first, with the real messages: sendInitialEvents is forbidden for list (422);
 *   resourceVersionMatch needs a resourceVersion, no continue, and not Exact with "0" (422); a malformed
 *   selector or a field outside the resource's whitelist is 400; a continue token with an RV is 400.
 * - resourceVersion "" (or NotOlderThan): the current state. "0": the current state, `limit` ignored (the
 *   watch cache does). N > current: 504 too large. Exact N (or N with limit > 0): the MVCC snapshot at N,
 *   410 if N was compacted away.
 * - Items come in etcd key order ("namespace/name"); `limit` cuts the page and the continue token
 *   carries the snapshot revision and the next key, so later pages read the same snapshot (410 with a
 *   fresh token once that snapshot is compacted). A cut page without label or field selector also says
 *   how many objects are left (`remainingItemCount`, storage/etcd3 store.go GetList: only then is the
 *   count of the rest of the key range exact).
 * - The list, its metadata and its items array are frozen; the items are the stored (frozen) objects.
 */
import type { KubeList, ListOptions } from "../apimachinery/meta.js";
import { newApiError } from "../apimachinery/errors.js";
import { parseSelector } from "../labels/selector.js";
import { parseFieldSelector } from "../labels/field-selector.js";
import type { KubeObject } from "../types.js";
import { decodeContinue, encodeContinue } from "./continue-token.js";
import { freezeShallow } from "./frozen.js";
import { fieldGetter, type ResourceInfo } from "./resources.js";
import type { ResourceStore, Storage } from "./resource-store.js";
import { badRequest, invalidOptions, tooLarge } from "./status.js";

/** The objects a request selects (namespace, label and field selectors); undefined when it selects all. */
export type Predicate = ((obj: KubeObject) => boolean) | undefined;

export function predicate(info: ResourceInfo, namespace: string | undefined, labelSelector: string | undefined,
                          fieldSelector: string | undefined): Predicate {
  const ns = info.namespaced && namespace ? namespace : undefined;
  const labels = parseSelector(labelSelector);
  const fields = parseFieldSelector(fieldSelector);
  const getters = fields.requirements.map((r) => {
    const g = fieldGetter(info, r.field);
    if (g === undefined) throw badRequest(`field label not supported: ${r.field}`);
    return { r, g };
  });
  if (ns === undefined && labels.empty() && getters.length === 0) return undefined;
  const labelsEmpty = labels.empty();
  return (obj) => {
    if (ns !== undefined && obj.metadata.namespace !== ns) return false;
    if (!labelsEmpty && !labels.matches(obj.metadata.labels)) return false;
    for (const { r, g } of getters) {
      const v = g(obj);
      if (r.operator === "=" ? v !== r.value : v === r.value) return false;
    }
    return true;
  };
}

/**
 * The key range to scan: keys of `store` (live ones, or all with history for a snapshot) in etcd order,
 * from index `from`, while they start with `prefix` (the namespace; "" for all).
 */
export function keyRange(store: ResourceStore, namespace: string | undefined, start: string | undefined,
                         live: boolean): { keys: string[]; from: number; prefix: string } {
  const keys = store.sortedKeys(!live);
  const prefix = store.info.namespaced && namespace ? `${namespace}/` : "";
  let first = prefix;
  if (start !== undefined && start > first) first = start;
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid]! < first) lo = mid + 1;
    else hi = mid;
  }
  return { keys, from: lo, prefix };
}

const CONTINUE_EXPIRED = "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.";

export function list<T extends KubeObject>(storage: Storage, resource: string, options: ListOptions): KubeList<T> {
  const store = storage.store(resource);
  const info = store.info;
  const rvOpt = options.resourceVersion ?? "";
  const match = options.resourceVersionMatch;
  let limit = options.limit !== undefined && options.limit > 0 ? Math.floor(options.limit) : 0;
  if ((options as { sendInitialEvents?: unknown }).sendInitialEvents !== undefined) {
    throw invalidOptions("sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list");
  }
  if (match !== undefined) {
    if (match !== "Exact" && match !== "NotOlderThan") throw invalidOptions(`resourceVersionMatch: Unsupported value: "${String(match)}"`);
    if (rvOpt === "") throw invalidOptions("resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided");
    if (options.continue) throw invalidOptions("resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden when continue is provided");
    if (match === "Exact" && rvOpt === "0") throw invalidOptions("resourceVersionMatch: Forbidden: resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\"");
  }
  const pred = predicate(info, options.namespace, options.labelSelector, options.fieldSelector);
  let snapshot = storage.rev;
  let start: string | undefined;
  if (options.continue) {
    if (rvOpt !== "" && rvOpt !== "0") throw badRequest("specifying resource version is not allowed when using continue");
    const token = decodeContinue(options.continue);
    if (token === undefined) throw badRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
    if (token.rv !== -1 && token.rv < storage.compactRev) {
      const err = newApiError(410, "Expired", CONTINUE_EXPIRED);
      err.status.metadata = { continue: encodeContinue({ rv: -1, start: token.start }) };
      throw err;
    }
    snapshot = token.rv === -1 ? storage.rev : token.rv;
    start = token.start;
  } else if (rvOpt === "0") {
    limit = 0;                                   // the watch cache ignores limit for RV "0"
  } else if (rvOpt !== "") {
    const n = storage.decodeRv(rvOpt);
    if (n > storage.rev) throw tooLarge(rvOpt, storage.current());
    const exact = match === "Exact" || (match === undefined && limit > 0);
    if (exact) {
      if (n < storage.compactRev) throw newApiError(410, "Expired", "The resourceVersion for the provided list is too old.");
      snapshot = n;
    }
  }
  const items: KubeObject[] = [];
  let next: string | undefined;
  let remaining = 0;
  const selects = (options.labelSelector ?? "") !== "" || (options.fieldSelector ?? "") !== "";
  const current = snapshot === storage.rev;
  const { keys, from, prefix } = keyRange(store, options.namespace, start, current);
  for (let i = from; i < keys.length; i++) {
    const key = keys[i]!;
    if (prefix !== "" && !key.startsWith(prefix)) break;
    const obj = current ? store.objects.get(key) : store.at(key, snapshot);
    if (obj === undefined || (pred !== undefined && !pred(obj))) continue;
    if (limit > 0 && items.length === limit) {
      if (next === undefined) next = key;
      if (selects) break;
      remaining++;
      continue;
    }
    items.push(obj);
  }
  const metadata: KubeList<T>["metadata"] = { resourceVersion: storage.codec.encode(snapshot) };
  if (next !== undefined) {
    metadata.continue = encodeContinue({ rv: snapshot, start: next });
    if (!selects) metadata.remainingItemCount = remaining;
  }
  return freezeShallow({
    apiVersion: info.apiVersion, kind: info.listKind, metadata: freezeShallow(metadata), items: freezeShallow(items as T[]),
  });
}
