/**
 * Strategic merge patch, "lite" — `application/strategic-merge-patch+json`, what `kubectl apply`
 * (client-side) sends. Behaviour read from k8s.io/apimachinery `pkg/util/strategicpatch` (patch.go);
 * merge keys from patch-meta.ts.
 *
 * Contract:
 * - Maps merge key by key; `null` deletes; `{"$patch": "replace"}` in a map replaces it with the rest of
 *   the patch map, `{"$patch": "delete"}` deletes it; `$retainKeys: [...]` clears the keys it omits.
 * - Lists with a merge key merge element by element (matched by the key; new ones appended); an
 *   element `{"$patch": "delete", key}` removes the match; an element `{"$patch": "replace"}` makes the
 *   patch's other elements the whole list. The result is ordered as upstream's normalizeElementOrder
 *   does: patch items in the patch's order (or `$setElementOrder/<list>`'s), server-only items in the
 *   server's, interleaved by their server positions — so without `$setElementOrder` new items come
 *   first. `$deleteFromPrimitiveList/<list>` removes values from a primitive set list (`finalizers`),
 *   whose patch values are otherwise added.
 * - Every other list is replaced whole.
 * - `createTwoWayMergePatch(a, b)` produces such a patch (kubectl's two-way diff); property-tested:
 *   applying it to `a` gives `b`.
 * - A list element without its merge key is a 422, as upstream ("does not contain declared merge key").
 * - Judged against k8s.io/apimachinery's strategicpatch by test/oracle/patch.oracle.ts. One deliberate
 *   difference: directives inside a value that lands where nothing was are removed here; upstream
 *   copies such a value raw and the apiserver's typed decoding then drops the unknown `$…` keys.
 * Inputs are never mutated; directives never reach the result.
 */
import { listMeta, retainKeys } from "./patch-meta.js";
import { PatchError, hasOwn, isObject, jsonEqual, own, setOwn, type Json, type JsonObject } from "./json.js";

const ORDER = "$setElementOrder/";
const DELETE_PRIMITIVE = "$deleteFromPrimitiveList/";

export function applyStrategicMergePatch(original: JsonObject, patch: JsonObject, kind: string): JsonObject {
  if (!isObject(patch)) throw new PatchError(400, "strategic merge patch: the patch is not a JSON object");
  return mergeMap(original, patch, kind, []) ?? {};
}

/** Merges `patch` into `original` (a map, or undefined); undefined result means "delete this map". */
function mergeMap(original: JsonObject | undefined, patch: JsonObject, kind: string, path: string[]): JsonObject | undefined {
  const directive = patch["$patch"];
  if (directive === "delete") return undefined;
  if (directive === "replace") return stripDirectives(patch, kind, path);
  const out: JsonObject = {};
  if (original !== undefined) for (const k of Object.keys(original)) setOwn(out, k, original[k]!);
  const orders: Array<[string, Json]> = [];
  for (const key of Object.keys(patch)) {
    const value = patch[key]!;
    if (key === "$patch" || key === "$retainKeys") continue;
    if (key.startsWith(ORDER)) { orders.push([key.slice(ORDER.length), value]); continue; }
    if (key.startsWith(DELETE_PRIMITIVE)) {
      const field = key.slice(DELETE_PRIMITIVE.length);
      const cur = own(out, field);
      if (Array.isArray(cur) && Array.isArray(value)) {
        const drop = value;
        const kept = cur.filter((x) => !drop.some((d) => jsonEqual(d, x)));
        out[field] = kept;
      }
      continue;
    }
    if (value === null) { delete out[key]; continue; }
    const sub = [...path, key];
    const cur = own(out, key);
    if (isObject(value)) {
      const merged = mergeMap(isObject(cur) ? cur : undefined, value, kind, sub);
      if (merged === undefined) delete out[key]; else setOwn(out, key, merged);
    } else if (Array.isArray(value)) {
      setOwn(out, key, mergeList(Array.isArray(cur) ? cur : [], value, kind, sub));
    } else {
      setOwn(out, key, value);
    }
  }
  for (const [field, order] of orders) {
    const cur = own(out, field);
    const before = original !== undefined ? own(original, field) : undefined;
    if (Array.isArray(cur) && Array.isArray(order)) {
      setOwn(out, field, normalizeOrder(cur, order, Array.isArray(before) ? before : [], listMeta(kind, [...path, field]).mergeKey));
    }
  }
  const retain = patch["$retainKeys"];
  if (Array.isArray(retain) && retainKeys(path)) {
    for (const k of Object.keys(out)) if (!retain.includes(k)) delete out[k];
  }
  return out;
}

