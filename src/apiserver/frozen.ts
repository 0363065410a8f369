/**
 * Object isolation between the simulated server and its clients: deep freezing.
 *
 * Contract (spec §3.3 "Isolation"):
 * - The server never hands out an object a client could change under it. Everything it stores is a
 *   deep-frozen copy of what the client sent (`freezeCopy`), and everything it returns — the result of
 *   create/update/get, list items and the list itself, watch events and their objects, Status bodies of
 *   watch ERRORs — is one of those frozen values. No exceptions: a client never receives a mutable object
 *   from the server, so the rule is easy to state and to test.
 * - Why freeze rather than clone per delivery: it is cheap (one copy per write, shared by every list,
 *   get and watcher — fan-out to N watchers costs no copies), it is safe (a frozen object cannot be
 *   changed, so sharing it is sound), and it is a lesson: a learner's handler that mutates a cached
 *   object (`pod.metadata.labels.x = "y"`) throws a TypeError in strict-mode code (ES modules are strict),
 *   exactly where client-go says "you must DeepCopy before you modify an object from the cache".
 * - Structural sharing: a value already produced by `freezeCopy` (tracked in a WeakSet) is reused as is
 *   when it appears inside a new object, e.g. `{ ...pod, metadata: { ...pod.metadata, labels } }` copies
 *   only the new top level, metadata and labels, and shares `spec`/`status` with the stored version.
 * - Copies follow JSON semantics: properties whose value is `undefined` are dropped.
 */

const frozen = new WeakSet<object>();

/** true when `value` was produced by freezeCopy (so it and everything under it is frozen). */
export function isDeepFrozen(value: unknown): boolean {
  return typeof value === "object" && value !== null && frozen.has(value);
}

/** A deep-frozen copy of a JSON-shaped value, sharing sub-values that are already deep-frozen. */
export function freezeCopy<T>(value: T): T {
  if (typeof value !== "object" || value === null) return value;
  if (frozen.has(value)) return value;
  let out: object;
  if (Array.isArray(value)) {
    const arr: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) arr[i] = freezeCopy(value[i] as unknown);
    out = arr;
  } else {
    const obj: Record<string, unknown> = {};
    const src = value as Record<string, unknown>;
    for (const k of Object.keys(src)) {
      const v = src[k];
      if (v !== undefined) obj[k] = freezeCopy(v);
    }
    out = obj;
  }
  Object.freeze(out);
  frozen.add(out);
  return out as T;
}

/** Marks a freshly built object whose children are all deep-frozen as deep-frozen itself. */
export function freezeShallow<T extends object>(value: T): T {
  Object.freeze(value);
  frozen.add(value);
  return value;
}

/** Structural equality of JSON-shaped values (key order ignored, `undefined` properties ignored). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  const aArr = Array.isArray(a);
  if (aArr !== Array.isArray(b)) return false;
  if (aArr) {
    const x = a as unknown[];
    const y = b as unknown[];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!deepEqual(x[i], y[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let nx = 0;
  for (const k of Object.keys(x)) {
    if (x[k] === undefined) continue;
    nx++;
    if (!deepEqual(x[k], y[k])) return false;
  }
  let ny = 0;
  for (const k of Object.keys(y)) if (y[k] !== undefined) ny++;
  return nx === ny;
}
