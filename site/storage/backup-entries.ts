/**
 * What the untrusted lists of a progress file (drafts, passing code) share: the list shape, each entry an
 * object with a lesson id, and ISO times. Used by drafts.ts and passing-code.ts (and progress.ts for the
 * time check).
 *
 * Contract:
 * - `eachBackupEntry(raw, field, visit)`: `undefined` visits nothing; anything but an array of at most
 *   1000 entries throws `${field}: …`; an entry that is not an object, or has no lesson id
 *   (`[\w-]{1,80}`), throws `${field}[i]: …`; every other entry is passed to `visit` with its place
 *   (`${field}[i]`) for the caller's own checks and error messages.
 * - `isIsoText(v)`: a string of at most 40 characters in ISO 8601 date-time form (Z or an offset).
 *   `isIsoDate(v)`: that, and `Date.parse` reads it.
 */
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const MAX_ENTRIES = 1000;

export type BackupEntry = Record<string, unknown> & { lesson: string };

export function eachBackupEntry(raw: unknown, field: string, visit: (entry: BackupEntry, where: string) => void): void {
  if (raw === undefined) return;
  if (!Array.isArray(raw)) throw new Error(`${field}: not a list`);
  if (raw.length > MAX_ENTRIES) throw new Error(`${field}: ${raw.length} entries (at most ${MAX_ENTRIES})`);
  raw.forEach((e: unknown, i) => {
    const where = `${field}[${i}]`;
    if (typeof e !== "object" || e === null || Array.isArray(e)) throw new Error(`${where}: not an object`);
    const d = e as Record<string, unknown>;
    if (typeof d["lesson"] !== "string" || !/^[\w-]{1,80}$/.test(d["lesson"])) throw new Error(`${where}: no valid lesson id`);
    visit(d as BackupEntry, where);
  });
}

export function isIsoText(v: unknown): v is string {
  return typeof v === "string" && v.length <= 40 && ISO.test(v);
}

export function isIsoDate(v: unknown): v is string {
  return isIsoText(v) && !Number.isNaN(Date.parse(v));
}
