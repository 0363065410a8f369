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
 *
 * Backups (issue 21 item 13: Export progress carries the learner's code): `exportAll()` lists every
 * draft with its starter hash and its injected actions; `importAll()` writes a list checked by
 * `parseDraftBackups` (untrusted input, like a share link: a bad entry throws, naming what is wrong, so
 * the caller changes nothing). A draft here that was saved after the file's copy is kept.
 */
import type { TimedOp } from "../../src/scenario/index.js";
import { canonicalLessonId, oldLessonIds } from "../shell/router";
import { eachBackupEntry, isIsoText } from "./backup-entries";
import { hashText } from "./hash";
import { isTimedOp } from "./timed-op";
import type { Store } from "./store";

/** One lesson's code in a progress file (`drafts`). */
export interface DraftBackup {
  lesson: string;
  /** hashText(starter) of the starter the draft was written against (a changed starter makes it stale). */
  starter: string;
  code: string;
  savedAt?: string;
  actions?: TimedOp[];
}

/** The longest draft a file may carry (the longest solution is ~6 kB). */
export const MAX_DRAFT_CODE = 100_000;

/**
 * Checks a file's `drafts` (untrusted): an array of at most one entry per lesson and starter, each with a
 * lesson id (of `known`, or "sandbox", when given; an unknown id is skipped like a passed mark's), a
 * starter hash, code of at most MAX_DRAFT_CODE characters, an optional ISO `savedAt` and at most
 * MAX_ACTIONS valid actions. Anything else throws an Error saying which entry and what is wrong.
 */
export function parseDraftBackups(raw: unknown, known?: ReadonlySet<string>): DraftBackup[] {
  const out: DraftBackup[] = [];
  const seen = new Set<string>();
  eachBackupEntry(raw, "drafts", (d, where) => {
    if (typeof d["starter"] !== "string" || !/^[0-9a-z]{1,40}$/.test(d["starter"])) throw new Error(`${where}: no valid starter hash`);
    if (typeof d["code"] !== "string") throw new Error(`${where} (${d["lesson"]}): the code is not text`);
    if (d["code"].length > MAX_DRAFT_CODE) throw new Error(`${where} (${d["lesson"]}): the code is ${d["code"].length} characters (at most ${MAX_DRAFT_CODE})`);
    if (d["savedAt"] !== undefined && !isIsoText(d["savedAt"])) {
      throw new Error(`${where} (${d["lesson"]}): savedAt is not a date`);
    }
    let actions: TimedOp[] | undefined;
    if (d["actions"] !== undefined) {
      if (!Array.isArray(d["actions"]) || d["actions"].length > MAX_ACTIONS) throw new Error(`${where} (${d["lesson"]}): actions is not a list of at most ${MAX_ACTIONS}`);
      const bad = d["actions"].findIndex((a) => !isTimedOp(a));
      if (bad >= 0) throw new Error(`${where} (${d["lesson"]}): action ${bad + 1} is not an action the playground knows`);
      actions = d["actions"] as TimedOp[];
    }
    const lesson = canonicalLessonId(d["lesson"]);
    if (known !== undefined && lesson !== "sandbox" && !known.has(lesson)) return;
    const key = `${lesson}:${d["starter"]}`;
    if (seen.has(key)) throw new Error(`${where} (${lesson}): a second draft for the same lesson and starter`);
    seen.add(key);
    out.push({ lesson, starter: d["starter"], code: d["code"], ...(typeof d["savedAt"] === "string" ? { savedAt: d["savedAt"] } : {}), ...(actions ? { actions } : {}) });
  });
  return out;
}

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
  /** Every saved draft (and the actions kept with it), for a progress file. */
  exportAll(): DraftBackup[];
  /** Writes checked backups (parseDraftBackups); keeps a draft here saved after the file's. */
  importAll(backups: readonly DraftBackup[]): { restored: number; kept: number };
}

const draftKey = (lessonId: string, starter: string) => `draft:${lessonId}:${hashText(starter)}`;
const pendingKey = (lessonId: string) => `pending:${lessonId}`;
const actionsKey = (lessonId: string, starter: string) => `actions:${lessonId}:${hashText(starter)}`;
const MAX_ACTIONS = 200;
/** The actions key for a starter hash already computed (a backup carries the hash, not the starter). */
const actionsKeyOf = (lessonId: string, starterHash: string) => `actions:${lessonId}:${starterHash}`;
function readActions(store: Store, key: string): TimedOp[] | undefined {
  const raw = store.get(key);
  if (raw === undefined) return undefined;
  try {
    const v = JSON.parse(raw) as unknown;
    return Array.isArray(v) ? v.filter(isTimedOp).slice(0, MAX_ACTIONS) : undefined;
  } catch {
    return undefined;
  }
}

export function drafts(store: Store): Drafts {
  const savedAt = (raw: string | undefined): string | undefined => {
    try {
      const v = (JSON.parse(raw ?? "") as { savedAt?: unknown }).savedAt;
      return typeof v === "string" ? v : undefined;
    } catch {
      return undefined;
    }
  };
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
      return readActions(store, actionsKey(canonicalLessonId(lessonId), starter));
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
    exportAll() {
      const out: DraftBackup[] = [];
      for (const key of store.keys().sort()) {
        const m = /^draft:([\w-]+):([0-9a-z]+)$/.exec(key);
        if (m === null) continue;
        const [, lesson, starter] = m as unknown as [string, string, string];
        try {
          const d = JSON.parse(store.get(key) ?? "") as { code?: unknown; savedAt?: unknown };
          if (typeof d.code !== "string") continue;
          const actions = readActions(store, actionsKeyOf(lesson, starter));
          out.push({ lesson, starter, code: d.code, ...(typeof d.savedAt === "string" ? { savedAt: d.savedAt } : {}), ...(actions && actions.length > 0 ? { actions } : {}) });
        } catch {
          /* a broken entry has nothing to export */
        }
      }
      return out;
    },
    importAll(backups) {
      let restored = 0;
      let kept = 0;
      for (const b of backups) {
        const key = `draft:${b.lesson}:${b.starter}`;
        const raw = store.get(key);
        if (raw !== undefined) {
          let here: { code?: unknown } = {};
          try {
            here = JSON.parse(raw) as { code?: unknown };
          } catch {
            /* a broken entry is replaced */
          }
          const at = savedAt(raw);
          if (here.code === b.code) {
            restored++; // already here
            continue;
          }
          // The draft here is newer than the file's copy (or the file's copy has no date): the learner's latest work stays.
          if (typeof here.code === "string" && at !== undefined && (b.savedAt === undefined || Date.parse(at) > Date.parse(b.savedAt))) {
            kept++;
            continue;
          }
        }
        store.set(key, JSON.stringify({ code: b.code, savedAt: b.savedAt ?? new Date().toISOString() }));
        if (b.actions !== undefined && b.actions.length > 0) store.set(actionsKeyOf(b.lesson, b.starter), JSON.stringify(b.actions));
        restored++;
      }
      return { restored, kept };
    },
  };
}
