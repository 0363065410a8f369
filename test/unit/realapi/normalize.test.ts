// The differential harness's normalization and comparison (test/realapi), on hand-made transcripts:
// object RVs by first appearance, list/bookmark RVs as floors, uids, continue tokens, times, names.
import { describe, expect, it } from "vitest";
import { normalize } from "../../realapi/normalize.js";
import { compareTranscripts, report } from "../../realapi/compare.js";
import type { Entry } from "../../realapi/runner.js";

const obj = (name: string, rv: string, uid: string, extra: Record<string, unknown> = {}) => ({
  kind: "ConfigMap", metadata: { name, namespace: "rt-x-abc123", resourceVersion: rv, uid, creationTimestamp: "2026-12-06T06:00:00Z", ...extra },
});
const entry = (step: string, body: unknown, events?: unknown[]): Entry => ({
  step, note: step, request: { method: "GET", path: "/x" }, response: { status: 200, headers: {}, body }, ...(events ? { events } : {}),
});
const subs = [["rt-x-abc123", "<ns>"], ["abc123", "<run>"]] as const;

describe("normalize", () => {
  it("labels object RVs by first appearance and list/bookmark RVs as the newest object RV at or below", () => {
    const real = normalize([
      entry("0", obj("a", "100", "u-1")),
      entry("1", { kind: "ConfigMapList", metadata: { resourceVersion: "107", continue: "tok-9" }, items: [obj("a", "100", "u-1"), obj("b", "105", "u-2")] }),
      entry("2", "", [{ type: "BOOKMARK", object: { kind: "ConfigMap", metadata: { resourceVersion: "99" } } }]),
      entry("3", { kind: "Status", code: 410, message: "too old resource version: 100 (107)" }),
    ], subs);
    // The simulator's revision moves only for our writes: same relations, other numbers.
    const sim = normalize([
      entry("0", obj("a", "7", "x")),
      entry("1", { kind: "ConfigMapList", metadata: { resourceVersion: "8", continue: "other" }, items: [obj("a", "7", "x"), obj("b", "8", "y")] }),
      entry("2", "", [{ type: "BOOKMARK", object: { kind: "ConfigMap", metadata: { resourceVersion: "6" } } }]),
      entry("3", { kind: "Status", code: 410, message: "too old resource version: 7 (8)" }),
    ], subs);
    expect(compareTranscripts(real, sim)).toEqual([]);
    const list = real[1]?.response?.body as { metadata: Record<string, string>; items: { metadata: Record<string, string> }[] };
    expect(list.metadata).toEqual({ resourceVersion: "≥RV2", continue: "CONTINUE1" });
    expect(list.items.map((i) => [i.metadata.resourceVersion, i.metadata.uid, i.metadata.namespace, i.metadata.creationTimestamp]))
      .toEqual([["RV1", "UID1", "<ns>", "<time>"], ["RV2", "UID2", "<ns>", "<time>"]]);
    expect((real[2]?.events?.[0] as { object: { metadata: Record<string, string> } }).object.metadata.resourceVersion).toBe("≥RV0");
    expect((real[3]?.response?.body as { message: string }).message).toBe("too old resource version: ≥RV1 (≥RV2)");
  });

  it("keeps a generateName prefix and hides Table ages", () => {
    const [e] = normalize([entry("0", {
      kind: "Table", columnDefinitions: [{ name: "Name" }, { name: "Age" }],
      rows: [{ cells: ["gen-x7k2q", "12s"], object: obj("gen-x7k2q", "5", "u", { generateName: "gen-" }) }],
    })], subs);
    const t = e?.response?.body as { rows: { cells: string[]; object: { metadata: { name: string } } }[] };
    expect(t.rows[0]?.cells).toEqual(["gen-x7k2q", "<age>"]);
    expect(t.rows[0]?.object.metadata.name).toBe("gen-<random>");
  });
});

describe("compareTranscripts", () => {
  it("reports each differing path with both answers, and steps one side lacks", () => {
    const a = normalize([entry("0", { kind: "Status", code: 409, reason: "Conflict" }), entry("1", { a: [1, 2] })], subs);
    const b = normalize([entry("0", { kind: "Status", code: 409, reason: "AlreadyExists" }), entry("1", { a: [1] }), entry("2", {})], subs);
    const d = compareTranscripts(a, b);
    expect(d.map((x) => [x.step, x.path, x.a, x.b])).toEqual([
      ["0", "response.body.reason", "Conflict", "AlreadyExists"],
      ["1", "response.body.a", [1, 2], [1]],
      ["2", "", undefined, "(extra step)"],
    ]);
    expect(report("t", ["real", "sim"], d)).toContain('`response.body.reason`: real "Conflict" · sim "AlreadyExists"');
  });

  it("matches named list elements by name and reports a different order once", () => {
    const item = (name: string, v: string) => ({ metadata: { name }, data: { v } });
    const a = [entry("0", { items: [item("a", "1"), item("b", "1"), item("c", "1")] })];
    const b = [entry("0", { items: [item("b", "2"), item("a", "1"), item("d", "1")] })];
    expect(compareTranscripts(a, b).map((x) => [x.path, x.a, x.b])).toEqual([
      ["response.body.items[b].data.v", "1", "2"],
      ["response.body.items[c]", "(present)", undefined],
      ["response.body.items[d]", undefined, "(present)"],
      ["response.body.items(order)", ["a", "b"], ["b", "a"]],
    ]);
  });
});
