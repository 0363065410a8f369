/**
 * Strict field validation (`fieldValidation=Strict`): the unknown fields of a body, named as the real
 * server names them in `strict decoding error: unknown field "spec.foo"` (list elements as
 * `spec.containers[0].foo`). The field tree is generated from `kubernetes-types` by
 * tools/gen-field-tree.mjs (checked fresh by a test).
 */
import tree from "./field-tree.json" with { type: "json" };

type Node = 1 | string | Node[] | { [field: string]: Node };
const defs = tree.defs as unknown as Record<string, Node>;
const roots = tree.roots as unknown as Record<string, Node>;

function resolve(n: Node): Node {
  return typeof n === "string" ? defs[n] ?? 1 : n;
}

function walk(node: Node, value: unknown, path: string, out: string[], prune = false): void {
  const n = resolve(node);
  if (n === 1 || value === null || typeof value !== "object") return;
  if (Array.isArray(n)) {
    if (Array.isArray(value)) value.forEach((v, i) => walk(n[0]!, v, `${path}[${i}]`, out, prune));
    return;
  }
  if (Array.isArray(value) || typeof n === "string") return;
  const free = n["*"];
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const sub = free !== undefined ? free : n[k];
    const p = path === "" ? k : `${path}.${k}`;
    if (sub === undefined) {
      out.push(p);
      if (prune) delete (value as Record<string, unknown>)[k];
      continue;
    }
    walk(sub, v, p, out, prune);
  }
}

/**
 * Removes the unknown fields of `body` in place (the real decoder drops them unless Strict) and returns
 * their paths, for the `Warning` headers of fieldValidation=Warn (the default).
 */
export function pruneUnknownFields(kind: string, body: unknown): string[] {
  const root = roots[kind];
  if (root === undefined) return [];
  const out: string[] = [];
  walk(root, body, "", out, true);
  return out;
}

/** Unknown field paths of `body` for `kind` (empty when the kind is not in the tree). */
export function checkFields(kind: string, body: unknown): string[] {
  const root = roots[kind];
  if (root === undefined) return [];
  const out: string[] = [];
  walk(root, body, "", out);
  return out;
}
