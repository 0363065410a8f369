// gen-playground-dts — writes .generated/playground.d.ts: ONE declaration file for the `playground`
// module (src/playground.ts), for Monaco (`file:///node_modules/playground/index.d.ts`) and for tests.
//
// How (TypeScript 5.9.3's JS API, no bundler dependency):
// 1. Emit the declarations of src/playground.ts and every module they reach, in memory.
// 2. Every emitted module except playground.ts becomes a module-private `declare namespace __<path>`
//    (e.g. src/cache/store.ts → __cache_store) in the same file: its relative imports become import aliases
//    (`import X = __cache_types.X;`), its re-exports become `export import` aliases (star exports are
//    expanded from the target's declarations), `import("./x.js").T` types become `__x.T`, and `declare` modifiers go
//    (the namespace is already ambient).
// 3. playground.ts's own declarations stay at the top level, so the file's exports are exactly the
//    module's exports. Imports of other packages (kubernetes-types/…) are hoisted to the top as
//    `import * as __ext_N from "…"` — Monaco gets those packages' files too.
// 4. AbortSignal (Playground.stop, lib DOM) is declared in `declare global` so learner code type-checks
//    with lib ES2022 only; interfaces merge with DOM's if both are present.
// Usage: `node tools/gen-playground-dts.mjs [--force] [--program]` (predev/prebuild/pretest). Skips the work
// when the output's `inputs:` fingerprint (every src/**/*.ts and this script) matches. Fast path:
// ts.transpileDeclaration per file (no type checker); if a file is not isolatedDeclarations-clean, the
// full program's declaration emit is used instead (slower, same output shape). Import
// `generatePlaygroundDts()` to get the text without writing it.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** typescript, loaded only when something must be generated (importing it costs most of the time). */
let ts;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SRC = path.join(ROOT, "src");
const ENTRY = path.join(SRC, "playground.ts");
const OUT = path.join(ROOT, ".generated", "playground.d.ts");

const GLOBALS = `declare global {
  /** Aborted when the run ends (\`ctx.stop\`). */
  interface AbortSignal {
    readonly aborted: boolean;
    addEventListener(type: "abort", listener: () => void, options?: { once?: boolean }): void;
    removeEventListener(type: "abort", listener: () => void): void;
  }
  interface AbortController {
    readonly signal: AbortSignal;
    abort(reason?: unknown): void;
  }
}`;

/** "src/cache/store.ts" → "__cache_store". */
function namespaceName(sourcePath) {
  const rel = path.relative(SRC, sourcePath).replace(/\.(d\.)?ts$/, "");
  return "__" + rel.split(/[\\/]/).join("_").replace(/[^A-Za-z0-9_$]/g, "_");
}

function isRelative(spec) {
  return spec.startsWith("./") || spec.startsWith("../");
}

let COMPILER_OPTIONS;
function compilerOptions() {
  return COMPILER_OPTIONS ??= {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2022.d.ts"],
  types: [],
  strict: true,
  skipLibCheck: true,
  declaration: true,
  emitDeclarationOnly: true,
  noEmit: false,
  stripInternal: true,
  isolatedModules: true,
  verbatimModuleSyntax: true,
  outDir: path.join(ROOT, ".generated", "dts-tmp"),
  rootDir: SRC,
  };
}

function relativeSpecifiers(text) {
  const sf = ts.createSourceFile("x.d.ts", text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const specs = [];
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier !== undefined &&
        ts.isStringLiteral(node.moduleSpecifier)) specs.push(node.moduleSpecifier.text);
    if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      specs.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return specs.filter(isRelative);
}

function localPath(fromFile, spec) {
  const base = path.resolve(path.dirname(fromFile), spec);
  for (const candidate of [base.replace(/\.js$/, ".ts"), base + ".ts", path.join(base, "index.ts")]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`gen:dts: cannot resolve ${spec} from ${path.relative(ROOT, fromFile)}`);
}

/**
 * Fast path: per-file declaration emit without a type checker (ts.transpileDeclaration, TS ≥ 5.5), over
 * the modules reachable from playground.ts through their declarations. Returns undefined if some file
 * needs inference (not isolatedDeclarations-clean): then the caller uses the full program.
 */
