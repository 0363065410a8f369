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
 * - Part of the learner's progress (site/storage/progress.ts): `exportAll` lists every entry for Export
 *   progress; `importAll` writes entries checked by `parsePassingBackups` (untrusted, like drafts: a bad
 *   entry throws naming it, so the caller writes nothing) and keeps an entry here that passed later than
 *   the file's; `clear` removes them all ("Forget progress").
 */
import { canonicalLessonId } from "../shell/router";
import { eachBackupEntry, isIsoDate } from "./backup-entries";
import type { Store } from "./store";

export interface PassedCode {
  code: string;
  /** ISO time of the passing run. */
  at: string;
}

/** One lesson's passing code in a progress file (`passing`). */
export interface PassingBackup extends PassedCode {
  lesson: string;
}

export interface PassingCode {
  load(lessonId: string): PassedCode | undefined;
  save(lessonId: string, code: string): void;
  exportAll(): PassingBackup[];
  /** Writes checked backups; an entry here that passed after the file's is kept. */
  importAll(backups: readonly PassingBackup[]): { restored: number; kept: number };
  /** Removes every lesson's passing code. */
  clear(): void;
}

/** Larger than any lesson program (the longest solution is ~5 kB); keeps one entry from filling storage. */
export const MAX_CODE = 200_000;

const PREFIX = "passed:";
const key = (lessonId: string) => `${PREFIX}${canonicalLessonId(lessonId)}`;

/**
 * Checks a file's `passing` (untrusted): a list of at most one entry per lesson, each with a lesson id
 * (of `known`, when given; an unknown id is skipped like a passed mark's), code that is text, not blank
 * and at most MAX_CODE characters, and an ISO `at`. Anything else throws an Error naming the entry.
 */
export function parsePassingBackups(raw: unknown, known?: ReadonlySet<string>): PassingBackup[] {
  const out: PassingBackup[] = [];
  const seen = new Set<string>();
  eachBackupEntry(raw, "passing", (d, where) => {
    const code = d["code"];
    if (typeof code !== "string" || code.trim() === "") throw new Error(`${where} (${d["lesson"]}): the code is not text`);
    if (code.length > MAX_CODE) throw new Error(`${where} (${d["lesson"]}): the code is ${code.length} characters (at most ${MAX_CODE})`);
    const at = d["at"];
    if (!isIsoDate(at)) {
      throw new Error(`${where} (${d["lesson"]}): at is not a date`);
    }
    const lesson = canonicalLessonId(d["lesson"]);
    if (known !== undefined && !known.has(lesson)) return;
    if (seen.has(lesson)) throw new Error(`${where} (${lesson}): a second passing code for the same lesson`);
    seen.add(lesson);
    out.push({ lesson, code, at });
  });
  return out;
}

export function passingCode(store: Store): PassingCode {
  return {
    load,
    save(lessonId, code) {
      if (code.length > MAX_CODE || code.trim() === "") return;
      store.set(key(lessonId), JSON.stringify({ code, at: new Date().toISOString() }));
    },
    exportAll() {
      const out: PassingBackup[] = [];
      for (const k of store.keys().sort()) {
        if (!k.startsWith(PREFIX)) continue;
        const lesson = k.slice(PREFIX.length);
        const v = load(lesson);
        if (v !== undefined) out.push({ lesson, ...v });
      }
      return out;
    },
    importAll(backups) {
      let restored = 0;
      let kept = 0;
      for (const b of backups) {
        const here = load(b.lesson);
        if (here !== undefined && here.code === b.code) {
          restored++; // already here
          continue;
        }
        if (here !== undefined && Date.parse(here.at) > Date.parse(b.at)) {
          kept++; // passed here later than in the file: the learner's latest passing program stays
          continue;
        }
        store.set(key(b.lesson), JSON.stringify({ code: b.code, at: b.at }));
        restored++;
      }
      return { restored, kept };
    },
    clear() {
      for (const k of store.keys()) if (k.startsWith(PREFIX)) store.remove(k);
    },
  };

  function load(lessonId: string): PassedCode | undefined {
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
  }
}
