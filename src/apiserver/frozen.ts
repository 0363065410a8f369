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
 * - Structural sharing: a sub-value that is already deep-frozen (frozen, and everything under it too —
 *   checked, never assumed, so a shallow `Object.freeze` by a client cannot smuggle a mutable child into
 *   the store) is reused as is: `{ ...pod, metadata: { ...pod.metadata, labels } }` copies only the new top
 *   level, metadata and labels, and shares `spec`/`status` with the stored version. (No marker is kept on
 *   our objects: a WeakSet costs the GC an ephemeron per object and a symbol property a shape change, both
 *   measured 1.5–2× slower per write than the check.)
 * - Copies follow JSON semantics: properties whose value is `undefined` are dropped.
 */

/** true when `value` is frozen and so is everything under it (primitives count as frozen). */
export function isDeepFrozen(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return true;
  if (!Object.isFrozen(value)) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!isDeepFrozen(value[i])) return false;
    return true;
  }
  const obj = value as Record<string, unknown>;
  for (const k in obj) if (!isDeepFrozen(obj[k])) return false;
  return true;
}

/** A deep-frozen copy of a JSON-shaped value, sharing sub-values that are already deep-frozen. */
export function freezeCopy<T>(value: T): T {
  if (typeof value !== "object" || value === null) return value;
  if (Object.isFrozen(value) && isDeepFrozen(value)) return value;
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
  return Object.freeze(out) as T;
}

/** Freezes a freshly built object whose children are all deep-frozen already. */
export function freezeShallow<T extends object>(value: T): T {
  return Object.freeze(value);
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
