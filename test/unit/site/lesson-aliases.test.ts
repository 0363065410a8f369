/**
 * Lesson ids that moved (issue 20 item 7): every old id in LESSON_ALIASES names a lesson folder that
 * exists now, no current folder is shadowed by an alias, and old links, saved progress (in storage and in
 * an exported file) and drafts saved under an old id all reach the lesson under its new id.
 */
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { canonicalLessonId, LESSON_ALIASES, oldLessonIds, parseRoute } from "../../../site/shell/router.js";
import { drafts } from "../../../site/storage/drafts.js";
import { parseProgressFile, progress } from "../../../site/storage/progress.js";
import { openStore } from "../../../site/storage/store.js";
import { memoryStorage } from "./memory-storage";

const LESSONS = resolve(__dirname, "../../../lessons");
const folders = new Set(readdirSync(LESSONS).filter((n) => /^\d\d-/.test(n)));

describe("lesson id aliases", () => {
  it("map every old id to a lesson folder that exists, and never shadow a current folder", () => {
    expect(Object.keys(LESSON_ALIASES).length).toBeGreaterThan(0);
    for (const [old, now] of Object.entries(LESSON_ALIASES)) {
      expect(folders.has(old), `${old} is an alias but also a folder`).toBe(false);
      expect(folders.has(canonicalLessonId(old)), `${old} → ${now}: no such lesson`).toBe(true);
      expect(existsSync(join(LESSONS, canonicalLessonId(old), "lesson.md"))).toBe(true);
    }
    for (const id of folders) expect(canonicalLessonId(id)).toBe(id);
    expect(canonicalLessonId("99-nope")).toBe("99-nope");
  });

  it("route old links (and share links) to the new id", () => {
    expect(parseRoute("#/lesson/03-reflector-under-stress")).toEqual({ page: "lesson", id: "10-reflector-under-stress", share: undefined });
    expect(parseRoute("#/lesson/10-wait-for-cache-sync?share=abc")).toEqual({ page: "lesson", id: "03-wait-for-cache-sync", share: "abc" });
    expect(parseRoute("#/lesson/03-wait-for-cache-sync")).toMatchObject({ id: "03-wait-for-cache-sync" });
    expect(oldLessonIds("10-reflector-under-stress")).toEqual(["03-reflector-under-stress"]);
  });

  it("count progress saved or exported under an old id for the lesson under its new id", () => {
    const store = openStore(() => memoryStorage());
    // what an older version of the app wrote when the learner passed lesson 10 "Wait for cache sync"
    store.set("progress", JSON.stringify({ passed: { "10-wait-for-cache-sync": { at: "2026-12-01T10:00:00Z" } } }));
    const p = progress(store, folders);
    expect(p.isPassed("03-wait-for-cache-sync")).toBe(true);
    expect(p.isPassed("10-wait-for-cache-sync")).toBe(true); // an old id asks for the same lesson
    expect(p.isPassed("10-reflector-under-stress")).toBe(false);
    expect(Object.keys(p.passed())).toEqual(["03-wait-for-cache-sync"]);

    const file = JSON.stringify({ app: "informer-playground", version: 1, exportedAt: "", passed: { "03-reflector-under-stress": { at: "2026-12-01T10:00:00Z" } } });
    expect(Object.keys(parseProgressFile(file, folders).passed)).toEqual(["10-reflector-under-stress"]);
    expect(p.importFile(file)).toBe(2);
    expect(p.isPassed("10-reflector-under-stress")).toBe(true);
  });

  it("find a draft saved under the old id (same starter) and move it to the new id", () => {
    const backing = memoryStorage();
    drafts(openStore(() => backing)).save("10-wait-for-cache-sync", "starter", "my code");
    const d = drafts(openStore(() => backing));
    expect(d.load("03-wait-for-cache-sync", "starter")).toBe("my code");
    expect(backing.keys().filter((k) => k.includes("10-wait-for-cache-sync"))).toEqual([]);
    expect(d.load("03-wait-for-cache-sync", "starter")).toBe("my code");
    expect(d.load("03-wait-for-cache-sync", "another starter")).toBeUndefined();
    d.clear("03-wait-for-cache-sync", "starter");
    expect(d.load("03-wait-for-cache-sync", "starter")).toBeUndefined();
  });
});
