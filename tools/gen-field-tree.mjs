// Generates server/http/field-tree.json — the field tree `fieldValidation=Strict` checks bodies against —
// from the `kubernetes-types` declarations (the Go API types as TypeScript), with the TypeScript
// compiler API. Node = 1 (a leaf: any value), "Name" (a shared definition), [node] (a list) or
// {field: node} ({"*": node} for a map with free keys).
// Run: node tools/gen-field-tree.mjs [--check]   (--check exits 1 when the committed file is stale).
import ts from "typescript";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const out = `${root}server/http/field-tree.json`;
const roots = {
  Pod: "core/v1", ConfigMap: "core/v1", Service: "core/v1", Node: "core/v1", Namespace: "core/v1",
  Binding: "core/v1", Deployment: "apps/v1", ReplicaSet: "apps/v1", Scale: "autoscaling/v1",
};
const files = [...new Set(Object.values(roots))].map((p) => `${root}node_modules/kubernetes-types/${p}.d.ts`);
const program = ts.createProgram(files, { strict: true, noEmit: true });
const checker = program.getTypeChecker();
const defs = {};

function nodeFor(type) {
  if (type.isUnion()) {
    const parts = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));
    if (parts.length !== 1) return 1;                          // IntOrString and friends: any scalar
    type = parts[0];
  }
  if (checker.isArrayType(type)) return [nodeFor(checker.getTypeArguments(type)[0])];
  if (!(type.flags & ts.TypeFlags.Object)) return 1;
  const index = checker.getIndexInfoOfType(type, ts.IndexKind.String);
  if (index) return { "*": nodeFor(index.type) };
  const symbol = type.getSymbol() ?? type.aliasSymbol;
  const props = checker.getPropertiesOfType(type);
  if (props.length === 0) return { "*": 1 };                  // an open object (e.g. RawExtension-like)
  const name = symbol ? `${symbol.getName()}` : undefined;
  if (name && name !== "__type") {
    const decl = symbol.declarations?.[0];
    const where = decl ? decl.getSourceFile().fileName.replace(/.*kubernetes-types\//, "").replace(/\.d\.ts$/, "") : "";
    const key = `${where}.${name}`;
    if (!(key in defs)) {
      defs[key] = null;                                        // placeholder against cycles
      defs[key] = fields(props, decl);
    }
    return key;
  }
  return fields(props);
}

function fields(props, decl) {
  const o = {};
  for (const p of props) {
    o[p.getName()] = nodeFor(checker.getTypeOfSymbolAtLocation(p, p.valueDeclaration ?? decl));
  }
  return o;
}

const tree = { roots: {}, defs };
for (const [kind, file] of Object.entries(roots)) {
  const sf = program.getSourceFile(`${root}node_modules/kubernetes-types/${file}.d.ts`);
  const sym = checker.getSymbolAtLocation(sf).exports.get(kind);
  tree.roots[kind] = nodeFor(checker.getDeclaredTypeOfSymbol(sym));
}
const sorted = JSON.stringify(tree, (k, v) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));
const text = `${sorted}\n`;
if (process.argv.includes("--check")) {
  const old = readFileSync(out, "utf8");
  if (old !== text) { console.error("server/http/field-tree.json is stale: run node tools/gen-field-tree.mjs"); process.exit(1); }
  console.log("field tree up to date");
} else {
  writeFileSync(out, text);
  console.log(`wrote ${out} (${text.length} bytes, ${Object.keys(defs).length} definitions)`);
}
