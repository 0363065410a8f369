// Types of the virtual modules made by tools/vite-plugin-lessons.ts.
declare module "virtual:lessons" {
  import type { CompiledLesson, LessonSummary } from "./types";
  export const lessons: LessonSummary[];
  export const loaders: Record<string, () => Promise<{ default: CompiledLesson }>>;
}
declare module "virtual:glossary" {
  import type { CompiledGlossary } from "./types";
  const glossary: CompiledGlossary;
  export default glossary;
}