function emitIsolated() {
  const emitted = new Map();
  const pending = [ENTRY];
  const unclean = [];
  while (pending.length > 0) {
    const file = pending.pop();
    if (emitted.has(file)) continue;
    const r = ts.transpileDeclaration(readFileSync(file, "utf8"), {
      fileName: file, reportDiagnostics: true, compilerOptions: { ...compilerOptions(), isolatedDeclarations: true },
    });
    if ((r.diagnostics ?? []).length > 0) unclean.push(path.relative(ROOT, file));
    emitted.set(file, r.outputText);
    for (const spec of relativeSpecifiers(r.outputText)) pending.push(localPath(file, spec));
  }
  return unclean.length === 0 ? { emitted, unclean } : { emitted: undefined, unclean };
}

/** Slow path: the whole program's declaration emit (type-checks everything reachable). */
function emitProgram() {
  const program = ts.createProgram([ENTRY, path.join(SRC, "sim", "abort-signal.d.ts")], compilerOptions());
  const emitted = new Map();
  const result = program.emit(undefined, (fileName, text, _bom, _onError, sourceFiles) => {
    if (!fileName.endsWith(".d.ts") || sourceFiles === undefined || sourceFiles.length !== 1) return;
    emitted.set(path.resolve(sourceFiles[0].fileName), text);
  }, undefined, true);
  const problems = [...result.diagnostics, ...program.getSemanticDiagnostics()]
    .filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (problems.length > 0) {
    const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => ROOT, getNewLine: () => "\n" };
    throw new Error("gen:dts: declaration emit failed:\n" + ts.formatDiagnostics(problems, host));
  }
  return emitted;
}

/** Fingerprint of everything the output depends on: every file under src/ and this script. */
function inputsHash() {
  const h = createHash("sha256");
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".ts")) h.update(path.relative(ROOT, full)).update("\0").update(readFileSync(full)).update("\0");
    }
  };
  walk(SRC);
  h.update(readFileSync(fileURLToPath(import.meta.url)));
  return h.digest("hex").slice(0, 16);
}

