/**
 * Issue 13: create-editor.ts accepts a TypeScript emit only when the source embedded in its map
 * (`inlineSources`) is the editor's text. compiledFrom() reads that source.
 */
import { describe, expect, it } from "vitest";
import ts from "typescript";
import { compiledFrom } from "../../../site/editor/create-editor";

describe("compiledFrom", () => {
  it("returns the text TypeScript compiled, as embedded by inlineSources", () => {
    const source = 'export const a: number = 1;\n// 中文 comment\n';
    const out = ts.transpileModule(source, { compilerOptions: { sourceMap: true, inlineSources: true, module: ts.ModuleKind.CommonJS }, fileName: "main.ts" });
    expect(compiledFrom(out.sourceMapText)).toBe(source);
  });

  it("returns undefined when the map has no embedded source or is not a map", () => {
    const out = ts.transpileModule("export const a = 1;", { compilerOptions: { sourceMap: true, module: ts.ModuleKind.CommonJS }, fileName: "main.ts" });
    expect(compiledFrom(out.sourceMapText)).toBeUndefined();
    expect(compiledFrom(undefined)).toBeUndefined();
    expect(compiledFrom("{not json")).toBeUndefined();
    expect(compiledFrom(JSON.stringify({ sourcesContent: [42] }))).toBeUndefined();
  });
});
