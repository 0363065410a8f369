/**
 * Issue 14 items 4 and 7: a progress file and a share link are untrusted input. Sizes are capped, ids are
 * checked against the course, share actions must be TimedOps the engine can apply, a bad address routes
 * to "not found".
 */
import { describe, expect, it } from "vitest";
import { MAX_PROGRESS_FILE, parseProgressFile, progress } from "../../../site/storage/progress";
import { decodeShare, encodeShare, isTimedOp } from "../../../site/storage/share";
import { openStore } from "../../../site/storage/store";
import { parseRoute } from "../../../site/shell/router";
import { memoryStorage } from "./memory-storage";

const file = (passed: unknown) => JSON.stringify({ app: "informer-playground", version: 1, exportedAt: "2026-01-01T00:00:00Z", passed });

describe("progress import", () => {
  it("refuses a file over the cap before parsing it", () => {
    expect(() => parseProgressFile(file({ junk: { at: "A".repeat(MAX_PROGRESS_FILE) } }))).toThrow(/too large/);
  });

  it("keeps only known lesson ids, and only ISO dates of at most 40 characters", () => {
    const known = new Set(["01-the-big-picture"]);
    const f = parseProgressFile(file({ "01-the-big-picture": { at: "<img src=x>" }, constructor: { at: "x" }, toString: {}, junk: { at: "2026-01-01T00:00:00Z" } }), known);
    expect(Object.keys(f.passed)).toEqual(["01-the-big-picture"]);
    expect(f.passed["01-the-big-picture"]!.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(() => parseProgressFile(file([{ at: "x" }]), known)).toThrow();
    const p = progress(openStore(() => memoryStorage()), known);
    expect(p.importFile(file({ "01-the-big-picture": { at: "2026-01-01T00:00:00.000Z" }, other: { at: "2026-01-01T00:00:00.000Z" } }))).toBe(1);
    p.forget();
    expect(p.passed()).toEqual({});
  });
});

describe("share links", () => {
  it("drops actions that are not TimedOps and counts them", () => {
    const good = [{ op: "fault", fault: "compact", at: 10 }, { op: "delete", resource: "pods", namespace: "default", name: "web-1", at: 5 },
      { op: "label", resource: "pods", name: "web-1", labels: { app: "x", gone: null }, at: 1 },
      { op: "create", resource: "pods", object: { metadata: { name: "a" } }, at: 2 }, { op: "slowHandler", handler: 0, delayMs: 2000, at: 3 },
      { op: "fault", fault: "partition", mode: "timeout", at: 4 }, { op: "bind", namespace: "default", name: "web-1", node: "node-a", at: 6 }];
    const bad = [5, null, { at: 100 }, { op: "nope", at: 1 }, { op: "fault", fault: "explode", at: 1 }, { op: "create", resource: "pods", object: null, at: 1 },
      { op: "label", resource: "pods", name: "x", labels: null, at: 1 }, { op: "fault", fault: "compact", at: -1 }, { op: "fault", fault: "compact", at: null }, { op: "fault", fault: "partition", mode: "explode", at: 1 }];
    for (const g of good) expect(isTimedOp(g), JSON.stringify(g)).toBe(true);
    for (const b of bad) expect(isTimedOp(b), JSON.stringify(b)).toBe(false);
    const d = decodeShare(encodeShare({ lesson: "sandbox", code: "x", actions: [...good, ...bad] as never, step: 0 }));
    expect(d?.actions.length).toBe(good.length);
    expect(d?.dropped).toBe(bad.length);
  });

  it("a malformed escape in the address routes to a lesson that does not exist, never throws", () => {
    expect(parseRoute("#/lesson/%E0%A4%A")).toEqual({ page: "lesson", id: "%E0%A4%A", share: undefined });
  });
});
