/**
 * The walls of the house (ARCHITECTURE.md "Arrows"; house review §4 step 5), checked on the source
 * itself so they cannot quietly come down:
 * - src/ imports nothing from site/, server/, lessons/, test/ or tools/, and no package but
 *   kubernetes-types (types only) and yaml: no DOM library, Monaco, xstate or d3 (and src/tsconfig.json
 *   has no DOM lib);
 * - site/, lessons/ and server/ reach src/ only through its public entry points (ENTRIES);
 * - no import cycle between files anywhere (src, site, lessons, server, tools), and none between the
 *   areas of src/ (each folder, each top-level file).
 * The checks are also run on small made-up graphs, so a check that can no longer fail is caught too.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cycles, graphOf, importsOf, ROOT, sourceFiles, srcFolder } from "./import-graph.js";

/** The public entry points of src/ (README "Layout"): everything else in src/ is internal. */
export const ENTRIES: readonly string[] = [
  "src/index.ts",          // the engine's public surface (API.md)
  "src/playground.ts",     // the module learner code imports as "playground"
  "src/sim/index.ts",      // the trace, the world fold, narration: what the page's stage runs
  "src/scenario/index.ts", // scenarios, runScenario, goals: what the runner and lessons run
];
/** Assets read as text at build time (not modules). */
const RAW_ASSETS: readonly string[] = ["src/sim/abort-signal.d.ts?raw"];
/** Packages src/ may name: object types (erased) and a pure YAML parser (apply patches); no UI, no DOM. */
const SRC_PACKAGES = /^(kubernetes-types\/|yaml$)/;

const ALL = sourceFiles(["src", "site", "lessons", "server", "tools"]);
const SRC = ALL.filter((f) => f.startsWith("src/"));

/** src/ files importing outside src/ (by path) or a package outside SRC_PACKAGES. */
function srcEscapes(files: readonly string[]): string[] {
  const out: string[] = [];
  for (const f of files) {
    for (const i of importsOf(f)) {
      if (i.specifier.startsWith(".")) {
        if (i.target === undefined || !i.target.startsWith("src/")) out.push(`${f} → ${i.specifier}`);
      } else if (!SRC_PACKAGES.test(i.specifier)) {
        out.push(`${f} → ${i.specifier}`);
      }
    }
  }
  return out;
}

/** Imports from `files` into src/ that do not go through an entry point. */
function deepImports(files: readonly string[], entries: readonly string[]): string[] {
  const out: string[] = [];
  for (const f of files) {
    for (const i of importsOf(f)) {
      if (!i.specifier.startsWith(".")) continue;
      const raw = RAW_ASSETS.find((a) => i.specifier.endsWith(a.replace(/^src\//, "/")));
      if (raw !== undefined) continue;
      if (i.target?.startsWith("src/") === true && !entries.includes(i.target)) out.push(`${f} → ${i.specifier}`);
    }
  }
  return out;
}

function folderGraph(graph: ReadonlyMap<string, readonly string[]>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [f, targets] of graph) {
    if (!f.startsWith("src/")) continue;
    const from = srcFolder(f);
    const set = new Set(out.get(from) ?? []);
    for (const t of targets) if (t.startsWith("src/") && srcFolder(t) !== from) set.add(srcFolder(t));
    out.set(from, [...set]);
  }
  return out;
}

describe("architecture", () => {
  it("src/ imports nothing from the app, the server, the lessons, the tests or the tools, and no UI package", () => {
    expect(SRC.length).toBeGreaterThan(50);
    expect(srcEscapes(SRC)).toEqual([]);
  });

  it("src/ is compiled without the DOM library", () => {
    const config = JSON.parse(readFileSync(join(ROOT, "src/tsconfig.json"), "utf8")) as { compilerOptions?: { lib?: string[] } };
    const lib = config.compilerOptions?.lib ?? [];
    expect(lib.length).toBeGreaterThan(0);
    expect(lib.filter((l) => /dom/i.test(l))).toEqual([]);
  });

  it("site/ and lessons/ reach src/ only through its public entry points", () => {
    const clients = ALL.filter((f) => f.startsWith("site/") || f.startsWith("lessons/"));
    expect(clients.length).toBeGreaterThan(50);
    expect(deepImports(clients, ENTRIES)).toEqual([]);
  });

  it("server/ (the cluster, the HTTP wire, live mode) reaches src/ only through its public entry points", () => {
    const server = ALL.filter((f) => f.startsWith("server/"));
    expect(server.length).toBeGreaterThan(10);
    expect(deepImports(server, ENTRIES)).toEqual([]);
  });

  it("no file imports itself through a cycle", () => {
    expect(cycles(graphOf(ALL))).toEqual([]);
  });

  it("the areas of src/ form no cycle (the arrows run one way, as in Kubernetes)", () => {
    const g = folderGraph(graphOf(SRC));
    expect(g.get("labels")).not.toContain("apiserver");
    expect(g.get("cache")).not.toContain("apiserver");
    expect(cycles(g)).toEqual([]);
  });

  it("the checks can fail: a made-up cycle, a deep import and a UI import are all found", () => {
    expect(cycles(new Map([["a", ["b"]], ["b", ["c"]], ["c", ["a"]], ["d", ["a"]]]))).toEqual([["a", "b", "c"]]);
    expect(cycles(new Map([["a", ["a"]]]))).toEqual([["a"]]);
    expect(cycles(new Map([["a", ["b"]], ["b", []]]))).toEqual([]);
    // the real site has files that import a deep path once the entry list is empty
    expect(deepImports(ALL.filter((f) => f.startsWith("site/")), []).length).toBeGreaterThan(0);
    expect(deepImports(ALL.filter((f) => f.startsWith("server/")), []).length).toBeGreaterThan(0);
    // the real site imports xstate and d3: the src rule would reject them
    expect(srcEscapes(ALL.filter((f) => f.startsWith("site/views/"))).some((e) => /→ (d3|xstate)/.test(e))).toBe(true);
  });
});