function mergeList(original: Json[], patch: Json[], kind: string, path: string[]): Json[] {
  const meta = listMeta(kind, path);
  if (meta.primitiveMerge) {
    const merged: Json[] = [];
    for (const v of [...original, ...patch]) if (!merged.some((x) => jsonEqual(x, v))) merged.push(v);
    return normalizeOrder(merged, patch, original, undefined);
  }
  const key = meta.mergeKey;
  if (key === undefined) return patch.map((v) => isObject(v) ? stripDirectives(v, kind, path) : v);
  let server = [...original];
  const items: JsonObject[] = [];
  let replace = false;
  for (const element of patch) {
    if (!isObject(element)) throw new PatchError(422, `merging an object in json but data type is not map: ${JSON.stringify(element)}`);
    const directive = own(element, "$patch");
    if (directive === "replace") { replace = true; continue; }
    if (directive === "delete") {
      if (!hasOwn(element, key)) throw new PatchError(422, `map: ${JSON.stringify(element)} does not contain declared merge key: ${key}`);
      server = server.filter((x) => !(isObject(x) && jsonEqual(own(x, key), element[key])));
      continue;
    }
    if (directive !== undefined) throw new PatchError(400, `Unknown patch type: ${JSON.stringify(directive)} in map: ${JSON.stringify(element)}`);
    items.push(element);
  }
  if (replace) return items.map((e) => stripDirectives(e, kind, path));
  const merged = [...server];
  for (const element of items) {
    if (!hasOwn(element, key)) throw new PatchError(422, `map: ${JSON.stringify(element)} does not contain declared merge key: ${key}`);
    const at = merged.findIndex((x) => isObject(x) && jsonEqual(own(x, key), element[key]));
    if (at >= 0) {
      const m = mergeMap(merged[at] as JsonObject, element, kind, path);
      if (m === undefined) merged.splice(at, 1); else merged[at] = m;
    } else {
      merged.push(stripDirectives(element, kind, path));
    }
  }
  return normalizeOrder(merged, items, server, key);
}

/**
 * Upstream's normalizeElementOrder: the items named by `patchOrder` come in that order, the others
 * (server-only) in `serverOrder`'s; the two runs are then interleaved — a server-only item goes first
 * only when both it and the next patch item are in `serverOrder` and it comes earlier there.
 */
function normalizeOrder(merged: Json[], patchOrder: Json[], serverOrder: Json[], key: string | undefined): Json[] {
  const id = (x: Json): Json => (key !== undefined && isObject(x) ? own(x, key) ?? null : x);
  const indexIn = (list: Json[], x: Json): number => { const v = id(x); return list.findIndex((o) => jsonEqual(id(o), v)); };
  const patchItems = merged.filter((x) => indexIn(patchOrder, x) >= 0);
  const serverOnly = merged.filter((x) => indexIn(patchOrder, x) < 0);
  sortLikeGo(patchItems, patchOrder, indexIn);
  sortLikeGo(serverOnly, serverOrder, indexIn);
  const out: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length || j < patchItems.length) {
    if (i >= serverOnly.length) { out.push(patchItems[j++]!); continue; }
    if (j >= patchItems.length) { out.push(serverOnly[i++]!); continue; }
    const li = indexIn(serverOrder, serverOnly[i]!);
    const ri = indexIn(serverOrder, patchItems[j]!);
    if (li >= 0 && ri >= 0 && li < ri) out.push(serverOnly[i++]!); else out.push(patchItems[j++]!);
  }
  return out;
}

/**
 * normalizeSliceOrder's sort.SliceStable with its comparator (less when both are in `order` and earlier,
 * and also whenever one is not in `order`), as Go's insertion sort runs it on short lists.
 */
