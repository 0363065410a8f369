/**
 * The accepted-differences list of the differential suite (accepted.ts): its path patterns, and the
 * verdict that passes only covered differences and reports entries that no longer match. Runs in
 * `npm test` (no server needed); the list itself is checked against real runs by differential.realapi.ts.
 */
import { describe, expect, it } from "vitest";
import { ACCEPTED, judge, matchesPath, type AcceptedDifference } from "./accepted.js";
import { SCENARIOS } from "./scenarios/index.js";

describe("accepted differences: path patterns", () => {
  it("** crosses segments, * stays in one, [] is any index or key, and a path covers what is below it", () => {
    expect(matchesPath("**.metadata.managedFields", "response.body.metadata.managedFields")).toBe(true);
    expect(matchesPath("**.metadata.managedFields", "response.body.items[s1].metadata.managedFields")).toBe(true);
    expect(matchesPath("**.metadata.managedFields", "events[2].object.metadata.managedFields[unknown].time")).toBe(true);
    expect(matchesPath("**.metadata.managedFields", "response.body.metadata.managedFieldsX")).toBe(false);
    expect(matchesPath("**.metadata.managedFields", "response.body.metadata.labels")).toBe(false);
    expect(matchesPath("response.body.*", "response.body.message")).toBe(true);
    expect(matchesPath("response.body.*", "response.body.details.causes")).toBe(true);   // below an accepted path
    expect(matchesPath("response.*.message", "response.body.details.message")).toBe(false);
    expect(matchesPath("events[].type", "events[3].type")).toBe(true);
    expect(matchesPath("events[].type", "events.length")).toBe(false);
    expect(matchesPath("response.body.resources[pods/exec]", "response.body.resources[pods/exec]")).toBe(true);
    expect(matchesPath("response.body.resources[pods/exec]", "response.body.resources[pods/log]")).toBe(false);
    expect(matchesPath("response", "response.status")).toBe(true);
    expect(matchesPath("response", "responseX")).toBe(false);
  });
});

describe("accepted differences: the verdict", () => {
  const entries: AcceptedDifference[] = [
    { id: "DX", scenarios: ["s"], paths: ["**.managedFields"], reason: "r" },
    { id: "DY", scenarios: ["s"], steps: ["3"], paths: ["response.status"], reason: "r" },
    { id: "DZ", scenarios: ["s", "t"], paths: ["end"], reason: "r" },
  ];
  it("accepts covered differences, keeps the others, and reports entries that matched nothing", () => {
    const v = judge("s", [
      { step: "0", path: "response.body.metadata.managedFields" },
      { step: "3", path: "response.status" },
      { step: "4", path: "response.status" },                        // DY is for step 3 only
    ], entries);
    expect(v.accepted.map((a) => a.entry.id)).toEqual(["DX", "DY"]);
    expect(v.unaccepted).toEqual([{ step: "4", path: "response.status" }]);
    expect(v.stale.map((e) => e.id)).toEqual(["DZ"]);
    expect(judge("t", [{ step: "1", path: "end" }], entries)).toMatchObject({ unaccepted: [], stale: [] });
    expect(judge("u", [{ step: "1", path: "end" }], entries).unaccepted).toHaveLength(1);   // not listed for u
  });
  it("every entry of the reviewed list names known scenarios, a D-number, paths and a reason", () => {
    const names = new Set(SCENARIOS.map((s) => s.name));
    for (const e of ACCEPTED) {
      expect(e.id).toMatch(/^D\d+$/);
      expect(e.scenarios.length).toBeGreaterThan(0);
      for (const s of e.scenarios) expect(names.has(s), `${e.id}: unknown scenario ${s}`).toBe(true);
      expect(e.paths.length).toBeGreaterThan(0);
      expect(e.reason.length).toBeGreaterThan(40);
    }
  });
});
