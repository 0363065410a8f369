/** Long queues: popping stays in order across the head-index compaction of all three FIFOs. */
import { describe, expect, it } from "vitest";
import { AtomicFIFO, DeltaFIFO, RealFIFO, type Delta } from "../../../src/cache/index.js";
import { obj, type TestObj } from "../../conformance/cache/helpers.js";

const nameOf = (d: { object: unknown }): string => (d.object as TestObj).metadata.name;

describe("FIFO order across compaction", () => {
  for (const [label, make] of [
    ["DeltaFIFO", () => new DeltaFIFO()],
    ["RealFIFO", () => new RealFIFO()],
    ["AtomicFIFO", () => new AtomicFIFO()],
  ] as const) {
    it(`${label}: 5,000 adds with 3 pops per 2 adds after a backlog keep FIFO order`, () => {
      const f = make();
      const expected: string[] = [];
      const got: string[] = [];
      const pop = (): boolean => {
        const d = f.pop(() => {}) as Delta[] | undefined;
        if (d === undefined) return false;
        got.push(nameOf(d[0]!));
        return true;
      };
      for (let i = 0; i < 3000; i++) {
        f.add(obj(`k${i}`, i));
        expected.push(`k${i}`);
      }
      for (let i = 3000; i < 5000; i += 2) {
        for (const j of [i, i + 1]) {
          f.add(obj(`k${j}`, j));
          expected.push(`k${j}`);
        }
        pop();
        pop();
        pop();
        expect(f.listKeys()).toHaveLength(expected.length - got.length);
      }
      while (pop());
      expect(got).toEqual(expected);
      expect(f.listKeys()).toEqual([]);
    });
  }

  it("DeltaFIFO: a key queued before compaction keeps its place and its deltas", () => {
    const f = new DeltaFIFO();
    for (let i = 0; i < 4000; i++) f.add(obj(`k${i}`, i));
    for (let i = 0; i < 2500; i++) f.pop(() => {});
    f.update(obj("k3999", 9999)); // already queued: stays last, gains a delta
    f.add(obj("k0", 1)); // popped before: re-enters at the tail
    expect(f.listKeys().slice(-2)).toEqual(["k3999", "k0"]);
    expect(f.getByKey("k3999")?.map((d) => d.type)).toEqual(["Added", "Updated"]);
    expect(f.listKeys()).toHaveLength(1501);
  });
});
