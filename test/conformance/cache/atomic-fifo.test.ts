/** spec/client-go.md §12.B — RealFIFO atomic mode (AtomicFIFO) scenarios 41–43. */
import { describe, expect, it } from "vitest";
import { AtomicFIFO, RealFIFO, type AtomicDelta } from "../../../src/cache/index.js";
import { known, obj, show, type TestObj } from "./helpers.js";

function showEntry(e: AtomicDelta): string {
  switch (e.type) {
    case "ReplacedAll":
      return `ReplacedAll{${e.object.resourceVersion}, [${e.object.objects.map(show).join(", ")}]}`;
    case "Bookmark":
      return `Bookmark{${e.object.resourceVersion}}`;
    case "SyncAll":
      return "SyncAll";
    default:
      return `${e.type} ${show(e.object)}`;
  }
}
function drainAtomic(f: AtomicFIFO): string[] {
  const out: string[] = [];
  for (let d = f.pop(() => {}); d !== undefined; d = f.pop(() => {})) {
    expect(d).toHaveLength(1);
    out.push(showEntry(d[0]!));
  }
  return out;
}

describe("§12.B RealFIFO atomic mode", () => {
  it("scenario 41: each Replace is one ReplacedAll entry", () => {
    const f = new AtomicFIFO();
    const o = obj("o", 1);
    f.add(o);
    f.replace([o], "10");
    f.replace([o], "20");
    f.replace([], "56");
    expect(f.entriesInOrder().map(showEntry)).toEqual(["Added o@1", "ReplacedAll{10, [o@1]}", "ReplacedAll{20, [o@1]}", "ReplacedAll{56, []}"]);
    expect(f.listKeys()).toEqual(["o", "", "", ""]);
    expect(drainAtomic(f)).toEqual(["Added o@1", "ReplacedAll{10, [o@1]}", "ReplacedAll{20, [o@1]}", "ReplacedAll{56, []}"]);
  });

  it("scenario 42: atomic mode queues bookmarks; non-atomic ignores them", () => {
    const atomic = new AtomicFIFO();
    atomic.bookmark("123");
    atomic.replace([], "1234");
    expect(drainAtomic(atomic)).toEqual(["Bookmark{123}", "ReplacedAll{1234, []}"]);

    const real = new RealFIFO({ knownObjects: known() });
    real.bookmark("123");
    real.replace([], "0");
    real.replace([], "1");
    expect(real.listKeys()).toEqual([]);
    expect(real.pop(() => {})).toBeUndefined();
  });

  it("scenario 43: Resync is one SyncAll entry", () => {
    const f = new AtomicFIFO();
    f.add(obj("o", 1));
    f.resync();
    expect(drainAtomic(f)).toEqual(["Added o@1", "SyncAll"]);
  });

  it("(code) first Replace counts every queued entry; transformer runs once per list object", () => {
    let calls = 0;
    const f = new AtomicFIFO({ transformer: (o) => ({ ...(o as TestObj), transformed: ++calls }) });
    f.bookmark("1");
    f.replace([obj("a", 1), obj("b", 2)], "2");
    expect(calls).toBe(2);
    expect(f.hasSynced()).toBe(false);
    const initial: boolean[] = [];
    f.pop((_d, i) => initial.push(i));
    expect(f.hasSynced()).toBe(false);
    const [batch] = f.pop((_d, i) => initial.push(i))!;
    expect(initial).toEqual([true, true]);
    expect(f.hasSynced()).toBe(true);
    expect(batch!.type).toBe("ReplacedAll");
    expect((batch as { object: { objects: TestObj[] } }).object.objects.map((o) => o.transformed)).toEqual([1, 2]);
  });
});
