/**
 * Drafts — the learner's code per lesson, autosaved, keyed by lesson id + a hash of the lesson's
 * starter (as Tour of Go does): when a lesson's starter changes, old drafts no longer apply.
 *
 * The "run pending" marker implements the safe-mode boot: it is written just before a run starts
 * (with the hash of the code being run) and cleared when the run finishes. If the page is killed, or
 * the run was stopped for running too long, the marker stays; the next boot of that lesson restores the
 * code but does not run it while the marker matches the code.
 *
 * A lesson that moved (site/shell/router.ts LESSON_ALIASES) finds the draft saved under its old id (same
 * starter) and moves it to its current id.
 */
import { canonicalLessonId, oldLessonIds } from "../shell/router";
import { hashText } from "./hash";
import type { Store } from "./store";

export interface Drafts {
  load(lessonId: string, starter: string): string | undefined;
  save(lessonId: string, starter: string, code: string): void;
  clear(lessonId: string, starter: string): void;
  markRunStarted(lessonId: string, code: string): void;
  markRunFinished(lessonId: string): void;
  /** true when the last run of exactly this code in this lesson did not finish. */
  lastRunUnfinished(lessonId: string, code: string): boolean;
}

const draftKey = (lessonId: string, starter: string) => `draft:${lessonId}:${hashText(starter)}`;
const pendingKey = (lessonId: string) => `pending:${lessonId}`;

export function drafts(store: Store): Drafts {
  return {
    load(lessonId, starter) {
      const id = canonicalLessonId(lessonId);
      let raw = store.get(draftKey(id, starter));
      if (raw === undefined) {
        const old = oldLessonIds(id).map((o) => draftKey(o, starter)).find((k) => store.get(k) !== undefined);
        if (old === undefined) return undefined;
        raw = store.get(old)!;
        store.set(draftKey(id, starter), raw);
        store.remove(old);
      }
      try {
        const d = JSON.parse(raw) as { code?: unknown };
        return typeof d.code === "string" ? d.code : undefined;
      } catch {
        return undefined;
      }
    },
    save(lessonId, starter, code) {
      const key = draftKey(canonicalLessonId(lessonId), starter);
      if (code === starter) store.remove(key);
      else store.set(key, JSON.stringify({ code, savedAt: new Date().toISOString() }));
    },
    clear(lessonId, starter) {
      const id = canonicalLessonId(lessonId);
      for (const each of [id, ...oldLessonIds(id)]) store.remove(draftKey(each, starter));
    },
    markRunStarted(lessonId, code) {
      store.set(pendingKey(lessonId), hashText(code));
    },
    markRunFinished(lessonId) {
      store.remove(pendingKey(lessonId));
    },
    lastRunUnfinished(lessonId, code) {
      return store.get(pendingKey(lessonId)) === hashText(code);
    },
  };
}
