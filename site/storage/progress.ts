/**
 * Progress — which lessons the learner passed (every goal on every seed, with their own code: a run of
 * the shown solution never counts). Exported and imported as a small JSON file.
 *
 * Import is untrusted input (issue 14): a file over MAX_PROGRESS_FILE characters is refused before it is
 * parsed; only ids of lessons that exist are kept (when the app passes them), each `at` must be an ISO
 * date of at most 40 characters (else the time of the import is used), so an import can never fill storage.
 * Ids of lessons that moved (site/shell/router.ts LESSON_ALIASES) are read, imported and asked for under
 * their current id.
 *
 * With a drafts store (issue 21 item 13), the file also carries the learner's code: `drafts`, one entry
 * per saved draft with its starter hash and injected actions (site/storage/drafts.ts). An import checks
 * the whole file first (passed marks and drafts); a bad draft entry rejects the file with a reason and
 * nothing is written. Files without `drafts` (older exports) import as before.
 *
 * With a passing-code store (issue 20 item 6), the file also carries `passing`: per lesson, the code of
 * the learner's latest passing run, which a later lesson offers to start from (site/storage/passing-code.ts).
 * It is checked with the rest (a bad entry rejects the file, nothing written); "Forget progress" clears it
 * with the passed marks, since the offer stands on both.
 */
import { canonicalLessonId } from "../shell/router";
import { isIsoDate } from "./backup-entries";
import { parseDraftBackups, type DraftBackup, type Drafts } from "./drafts";
import { parsePassingBackups, type PassingBackup, type PassingCode } from "./passing-code";
import type { Store } from "./store";

export interface ProgressFile {
  app: "informer-playground";
  version: 1;
  exportedAt: string;
  passed: Record<string, { at: string }>;
  /** The learner's code per lesson (optional: absent in files exported before it existed). */
  drafts?: DraftBackup[];
  /** The code of each lesson's latest passing run (optional: absent in older files). */
  passing?: PassingBackup[];
}

/**
 * What an import did: lessons passed after it, drafts written, drafts kept because the one here is newer,
 * and passing programs written (or already here) and kept because the one here passed later.
 */
export interface ImportReport { passed: number; restored: number; kept: number; passing?: { restored: number; kept: number } }

/** Why a progress file was refused; `reason` is English (like the command bar's), for the message. */
export class ProgressFileError extends Error {}

export interface Progress {
  passed(): Record<string, { at: string }>;
  isPassed(lessonId: string): boolean;
  markPassed(lessonId: string): void;
  exportFile(): ProgressFile;
  /** Merges a file into the progress; returns the number of passed lessons after the merge. Throws on a bad file. */
  importFile(json: string): number;
  /** As importFile, and says what happened to the code the file carries. Throws ProgressFileError on a bad file. */
  importReport(json: string): ImportReport;
  /** Forgets every passed lesson (and anything else stored under the progress key), and the passing code. */
  forget(): void;
  onChange(cb: () => void): void;
}

const KEY = "progress";
/**
 * The largest progress file accepted: the passed marks are under 2 kB; with the learner's code (~2–6 kB
 * a lesson) a whole course is ~100 kB, so 2 MB leaves room and still cannot fill the ~5 MB of storage.
 */
export const MAX_PROGRESS_FILE = 2_000_000;

export function parseProgressFile(json: string, known?: ReadonlySet<string>): ProgressFile {
  if (json.length > MAX_PROGRESS_FILE) throw new ProgressFileError(`too large: ${json.length} characters`);
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new ProgressFileError("not JSON");
  }
  const d = data as Partial<ProgressFile> | null;
  if (d === null || typeof d !== "object" || d.app !== "informer-playground" || d.version !== 1 ||
      typeof d.passed !== "object" || d.passed === null) {
    throw new ProgressFileError("not an Informer Playground progress file");
  }
  if (Array.isArray(d.passed)) throw new ProgressFileError("not an Informer Playground progress file");
  const passed: Record<string, { at: string }> = {};
  for (const [id, v] of Object.entries(d.passed as Record<string, { at?: unknown } | null>)) {
    if (!/^[\w-]{1,80}$/.test(id) || !Object.hasOwn(d.passed, id)) continue;
    const current = canonicalLessonId(id); // a file exported before a lesson moved
    if (known !== undefined && !known.has(current)) continue;
    const at = v?.at;
    passed[current] = { at: isIsoDate(at) ? at : new Date().toISOString() };
  }
  const exportedAt = typeof d.exportedAt === "string" && d.exportedAt.length <= 40 ? d.exportedAt : "";
  let drafts: DraftBackup[];
  let passing: PassingBackup[];
  try {
    drafts = parseDraftBackups((d as { drafts?: unknown }).drafts, known);
    passing = parsePassingBackups((d as { passing?: unknown }).passing, known);
  } catch (e) {
    throw new ProgressFileError((e as Error).message);
  }
  return {
    app: "informer-playground", version: 1, exportedAt, passed,
    ...(drafts.length > 0 ? { drafts } : {}), ...(passing.length > 0 ? { passing } : {}),
  };
}

/**
 * `known`: the ids of the course's lessons; an import keeps only those (and so does a read).
 * `code`: the drafts store whose code export carries and import restores (none: marks only).
 * `passing`: the passing-code store, carried the same way and cleared by `forget`.
 */
export function progress(store: Store, known?: ReadonlySet<string>, code?: Drafts, passing?: PassingCode): Progress {
  const listeners: Array<() => void> = [];
  const read = (): Record<string, { at: string }> => {
    const raw = store.get(KEY);
    if (raw === undefined) return {};
    try {
      const p = JSON.parse(raw) as { passed?: Record<string, { at: string }> };
      // ids saved before a lesson moved count for the lesson under its new id
      const all = Object.fromEntries(Object.entries(p.passed ?? {}).map(([id, v]) => [canonicalLessonId(id), v]));
      if (known === undefined) return all;
      return Object.fromEntries(Object.entries(all).filter(([id]) => known.has(id)));
    } catch {
      return {};
    }
  };
  const write = (passed: Record<string, { at: string }>) => {
    store.set(KEY, JSON.stringify({ passed }));
    for (const l of listeners) l();
  };
  return {
    passed: read,
    isPassed: (id) => canonicalLessonId(id) in read(),
    markPassed(lessonId) {
      const id = canonicalLessonId(lessonId);
      const p = read();
      if (id in p) return;
      p[id] = { at: new Date().toISOString() };
      write(p);
    },
    exportFile: () => {
      const drafts = code?.exportAll() ?? [];
      const passingCode = passing?.exportAll() ?? [];
      return {
        app: "informer-playground", version: 1, exportedAt: new Date().toISOString(), passed: read(),
        ...(drafts.length > 0 ? { drafts } : {}), ...(passingCode.length > 0 ? { passing: passingCode } : {}),
      };
    },
    importFile(json) {
      return this.importReport(json).passed;
    },
    importReport(json) {
      const file = parseProgressFile(json, known); // checks everything before anything is written
      const merged = { ...read(), ...file.passed };
      const done = code !== undefined && file.drafts !== undefined ? code.importAll(file.drafts) : { restored: 0, kept: 0 };
      const passed = passing !== undefined && file.passing !== undefined ? { passing: passing.importAll(file.passing) } : {};
      write(merged);
      return { passed: Object.keys(merged).length, ...done, ...passed };
    },
    forget() {
      store.remove(KEY);
      passing?.clear();
      for (const l of listeners) l();
    },
    onChange(cb) {
      listeners.push(cb);
    },
  };
}
