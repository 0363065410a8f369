import { describe, expect, it } from "vitest";
import { Recorder, Scheduler } from "../../src/index.js";

describe("Scheduler", () => {
  it("runs tasks in (due time, scheduling order)", () => {
    const s = new Scheduler();
    const out: string[] = [];
    s.setTimeout(() => out.push("b@10"), 10);
    s.setTimeout(() => out.push("a@5"), 5);
    s.setTimeout(() => out.push("c@10"), 10);
    s.setTimeout(() => out.push("d@0"), 0);
    s.advance(10);
    expect(out).toEqual(["d@0", "a@5", "b@10", "c@10"]);
    expect(s.now()).toBe(10);
  });

  it("advance runs tasks scheduled inside the window, each at its own due time", () => {
    const s = new Scheduler();
    const seen: Array<[string, number]> = [];
    s.setTimeout(() => {
      seen.push(["first", s.now()]);
      s.setTimeout(() => seen.push(["nested", s.now()]), 3);
      s.setTimeout(() => seen.push(["outside", s.now()]), 100);
    }, 4);
    s.advance(10);
    expect(seen).toEqual([["first", 4], ["nested", 7]]);
    expect(s.now()).toBe(10);
    s.advance(94);
    expect(seen.at(-1)).toEqual(["outside", 104]);
  });

  it("flush runs only what is due now; step runs exactly one task and moves time", () => {
    const s = new Scheduler();
    const out: number[] = [];
    s.setTimeout(() => out.push(1), 0);
    s.setTimeout(() => out.push(2), 50);
    s.flush();
    expect(out).toEqual([1]);
    expect(s.now()).toBe(0);
    expect(s.step()).toBe(true);
    expect(out).toEqual([1, 2]);
    expect(s.now()).toBe(50);
    expect(s.step()).toBe(false);
  });

  it("clearTimeout cancels a task", () => {
    const s = new Scheduler();
    let ran = false;
    const id = s.setTimeout(() => (ran = true), 5);
    s.clearTimeout(id);
    s.advance(10);
    expect(ran).toBe(false);
    expect(s.pending()).toBe(0);
  });

  it("a delayed task due now runs before a zero-delay task scheduled after it", () => {
    const s = new Scheduler();
    const out: string[] = [];
    s.setTimeout(() => out.push("timer@10"), 10);
    s.setTimeout(() => {
      out.push("first@5");
      s.setTimeout(() => {
        out.push("at10-a");
        s.setTimeout(() => out.push("at10-c"), 0);
      }, 5);
    }, 5);
    s.advance(10);
    expect(out).toEqual(["first@5", "timer@10", "at10-a", "at10-c"]);
  });

  it("clearTimeout works for zero-delay tasks, and for ids that already ran (no-op)", () => {
    const s = new Scheduler();
    const out: number[] = [];
    const ids = [0, 1, 2, 3, 4].map((i) => s.setTimeout(() => out.push(i), 0));
    s.clearTimeout(ids[1]!);
    s.clearTimeout(ids[3]!);
    s.clearTimeout(ids[3]!);
    expect(s.pending()).toBe(3);
    s.flush();
    expect(out).toEqual([0, 2, 4]);
    s.clearTimeout(ids[0]!);
    expect(s.pending()).toBe(0);
    const later = s.setTimeout(() => out.push(99), 0);
    s.clearTimeout(later);
    s.flush();
    expect(out).toEqual([0, 2, 4]);
  });

  it("negative delays count as zero and never move time backwards", () => {
    const s = new Scheduler();
    s.advance(100);
    let at = -1;
    s.setTimeout(() => (at = s.now()), -50);
    s.flush();
    expect(at).toBe(100);
  });

  it("random() is seeded: same seed, same sequence; different seed, different sequence", () => {
    const seq = (seed: number) => {
      const s = new Scheduler({ seed });
      return Array.from({ length: 5 }, () => s.random());
    };
    expect(seq(7)).toEqual(seq(7));
    expect(seq(7)).not.toEqual(seq(8));
    for (const x of seq(42)) expect(x >= 0 && x < 1).toBe(true);
  });

  it("Recorder numbers events from 1 and stamps virtual time", () => {
    const s = new Scheduler();
    const r = new Recorder(s);
    r.emit({ component: "runner", kind: "runner.log", text: "a" });
    s.advance(25);
    r.emit({ component: "runner", kind: "runner.log", text: "b" });
    expect(r.events.map((e) => [e.seq, e.time])).toEqual([[1, 0], [2, 25]]);
  });
});
