/**
 * Drafts — the learner's code per lesson, autosaved, keyed by lesson id + a hash of the lesson's
 * starter (as Tour of Go does): when a lesson's starter changes, old drafts no longer apply.
 *
 * The actions and faults injected into a lesson's run (the stage's buttons and command bar) are kept
 * beside its draft (`actions:` key, same starter hash), checked on load like a share link's, and
 * cleared with it.
 *
 * The "run pending" marker implements the safe-mode boot: it is written just before a run starts
 * (with the hash of the code being run) and cleared when the run finishes. If the page is killed, or
 * the run was stopped for running too long, the marker stays; the next boot of that lesson restores the
 * code but does not run it while the marker matches the code.
 *
 * A lesson that moved (site/shell/router.ts LESSON_ALIASES) finds the draft saved under its old id (same
 * starter) and moves it to its current id.
 */
import type { TimedOp } from "../../src/scenario/index.js";
import { canonicalLessonId, oldLessonIds } from "../shell/router";
import { hashText } from "./hash";
import { isTimedOp } from "./share";
import type { Store } from "./store";

export interface Drafts {
  load(lessonId: string, starter: string): string | undefined;
  save(lessonId: string, starter: string, code: string): void;
  clear(lessonId: string, starter: string): void;
  /** The injected actions kept for this lesson (undefined: none kept); invalid entries are dropped. */
  loadActions(lessonId: string, starter: string): TimedOp[] | undefined;
  saveActions(lessonId: string, starter: string, actions: readonly TimedOp[]): void;
  markRunStarted(lessonId: string, code: string): void;
  markRunFinished(lessonId: string): void;
  /** true when the last run of exactly this code in this lesson did not finish. */
  lastRunUnfinished(lessonId: string, code: string): boolean;
}

const draftKey = (lessonId: string, starter: string) => `draft:${lessonId}:${hashText(starter)}`;
const pendingKey = (lessonId: string) => `pending:${lessonId}`;
const actionsKey = (lessonId: string, starter: string) => `actions:${lessonId}:${hashText(starter)}`;
const MAX_ACTIONS = 200;

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
      store.remove(actionsKey(id, starter));
    },
    loadActions(lessonId, starter) {
      const raw = store.get(actionsKey(canonicalLessonId(lessonId), starter));
      if (raw === undefined) return undefined;
      try {
        const v = JSON.parse(raw) as unknown;
        return Array.isArray(v) ? v.filter(isTimedOp).slice(0, MAX_ACTIONS) : undefined;
      } catch {
        return undefined;
      }
    },
    saveActions(lessonId, starter, actions) {
      const key = actionsKey(canonicalLessonId(lessonId), starter);
      if (actions.length === 0) store.remove(key);
      else store.set(key, JSON.stringify(actions.slice(0, MAX_ACTIONS)));
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
