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

function walk(node: Node, value: unknown, path: string, out: string[]): void {
  const n = resolve(node);
  if (n === 1 || value === null || typeof value !== "object") return;
  if (Array.isArray(n)) {
    if (Array.isArray(value)) value.forEach((v, i) => walk(n[0]!, v, `${path}[${i}]`, out));
    return;
  }
  if (Array.isArray(value) || typeof n === "string") return;
  const free = n["*"];
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const sub = free !== undefined ? free : n[k];
    const p = path === "" ? k : `${path}.${k}`;
    if (sub === undefined) { out.push(p); continue; }
    walk(sub, v, p, out);
  }
}

/** Unknown field paths of `body` for `kind` (empty when the kind is not in the tree). */
export function checkFields(kind: string, body: unknown): string[] {
  const root = roots[kind];
  if (root === undefined) return [];
  const out: string[] = [];
  walk(root, body, "", out);
  return out;
}
