/**
 * JSON Merge Patch (RFC 7396), as `application/merge-patch+json` — what `kubectl label`, `annotate` and
 * `scale` send.
 *
 * Contract:
 * - A patch that is not an object replaces the target whole (the server refuses one with a 400 first).
 * - An object patch merges key by key: `null` deletes the key, an object merges recursively, anything
 *   else (lists included) replaces. As in evanphx/json-patch (the library the kube-apiserver uses), a
 *   value that lands where there was nothing, null or a non-object is pruned of null-valued keys at
 *   every depth, inside lists too — RFC 7396 prunes only objects merged into nothing. Judged against
 *   the apiserver's library by test/oracle/patch.oracle.ts.
 * - `createMergePatch(a, b)` gives the smallest patch p with applyMergePatch(a, p) == b (for object
 *   roots); lists that differ are sent whole.
 * Inputs are never mutated.
 */
import { hasOwn, isObject, jsonEqual, own, setOwn, type Json, type JsonObject } from "./json.js";

export function applyMergePatch(target: Json | undefined, patch: Json): Json {
  if (!isObject(patch)) return patch;
  return mergeDocs(isObject(target) ? target : {}, patch);
}

/** evanphx/json-patch mergeDocs: null deletes; a value landing where nothing (or null) was is pruned of nulls. */
function mergeDocs(doc: JsonObject, patch: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const key of Object.keys(doc)) setOwn(out, key, doc[key]!);
  for (const key of Object.keys(patch)) {
    const value = patch[key]!;
    if (value === null) { delete out[key]; continue; }
    const cur = own(out, key);
    setOwn(out, key, cur === undefined || cur === null ? pruneNulls(value) : merge(cur, value));
  }
  return out;
}

function merge(cur: Json, patch: Json): Json {
  if (!isObject(cur)) return pruneNulls(patch);
  if (!isObject(patch)) return patch;
  return mergeDocs(cur, patch);
}

/** Removes null-valued keys from objects, at every depth (null list elements stay), as evanphx's pruneNulls. */
function pruneNulls(v: Json): Json {
  if (Array.isArray(v)) return v.map((x) => (x === null ? null : pruneNulls(x)));
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const key of Object.keys(v)) if (v[key] !== null) setOwn(out, key, pruneNulls(v[key]!));
  return out;
}

export function createMergePatch(original: JsonObject, modified: JsonObject): JsonObject {
  const patch: JsonObject = {};
  for (const key of Object.keys(original)) if (!hasOwn(modified, key)) setOwn(patch, key, null);
  for (const key of Object.keys(modified)) {
    const a = own(original, key);
    const b = modified[key]!;
    if (a !== undefined && jsonEqual(a, b)) continue;
    if (isObject(a) && isObject(b)) {
      const sub = createMergePatch(a, b);
      if (Object.keys(sub).length > 0) setOwn(patch, key, sub);
    } else {
      setOwn(patch, key, b);
    }
  }
  return patch;
}
