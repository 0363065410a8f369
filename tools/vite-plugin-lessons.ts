/**
 * Vite plugin: compiles every lessons/NN-slug folder at build time (tools/lessons/compile.ts) into two kinds of virtual
 * modules, so the whole course ships in the static build and works offline:
 *
 * - `virtual:lessons` — the course index (id, order, titles and summaries in both locales) plus a lazy
 *   loader per lesson, and one for lessons/sandbox (the #/sandbox page's prose, starter and scenario; it is
 *   not in the index). Small: it is part of the first screen.
 * - `virtual:lesson/<id>` — one lesson's prose, hints, go.md (as HTML), starter and solution (as text).
 *   Each becomes its own lazy chunk.
 *
 * Any folder named `NN-slug` with a lesson.md is picked up automatically; in dev, adding or editing a
 * lesson file reloads the page. scenario.ts / goals.ts are real modules, imported by site/lessons and the
 * runner worker with import.meta.glob (they import src/).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Plugin } from "vite";
import { compileLesson, LESSON_DIR, SANDBOX_ID, summarize, type CompiledLesson } from "./lessons/compile.ts";
import { compileGlossary, glossaryLessonRefs, type CompiledGlossary } from "./lessons/glossary.ts";
import { lessonLabels } from "../site/lessons/label.ts";

const INDEX_ID = "virtual:lessons";
const GLOSSARY_ID = "virtual:glossary";
const LESSON_PREFIX = "virtual:lesson/";
const FILES = [
  "lesson.md", "lesson.zh-CN.md", "hints.md", "hints.zh-CN.md", "go.md", "go-starter.md",
  "starter.ts", "solution.ts", "scenario.ts", "goals.ts",
];

export function lessonFolders(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => LESSON_DIR.test(name) && statSync(join(root, name)).isDirectory() && existsSync(join(root, name, "lesson.md")))
    .sort();
}

export function readLesson(root: string, id: string): CompiledLesson {
  const files: Record<string, string> = {};
  for (const f of FILES) {
    const p = join(root, id, f);
    if (existsSync(p)) files[f] = readFileSync(p, "utf8");
  }
  const label = lessonLabels(lessonFolders(root)).get(id);
  return { ...compileLesson(id, files), ...(label !== undefined ? { label } : {}) };
}

/**
 * The lesson id a lesson's `startsFrom` slug names (undefined: none), or an Error naming the file when no
 * earlier lesson folder has that slug (a renamed or renumbered lesson must not silently lose its chain).
 */
export function startsFromId(ids: readonly string[], lesson: Pick<CompiledLesson, "id" | "startsFrom">): string | Error | undefined {
  if (lesson.startsFrom === undefined) return undefined;
  const from = ids.find((id) => id.slice(3) === lesson.startsFrom);
  if (from === undefined || from >= lesson.id) {
    return new Error(`lessons/${lesson.id}/lesson.md: startsFrom "${lesson.startsFrom}" is not the slug of an earlier lesson folder`);
  }
  return from;
}

/** lessons/glossary.md + glossary.zh-CN.md, with lesson numbers linked to the lesson folders. */
export function readGlossary(root: string): CompiledGlossary {
  const ids = glossaryLessonRefs(lessonFolders(root));
  return compileGlossary(readFileSync(join(root, "glossary.md"), "utf8"), readFileSync(join(root, "glossary.zh-CN.md"), "utf8"), ids);
}

export default function lessonsPlugin(options: { dir?: string } = {}): Plugin {
  let root = resolve(options.dir ?? "lessons");
  return {
    name: "informer-playground:lessons",
    configResolved(config) {
      root = resolve(config.root, options.dir ?? "lessons");
    },
    configureServer(s) {
      s.watcher.add(root);
      const reload = (file: string) => {
        if (!file.startsWith(root)) return;
        for (const id of [`\0${INDEX_ID}`, `\0${GLOSSARY_ID}`, ...[...s.moduleGraph.idToModuleMap.keys()].filter((k) => k.startsWith(`\0${LESSON_PREFIX}`))]) {
          const mod = s.moduleGraph.getModuleById(id);
          if (mod) s.moduleGraph.invalidateModule(mod);
        }
        s.ws.send({ type: "full-reload" });
      };
      s.watcher.on("add", reload);
      s.watcher.on("unlink", reload);
      s.watcher.on("change", (file) => {
        if (file.startsWith(root) && /\.md$|starter\.ts$|solution\.ts$/.test(file)) reload(file);
      });
    },
    resolveId(id) {
      if (id === INDEX_ID || id === GLOSSARY_ID || id.startsWith(LESSON_PREFIX)) return `\0${id}`;
      return undefined;
    },
    load(id) {
      if (id === `\0${INDEX_ID}`) {
        const ids = lessonFolders(root);
        const summaries = [];
        for (const lessonId of ids) {
          const lesson = readLesson(root, lessonId);
          for (const w of lesson.warnings) this.warn(w);
          const from = startsFromId(ids, lesson);
          if (from instanceof Error) this.error(from.message);
          summaries.push(summarize(lesson));
          for (const f of FILES) this.addWatchFile(join(root, lessonId, f));
        }
        // The sandbox (#/sandbox) loads the same way, but is not part of the course index.
        const sandbox = existsSync(join(root, SANDBOX_ID, "lesson.md")) ? [SANDBOX_ID] : [];
        for (const f of FILES) if (sandbox.length > 0) this.addWatchFile(join(root, SANDBOX_ID, f));
        const loaders = [...ids, ...sandbox].map((l) => `  ${JSON.stringify(l)}: () => import(${JSON.stringify(LESSON_PREFIX + l)}),`).join("\n");
        return `export const lessons = ${JSON.stringify(summaries)};\nexport const loaders = {\n${loaders}\n};\n`;
      }
      if (id === `\0${GLOSSARY_ID}`) {
        this.addWatchFile(join(root, "glossary.md"));
        this.addWatchFile(join(root, "glossary.zh-CN.md"));
        return `export default ${JSON.stringify(readGlossary(root))};\n`;
      }
      if (id.startsWith(`\0${LESSON_PREFIX}`)) {
        const lessonId = id.slice(`\0${LESSON_PREFIX}`.length);
        for (const f of FILES) this.addWatchFile(join(root, lessonId, f));
        const lesson = readLesson(root, lessonId);
        return `export default ${JSON.stringify(lesson)};\n`;
      }
      return undefined;
    },
  };
}
