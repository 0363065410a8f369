/**
 * Issue 20 item 6 + the session-25 note: the passing-code store (the code of each lesson's latest passing
 * run, which a later lesson offers to start from) is part of the learner's progress. Export progress
 * carries it; Import restores it, checked like drafts (a bad entry rejects the file and writes nothing);
 * "Forget progress" clears it with the passed marks; the storage panel counts it as progress.
 */
import { describe, expect, it } from "vitest";
import { drafts as makeDrafts } from "../../../site/storage/drafts";
import { MAX_CODE, passingCode } from "../../../site/storage/passing-code";
import { progress as makeProgress, ProgressFileError } from "../../../site/storage/progress";
import { openStore } from "../../../site/storage/store";
import { storageUse } from "../../../site/shell/storage-panel";
import { memoryStorage } from "./memory-storage";

const KNOWN = new Set(["01-the-big-picture", "07-tombstones", "11-slow-handlers"]);
const STARTER = "export default function main() {}\n";

function browser() {
  const backing = memoryStorage();
  const store = openStore(() => backing);
  const drafts = makeDrafts(store);
  const passing = passingCode(store);
  const progress = makeProgress(store, KNOWN, drafts, passing);
  const snapshot = () => JSON.stringify([...Array(backing.length).keys()].map((i) => backing.key(i)).sort().map((k) => [k, backing.getItem(k!)]));
  return { store, drafts, passing, progress, snapshot };
}

const file = (extra: Record<string, unknown>) =>
  JSON.stringify({ app: "informer-playground", version: 1, exportedAt: "2026-01-01T00:00:00Z", passed: { "01-the-big-picture": { at: "2026-01-01T00:00:00Z" } }, ...extra });

describe("the passing code is part of the progress file", () => {
  it("export → import in another browser restores each lesson's passing code", () => {
    const a = browser();
    a.progress.markPassed("01-the-big-picture");
    a.passing.save("01-the-big-picture", "// the printer that passed 01 ✨\n");
    a.progress.markPassed("11-slow-handlers");
    a.passing.save("11-slow-handlers", "// two handlers, 第 11 课\n");
    const exported = a.progress.exportFile();
    expect(exported.passing?.map((p) => p.lesson)).toEqual(["01-the-big-picture", "11-slow-handlers"]);

    const b = browser();
    const report = b.progress.importReport(JSON.stringify(exported));
    expect(report.passing).toEqual({ restored: 2, kept: 0 });
    expect(b.passing.load("01-the-big-picture")?.code).toBe("// the printer that passed 01 ✨\n");
    expect(b.passing.load("11-slow-handlers")).toEqual(a.passing.load("11-slow-handlers")); // its time too
    expect(b.progress.isPassed("11-slow-handlers")).toBe(true);
    // the same file again changes nothing
    const before = b.snapshot();
    expect(b.progress.importReport(JSON.stringify(exported)).passing).toEqual({ restored: 2, kept: 0 });
    expect(b.snapshot()).toBe(before);
  });

  it("a file without passing code (an older export) imports as before; nothing to export means no key", () => {
    const b = browser();
    expect(b.progress.exportFile().passing).toBeUndefined();
    expect(b.progress.importReport(file({}))).toEqual({ passed: 1, restored: 0, kept: 0 });
    expect(b.passing.exportAll()).toEqual([]);
  });

  it("the passing code here that passed after the file's is kept", () => {
    const b = browser();
    b.passing.save("07-tombstones", "// passed here, today");
    const r = b.progress.importReport(file({ passing: [{ lesson: "07-tombstones", code: "// passed in 2020", at: "2020-01-01T00:00:00Z" }] }));
    expect(r.passing).toEqual({ restored: 0, kept: 1 });
    expect(b.passing.load("07-tombstones")?.code).toBe("// passed here, today");
    // … and an older one here is replaced by the file's newer one
    const c = browser();
    c.store.set("passed:07-tombstones", JSON.stringify({ code: "// old", at: "2020-01-01T00:00:00Z" }));
    c.progress.importReport(file({ passing: [{ lesson: "07-tombstones", code: "// newer", at: "2026-01-01T00:00:00Z" }] }));
    expect(c.passing.load("07-tombstones")).toEqual({ code: "// newer", at: "2026-01-01T00:00:00Z" });
  });

  it("a bad passing entry rejects the whole file with a reason, and nothing changes", () => {
    const good = { lesson: "01-the-big-picture", code: "// fine", at: "2026-01-01T00:00:00Z" };
    const cases: Array<[unknown, RegExp]> = [
      [[good, { ...good, lesson: "07-tombstones", code: 42 }], /passing\[1\] \(07-tombstones\): the code is not text/],
      [[{ ...good, code: "   " }], /the code is not text/],
      [[{ ...good, code: "x".repeat(MAX_CODE + 1) }], /at most 200000/],
      [[{ ...good, lesson: "../../x" }], /no valid lesson id/],
      [[{ ...good, at: "yesterday" }], /at is not a date/],
      [[{ ...good, at: undefined }], /at is not a date/],
      [[good, good], /a second passing code/],
      [["just a string"], /not an object/],
      [{ "01-the-big-picture": "// code" }, /passing: not a list/],
    ];
    for (const [passing, reason] of cases) {
      const b = browser();
      b.passing.save("11-slow-handlers", "// mine");
      b.drafts.save("01-the-big-picture", STARTER, "// my draft");
      const before = b.snapshot();
      const bad = file({ passing, drafts: [{ lesson: "07-tombstones", starter: "abc", code: "// would be written" }] });
      expect(() => b.progress.importReport(bad)).toThrow(ProgressFileError);
      expect(() => b.progress.importReport(bad)).toThrow(reason);
      expect(b.snapshot(), String(reason)).toBe(before);
    }
  });

  it("an entry for a lesson that does not exist is skipped, like a passed mark", () => {
    const b = browser();
    b.progress.importReport(file({ passing: [{ lesson: "99-no-such-lesson", code: "// lost", at: "2026-01-01T00:00:00Z" }] }));
    expect(b.store.keys().filter((k) => k.startsWith("passed:"))).toEqual([]);
  });

  it("Forget progress clears the passing code with the marks, and keeps the drafts", () => {
    const b = browser();
    b.progress.markPassed("01-the-big-picture");
    b.passing.save("01-the-big-picture", "// passed");
    b.drafts.save("01-the-big-picture", STARTER, "// draft");
    const use = storageUse(b.store);
    expect(use.other, "the passing code counts as progress in the storage panel").toBe(0);
    expect(use.progress).toBeGreaterThan(2 * "// passed".length);
    b.progress.forget();
    expect(b.progress.isPassed("01-the-big-picture")).toBe(false);
    expect(b.passing.load("01-the-big-picture")).toBeUndefined();
    expect(b.drafts.load("01-the-big-picture", STARTER)).toBe("// draft");
    expect(storageUse(b.store).progress).toBe(0);
  });
});
