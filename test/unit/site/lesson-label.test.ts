/** Lesson numbers as shown (site/lessons/label.ts, issue 20 item 7): a split lesson's halves are 04a, 04b. */
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lessonLabels, shortLabel } from "../../../site/lessons/label.js";

describe("lessonLabels", () => {
  it("a lesson alone at its number shows the number; lessons sharing one are lettered in id order", () => {
    const labels = lessonLabels(["05-indexer", "04-replace-and-resync", "03-wait", "04-deltafifo"]);
    expect(Object.fromEntries(labels)).toEqual({
      "03-wait": "03", "04-deltafifo": "04a", "04-replace-and-resync": "04b", "05-indexer": "05",
    });
    expect(["04a", "04b", "12", "03"].map(shortLabel)).toEqual(["4a", "4b", "12", "3"]);
  });

  it("the course's lessons have distinct labels, and every split lesson's first half is the older id", () => {
    const ids = readdirSync("lessons").filter((n) => /^\d\d-/.test(n));
    const labels = lessonLabels(ids);
    expect(new Set(labels.values()).size).toBe(ids.length);
    expect(labels.get("04-deltafifo")).toBe("04a");
    expect(labels.get("04-replace-and-resync")).toBe("04b");
  });
});
