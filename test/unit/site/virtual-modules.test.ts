/**
 * The build's virtual modules are typed (site/lessons/virtual.d.ts): `virtual:lessons` and
 * `virtual:glossary` give their declared types, not `any`. These are type assertions: `npm run typecheck`
 * (the test project) fails when a module comes through untyped, as it did while virtual.d.ts imported
 * its types with a relative import inside `declare module`.
 */
import { describe, expectTypeOf, it } from "vitest";
import type { CompiledGlossary, CompiledLesson, LessonSummary } from "../../../site/lessons/types.js";

type Lessons = typeof import("virtual:lessons");
type Glossary = typeof import("virtual:glossary");

describe("virtual modules", () => {
  it("virtual:lessons exports the typed index and loaders", () => {
    expectTypeOf<Lessons["lessons"]>().not.toBeAny();
    expectTypeOf<Lessons["lessons"]>().toEqualTypeOf<LessonSummary[]>();
    expectTypeOf<Lessons["loaders"]>().toEqualTypeOf<Record<string, () => Promise<{ default: CompiledLesson }>>>();
  });

  it("virtual:glossary's default export is the compiled glossary", () => {
    expectTypeOf<Glossary["default"]>().not.toBeAny();
    expectTypeOf<Glossary["default"]>().toEqualTypeOf<CompiledGlossary>();
  });
});
