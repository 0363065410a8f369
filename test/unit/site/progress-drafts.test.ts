/**
 * Issue 21 item 13: Export progress carries the learner's code (drafts and the actions kept with them);
 * Import restores it, checked like a share link: a bad entry rejects the file and changes nothing; a
 * draft saved here after the file's copy is kept.
 */
import { describe, expect, it } from "vitest";
import { drafts as makeDrafts, MAX_DRAFT_CODE } from "../../../site/storage/drafts";
import { hashText } from "../../../site/storage/hash";
import { progress as makeProgress, ProgressFileError } from "../../../site/storage/progress";
import { openStore } from "../../../site/storage/store";
import { memoryStorage } from "./memory-storage";

const KNOWN = new Set(["01-the-big-picture", "05-indexer-and-listers"]);
const STARTER = "export default function main() {}\n";
const ACTION = { op: "fault", fault: "dropWatches", at: 3000, afterStep: 40 } as const;

function browser() {
  const backing = memoryStorage();
  const store = openStore(() => backing);
  const drafts = makeDrafts(store);
  const progress = makeProgress(store, KNOWN, drafts);
  const snapshot = () => JSON.stringify([...Array(backing.length).keys()].map((i) => backing.key(i)).sort().map((k) => [k, backing.getItem(k!)]));
  return { store, drafts, progress, snapshot };
}

describe("progress files carry the learner's code", () => {
  it("export → import in another browser restores passed marks, drafts and their actions", () => {
    const a = browser();
    a.progress.markPassed("01-the-big-picture");
    a.drafts.save("01-the-big-picture", STARTER, "// my 01 code ✨\n");
    a.drafts.saveActions("01-the-big-picture", STARTER, [ACTION]);
    a.drafts.save("sandbox", STARTER, "// sandbox 试验\n");
    const file = JSON.stringify(a.progress.exportFile());
    expect(JSON.parse(file).drafts).toHaveLength(2);

    const b = browser();
    expect(b.progress.importReport(file)).toEqual({ passed: 1, restored: 2, kept: 0 });
    expect(b.drafts.load("01-the-big-picture", STARTER)).toBe("// my 01 code ✨\n");
    expect(b.drafts.loadActions("01-the-big-picture", STARTER)).toEqual([ACTION]);
    expect(b.drafts.load("sandbox", STARTER)).toBe("// sandbox 试验\n");
    expect(b.progress.isPassed("01-the-big-picture")).toBe(true);
    // importing the same file again changes nothing and says the code is there
    const before = b.snapshot();
    expect(b.progress.importReport(file).restored).toBe(2);
    expect(b.snapshot()).toBe(before);
  });

  it("a draft saved here after the file's copy is kept (and counted)", () => {
    const file = JSON.stringify({ app: "informer-playground", version: 1, exportedAt: "2026-01-01T00:00:00Z", passed: {},
      drafts: [{ lesson: "05-indexer-and-listers", starter: hashText(STARTER), code: "// old", savedAt: "2026-01-01T00:00:00.000Z" }] });
    const b = browser();
    b.drafts.save("05-indexer-and-listers", STARTER, "// newer, written here");
    expect(b.progress.importReport(file)).toEqual({ passed: 0, restored: 0, kept: 1 });
    expect(b.drafts.load("05-indexer-and-listers", STARTER)).toBe("// newer, written here");
  });

  it("a bad draft entry rejects the whole file with a reason, and nothing changes", () => {
    const good = { lesson: "01-the-big-picture", starter: hashText(STARTER), code: "// fine" };
    const cases: Array<[unknown, RegExp]> = [
      [{ ...good, code: 42 }, /code is not text/],
      [{ ...good, code: "x".repeat(MAX_DRAFT_CODE + 1) }, /at most/],
      [{ ...good, starter: "../../etc" }, /starter hash/],
      [{ ...good, lesson: "<script>" }, /lesson id/],
      [{ ...good, savedAt: "yesterday" }, /savedAt/],
      [{ ...good, actions: [ACTION, { op: "fault", fault: "meteor", at: 1 }] }, /action 2 is not/],
      ["just a string", /not an object/],
    ];
    for (const [entry, reason] of cases) {
      const b = browser();
      b.drafts.save("01-the-big-picture", STARTER, "// mine");
      const before = b.snapshot();
      const file = JSON.stringify({ app: "informer-playground", version: 1, exportedAt: "x", passed: { "05-indexer-and-listers": { at: "2026-01-01T00:00:00Z" } }, drafts: [good, entry] });
      expect(() => b.progress.importReport(file)).toThrow(ProgressFileError);
      expect(() => b.progress.importReport(file)).toThrow(reason);
      expect(b.snapshot()).toBe(before);
    }
    const b = browser();
    expect(() => b.progress.importReport(JSON.stringify({ app: "informer-playground", version: 1, passed: {}, drafts: {} }))).toThrow(/drafts: not a list/);
  });

  it("unknown lessons are skipped; a file without drafts (an older export) imports as before", () => {
    const b = browser();
    const file = JSON.stringify({ app: "informer-playground", version: 1, exportedAt: "x", passed: { "01-the-big-picture": { at: "2026-01-01T00:00:00Z" } },
      drafts: [{ lesson: "99-no-such-lesson", starter: hashText(STARTER), code: "// lost" }] });
    expect(b.progress.importReport(file)).toEqual({ passed: 1, restored: 0, kept: 0 });
    expect(b.store.keys().filter((k) => k.startsWith("draft:"))).toEqual([]);
    expect(b.progress.importFile(JSON.stringify({ app: "informer-playground", version: 1, exportedAt: "x", passed: { "05-indexer-and-listers": { at: "2026-01-01T00:00:00Z" } } }))).toBe(2);
  });
});
