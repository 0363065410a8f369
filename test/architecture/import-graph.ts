/**
 * The project's import graph, read from the source with TypeScript's own pre-processor (every static
 * import and export-from, type-only ones included, and every dynamic import() of a string literal).
 *
 * Contract:
 * - `sourceFiles(dirs)` lists the .ts/.tsx/.mts files under the given top-level folders (repository
 *   relative, "/"-separated), skipping node_modules, generated and build folders.
 * - `importsOf(file)` gives each import's specifier and, for a relative one, the repository file it
 *   resolves to (".js" → ".ts", "/index"), or undefined when it resolves to no source file (an asset).
 * - `cycles(graph)` gives every strongly connected component with more than one file, or a file that
 *   imports itself (Tarjan), each sorted.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, posix, relative, resolve } from "node:path";
import ts from "typescript";

export const ROOT = resolve(__dirname, "../..");
const SKIP = new Set(["node_modules", ".generated", "dist", ".build", ".cluster", "test-results"]);

export function sourceFiles(dirs: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (abs: string): void => {
    for (const name of readdirSync(abs)) {
      if (SKIP.has(name)) continue;
      const p = join(abs, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|tsx|mts)$/.test(name) && !name.endsWith(".d.ts")) out.push(relative(ROOT, p).split("\\").join("/"));
    }
  };
  for (const d of dirs) if (existsSync(join(ROOT, d))) walk(join(ROOT, d));
  return out.sort();
}

export interface Import { specifier: string; target: string | undefined }

function resolveRelative(from: string, specifier: string): string | undefined {
  const base = posix.normalize(posix.join(posix.dirname(from), specifier.replace(/\?.*$/, "")));
  const candidates = [
    base, base.replace(/\.js$/, ".ts"), base.replace(/\.mjs$/, ".mts"), `${base}.ts`, `${base}/index.ts`,
  ];
  for (const c of candidates) {
    const abs = join(ROOT, c);
    if (existsSync(abs) && statSync(abs).isFile()) return c;
  }
  return undefined;
}

export function importsOf(file: string): Import[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  const info = ts.preProcessFile(text, true, true);
  return info.importedFiles.map((f) => ({
    specifier: f.fileName,
    target: f.fileName.startsWith(".") ? resolveRelative(file, f.fileName) : undefined,
  }));
}

/** file → the source files it imports. */
export function graphOf(files: readonly string[]): Map<string, string[]> {
  const g = new Map<string, string[]>();
  for (const f of files) {
    const targets = importsOf(f).map((i) => i.target).filter((t): t is string => t !== undefined && /\.(ts|tsx|mts)$/.test(t));
    g.set(f, [...new Set(targets)]);
  }
  return g;
}

export function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  const connect = (v: string): void => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, idx.get(w)!));
      }
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) connect(v);
  return out;
}

/** The top folder of a path under src/ ("src/cache/x.ts" → "cache"); a top-level file is its own ("src/types.ts" → "types.ts"). */
export function srcFolder(file: string): string {
  const parts = file.split("/");
  return parts.length > 2 ? parts[1]! : parts[1]!;
}

export { dirname };
