/** src/apimachinery — wire vocabulary shared by the server and clients: JSON values and the patch types. */
export * from "./json.js";
export { applyMergePatch, createMergePatch } from "./merge-patch.js";
export { applyJsonPatch, decodeJsonPatch } from "./json-patch.js";
export type { JsonPatchOperation } from "./json-patch.js";
export { applyStrategicMergePatch, createTwoWayMergePatch } from "./strategic-merge-patch.js";
export { listMeta } from "./patch-meta.js";
export { applyPatch, decodePatchBody, patchTypeOf, PATCH_CONTENT_TYPES } from "./patch.js";
export type { PatchType } from "./patch.js";
