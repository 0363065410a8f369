// HeadQueue (src/sim/world/head-queue.ts) behaves exactly like a plain array under the world's
// operations, whatever mix of pushes and removals, and compares equal by content whatever its history.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HeadQueue } from "../../src/sim/world/head-queue.js";

type Op =
  | { op: "push"; v: number } | { op: "shift" } | { op: "drop"; n: number } | { op: "remove"; v: number }
  | { op: "set"; i: number; v: number } | { op: "clear" };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 30 }).map((v) => ({ op: "push" as const, v })) },
  { weight: 3, arbitrary: fc.constant({ op: "shift" as const }) },
  { weight: 1, arbitrary: fc.integer({ min: -2, max: 40 }).map((n) => ({ op: "drop" as const, n })) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 30 }).map((v) => ({ op: "remove" as const, v })) },
  { weight: 1, arbitrary: fc.record({ i: fc.integer({ min: 0, max: 50 }), v: fc.integer() }).map((x) => ({ op: "set" as const, ...x })) },
  { weight: 1, arbitrary: fc.constant({ op: "clear" as const }) },
);

function applyToArray(a: number[], o: Op): void {
  switch (o.op) {
    case "push": a.push(o.v); break;
    case "shift": a.shift(); break;
    case "drop": a.splice(0, Math.max(0, o.n)); break;
    case "remove": { const i = a.indexOf(o.v); if (i >= 0) a.splice(i, 1); break; }
    case "set": if (o.i < a.length) a[o.i] = o.v; break;
    case "clear": a.length = 0; break;
  }
}
function applyToQueue(q: HeadQueue<number>, o: Op): void {
  switch (o.op) {
    case "push": q.push(o.v); break;
    case "shift": q.shift(); break;
    case "drop": q.dropOldest(o.n); break;
    case "remove": q.removeFirst((x) => x === o.v); break;
    case "set": if (o.i < q.length) q.set(o.i, o.v); break;
    case "clear": q.clear(); break;
  }
}

describe("HeadQueue", () => {
  it("matches a plain array after any sequence of operations (long runs cross the compaction threshold)", () => {
    fc.assert(fc.property(fc.array(opArb, { maxLength: 4000 }), fc.integer({ min: -5, max: 60 }), fc.integer({ min: -5, max: 60 }), (ops, s, e) => {
      const a: number[] = [];
      const q = new HeadQueue<number>();
      for (const o of ops) { applyToArray(a, o); applyToQueue(q, o); }
      expect(q.length).toBe(a.length);
      expect([...q]).toEqual(a);
      expect(q.slice()).toEqual(a);
      expect(q.slice(s, e)).toEqual(a.slice(s, e));
      expect(q.slice(s)).toEqual(a.slice(s));
      expect(q.map((x, i) => x * 100 + i)).toEqual(a.map((x, i) => x * 100 + i));
      expect(q.at(s)).toBe(s >= 0 ? a[s] : undefined);
      expect(q.findLastIndex((x) => x === 7)).toBe(a.lastIndexOf(7));
      expect(JSON.stringify(q)).toBe(JSON.stringify(a));
      const c = q.copy();
      q.push(999);
      expect([...c]).toEqual(a);
    }), { numRuns: 150 });
  });

  it("a drained 50,000-item backlog leaves an empty queue equal to a fresh one", () => {
    const q = new HeadQueue<number>();
    for (let i = 0; i < 50_000; i++) q.push(i);
    for (let i = 0; i < 25_000; i++) expect(q.shift()).toBe(i);
    expect(q.at(0)).toBe(25_000);
    expect(q.removeFirst((x) => x === 25_001)).toBe(true);   // one behind the head
    expect(q.slice(0, 3)).toEqual([25_000, 25_002, 25_003]);
    q.dropOldest(100_000);
    expect(q.length).toBe(0);
    expect(q).toEqual(new HeadQueue<number>());
    expect(q.shift()).toBeUndefined();
  });

  it("queues with equal content are equal whatever their history; different content is not", () => {
    const a = new HeadQueue([1, 2, 3, 4]);
    a.shift();
    const b = new HeadQueue([2, 3, 4]);
    expect(a).toEqual(b);
    b.push(5);
    expect(a).not.toEqual(b);
  });
});
