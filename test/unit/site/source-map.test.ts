/** The runner maps a runtime error in emitted CommonJS back to the learner's TypeScript line. */
import { describe, expect, it } from "vitest";
import ts from "typescript";
import { decodeMappings, originalLine } from "../../../site/runner/worker/source-map.js";

const source = [
  'import { informers, type Pod } from "playground";',   // 1
  "",                                                     // 2
  "interface Extra {",                                    // 3  (type only: gone from the JS)
  "  a: number;",                                         // 4
  "  b: string;",                                         // 5
  "}",                                                    // 6
  "",                                                     // 7
  "export default function main(): void {",               // 8
  "  const pods: Pod[] = [];",                            // 9
  "  void informers;",                                    // 10
  '  throw new Error("boom " + pods.length);',            // 11
  "}",                                                    // 12
].join("\n");

describe("source maps", () => {
  it("finds the TypeScript line of a generated line, even when type-only lines were removed", () => {
    const out = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, sourceMap: true },
      fileName: "main.ts",
    });
    const js = out.outputText.split("\n");
    const genLine = js.findIndex((l) => l.includes("throw new Error")) + 1;
    expect(genLine).toBeGreaterThan(0);
    expect(genLine).not.toBe(11); // the emit does move lines: mapping is needed
    const decoded = decodeMappings((JSON.parse(out.sourceMapText!) as { mappings: string }).mappings);
    const col = js[genLine - 1]!.indexOf("throw") + 1;
    expect(originalLine(decoded, genLine, col)).toBe(11);
    const mainLine = js.findIndex((l) => l.includes("function main")) + 1;
    expect(originalLine(decoded, mainLine, 1)).toBe(8);
  });
});
