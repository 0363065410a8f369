/** site/storage: drafts keyed by starter hash, the safe-boot marker, progress export/import, blocked storage. */
import { describe, expect, it } from "vitest";
import { drafts } from "../../../site/storage/drafts.js";
import { hashText } from "../../../site/storage/hash.js";
import { parseProgressFile, progress } from "../../../site/storage/progress.js";
import { openStore, PREFIX } from "../../../site/storage/store.js";

class MemoryStorage implements Storage {
  private m = new Map<string, string>();
  quota = Infinity;
  get length() { return this.m.size; }
  clear() { this.m.clear(); }
  getItem(k: string) { return this.m.get(k) ?? null; }
  key(i: number) { return [...this.m.keys()][i] ?? null; }
  removeItem(k: string) { this.m.delete(k); }
  setItem(k: string, v: string) {
    const used = [...this.m.values()].reduce((n, s) => n + s.length, 0);
    if (used + v.length > this.quota) throw new DOMException("full", "QuotaExceededError");
    this.m.set(k, v);
  }
}

describe("drafts", () => {
  it("a saved draft comes back for the same lesson and starter, and not once the starter changes", () => {
    const backing = new MemoryStorage();
    const d = drafts(openStore(() => backing));
    d.save("01-x", "starter v1", "my code");
    expect(drafts(openStore(() => backing)).load("01-x", "starter v1")).toBe("my code");
    expect(d.load("01-x", "starter v2")).toBeUndefined();
    expect(d.load("02-y", "starter v1")).toBeUndefined();
    expect(backing.getItem(`${PREFIX}draft:01-x:${hashText("starter v1")}`)).toContain("my code");
  });

  it("saving the starter itself removes the draft (reset)", () => {
    const d = drafts(openStore(() => new MemoryStorage()));
    d.save("01-x", "s", "edited");
    d.save("01-x", "s", "s");
    expect(d.load("01-x", "s")).toBeUndefined();
  });

  it("a run that did not finish marks exactly that code, until a run finishes", () => {
    const backing = new MemoryStorage();
    const d = drafts(openStore(() => backing));
    d.markRunStarted("01-x", "while (true) {}");
    const afterReload = drafts(openStore(() => backing));
    expect(afterReload.lastRunUnfinished("01-x", "while (true) {}")).toBe(true);
    expect(afterReload.lastRunUnfinished("01-x", "fixed code")).toBe(false);
    expect(afterReload.lastRunUnfinished("02-y", "while (true) {}")).toBe(false);
    afterReload.markRunFinished("01-x");
    expect(afterReload.lastRunUnfinished("01-x", "while (true) {}")).toBe(false);
  });
});

describe("progress", () => {
  it("exports a file that imports into a fresh browser, merging with what is there", () => {
    const a = progress(openStore(() => new MemoryStorage()));
    a.markPassed("01-the-big-picture");
    a.markPassed("02-list-then-watch");
    const file = JSON.stringify(a.exportFile());
    const b = progress(openStore(() => new MemoryStorage()));
    b.markPassed("05-indexer-and-listers");
    expect(b.importFile(file)).toBe(3);
    expect(b.isPassed("01-the-big-picture")).toBe(true);
    expect(b.isPassed("05-indexer-and-listers")).toBe(true);
    expect(b.isPassed("03-reflector-under-stress")).toBe(false);
  });

  it("rejects files that are not progress files", () => {
    expect(() => parseProgressFile("not json")).toThrow();
    expect(() => parseProgressFile(JSON.stringify({ app: "other", version: 1, passed: {} }))).toThrow();
    expect(() => parseProgressFile(JSON.stringify({ app: "informer-playground", version: 2, passed: {} }))).toThrow();
  });
});

describe("store", () => {
  it("reports unavailable storage and keeps working in memory for the tab", () => {
    const problems: string[] = [];
    const store = openStore(() => {
      throw new DOMException("blocked", "SecurityError");
    });
    store.onProblem((p) => problems.push(p));
    expect(store.persistent).toBe(false);
    store.set("k", "v");
    expect(store.get("k")).toBe("v");
    expect(problems).toEqual(["unavailable"]);
  });

  it("reports a full storage once a write fails, and still answers from memory", () => {
    const backing = new MemoryStorage();
    const store = openStore(() => backing);
    const problems: string[] = [];
    store.onProblem((p) => problems.push(p));
    backing.quota = 10;
    store.set("big", "x".repeat(100));
    expect(problems).toEqual(["quota"]);
    expect(store.get("big")).toBe("x".repeat(100));
  });
});
