// The bench's own tools: the pipeline floors compute what every contender must (their counts and final
// cache are checked by the workload's verify), and the callgrind reader charges JIT code to the perf
// map's names and skips the inclusive cost of calls.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
// @ts-expect-error plain .mjs bench module, no declarations
import { attribute, selfCosts } from "../../../bench/lib/callgrind.mjs";

const contender = (file: string): string => fileURLToPath(new URL(`../../../bench/contenders/${file}`, import.meta.url));

function run(file: string, workload: string): { problems: string[]; events: number } {
  const out = execFileSync(process.execPath, [contender(file), workload, JSON.stringify({ n: 300, m: 3000, warmup: 1 })], { encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").at(-1) as string) as { problems: string[]; events: number };
}

describe("pipeline floors", () => {
  it.each([["pipeline-floor.mjs", "W1"], ["pipeline-floor.mjs", "W2"], ["pipeline-floor.mjs", "W3"], ["pipeline-floor.mjs", "W4"],
           ["pipeline-floor-nested.mjs", "W1"], ["pipeline-floor-nested.mjs", "W3"]])("%s %s: counts and final cache as generated", (file, workload) => {
    const r = run(file, workload);
    expect(r.problems).toEqual([]);
    expect(r.events).toBeGreaterThan(0);
  });
});

describe("callgrind self costs", () => {
  const profile = [
    "version: 1", "positions: instr line", "events: Ir",
    "fn=Builtins_MapPrototypeSet", "0x10 0 5", "0x11 0 7",
    "fn=0x0000000000001000", "0x1000 0 3", "0x1008 0 4",
    "cfn=Builtins_MapPrototypeSet", "calls=1 0x10 0", "0x1008 0 12",
    "fn=0x0000000000002000", "0x2004 0 9",
    "summary: 28",
  ].join("\n");

  it("reads self costs, skipping a call's inclusive cost", () => {
    const p = selfCosts(profile) as { byName: Map<string, number>; byAddress: Map<number, number> };
    expect(p.byName.get("Builtins_MapPrototypeSet")).toBe(12);
    expect(p.byAddress.get(0x1000)).toBe(3);
    expect(p.byAddress.get(0x1008)).toBe(4);
    expect(p.byAddress.get(0x2004)).toBe(9);
  });

  it("names JIT code by the perf map's newest range, tiers folded", () => {
    const ranges = [
      { start: 0x1000, end: 0x1010, name: "JS:^onWatchEvent file:///x/engine.mjs:1:1", order: 0 },
      { start: 0x1000, end: 0x1010, name: "JS:*onWatchEvent file:///x/engine.mjs:1:1", order: 1 },
    ];
    const byFn = attribute(selfCosts(profile), ranges) as Map<string, number>;
    expect(byFn.get("JS onWatchEvent engine.mjs:1:1")).toBe(7);
    expect(byFn.get("(JIT code not in the perf map)")).toBe(9);
    expect(byFn.get("Builtins_MapPrototypeSet")).toBe(12);
  });
});
