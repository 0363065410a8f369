/** The passing-code store and the "Start from your lesson N code" offer (issue 20 item 6). */
import { describe, expect, it } from "vitest";
import { MAX_CODE, passingCode } from "../../../site/storage/passing-code.js";
import { openStore, PREFIX } from "../../../site/storage/store.js";
import { startFromOffer } from "../../../site/shell/lesson/start-from.js";
import { memoryStorage } from "./memory-storage";

describe("passing code", () => {
  it("keeps the code of the latest passing run per lesson, under the lesson's current id", () => {
    const backing = memoryStorage();
    const p = passingCode(openStore(() => backing));
    expect(p.load("07-tombstones")).toBeUndefined();
    p.save("07-tombstones", "first pass");
    p.save("07-tombstones", "second pass");
    expect(p.load("07-tombstones")?.code).toBe("second pass");
    // a lesson that moved (router LESSON_ALIASES: 10-wait-for-cache-sync is now 03-…) is one entry
    p.save("10-wait-for-cache-sync", "old id");
    expect(p.load("03-wait-for-cache-sync")?.code).toBe("old id");
    expect(passingCode(openStore(() => backing)).load("07-tombstones")?.code).toBe("second pass");
  });

  it("reads a broken or oversized entry as none, and does not save empty or oversized code", () => {
    const backing = memoryStorage();
    const p = passingCode(openStore(() => backing));
    backing.setItem(`${PREFIX}passed:01-the-big-picture`, "{not json");
    expect(p.load("01-the-big-picture")).toBeUndefined();
    backing.setItem(`${PREFIX}passed:01-the-big-picture`, JSON.stringify({ code: 42, at: "x" }));
    expect(p.load("01-the-big-picture")).toBeUndefined();
    backing.setItem(`${PREFIX}passed:01-the-big-picture`, JSON.stringify({ code: "x".repeat(MAX_CODE + 1), at: "x" }));
    expect(p.load("01-the-big-picture")).toBeUndefined();
    p.save("02-list-then-watch", "   ");
    p.save("02-list-then-watch", "y".repeat(MAX_CODE + 1));
    expect(backing.getItem(`${PREFIX}passed:02-list-then-watch`)).toBeNull();
  });
});

describe("start from your own code", () => {
  const ids = ["01-the-big-picture", "06-event-handlers", "07-tombstones", "08-resync"];
  const setup = (passed: string[], stored: Record<string, string>) => {
    const p = passingCode(openStore(() => memoryStorage()));
    for (const [id, code] of Object.entries(stored)) p.save(id, code);
    return { ids, isPassed: (id: string) => passed.includes(id), passing: p };
  };
  const lesson = { id: "08-resync", startsFrom: "tombstones" };

  it("offers the code that passed the lesson this one grows from, with its number", () => {
    const offer = startFromOffer({ ...setup(["07-tombstones"], { "07-tombstones": "my lesson 7 code" }), lesson, current: "STARTER", starter: "STARTER" });
    expect(offer).toEqual({ n: 7, fromId: "07-tombstones", code: "my lesson 7 code" });
  });

  it("offers nothing without a chain, a pass, a stored code, or over the learner's own draft", () => {
    const s = setup(["07-tombstones"], { "07-tombstones": "my lesson 7 code" });
    expect(startFromOffer({ ...s, lesson: { id: "08-resync" }, current: "S", starter: "S" })).toBeUndefined();
    expect(startFromOffer({ ...s, lesson: undefined, current: "S", starter: "S" })).toBeUndefined();
    expect(startFromOffer({ ...s, lesson, current: "my draft", starter: "S" })).toBeUndefined();
    expect(startFromOffer({ ...s, lesson, current: "my lesson 7 code", starter: "my lesson 7 code" })).toBeUndefined();
    expect(startFromOffer({ ...setup([], { "07-tombstones": "code" }), lesson, current: "S", starter: "S" })).toBeUndefined();
    expect(startFromOffer({ ...setup(["07-tombstones"], {}), lesson, current: "S", starter: "S" })).toBeUndefined();
    expect(startFromOffer({ ...s, lesson: { id: "08-resync", startsFrom: "no-such" }, current: "S", starter: "S" })).toBeUndefined();
  });
});