function sortLikeGo(list: Json[], order: Json[], indexIn: (l: Json[], x: Json) => number): void {
  const less = (a: Json, b: Json): boolean => {
    const ia = indexIn(order, a);
    const ib = indexIn(order, b);
    return ia >= 0 && ib >= 0 ? ia < ib : true;
  };
  for (let k = 1; k < list.length; k++) {
    for (let m = k; m > 0 && less(list[m]!, list[m - 1]!); m--) {
      const t = list[m]!; list[m] = list[m - 1]!; list[m - 1] = t;
    }
  }
}

/** A patch value that lands where nothing was: apply it to nothing (directives removed, nulls dropped). */
function stripDirectives(value: JsonObject, kind: string, path: string[]): JsonObject {
  const rest: JsonObject = {};
  for (const k of Object.keys(value)) if (k !== "$patch") setOwn(rest, k, value[k]!);
  return mergeMap(undefined, rest, kind, path) ?? {};
}

// ───────────────────────────── two-way patch ─────────────────────────────

export function createTwoWayMergePatch(original: JsonObject, modified: JsonObject, kind: string): JsonObject {
  return diffMaps(original, modified, kind, []);
}

function diffMaps(a: JsonObject, b: JsonObject, kind: string, path: string[]): JsonObject {
  const patch: JsonObject = {};
  for (const k of Object.keys(a)) if (!hasOwn(b, k)) setOwn(patch, k, null);
  for (const k of Object.keys(b)) {
    const x = own(a, k);
    const y = b[k]!;
    if (x !== undefined && jsonEqual(x, y)) continue;
    const sub = [...path, k];
    if (isObject(x) && isObject(y)) {
      const d = diffMaps(x, y, kind, sub);
      if (Object.keys(d).length > 0) setOwn(patch, k, d);
    } else if (Array.isArray(x) && Array.isArray(y)) {
      diffLists(patch, k, x, y, kind, sub);
    } else if (Array.isArray(y)) {
      diffLists(patch, k, [], y, kind, sub);
    } else if (isObject(y)) {
      setOwn(patch, k, y);         // a map where there was none: merged into nothing, so sent as it is
      if (x !== undefined && !isObject(x)) setOwn(patch, k, { $patch: "replace", ...y });
    } else {
      setOwn(patch, k, y);
    }
  }
  return patch;
}

function diffLists(patch: JsonObject, field: string, a: Json[], b: Json[], kind: string, path: string[]): void {
  const meta = listMeta(kind, path);
  if (b.length === 0 && a.length === 0) { patch[field] = []; return; }     // an empty list where there was none
  if (meta.primitiveMerge && !hasDuplicates(b) && !hasDuplicates(a) && b.every((v) => !isObject(v))) {
    const added = b.filter((v) => !a.some((x) => jsonEqual(x, v)));
    const removed = a.filter((v) => !b.some((x) => jsonEqual(x, v)));
    if (added.length > 0) patch[field] = added;
    if (removed.length > 0) patch[`${DELETE_PRIMITIVE}${field}`] = removed;
    patch[`${ORDER}${field}`] = b;
    return;
  }
  const key = meta.mergeKey;
  const keyed = (l: Json[]): boolean => l.every((e) => isObject(e) && e[key!] !== undefined && e[key!] !== null)
    && !hasDuplicates(l.map((e) => (e as JsonObject)[key!]!));
  if (key === undefined) { patch[field] = b; return; }
  if (!keyed(a) || !keyed(b)) { patch[field] = [{ $patch: "replace" }, ...b]; return; }
  const items: Json[] = [];
  for (const y of b as JsonObject[]) {
    const x = (a as JsonObject[]).find((e) => jsonEqual(e[key], y[key]));
    if (x === undefined) { items.push(y); continue; }
    const d = diffMaps(x, y, kind, path);
    if (Object.keys(d).length > 0) items.push({ ...d, [key]: y[key]! });
  }
  for (const x of a as JsonObject[]) {
    if (!(b as JsonObject[]).some((e) => jsonEqual(e[key], x[key]))) items.push({ $patch: "delete", [key]: x[key]! });
  }
  if (items.length > 0) patch[field] = items;
  patch[`${ORDER}${field}`] = (b as JsonObject[]).map((e) => ({ [key]: e[key]! }));
}

function hasDuplicates(l: Json[]): boolean {
  for (let i = 0; i < l.length; i++) for (let j = i + 1; j < l.length; j++) if (jsonEqual(l[i], l[j])) return true;
  return false;
}
