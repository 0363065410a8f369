/** The command bar's session history (site/storage/command-history.ts): bounded, validated, walkable. */
import { describe, expect, it } from "vitest";
import { MAX_HISTORY, historyCursor, openCommandHistory } from "../../../site/storage/command-history.js";
import { openStore } from "../../../site/storage/store.js";
import { memoryStorage } from "./memory-storage";

describe("command history", () => {
  it("keeps lines across a re-open of the same storage, drops blanks and immediate repeats, keeps the last 50", () => {
    const backing = memoryStorage();
    const h = openCommandHistory(openStore(() => backing));
    h.push("get pods");
    h.push("  ");
    h.push("get pods");
    h.push("delete pod web-1");
    expect(openCommandHistory(openStore(() => backing)).lines()).toEqual(["get pods", "delete pod web-1"]);
    for (let i = 0; i < 60; i++) h.push(`get pod p-${i}`);
    expect(h.lines().length).toBe(MAX_HISTORY);
    expect(h.lines().at(-1)).toBe("get pod p-59");
  });

  it("ignores a stored value that is not a list of strings", () => {
    for (const bad of ["{", '{"a":1}', "[1,2]", '"x"']) {
      const h = openCommandHistory(openStore(() => memoryStorage({ "ip:v1:command-history": bad })));
      expect(h.lines()).toEqual([]);
    }
  });

  it("↑ walks back to the oldest, ↓ forward to the line being typed", () => {
    const h = openCommandHistory(openStore(() => memoryStorage()));
    for (const l of ["a", "b", "c"]) h.push(l);
    const c = historyCursor(h);
    expect(c.down()).toBeUndefined();
    expect([c.up("typing"), c.up(""), c.up(""), c.up("")]).toEqual(["c", "b", "a", undefined]);
    expect([c.down(), c.down(), c.down(), c.down()]).toEqual(["b", "c", "typing", undefined]);
  });
});