/** Generates the declaration bundle's text. `mode: "program"` forces the full type-checked emit. */
export async function generatePlaygroundDts(options = {}) {
  const started = performance.now();
  ts ??= (await import("typescript")).default;
  let mode = "isolated";
  let emitted;
  if (options.mode !== "program") {
    const fast = emitIsolated();
    emitted = fast.emitted;
    if (emitted === undefined) {
      console.warn(`gen:dts: not isolatedDeclarations-clean (${fast.unclean.join(", ")}); using the full program`);
    }
  }
  if (emitted === undefined) {
    mode = "program";
    emitted = emitProgram();
  }

  /** Resolves a relative specifier of `fromFile` to an emitted source file (absolute .ts path). */
  function resolveLocal(fromFile, spec) {
    const base = path.resolve(path.dirname(fromFile), spec);
    for (const candidate of [base.replace(/\.js$/, ".ts"), base + ".ts", path.join(base, "index.ts"), base.replace(/\.js$/, ".d.ts")]) {
      if (emitted.has(candidate)) return candidate;
    }
    throw new Error(`gen:dts: cannot resolve ${spec} from ${path.relative(ROOT, fromFile)}`);
  }

  /** Names a module exports, read from its declarations (star exports followed), without "default". */
  const exportNamesCache = new Map();
  function exportNames(sourcePath, seen = new Set()) {
    const cached = exportNamesCache.get(sourcePath);
    if (cached !== undefined) return cached;
    if (seen.has(sourcePath)) return [];
    seen.add(sourcePath);
    const sf = ts.createSourceFile("m.d.ts", emitted.get(sourcePath) ?? "", ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
    const names = new Set();
    for (const st of sf.statements) {
      if (ts.isExportDeclaration(st)) {
        if (st.exportClause === undefined && st.moduleSpecifier !== undefined && ts.isStringLiteral(st.moduleSpecifier)) {
          for (const n of exportNames(resolveLocal(sourcePath, st.moduleSpecifier.text), seen)) names.add(n);
        } else if (st.exportClause !== undefined && ts.isNamespaceExport(st.exportClause)) {
          names.add(st.exportClause.name.text);
        } else if (st.exportClause !== undefined) {
          for (const el of st.exportClause.elements) names.add(el.name.text);
        }
      } else if (hasExportModifier(st)) {
        if (ts.isVariableStatement(st)) {
          for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) names.add(d.name.text);
        } else if (st.name !== undefined && ts.isIdentifier(st.name)) {
          names.add(st.name.text);
        }
      }
    }
    names.delete("default");
    const list = [...names];
    exportNamesCache.set(sourcePath, list);
    return list;
  }

  // External imports hoisted to the top: specifier → alias.
  const externals = new Map();
  function externalAlias(spec) {
    let alias = externals.get(spec);
    if (alias === undefined) {
      alias = `__ext_${externals.size + 1}`;
      externals.set(spec, alias);
    }
    return alias;
  }

  const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed, removeComments: false });
  const f = ts.factory;

  /** Rewrites `import("./x.js").T` types to `__x.T`. */
  function importTypeTransformer(sourcePath) {
    return (context) => {
      const visit = (node) => {
        if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
          const spec = node.argument.literal.text;
          const nsName = isRelative(spec) ? namespaceName(resolveLocal(sourcePath, spec)) : externalAlias(spec);
          let entity = f.createIdentifier(nsName);
          if (node.qualifier !== undefined) {
            const parts = [];
            let q = node.qualifier;
            while (ts.isQualifiedName(q)) { parts.unshift(q.right.text); q = q.left; }
            parts.unshift(q.text);
            for (const p of parts) entity = f.createQualifiedName(entity, p);
          }
          const typeArgs = node.typeArguments?.map((t) => ts.visitNode(t, visit));
          return node.isTypeOf ? f.createTypeQueryNode(entity, typeArgs) : f.createTypeReferenceNode(entity, typeArgs);
        }
        return ts.visitEachChild(node, visit, context);
      };
      return (sf) => ts.visitNode(sf, visit);
    };
  }

  function stripDeclare(statement) {
    if (!ts.canHaveModifiers(statement)) return statement;
    const mods = ts.getModifiers(statement);
    if (mods === undefined || !mods.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)) return statement;
    const kept = mods.filter((m) => m.kind !== ts.SyntaxKind.DeclareKeyword);
    const anyMods = [...(ts.getDecorators?.(statement) ?? []), ...kept];
    if (ts.isClassDeclaration(statement)) {
      return f.updateClassDeclaration(statement, anyMods, statement.name, statement.typeParameters, statement.heritageClauses, statement.members);
    }
    if (ts.isFunctionDeclaration(statement)) {
      return f.updateFunctionDeclaration(statement, anyMods, statement.asteriskToken, statement.name, statement.typeParameters, statement.parameters, statement.type, statement.body);
    }
    if (ts.isVariableStatement(statement)) return f.updateVariableStatement(statement, anyMods, statement.declarationList);
    if (ts.isEnumDeclaration(statement)) return f.updateEnumDeclaration(statement, anyMods, statement.name, statement.members);
    if (ts.isModuleDeclaration(statement)) return f.updateModuleDeclaration(statement, anyMods, statement.name, statement.body);
    if (ts.isInterfaceDeclaration(statement)) {
      return f.updateInterfaceDeclaration(statement, anyMods, statement.name, statement.typeParameters, statement.heritageClauses, statement.members);
    }
    if (ts.isTypeAliasDeclaration(statement)) {
      return f.updateTypeAliasDeclaration(statement, anyMods, statement.name, statement.typeParameters, statement.type);
    }
    return statement;
  }

  /** Names of local declarations in a d.ts (statement-level). */
  function localDeclarations(sf) {
    const names = new Set();
    for (const st of sf.statements) {
      if ((ts.isClassDeclaration(st) || ts.isFunctionDeclaration(st) || ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st) ||
           ts.isEnumDeclaration(st) || ts.isModuleDeclaration(st)) && st.name !== undefined && ts.isIdentifier(st.name)) {
        names.add(st.name.text);
      } else if (ts.isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) names.add(d.name.text);
      }
    }
    return names;
  }

  function hasExportModifier(st) {
    return ts.canHaveModifiers(st) && (ts.getModifiers(st) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  }

  function addExport(st) {
    if (!ts.canHaveModifiers(st) || hasExportModifier(st)) return st;
    const mods = [f.createModifier(ts.SyntaxKind.ExportKeyword), ...(ts.getModifiers(st) ?? [])];
    if (ts.isClassDeclaration(st)) return f.updateClassDeclaration(st, mods, st.name, st.typeParameters, st.heritageClauses, st.members);
    if (ts.isFunctionDeclaration(st)) return f.updateFunctionDeclaration(st, mods, st.asteriskToken, st.name, st.typeParameters, st.parameters, st.type, st.body);
    if (ts.isVariableStatement(st)) return f.updateVariableStatement(st, mods, st.declarationList);
    if (ts.isInterfaceDeclaration(st)) return f.updateInterfaceDeclaration(st, mods, st.name, st.typeParameters, st.heritageClauses, st.members);
    if (ts.isTypeAliasDeclaration(st)) return f.updateTypeAliasDeclaration(st, mods, st.name, st.typeParameters, st.type);
    if (ts.isEnumDeclaration(st)) return f.updateEnumDeclaration(st, mods, st.name, st.members);
    return st;
  }

  /** Converts one module's declarations; `inNamespace` strips `declare`. Returns lines of text. */
  function convert(sourcePath, text, inNamespace) {
    const parsed = ts.createSourceFile(sourcePath.replace(/\.ts$/, ".d.ts"), text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    const transformed = ts.transform(parsed, [importTypeTransformer(sourcePath)]).transformed[0];
    const locals = localDeclarations(transformed);
    const out = [];
    const exportedLocally = new Set(); // local declarations to mark `export`
    const aliasLines = [];
    const importBindings = new Map(); // local name → alias target text
    const explicitExports = new Set();

    // Pass 1: imports and explicit export names.
    for (const st of transformed.statements) {
      if (ts.isImportDeclaration(st)) {
        const spec = st.moduleSpecifier.text;
        const target = isRelative(spec) ? namespaceName(resolveLocal(sourcePath, spec)) : externalAlias(spec);
        const clause = st.importClause;
        if (clause === undefined) continue;
        if (clause.name !== undefined) importBindings.set(clause.name.text, `${target}.default`);
        const nb = clause.namedBindings;
        if (nb !== undefined && ts.isNamespaceImport(nb)) importBindings.set(nb.name.text, target);
        if (nb !== undefined && ts.isNamedImports(nb)) {
          for (const el of nb.elements) importBindings.set(el.name.text, `${target}.${(el.propertyName ?? el.name).text}`);
        }
      } else if (ts.isExportDeclaration(st) && st.exportClause !== undefined && ts.isNamedExports(st.exportClause)) {
        for (const el of st.exportClause.elements) explicitExports.add(el.name.text);
      } else if (ts.isExportDeclaration(st) && st.exportClause !== undefined && ts.isNamespaceExport(st.exportClause)) {
        explicitExports.add(st.exportClause.name.text);
      }
    }
    const reexportedBindings = new Set();

    // Pass 2: exports.
    for (const st of transformed.statements) {
      if (!ts.isExportDeclaration(st)) continue;
      const spec = st.moduleSpecifier !== undefined && ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : undefined;
      if (spec !== undefined) {
        const local = isRelative(spec);
        const targetPath = local ? resolveLocal(sourcePath, spec) : undefined;
        const target = local ? namespaceName(targetPath) : externalAlias(spec);
        if (st.exportClause === undefined) {
          if (!local) throw new Error(`gen:dts: export * from external "${spec}" is not supported`);
          for (const name of exportNames(targetPath)) {
            if (locals.has(name) || explicitExports.has(name)) continue;
            explicitExports.add(name);
            aliasLines.push(`export import ${name} = ${target}.${name};`);
          }
        } else if (ts.isNamespaceExport(st.exportClause)) {
          aliasLines.push(`export import ${st.exportClause.name.text} = ${target};`);
        } else {
          for (const el of st.exportClause.elements) {
            aliasLines.push(`export import ${el.name.text} = ${target}.${(el.propertyName ?? el.name).text};`);
          }
        }
      } else if (st.exportClause !== undefined && ts.isNamedExports(st.exportClause)) {
        for (const el of st.exportClause.elements) {
          const from = (el.propertyName ?? el.name).text;
          const as = el.name.text;
          if (importBindings.has(from) && from === as) {
            reexportedBindings.add(from);
          } else if (locals.has(from) && from === as) {
            exportedLocally.add(from);
          } else {
            aliasLines.push(`export import ${as} = ${from};`);
          }
        }
      }
    }

    const aliasSet = new Set(aliasLines);
    for (const [name, target] of importBindings) {
      const line = `import ${name} = ${target};`;
      if (aliasSet.has(`export ${line}`)) continue; // also re-exported as is: the export alias is enough
      out.push(`${reexportedBindings.has(name) ? "export " : ""}${line}`);
    }
    for (let st of transformed.statements) {
      if (ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) continue;
      if (ts.isExportAssignment(st)) throw new Error(`gen:dts: export default/= in ${path.relative(ROOT, sourcePath)} is not supported`);
      const name = st.name !== undefined && ts.isIdentifier(st.name) ? st.name.text
        : ts.isVariableStatement(st) && st.declarationList.declarations.length === 1 && ts.isIdentifier(st.declarationList.declarations[0].name)
          ? st.declarationList.declarations[0].name.text : undefined;
      if (name !== undefined && exportedLocally.has(name)) st = addExport(st);
      if (inNamespace) st = stripDeclare(st);
      out.push(printer.printNode(ts.EmitHint.Unspecified, st, transformed));
    }
    out.push(...aliasLines);
    return out;
  }

  const entryText = emitted.get(ENTRY);
  if (entryText === undefined) throw new Error("gen:dts: no declarations emitted for src/playground.ts");
  const body = [];
  const top = convert(ENTRY, entryText, false);
  for (const [sourcePath, text] of [...emitted].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (sourcePath === ENTRY) continue;
    const lines = convert(sourcePath, text, true);
    body.push(`/** ${path.relative(ROOT, sourcePath).split(path.sep).join("/")} */`);
    body.push(`declare namespace ${namespaceName(sourcePath)} {`);
    for (const line of lines) body.push(line.split("\n").map((l) => (l === "" ? l : "  " + l)).join("\n"));
    body.push("}");
  }
  const header = [
    `// Generated by tools/gen-playground-dts.mjs from src/playground.ts — do not edit. inputs: ${inputsHash()}`,
    "// The `playground` module learner code imports. Internal modules are the module-private __* namespaces.",
    ...[...externals].map(([spec, alias]) => `import * as ${alias} from ${JSON.stringify(spec)};`),
    "",
  ];
  const text = [...header, ...top, "", ...body, "", GLOBALS, ""].join("\n");
  return { text, ms: performance.now() - started, modules: emitted.size, mode };
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const force = process.argv.includes("--force") || process.argv.includes("--program");
  const hash = inputsHash();
  if (!force && existsSync(OUT) && readFileSync(OUT, "utf8").slice(0, 200).includes(`inputs: ${hash}`)) {
    console.log(`gen:dts: ${path.relative(ROOT, OUT)} is up to date`);
    process.exit(0);
  }
  const { text, ms, modules, mode } = await generatePlaygroundDts({ mode: process.argv.includes("--program") ? "program" : "auto" });
  mkdirSync(path.dirname(OUT), { recursive: true });
  writeFileSync(OUT, text);
  console.log(`gen:dts: ${path.relative(ROOT, OUT)} (${modules} modules, ${Math.round(text.length / 1024)} KB, ${mode}) in ${Math.round(ms)} ms`);
}
