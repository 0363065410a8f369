/**
 * Every lesson's go.md (the Go solution) and go-starter.md (the Go starter) compile: each ```go block is extracted (fragments spliced into their
 * harness, test/oracle/harness/), then `go vet` and the compiler run over all of them against the
 * pinned k8s.io/client-go of test/oracle/go.mod. The compiler runs as `go list -export` (each package
 * compiled by gc as `go build` would, errors printed the same way, but no binary linked: linking 42
 * client-go programs was ~80 % of this file's time, and nothing runs them; lessons.oracle.ts builds
 * the programs it runs). One named test per lesson; a fragment without a
 * harness fails its lesson's test.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { go, type GoResult } from "./go.js";
import { extractGoBlocks, GO_FILES, lessonsWithGo, ORACLE_DIR, spliceFragment, writeGoPackages, type GoPackage } from "./gomd.js";

const clientGo = /k8s\.io\/client-go (v\S+)/.exec(readFileSync(join(ORACLE_DIR, "go.mod"), "utf8"))?.[1] ?? "?";

/** The lines of a go vet/compile output that concern gen/<dir> (its "# pkg" section and file:line diagnostics). */
function linesFor(output: string, dir: string): string[] {
  const mine: string[] = [];
  let inSection = false;
  for (const line of output.split("\n")) {
    if (line.startsWith("# ")) inSection = line.includes(`/gen/${dir}`) && !line.includes(`/gen/${dir}-`);
    const mentions = line.includes(`gen/${dir}/`);
    if (mentions || (inSection && line.trim() !== "" && !line.startsWith("# "))) mine.push(line);
  }
  return mine;
}

describe("extraction", () => {
  it("finds every ```go block and marks programs", () => {
    const md = "text\n```go\npackage main\n\nfunc main() {}\n```\nmore\n```go\nx := 1\n```\n```ts\nnot go\n```\n";
    const blocks = extractGoBlocks(md);
    expect(blocks.map((b) => [b.index, b.line, b.isProgram])).toEqual([[0, 2, true], [1, 8, false]]);
    expect(blocks[1]!.code).toBe("x := 1\n");
  });
  it("splices a fragment verbatim or as expressions", () => {
    const t = "package main\n\nfunc main() {\n\t//FRAGMENT\n}\n";
    expect(spliceFragment(t, "a := 1\n_ = a\n", "t")).toBe("package main\n\nfunc main() {\n\ta := 1\n\t_ = a\n}\n");
    const e = "func main() {\n\t//FRAGMENT-EXPRESSIONS\n}\n";
    expect(spliceFragment(e, "// note\nf(1)\n\ng{}\n", "e")).toBe("func main() {\n\t// note\n\t_ = f(1)\n\t\n\t_ = g{}\n}\n");
    expect(() => spliceFragment("func main() {}\n", "x", "none")).toThrow(/no \/\/FRAGMENT/);
  });
  it("rejects an unterminated block", () => {
    expect(() => extractGoBlocks("```go\npackage main\n")).toThrow(/unterminated/);
  });
});

describe(`every lesson's go.md and go-starter.md compile against k8s.io/client-go ${clientGo}`, () => {
  let packages: GoPackage[] = [];
  let errors = new Map<string, Error>();
  let vet: GoResult;
  let build: GoResult;

  beforeAll(() => {
    ({ packages, errors } = writeGoPackages());
    vet = go(["vet", "./gen/..."]);
    build = go(["list", "-export", "-f", "{{.ImportPath}}", "./gen/..."]);
    console.log(`go vet ./gen/...: ${vet.ms} ms, go list -export ./gen/... (compile, no link): ${build.ms} ms (${packages.length} packages)`);
  });

  for (const lesson of lessonsWithGo()) {
    it(lesson, () => {
      const extractionError = errors.get(lesson);
      if (extractionError !== undefined) throw extractionError;
      const mine = packages.filter((p) => p.lesson === lesson);
      expect(mine.length, `lessons/${lesson}/go.md has no \`\`\`go block`).toBeGreaterThan(0);
      for (const p of mine) {
        const problems = [...linesFor(vet.output, p.dir), ...linesFor(build.output, p.dir)];
        expect(problems, `gen/${p.dir} (${GO_FILES[p.kind]} block ${p.block.index}, line ${p.block.line})`).toEqual([]);
      }
    });
  }

  it("go vet and the compiler exit 0 (nothing unattributed)", () => {
    expect(vet.status, vet.output).toBe(0);
    expect(build.status, build.output).toBe(0);
  });
});
