/**
 * PassingCode — the learner's own code of their latest passing run, per lesson (issue 20 item 6: one
 * program grows). A later lesson whose starter grows from this lesson's solution (front matter
 * `startsFrom`) offers to start from it instead.
 *
 * Contract:
 * - `save` is called with the exact source of a run whose goals all passed and that counts (not the
 *   solution's text, not after Show solution / Diff, not a shared link's code): the draft keeps changing
 *   with every later edit, this does not — it is the code that passed.
 * - Keyed by the lesson's current id (site/shell/router.ts canonicalLessonId), not by the starter's hash:
 *   a changed starter does not make the learner's passing program any less theirs.
 * - Untrusted on read: an entry that is not `{ code: string, at: string }`, or a code over MAX_CODE
 *   characters, reads as none. A code over MAX_CODE is not saved.
 */
import { canonicalLessonId } from "../shell/router";
import type { Store } from "./store";

export interface PassedCode {
  code: string;
  /** ISO time of the passing run. */
  at: string;
}

export interface PassingCode {
  load(lessonId: string): PassedCode | undefined;
  save(lessonId: string, code: string): void;
}

/** Larger than any lesson program (the longest solution is ~5 kB); keeps one entry from filling storage. */
export const MAX_CODE = 200_000;

const key = (lessonId: string) => `passed:${canonicalLessonId(lessonId)}`;

export function passingCode(store: Store): PassingCode {
  return {
    load(lessonId) {
      const raw = store.get(key(lessonId));
      if (raw === undefined) return undefined;
      try {
        const v = JSON.parse(raw) as Partial<PassedCode> | null;
        if (v === null || typeof v !== "object" || typeof v.code !== "string" || typeof v.at !== "string") return undefined;
        if (v.code.length > MAX_CODE || v.code.trim() === "") return undefined;
        return { code: v.code, at: v.at };
      } catch {
        return undefined;
      }
    },
    save(lessonId, code) {
      if (code.length > MAX_CODE || code.trim() === "") return;
      store.set(key(lessonId), JSON.stringify({ code, at: new Date().toISOString() }));
    },
  };
}
