/**
 * Issue 14 item 2: the page checks every run-worker message (site/runner/check-message.ts) and decides
 * goal passes itself (site/runner/decide-goals.ts). Forged shapes from the security review are refused.
 */
import { describe, expect, it } from "vitest";
import { checkMessage, type CheckState } from "../../../site/runner/check-message";
import { decideGoals } from "../../../site/runner/decide-goals";
import type { Goal, RunResult } from "../../../src/scenario/index.js";

const running = (lastSeq = 0): CheckState => ({ phase: "running", lastSeq });
const ev = (seq: number, extra: Record<string, unknown> = {}) => ({ seq, time: seq, component: "runner", kind: "runner.log", text: `l${seq}`, ...extra });
const events = (list: unknown[]) => ({ type: "events", json: JSON.stringify(list), count: list.length });

describe("checkMessage", () => {
  it("accepts the protocol in order", () => {
    expect(checkMessage({ type: "started" }, { phase: "starting", lastSeq: 0 }).ok).toBe(true);
    const c = checkMessage(events([ev(1), ev(2)]), running());
    expect(c.ok && c.events?.length).toBe(2);
    expect(checkMessage({ type: "result", result: { hash: "abc" }, traceLength: 2 }, running(2)).ok).toBe(true);
    expect(checkMessage({ type: "checking", seeds: 3 }, { phase: "afterResult", lastSeq: 2 }).ok).toBe(true);
    expect(checkMessage({ type: "goals", goals: [{ id: "a", pass: true, seed: 1 }] }, { phase: "checking", lastSeq: 2 }).ok).toBe(true);
  });

  it("refuses the review's forgeries and anything out of order", () => {
    const refused = [
      [{ type: "result", result: null, traceLength: 0 }, running()],
      [{ type: "result", result: { hash: "x", error: { kind: "runtime", message: "m", line: 1n } }, traceLength: 0 }, running()],
      [events([null]), running()],
      [events([ev(2)]), running()], // not dense
      [events([ev(1, { time: Infinity })]), running()],
      [events([ev(1, { text: "y".repeat(20_000) })]), running()],
      [{ type: "events", json: "[", count: 1 }, running()],
      [{ type: "events", json: "[1,2]", count: 5 }, running()],
      [{ type: "result", result: { hash: "x" }, traceLength: 99 }, running(2)], // trace length lie
      [{ type: "checking", seeds: 1 }, running()], // checking before result
      [{ type: "checking", seeds: 1 }, { phase: "checking", lastSeq: 0 }], // twice
      [{ type: "goals", goals: [{ id: "a", pass: "yes", seed: 0 }] }, { phase: "afterResult", lastSeq: 0 }],
      [{ type: "started" }, running()],
      [{ type: "ready" }, running()],
      [{ type: "fatal", message: "x".repeat(100_000) }, running()],
      [null, running()],
      ["result", running()],
      [{ type: "result", result: { hash: "x", extra: 1 }, traceLength: 0 }, running()],
    ] as const;
    for (const [m, state] of refused) {
      const c = checkMessage(m, state);
      expect(c.ok, JSON.stringify(m, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v))?.slice(0, 120)).toBe(false);
    }
  });
});

describe("goal reasons from the worker (issue 21 item 4)", () => {
  const goalsMsg = (reason: unknown) => ({ type: "goals", goals: [{ id: "a", pass: false, seed: 1, message: "m", reason }] });
  const after = { phase: "afterResult", lastSeq: 2 } as const;

  it("keeps a well-formed reason: texts, numbers, lists, times, log lines and nested reasons", () => {
    const reason = { id: "kit.expectedLine", params: { callback: "addFunc", step: 3, initial: true, keys: ["a", "b"], at: { ms: 1535 },
      saw: { lines: ["x"], more: 2 }, how: { id: "kit.timeout" } } };
    const c = checkMessage(goalsMsg(reason), after);
    expect(c.ok && c.message.type === "goals" && c.message.goals[0]!.reason).toEqual(reason);
    expect(checkMessage(goalsMsg({ id: "kit.timeout" }), after).ok).toBe(true);
  });

  it("refuses a malformed reason instead of showing it", () => {
    const deep = (n: number): unknown => (n === 0 ? { id: "x" } : { id: "x", params: { inner: deep(n - 1) } });
    for (const reason of [
      "text", { id: 3 }, { id: "x".repeat(200) }, { id: "x", extra: 1 }, { id: "x", params: { a: { ms: "1" } } },
      { id: "x", params: { a: { lines: [1] } } }, { id: "x", params: { a: NaN } }, { id: "x", params: { a: null } },
      { id: "x", params: { a: "y".repeat(10_000) } }, { id: "x", params: { a: Array.from({ length: 60 }, () => "z") } }, deep(5),
    ]) {
      expect(checkMessage(goalsMsg(reason), after).ok, JSON.stringify(reason).slice(0, 80)).toBe(false);
    }
  });
});

describe("decideGoals", () => {
  const run = (text: string): RunResult => ({ trace: [], log: [{ step: 1, time: 0, text }], hash: "h" });
  const goals: Goal[] = [
    { id: "says-hi", title: { en: "", "zh-CN": "" }, check: (r) => ({ pass: r.log.some((l) => l.text === "hi"), message: "no hi", failedAtStep: 1 }) },
    { id: "always", title: { en: "", "zh-CN": "" }, check: () => ({ pass: true }) },
  ];

  it("a forged all-pass report cannot pass a goal the page's own check fails", () => {
    const forged = [{ id: "says-hi", pass: true, seed: 1 }, { id: "always", pass: true, seed: 1 }];
    const d = decideGoals(goals, run("bye"), forged, 1);
    expect(d.outcomes.find((o) => o.id === "says-hi")).toMatchObject({ pass: false, message: "no hi", failedAtStep: 1 });
  });

  it("unknown or missing ids never complete a pass; a later seed's failure is kept", () => {
    expect(decideGoals(goals, run("hi"), [{ id: "anything", pass: true, seed: 0 }], 1).complete).toBe(false);
    const ok = decideGoals(goals, run("hi"), [{ id: "says-hi", pass: true, seed: 1 }, { id: "always", pass: true, seed: 1 }], 1);
    expect(ok.complete && ok.outcomes.every((o) => o.pass)).toBe(true);
    const later = decideGoals(goals, run("hi"), [{ id: "says-hi", pass: false, seed: 3, message: "seed 3" }, { id: "always", pass: true, seed: 1 }], 1);
    expect(later.outcomes[0]).toMatchObject({ pass: false, seed: 3, message: "seed 3" });
    expect(decideGoals(goals, undefined, [], 1)).toEqual({ outcomes: [], complete: false });
  });

  it("a failing outcome keeps its typed reason; a check that throws fails with the kit's reason", () => {
    const reason = { id: "kit.timeout" };
    const typed: Goal[] = [
      { id: "typed", title: { en: "", "zh-CN": "" }, check: () => ({ pass: false, message: "timeout", reason }) },
      { id: "throws", title: { en: "", "zh-CN": "" }, check: () => { throw new Error("boom"); } },
    ];
    const d = decideGoals(typed, run("x"), [{ id: "typed", pass: true, seed: 1 }, { id: "throws", pass: true, seed: 1 }], 1);
    expect(d.outcomes[0]).toMatchObject({ pass: false, reason });
    expect(d.outcomes[1]).toMatchObject({ pass: false, reason: { id: "kit.checkThrew", params: { message: "boom" } } });
    expect(d.outcomes[1]!.message).toContain("boom");
  });
});
