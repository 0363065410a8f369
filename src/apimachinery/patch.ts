/**
 * Patch — the four PATCH content types of the real API server, applied to a plain object.
 *
 * Contract:
 * - `patchTypeOf(contentType)` maps a Content-Type (parameters ignored) to a PatchType, or undefined (the
 *   server answers 415).
 * - `applyPatch(type, original, body, kind)` decodes `body` (text) and returns the patched object;
 *   malformed bodies are a PatchError 400, patches that cannot apply a 422. `apply` (server-side apply,
 *   `application/apply-patch+yaml`) is "apply-lite": the manifest (YAML or JSON) is merged into the
 *   object with strategic-merge semantics; field ownership is not tracked, so fields a manager stops
 *   sending are kept and conflicts are never reported.
 * - Nothing is mutated; `original` may be a frozen stored object.
 */
import { parse as parseYaml } from "yaml";
import { applyJsonPatch, decodeJsonPatch } from "./json-patch.js";
import { applyMergePatch } from "./merge-patch.js";
import { applyStrategicMergePatch } from "./strategic-merge-patch.js";
import { PatchError, cloneJson, isObject, type Json, type JsonObject } from "./json.js";

export type PatchType = "json" | "merge" | "strategic" | "apply";

export const PATCH_CONTENT_TYPES: Readonly<Record<PatchType, string>> = Object.freeze({
  json: "application/json-patch+json",
  merge: "application/merge-patch+json",
  strategic: "application/strategic-merge-patch+json",
  apply: "application/apply-patch+yaml",
});

export function patchTypeOf(contentType: string | undefined): PatchType | undefined {
  const base = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  for (const [type, ct] of Object.entries(PATCH_CONTENT_TYPES)) if (ct === base) return type as PatchType;
  return undefined;
}

/** Decodes a patch body: JSON, or YAML for an apply patch. */
export function decodePatchBody(type: PatchType, body: string): Json {
  try {
    if (type === "apply") return parseYaml(body, { maxAliasCount: 100 }) as Json;
    return JSON.parse(body) as Json;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new PatchError(400, type === "apply" ? `error decoding YAML: ${why}` : `error decoding patch: ${why}`);
  }
}

export function applyPatch(type: PatchType, original: JsonObject, body: string, kind: string): JsonObject {
  const patch = decodePatchBody(type, body);
  let out: Json;
  switch (type) {
    case "json": out = applyJsonPatch(cloneJson(original), decodeJsonPatch(patch)); break;
    case "merge":
      if (!isObject(patch)) throw new PatchError(400, "json: cannot unmarshal into Go value of type map[string]interface {}");
      out = applyMergePatch(original, patch);
      break;
    case "strategic":
    case "apply":
      if (!isObject(patch)) throw new PatchError(400, "json: cannot unmarshal into Go value of type map[string]interface {}");
      out = applyStrategicMergePatch(original, patch, kind);
      break;
  }
  if (!isObject(out)) throw new PatchError(422, "the patched object is not a JSON object");
  return out;
}
