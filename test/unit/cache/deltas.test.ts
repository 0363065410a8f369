/** Deltas helpers: newest/oldest, resourceVersionOf, trace summaries. */
import { describe, expect, it } from "vitest";
import { DeletedFinalStateUnknown, newestDelta, oldestDelta, resourceVersionOf, summarizeDelta, summarizeDeltas, type Deltas } from "../../../src/cache/index.js";

const o = (rv: string) => ({ metadata: { name: "x", resourceVersion: rv } });

describe("deltas helpers", () => {
  it("newest and oldest", () => {
    const ds: Deltas = [{ type: "Added", object: o("1") }, { type: "Updated", object: o("2") }];
    expect(oldestDelta(ds)?.object).toEqual(o("1"));
    expect(newestDelta(ds)?.object).toEqual(o("2"));
    expect(newestDelta([])).toBeUndefined();
    expect(oldestDelta([])).toBeUndefined();
  });
  it("resourceVersionOf reads metadata, looks inside tombstones, '' otherwise", () => {
    expect(resourceVersionOf(o("7"))).toBe("7");
    expect(resourceVersionOf(new DeletedFinalStateUnknown("x", o("8")))).toBe("8");
    expect(resourceVersionOf(new DeletedFinalStateUnknown("x", null))).toBe("");
    expect(resourceVersionOf("key")).toBe("");
    expect(resourceVersionOf({ metadata: { resourceVersion: 5 } })).toBe("");
  });
  it("summaries flag tombstones only", () => {
    expect(summarizeDelta({ type: "Deleted", object: new DeletedFinalStateUnknown("x", o("3")) })).toEqual({ type: "Deleted", rv: "3", tombstone: true });
    expect(summarizeDeltas([{ type: "Sync", object: o("4") }])).toEqual([{ type: "Sync", rv: "4" }]);
    expect("tombstone" in summarizeDelta({ type: "Deleted", object: o("4") })).toBe(false);
  });
});
