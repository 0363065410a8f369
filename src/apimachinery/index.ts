/**
 * src/apimachinery — the wire vocabulary shared by the server and clients (meta types, Status errors,
 * JSON values and the four patch types), re-exported by src/index.ts.
 */
export * from "./meta.js";
export * from "./errors.js";
export { PatchError, cloneJson, isObject, jsonEqual } from "./json.js";
export type { Json, JsonObject } from "./json.js";
export { applyMergePatch, createMergePatch } from "./merge-patch.js";
export { applyJsonPatch, decodeJsonPatch } from "./json-patch.js";
export type { JsonPatchOperation } from "./json-patch.js";
export { applyStrategicMergePatch, createTwoWayMergePatch } from "./strategic-merge-patch.js";
export { listMeta } from "./patch-meta.js";
export { applyPatch, decodePatchBody, patchTypeOf, PATCH_CONTENT_TYPES } from "./patch.js";
export type { PatchType } from "./patch.js";
