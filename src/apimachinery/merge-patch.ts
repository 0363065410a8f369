/**
 * JSON Merge Patch (RFC 7396), as `application/merge-patch+json` — what `kubectl label`, `annotate` and
 * `scale` send.
 *
 * Contract:
 * - A patch that is not an object replaces the target whole.
 * - An object patch merges key by key: `null` deletes the key, an object merges recursively (into `{}`
 *   when the target's value is not an object), anything else (lists included) replaces.
 * - `createMergePatch(a, b)` gives the smallest patch p with applyMergePatch(a, p) == b (for object
 *   roots); lists that differ are sent whole.
 * Inputs are never mutated.
 */
import { hasOwn, isObject, jsonEqual, own, setOwn, type Json, type JsonObject } from "./json.js";

export function applyMergePatch(target: Json | undefined, patch: Json): Json {
  if (!isObject(patch)) return patch;
  const out: JsonObject = {};
  if (isObject(target)) for (const key of Object.keys(target)) setOwn(out, key, target[key]!);
  for (const key of Object.keys(patch)) {
    const value = patch[key]!;
    if (value === null) delete out[key];
    else setOwn(out, key, applyMergePatch(own(out, key), value));
  }
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
