/** spec/client-go.md §12.A — DeltaFIFO conformance scenarios 1–30 (29–30: the classic ≤1.32 requeue API). */
import { describe, expect, it } from "vitest";
import { DeletedFinalStateUnknown, DeltaFIFO, FIFOClosedError, KeyError, RequeueError, type KeyListerGetter } from "../../../src/cache/index.js";
import { drain, known, newestRv, obj, popShown, show, showDeltas, tomb, type TestObj } from "./helpers.js";

/** Scenarios 6, 7, 10, 11 run with KO = {} and with no KO, like the upstream table test. */
const bothSetups: Array<[string, () => KeyListerGetter | undefined]> = [
  ["KO = {}", () => known()],
  ["no KO", () => undefined],
];

describe("§12.A DeltaFIFO", () => {
  it("scenario 1: add, update, delete of one key pop as one Deltas list", () => {
    const f = new DeltaFIFO();
    f.add(obj("foo", 10));
    f.update(obj("foo", 12));
    f.delete(obj("foo", 15));
    expect(f.list().map(show)).toEqual(["foo@15"]);
    expect(f.listKeys()).toEqual(["foo"]);
    expect(popShown(f)).toEqual(["Added foo@10", "Updated foo@12", "Deleted foo@15"]);
    expect(f.pop(() => {})).toBeUndefined();
    expect(f.getByKey("foo")).toBeUndefined();
  });

  it("scenario 2: a queued key keeps its place; a re-added key goes to the back (line jumpers)", () => {
    const f = new DeltaFIFO();
    f.add(obj("foo", 10));
    f.add(obj("bar", 1));
    f.add(obj("foo", 11));
    f.add(obj("foo", 13));
    f.add(obj("zab", 30));
    const first = f.pop(() => {});
    expect(newestRv(first)).toBe("13");
    expect(showDeltas(first)).toEqual(["Added foo@10", "Added foo@11", "Added foo@13"]);
    f.add(obj("foo", 14));
    expect(popShown(f)).toEqual(["Added bar@1"]);
    expect(popShown(f)).toEqual(["Added zab@30"]);
    expect(popShown(f)).toEqual(["Added foo@14"]);
    expect(f.pop(() => {})).toBeUndefined();
  });

  it("scenario 3: without knownObjects, a delete of a never-seen key is dropped", () => {
    const f = new DeltaFIFO();
    f.add(obj("foo", 10));
    f.update(obj("bar", 15));
    f.add(obj("qux", 17));
    f.delete(obj("qux", 18));
    f.delete(obj("baz", 20));
    const rvs: Array<string | undefined> = [];
    for (let d = f.pop(() => {}); d !== undefined; d = f.pop(() => {})) rvs.push(newestRv(d));
    expect(rvs).toEqual(["10", "15", "18"]);
  });

  it("scenario 4: with knownObjects, a delete of a known key is accepted", () => {
    const f = new DeltaFIFO({ knownObjects: known(obj("foo", 5), obj("bar", 6), obj("baz", 7)) });
    f.add(obj("foo", 10));
    f.update(obj("bar", 15));
    f.delete(obj("baz", 20));
    const rvs: Array<string | undefined> = [];
    for (let d = f.pop(() => {}); d !== undefined; d = f.pop(() => {})) rvs.push(newestRv(d));
    expect(rvs).toEqual(["10", "15", "20"]);
  });

  it("scenario 5: KO = {}: add then delete of a queued key keeps both deltas, last Deleted", () => {
    const f = new DeltaFIFO({ knownObjects: known() });
    f.add(obj("foo", 5));
    f.delete(obj("foo", 6));
    expect(showDeltas(f.getByKey("foo"))).toEqual(["Added foo@5", "Deleted foo@6"]);
  });

  for (const [setup, ko] of bothSetups) {
    describe(setup, () => {
      it("scenario 6: Replace([]) tombstones a key that exists only in the queue", () => {
        const f = new DeltaFIFO({ knownObjects: ko() });
        f.add(obj("foo", 2));
        f.replace([], "0");
        expect(drain(f)).toEqual([["Added foo@2", "Deleted T(foo, foo@2)"]]);
      });

      it("scenario 7: the relist tombstone is absorbed by a queued real delete", () => {
        const f = new DeltaFIFO({ knownObjects: ko() });
        f.add(obj("foo", 2));
        f.delete(obj("foo", 2));
        f.replace([], "0");
        expect(drain(f)).toEqual([["Added foo@2", "Deleted foo@2"]]);
      });

      it("scenario 8: emitReplaced: Replace([foo]) then Replace([]) ⇒ Replaced then tombstone", () => {
        const f = new DeltaFIFO({ knownObjects: ko(), emitDeltaTypeReplaced: true });
        f.add(obj("foo", 2));
        f.replace([obj("foo", 2)], "0");
        f.replace([], "0");
        expect(drain(f)).toEqual([["Added foo@2", "Replaced foo@2", "Deleted T(foo, foo@2)"]]);
      });

      it("scenario 9: repeated Sync deltas are not collapsed", () => {
        const f = new DeltaFIFO({ knownObjects: ko() });
        f.add(obj("foo", 2));
        f.replace([obj("foo", 2)], "0");
        f.replace([obj("foo", 2)], "0");
        f.replace([], "0");
        expect(drain(f)).toEqual([["Added foo@2", "Sync foo@2", "Sync foo@2", "Deleted T(foo, foo@2)"]]);
      });

      it("scenario 10: two relists that both miss a key leave a single tombstone", () => {
        const f = new DeltaFIFO({ knownObjects: ko() });
        f.add(obj("foo", 2));
        f.replace([], "0");
        f.replace([], "0");
        expect(drain(f)).toEqual([["Added foo@2", "Deleted T(foo, foo@2)"]]);
      });

      it("scenario 11: only adjacent deletes collapse; the tombstone holds the newest queued object", () => {
        const f = new DeltaFIFO({ knownObjects: ko() });
        f.add(obj("foo", 2));
        f.delete(obj("foo", 2));
        f.add(obj("foo", 3));
        f.replace([], "0");
        expect(drain(f)).toEqual([["Added foo@2", "Deleted foo@2", "Added foo@3", "Deleted T(foo, foo@3)"]]);
      });
    });
  }

  it("scenario 12: a queued delete followed by a relist that has the key keeps both (issue 83810)", () => {
    const f = new DeltaFIFO({ knownObjects: known(obj("foo", 1)) });
    f.delete(obj("foo", 1));
    f.replace([obj("foo", 2)], "0");
    expect(drain(f)).toEqual([["Deleted foo@1", "Sync foo@2"]]);
  });

  const ko3 = (): KeyListerGetter => known(obj("foo", 5), obj("bar", 6), obj("baz", 7));

  it("scenario 13: Replace tombstones known keys missing from the list; a queued delete stays real", () => {
    const f = new DeltaFIFO({ knownObjects: ko3() });
    f.delete(obj("baz", 10));
    f.replace([obj("foo", 5)], "0");
    expect(drain(f)).toEqual([["Deleted baz@10"], ["Sync foo@5"], ["Deleted T(bar, bar@6)"]]);
  });

  it("scenario 14: a queued add of a key missing from the list gets a tombstone with the queued object", () => {
    const f = new DeltaFIFO({ knownObjects: ko3() });
    f.add(obj("baz", 10));
    f.replace([obj("foo", 5)], "0");
    expect(drain(f)).toEqual([["Added baz@10", "Deleted T(baz, baz@10)"], ["Sync foo@5"], ["Deleted T(bar, bar@6)"]]);
  });

  it("scenario 15: the tombstone uses the newer queued object, not the cache's", () => {
    const f = new DeltaFIFO({ knownObjects: ko3() });
    f.delete(obj("bar", 6));
    f.add(obj("bar", 100));
    f.replace([obj("foo", 5)], "0");
    expect(drain(f)).toEqual([
      ["Deleted bar@6", "Added bar@100", "Deleted T(bar, bar@100)"],
      ["Sync foo@5"],
      ["Deleted T(baz, baz@7)"],
    ]);
  });

  it("scenario 16: a second Replace tombstones a key only its predecessor listed", () => {
    const f = new DeltaFIFO({ knownObjects: ko3() });
    f.replace([obj("bar", 100), obj("foo", 5)], "0");
    f.replace([obj("foo", 5)], "0");
    expect(drain(f)).toEqual([
      ["Sync bar@100", "Deleted T(bar, bar@100)"],
      ["Sync foo@5", "Sync foo@5"],
      ["Deleted T(baz, baz@7)"],
    ]);
  });

  it("scenario 17: without knownObjects, Replace still tombstones queue-only keys", () => {
    const f = new DeltaFIFO();
    f.add(obj("baz", 10));
    f.replace([obj("foo", 5)], "0");
    expect(drain(f)).toEqual([["Added baz@10", "Deleted T(baz, baz@10)"], ["Sync foo@5"]]);
  });

  it("scenario 18: emitReplaced: list items queue as Replaced", () => {
    const f = new DeltaFIFO({ knownObjects: ko3(), emitDeltaTypeReplaced: true });
    f.delete(obj("baz", 10));
    f.replace([obj("foo", 6)], "0");
    expect(drain(f)).toEqual([["Deleted baz@10"], ["Replaced foo@6"], ["Deleted T(bar, bar@6)"]]);
  });

  it("scenario 19: emitReplaced, nothing missing ⇒ no deletions", () => {
    const f = new DeltaFIFO({ knownObjects: known(obj("foo", 5)), emitDeltaTypeReplaced: true });
    f.replace([obj("foo", 5)], "0");
    expect(drain(f)).toEqual([["Replaced foo@5"]]);
  });

  it("scenario 20: Resync queues Sync with the known object", () => {
    const f = new DeltaFIFO({ knownObjects: known(obj("foo", 5)) });
    f.resync();
    expect(showDeltas(f.getByKey("foo"))).toEqual(["Sync foo@5"]);
  });

  it("scenario 21: Resync skips a key that already has queued deltas", () => {
    const f = new DeltaFIFO({ knownObjects: known(obj("foo", 5)) });
    f.update(obj("foo", 6));
    f.resync();
    expect(drain(f)).toEqual([["Updated foo@6"]]);
  });

  it("scenario 22: Resync after a queued delete adds nothing", () => {
    const f = new DeltaFIFO({ knownObjects: known(obj("foo", 5)) });
    f.delete(obj("foo", 10));
    f.resync();
    expect(showDeltas(f.getByKey("foo"))).toEqual(["Deleted foo@10"]);
  });

  describe("scenario 23: HasSynced by initial population", () => {
    it("fresh FIFO ⇒ false", () => {
      expect(new DeltaFIFO().hasSynced()).toBe(false);
    });
    it("Add a@1 ⇒ true", () => {
      const f = new DeltaFIFO();
      f.add(obj("a", 1));
      expect(f.hasSynced()).toBe(true);
    });
    it("Replace([]) ⇒ true", () => {
      const f = new DeltaFIFO();
      f.replace([], "0");
      expect(f.hasSynced()).toBe(true);
    });
    it("Replace([a@1, b@2]) ⇒ false, after 1 pop false, after 2 pops true", () => {
      const f = new DeltaFIFO();
      f.replace([obj("a", 1), obj("b", 2)], "0");
      expect(f.hasSynced()).toBe(false);
      f.pop(() => {});
      expect(f.hasSynced()).toBe(false);
      f.pop(() => {});
      expect(f.hasSynced()).toBe(true);
    });
    it("Replace([a@1, a@2]) + 1 pop ⇒ true (distinct keys)", () => {
      const f = new DeltaFIFO();
      f.replace([obj("a", 1), obj("a", 2)], "0");
      expect(f.hasSynced()).toBe(false);
      expect(popShown(f)).toEqual(["Sync a@1", "Sync a@2"]);
      expect(f.hasSynced()).toBe(true);
    });
  });

  it("scenario 24: tombstones count toward the initial population", () => {
    const f = new DeltaFIFO({ knownObjects: ko3() });
    f.replace([obj("foo", 5)], "0");
    const pops: string[][] = [];
    const initial: boolean[] = [];
    for (let i = 0; i < 3; i++) {
      expect(f.hasSynced()).toBe(false);
      const d = f.pop((_deltas, isInInitialList) => initial.push(isInInitialList));
      pops.push(showDeltas(d) as string[]);
    }
    expect(pops).toEqual([["Sync foo@5"], ["Deleted T(bar, bar@6)"], ["Deleted T(baz, baz@7)"]]);
    expect(initial).toEqual([true, true, true]);
    expect(f.hasSynced()).toBe(true);
  });

  it("scenario 25: pops waiting on an empty FIFO all get the closed error after Close", () => {
    const f = new DeltaFIFO();
    for (let i = 0; i < 10; i++) expect(f.pop(() => {})).toBeUndefined(); // Go would block here
    f.close();
    expect(f.isClosed()).toBe(true);
    for (let i = 0; i < 10; i++) {
      expect(() => f.pop(() => {})).toThrow(FIFOClosedError);
      expect(() => f.pop(() => {})).toThrow(/closed queue/);
    }
  });

  it("scenario 26: a closed FIFO still hands out what it holds, then errors", () => {
    const f = new DeltaFIFO();
    f.add(obj("foo", 1));
    f.close();
    expect(popShown(f)).toEqual(["Added foo@1"]);
    expect(() => f.pop(() => {})).toThrow(FIFOClosedError);
  });

  it("scenario 27: KeyOf of an explicit key, a tombstone, Deltas and Deltas holding a tombstone", () => {
    const f = new DeltaFIFO();
    expect(f.keyOf("A")).toBe("A");
    expect(f.keyOf(tomb("B", null))).toBe("B");
    expect(f.keyOf([{ type: "Added", object: obj("C", 1) }])).toBe("C");
    expect(f.keyOf([{ type: "Deleted", object: tomb("D", null) }])).toBe("D");
    expect(() => f.keyOf([])).toThrow(/0 length Deltas/);
  });

  it("scenario 28: the transformer runs exactly once per object, never on a tombstone", () => {
    const passed: unknown[] = [];
    const f = new DeltaFIFO({
      transformer: (o) => {
        passed.push(o);
        const t = o as TestObj;
        t.transformed = (t.transformed ?? 0) + 1;
        return t;
      },
    });
    f.add(obj("foo", 10));
    f.add(obj("bar", 11));
    f.update(obj("foo", 12));
    f.delete(obj("foo", 15));
    f.replace([], "0");
    f.add(obj("bar", 16));
    f.replace([], "0");
    expect(f.listKeys()).toEqual(["foo", "bar"]);
    expect(passed.some((o) => o instanceof DeletedFinalStateUnknown)).toBe(false);

    const foo = f.pop(() => {})!;
    const fooNewest = foo[foo.length - 1]!.object as TestObj;
    expect(show(fooNewest)).toBe("foo@15");
    expect(fooNewest.transformed).toBe(1);
    for (const d of foo) expect((d.object as TestObj).transformed).toBe(1);

    const bar = f.pop(() => {})!;
    const barNewest = bar[bar.length - 1]!.object;
    expect(barNewest).toBeInstanceOf(DeletedFinalStateUnknown);
    const inner = (barNewest as DeletedFinalStateUnknown).obj as TestObj;
    expect(show(barNewest)).toBe("T(bar, bar@16)");
    expect(inner.transformed).toBe(1);
  });

  it("scenario 29: a process that requeues keeps the key queued; the inner error is returned", () => {
    const f = new DeltaFIFO();
    f.add(obj("foo", 1));
    expect(showDeltas(f.pop(() => {
      throw new RequeueError();
    }))).toEqual(["Added foo@1"]);
    expect(f.listKeys()).toEqual(["foo"]);
    const inner = new Error("X");
    expect(() => f.pop(() => {
      throw new RequeueError(inner);
    })).toThrow(inner);
    expect(f.listKeys()).toEqual(["foo"]);
    expect(popShown(f)).toEqual(["Added foo@1"]);
    expect(f.listKeys()).toEqual([]);
  });

  it("scenario 30: addIfNotPresent ignores keys with queued deltas and appends the others", () => {
    const f = new DeltaFIFO();
    expect(() => f.addIfNotPresent([])).toThrow(KeyError);
    expect(() => f.addIfNotPresent([])).toThrow(/0 length Deltas/);
    f.add(obj("b", 3));
    const db = f.pop(() => {})!;
    f.add(obj("c", 4));
    const dc = f.pop(() => {})!;
    expect(f.pop(() => {})).toBeUndefined();
    f.add(obj("a", 1));
    f.add(obj("b", 2));
    f.addIfNotPresent(db);
    f.addIfNotPresent(dc);
    expect(f.listKeys()).toEqual(["a", "b", "c"]);
    const rvs: Array<string | undefined> = [];
    for (let d = f.pop(() => {}); d !== undefined; d = f.pop(() => {})) rvs.push(newestRv(d));
    expect(rvs).toEqual(["1", "2", "4"]);
  });
});
