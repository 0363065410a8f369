/**
 * JSON values and the patch error — the vocabulary the patch files share.
 *
 * Contract:
 * - `Json` is any value JSON can carry; `JsonObject` a plain object. Patch functions never mutate their
 *   inputs: they return new values and share untouched sub-trees.
 * - `PatchError` carries the HTTP code the real API server answers with: 400 for a patch that cannot be
 *   decoded, 422 for one that decodes but cannot be applied (a failed JSON-patch `test`, a missing path).
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export class PatchError extends Error {
  constructor(readonly code: 400 | 415 | 422, message: string) {
    super(message);
    this.name = "PatchError";
  }
}

/** Own-property test: inherited names (`toString`, `constructor`) are never fields of a JSON object. */
export function hasOwn(o: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

/** The own value of `key`, or undefined (never an inherited one). */
export function own(o: JsonObject, key: string): Json | undefined {
  return hasOwn(o, key) ? o[key] : undefined;
}

/** Sets an own property, even one named `__proto__` (plain assignment would change the prototype). */
export function setOwn(o: JsonObject, key: string, value: Json): void {
  if (key === "__proto__") Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  else o[key] = value;
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A deep copy of a JSON value (drops `undefined` properties, as JSON would). */
export function cloneJson<T>(v: T): T {
  if (typeof v !== "object" || v === null) return v;
  if (Array.isArray(v)) return v.map((x) => cloneJson(x)) as T;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const x = (v as Record<string, unknown>)[k];
    if (x !== undefined) setOwn(out as JsonObject, k, cloneJson(x) as Json);
  }
  return out as T;
}

/** Structural equality of JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const y = b as unknown[];
    if (a.length !== y.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], y[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const kx = Object.keys(x).filter((k) => x[k] !== undefined);
  const ky = Object.keys(y).filter((k) => y[k] !== undefined);
  if (kx.length !== ky.length) return false;
  for (const k of kx) if (!hasOwn(y, k) || !jsonEqual(x[k], y[k])) return false;
  return true;
}
