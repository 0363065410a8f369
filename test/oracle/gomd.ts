/**
 * gomd — turns every lesson's go.md into Go packages that `go vet` and `go build` can check against the
 * pinned k8s.io/client-go of test/oracle/go.mod.
 *
 * Contract:
 * - Two files per lesson hold Go: go.md (the solution, shown after a pass) and go-starter.md (the Go
 *   starter, shown beside the TypeScript starter). Every ```go block of both is extracted. A block that
 *   starts a program (`package main`) becomes gen/<id>[-<n>]/main.go as written (go.md) or
 *   gen/<id>-starter[-<n>]/main.go (go-starter.md). Any other block is a fragment: it is
 *   spliced into its harness, test/oracle/harness/<id>.<n>.go.tmpl, so a fragment is compiled too:
 *   at a line `//FRAGMENT` the block goes in verbatim (statements or declarations); at a line
 *   `//FRAGMENT-EXPRESSIONS` every line of the block that is not a comment or blank must be one Go
 *   expression and goes in as `_ = <expression>` (for blocks that show values, such as ListOptions).
 *   A fragment without a harness is an error (never silently skipped). A go-starter.md fragment's
 *   harness is harness/<id>-starter.<n>.go.tmpl.
 * - `<n>` is the block's 0-based position among the file's ```go blocks.
 * - `writeGoPackages` clears gen/ first, so a removed block leaves no stale package behind.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

export const ORACLE_DIR = resolve(__dirname);
export const ROOT = resolve(ORACLE_DIR, "../..");
export const GEN_DIR = join(ORACLE_DIR, "gen");
const HARNESS_DIR = join(ORACLE_DIR, "harness");
const FRAGMENT_MARK = "//FRAGMENT";
const EXPRESSIONS_MARK = "//FRAGMENT-EXPRESSIONS";

export interface GoBlock {
  /** 0-based position among the file's ```go blocks. */
  index: number;
  /** 1-based line of the opening fence in go.md. */
  line: number;
  code: string;
  isProgram: boolean;
}

/** The two Go files of a lesson folder: the solution program and the starter program. */
export const GO_FILES = { solution: "go.md", starter: "go-starter.md" } as const;
export type GoFileKind = keyof typeof GO_FILES;

export interface GoPackage {
  lesson: string;
  /** Which file the block came from. */
  kind: GoFileKind;
  block: GoBlock;
  /** Directory name under gen/ (also the package path suffix). */
  dir: string;
  /** The Go source written to gen/<dir>/main.go. */
  source: string;
}

/** Every ```go fenced block of a markdown text, in order. */
export function extractGoBlocks(markdown: string): GoBlock[] {
  const lines = markdown.split("\n");
  const blocks: GoBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```go\s*$/.test(lines[i]!)) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]!); i++) body.push(lines[i]!);
    if (i >= lines.length) throw new Error(`unterminated \`\`\`go block at line ${start + 1}`);
    const code = body.join("\n") + "\n";
    blocks.push({ index: blocks.length, line: start + 1, code, isProgram: /^package main\b/m.test(code) });
  }
  return blocks;
}

/** Lesson folders (including "sandbox") that have a go.md, sorted. */
export function lessonsWithGo(): string[] {
  const dir = join(ROOT, "lessons");
  return readdirSync(dir)
    .filter((n) => !n.startsWith("_") && existsSync(join(dir, n, "go.md")))
    .sort();
}

export function harnessPath(lesson: string, index: number): string {
  return join(HARNESS_DIR, `${lesson}.${index}.go.tmpl`);
}

/** The Go packages for one lesson's go.md and go-starter.md (when present). Throws if a fragment has no harness. */
export function goPackagesFor(lesson: string): GoPackage[] {
  const out: GoPackage[] = [];
  for (const kind of ["solution", "starter"] as const) {
    const file = join(ROOT, "lessons", lesson, GO_FILES[kind]);
    if (kind === "starter" && !existsSync(file)) continue;
    out.push(...packagesOf(lesson, kind, readFileSync(file, "utf8")));
  }
  return out;
}

function packagesOf(lesson: string, kind: GoFileKind, markdown: string): GoPackage[] {
  const blocks = extractGoBlocks(markdown);
  const programs = blocks.filter((b) => b.isProgram).length;
  const base = kind === "starter" ? `${lesson}-starter` : lesson;
  return blocks.map((block) => {
    const dir = programs === 1 && block.isProgram ? base : `${base}-${block.index}`;
    if (block.isProgram) return { lesson, kind, block, dir, source: block.code };
    const harness = harnessPath(base, block.index);
    if (!existsSync(harness)) {
      throw new Error(
        `lessons/${lesson}/${GO_FILES[kind]}: the Go fragment at line ${block.line} (block ${block.index}) has no harness; ` +
          `write ${harness} with a ${FRAGMENT_MARK} line where the fragment goes`,
      );
    }
    const template = readFileSync(harness, "utf8");
    return { lesson, kind, block, dir, source: spliceFragment(template, block.code, harness) };
  });
}

/** Writes every lesson's packages under gen/ (cleared first). Returns them, or the per-lesson errors. */
export function writeGoPackages(): { packages: GoPackage[]; errors: Map<string, Error> } {
  rmSync(GEN_DIR, { recursive: true, force: true });
  const packages: GoPackage[] = [];
  const errors = new Map<string, Error>();
  for (const lesson of lessonsWithGo()) {
    try {
      for (const p of goPackagesFor(lesson)) {
        mkdirSync(join(GEN_DIR, p.dir), { recursive: true });
        writeFileSync(join(GEN_DIR, p.dir, "main.go"), p.source);
        packages.push(p);
      }
    } catch (e) {
      errors.set(lesson, e instanceof Error ? e : new Error(String(e)));
    }
  }
  return { packages, errors };
}

/** Puts a fragment into its harness template (see the contract). */
export function spliceFragment(template: string, fragment: string, name: string): string {
  const lines = template.split("\n");
  const at = lines.findIndex((l) => l.trim() === FRAGMENT_MARK || l.trim() === EXPRESSIONS_MARK);
  if (at < 0) throw new Error(`${name} has no ${FRAGMENT_MARK} or ${EXPRESSIONS_MARK} line`);
  const indent = /^\s*/.exec(lines[at]!)![0];
  const body = fragment.trimEnd().split("\n");
  const spliced =
    lines[at]!.trim() === FRAGMENT_MARK
      ? body.map((l) => (l ? indent + l : l))
      : body.map((l) => (l.trim() === "" || l.trim().startsWith("//") ? indent + l.trim() : `${indent}_ = ${l.trim()}`));
  return [...lines.slice(0, at), ...spliced, ...lines.slice(at + 1)].join("\n");
}
