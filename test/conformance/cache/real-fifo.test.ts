/** spec/client-go.md §12.B — RealFIFO (in-order, non-atomic) conformance scenarios 31–40. */
import { describe, expect, it } from "vitest";
import { FIFOClosedError, RealFIFO, type KeyListerGetter } from "../../../src/cache/index.js";
import { drain, known, newestRv, obj, popShown, showDeltas } from "./helpers.js";

const ko3 = (): KeyListerGetter => known(obj("foo", 5), obj("bar", 6), obj("baz", 7));

function popRvs(f: RealFIFO): Array<string | undefined> {
  const rvs: Array<string | undefined> = [];
  for (let d = f.pop(() => {}); d !== undefined; d = f.pop(() => {})) {
    expect(d).toHaveLength(1);
    rvs.push(newestRv(d));
  }
  return rvs;
}

describe("§12.B RealFIFO", () => {
  it("scenario 31: every event is its own entry, in arrival order (no line keeping)", () => {
    const f = new RealFIFO({ knownObjects: known() });
    f.add(obj("foo", 10));
    f.add(obj("bar", 1));
    f.add(obj("foo", 11));
    f.add(obj("foo", 13));
    f.add(obj("zab", 30));
    expect(f.listKeys()).toEqual(["foo", "bar", "foo", "foo", "zab"]);
    expect(popShown(f)).toEqual(["Added foo@10"]);
    f.add(obj("foo", 14));
    expect(popRvs(f)).toEqual(["1", "11", "13", "30", "14"]);
  });

  it("scenario 32: a delete of an unknown key is delivered", () => {
    const f = new RealFIFO({ knownObjects: known() });
    f.add(obj("foo", 10));
    f.update(obj("bar", 15));
    f.add(obj("qux", 17));
    f.delete(obj("qux", 18));
    f.delete(obj("baz", 20));
    expect(popRvs(f)).toEqual(["10", "15", "17", "18", "20"]);
  });

  it("scenario 33: synthetic deletions come before replaced items", () => {
    const f = new RealFIFO({ knownObjects: ko3() });
    f.delete(obj("baz", 10));
    f.replace([obj("foo", 5)], "0");
    expect(drain(f)).toEqual([["Deleted baz@10"], ["Deleted T(bar, bar@6)"], ["Replaced foo@5"]]);
  });

  it("scenario 34: a queued add missing from the list is followed by its tombstone", () => {
    const f = new RealFIFO({ knownObjects: ko3() });
    f.add(obj("baz", 10));
    f.replace([obj("foo", 5)], "0");
    expect(drain(f)).toEqual([["Added baz@10"], ["Deleted T(baz, baz@10)"], ["Deleted T(bar, bar@6)"], ["Replaced foo@5"]]);
  });

  it("scenario 35: the tombstone holds the last queued object of the key", () => {
    const f = new RealFIFO({ knownObjects: ko3() });
    f.delete(obj("bar", 6));
    f.add(obj("bar", 100));
    f.replace([obj("foo", 5)], "0");
    expect(drain(f)).toEqual([
      ["Deleted bar@6"],
      ["Added bar@100"],
      ["Deleted T(bar, bar@100)"],
      ["Deleted T(baz, baz@7)"],
      ["Replaced foo@5"],
    ]);
  });

  it("scenario 36: a second Replace tombstones what only the first listed", () => {
    const f = new RealFIFO({ knownObjects: ko3() });
    f.replace([obj("bar", 100), obj("foo", 5)], "0");
    f.replace([obj("foo", 5)], "0");
    expect(drain(f)).toEqual([
      ["Deleted T(baz, baz@7)"],
      ["Replaced bar@100"],
      ["Replaced foo@5"],
      ["Deleted T(bar, bar@100)"],
      ["Replaced foo@5"],
    ]);
  });

  it("scenario 37: a queued delete and a relist holding the key both stay queued", () => {
    const f = new RealFIFO({ knownObjects: known(obj("foo", 1)) });
    f.delete(obj("foo", 1));
    f.replace([obj("foo", 2)], "0");
    expect(drain(f)).toEqual([["Deleted foo@1"], ["Replaced foo@2"]]);
  });

  it("scenario 38: tombstones count toward the initial population; every pop is in the initial list", () => {
    const f = new RealFIFO({ knownObjects: ko3() });
    f.replace([obj("foo", 5)], "0");
    const pops: string[][] = [];
    const initial: boolean[] = [];
    for (let i = 0; i < 3; i++) {
      expect(f.hasSynced()).toBe(false);
      const d = f.pop((_deltas, isInInitialList) => initial.push(isInInitialList));
      pops.push(showDeltas(d) as string[]);
    }
    expect(pops).toEqual([["Deleted T(bar, bar@6)"], ["Deleted T(baz, baz@7)"], ["Replaced foo@5"]]);
    expect(initial).toEqual([true, true, true]);
    expect(f.hasSynced()).toBe(true);
  });

  describe("scenario 39: HasSynced counts entries, not keys", () => {
    it("Replace([a@1, a@2]) needs two pops (contrast scenario 23)", () => {
      const f = new RealFIFO({ knownObjects: known() });
      f.replace([obj("a", 1), obj("a", 2)], "0");
      expect(f.hasSynced()).toBe(false);
      f.pop(() => {});
      expect(f.hasSynced()).toBe(false);
      f.pop(() => {});
      expect(f.hasSynced()).toBe(true);
    });
    it("fresh ⇒ false; Add ⇒ true; Replace([]) ⇒ true; Replace([a, b]) ⇒ true after 2 pops", () => {
      expect(new RealFIFO({ knownObjects: known() }).hasSynced()).toBe(false);
      const added = new RealFIFO({ knownObjects: known() });
      added.add(obj("a", 1));
      expect(added.hasSynced()).toBe(true);
      const empty = new RealFIFO({ knownObjects: known() });
      empty.replace([], "0");
      expect(empty.hasSynced()).toBe(true);
      const two = new RealFIFO({ knownObjects: known() });
      two.replace([obj("a", 1), obj("b", 2)], "0");
      expect(two.hasSynced()).toBe(false);
      two.pop(() => {});
      expect(two.hasSynced()).toBe(false);
      two.pop(() => {});
      expect(two.hasSynced()).toBe(true);
    });
    it("synced becomes visible only after the last initial entry was processed", () => {
      const f = new RealFIFO({ knownObjects: known() });
      f.replace([obj("a", 1)], "0");
      let seenInside: boolean | undefined;
      f.pop(() => {
        seenInside = f.hasSynced();
      });
      expect(seenInside).toBe(false);
      expect(f.hasSynced()).toBe(true);
    });
  });

  it("scenario 40: an add then a relist holding the key deliver both, nothing else", () => {
    const f = new RealFIFO({ knownObjects: known() });
    f.add(obj("foo", 10));
    f.replace([obj("foo", 15)], "0");
    expect(drain(f)).toEqual([["Added foo@10"], ["Replaced foo@15"]]);
  });

  it("(code) works without knownObjects; close ⇒ closed error only when empty", () => {
    const f = new RealFIFO();
    f.add(obj("baz", 10));
    f.replace([obj("foo", 5)], "0");
    f.resync();
    f.close();
    expect([popShown(f), popShown(f), popShown(f)]).toEqual([["Added baz@10"], ["Deleted T(baz, baz@10)"], ["Replaced foo@5"]]);
    expect(() => f.pop(() => {})).toThrow(FIFOClosedError);
  });
});
