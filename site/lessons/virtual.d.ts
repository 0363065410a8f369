/**
 * Types of the virtual modules made by tools/vite-plugin-lessons.ts: `virtual:lessons` (the course index
 * and a lazy loader per lesson) and `virtual:glossary` (the compiled glossary, its own chunk).
 *
 * Contract: this file is a global declaration file (no top-level import or export), so each `declare
 * module` declares its module. Its types come through `import("./types")` type queries: an import
 * declaration inside `declare module` may not name a relative module (TS2439), and with skipLibCheck
 * such an import was silently unresolved, leaving the module's exports untyped.
 */
declare module "virtual:lessons" {
  export const lessons: import("./types").LessonSummary[];
  export const loaders: Record<string, () => Promise<{ default: import("./types").CompiledLesson }>>;
}
declare module "virtual:glossary" {
  const glossary: import("./types").CompiledGlossary;
  export default glossary;
}
