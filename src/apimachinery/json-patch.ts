/**
 * JSON Patch (RFC 6902), as `application/json-patch+json`, with the error behaviour of the library the
 * real API server uses (evanphx/json-patch): a body that is not a list of operations is a 400; an
 * operation that cannot be applied (missing path, bad index, a failed `test`) is a 422.
 *
 * Contract:
 * - Operations add, remove, replace, move, copy and test, applied in order to a copy; on any error
 *   nothing is returned (the caller stores nothing).
 * - As evanphx/json-patch v4 (judged by test/oracle/patch.oracle.ts): `replace` of a missing key of an
 *   existing object sets it, and `copy`/`test` read a missing key as null; a missing parent is a 422.
 * - Paths are JSON Pointers (RFC 6901: `~1` is `/`, `~0` is `~`); `-` appends to a list (add only).
 */
import { PatchError, cloneJson, isObject, jsonEqual, setOwn, type Json, type JsonObject } from "./json.js";

export interface JsonPatchOperation {
  op: "add" | "remove" | "replace" | "move" | "copy" | "test";
  path: string;
  value?: Json;
  from?: string;
}

/** Checks the shape of a decoded body: 400 when it is not a list of well-formed operations. */
export function decodeJsonPatch(body: unknown): JsonPatchOperation[] {
  if (!Array.isArray(body)) throw new PatchError(400, "json: cannot unmarshal object into Go value of type jsonpatch.Patch");
  for (const op of body) {
    if (!isObject(op)) throw new PatchError(400, "json: cannot unmarshal into Go value of type jsonpatch.Operation");
    const kind = op["op"];
    if (typeof kind !== "string" || !["add", "remove", "replace", "move", "copy", "test"].includes(kind)) {
      throw new PatchError(400, `Unexpected kind: ${typeof kind === "string" ? kind : "unknown"}`);
    }
    if (typeof op["path"] !== "string") throw new PatchError(400, `operation missing path field`);
    if ((kind === "move" || kind === "copy") && typeof op["from"] !== "string") throw new PatchError(400, "operation missing from field");
    if ((kind === "add" || kind === "replace" || kind === "test") && !("value" in op)) {
      throw new PatchError(400, `operation, missing value field`);
    }
  }
  return body as unknown as JsonPatchOperation[];
}

function parsePointer(path: string): string[] {
  if (path === "") return [];
  if (!path.startsWith("/")) throw new PatchError(422, `replace operation does not apply: doc is missing path: "${path}": missing value`);
  return path.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

type Container = JsonObject | Json[];

/** The container holding the last segment of `parts`, which must exist. */
function parentOf(doc: Json, parts: string[], path: string, op: string): Container {
  let cur: Json = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const seg = parts[i]!;
    let next: Json | undefined;
    if (Array.isArray(cur)) next = /^(0|[1-9][0-9]*)$/.test(seg) ? cur[Number(seg)] : undefined;
    else if (isObject(cur)) next = Object.prototype.hasOwnProperty.call(cur, seg) ? cur[seg] : undefined;
    if (next === undefined || next === null || typeof next !== "object") {
      throw new PatchError(422, `${op} operation does not apply: doc is missing path: "${path}": missing value`);
    }
    cur = next;
  }
  if (typeof cur !== "object" || cur === null) throw new PatchError(422, `${op} operation does not apply: doc is missing path: "${path}": missing value`);
  return cur;
}

function index(arr: Json[], seg: string, allowEnd: boolean, path: string): number {
  if (allowEnd && seg === "-") return arr.length;
  if (!/^(0|[1-9][0-9]*)$/.test(seg)) throw new PatchError(422, `Unable to access invalid index: ${seg}: invalid index referenced: ${path}`);
  const i = Number(seg);
  if (i > arr.length || (!allowEnd && i >= arr.length)) throw new PatchError(422, `Unable to access invalid index: ${i}: invalid index referenced: ${path}`);
  return i;
}

/** The value at `path`; a missing key of an existing object reads as null (evanphx v4's partialDoc.get). */
function get(doc: Json, path: string, op: string): Json {
  const parts = parsePointer(path);
  if (parts.length === 0) return doc;
  const parent = parentOf(doc, parts, path, op);
  const last = parts[parts.length - 1]!;
  if (Array.isArray(parent)) return parent[index(parent, last, false, path)]!;
  return Object.prototype.hasOwnProperty.call(parent, last) ? parent[last]! : null;
}

function remove(doc: Json, path: string, op: string): Json {
  const parts = parsePointer(path);
  if (parts.length === 0) throw new PatchError(422, `Unable to remove nonexistent key: : missing value`);
  const parent = parentOf(doc, parts, path, op);
  const last = parts[parts.length - 1]!;
  if (Array.isArray(parent)) {
    const i = index(parent, last, false, path);
    return parent.splice(i, 1)[0]!;
  }
  if (!Object.prototype.hasOwnProperty.call(parent, last)) {
    throw new PatchError(422, `Unable to remove nonexistent key: ${last}: missing value`);
  }
  const v = parent[last]!;
  delete parent[last];
  return v;
}

function add(doc: Json, path: string, value: Json, op: string): Json {
  const parts = parsePointer(path);
  if (parts.length === 0) return value;
  const parent = parentOf(doc, parts, path, op);
  const last = parts[parts.length - 1]!;
  if (Array.isArray(parent)) parent.splice(index(parent, last, true, path), 0, value);
  else setOwn(parent, last, value);
  return doc;
}

export function applyJsonPatch(doc: Json, ops: JsonPatchOperation[]): Json {
  let cur = cloneJson(doc);
  for (const o of ops) {
    switch (o.op) {
      case "add": cur = add(cur, o.path, cloneJson(o.value ?? null), "add"); break;
      case "remove": remove(cur, o.path, "remove"); break;
      case "replace": {
        const parts = parsePointer(o.path);
        if (parts.length === 0) { cur = cloneJson(o.value ?? null); break; }
        const parent = parentOf(cur, parts, o.path, "replace");
        const last = parts[parts.length - 1]!;
        if (Array.isArray(parent)) parent[index(parent, last, false, o.path)] = cloneJson(o.value ?? null);
        else setOwn(parent, last, cloneJson(o.value ?? null));
        break;
      }
      case "move": {
        if (o.path.startsWith(`${o.from}/`)) throw new PatchError(422, `Unable to move ${o.from} into its own child ${o.path}`);
        const v = remove(cur, o.from!, "move");
        cur = add(cur, o.path, v, "move");
        break;
      }
      case "copy": cur = add(cur, o.path, cloneJson(get(cur, o.from!, "copy")), "copy"); break;
      case "test": {
        let actual: Json | undefined;
        try { actual = get(cur, o.path, "test"); } catch { actual = undefined; }
        if (actual === undefined || !jsonEqual(actual, o.value ?? null)) {
          throw new PatchError(422, `testing value ${o.path} failed: test failed`);
        }
        break;
      }
    }
  }
  return cur;
}
