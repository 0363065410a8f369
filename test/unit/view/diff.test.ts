import { describe, expect, it } from "vitest";
import { canonicalJson, firstDifference } from "../../../src/sim/diff.js";
import type { TraceEvent } from "../../../src/sim/trace.js";
import { foldTrace } from "../../../src/sim/view.js";
import { demoTrace } from "../../fixtures/demo-trace.js";

/** Re-stamps seq after splicing. */
const renumber = (events: TraceEvent[]): TraceEvent[] => events.map((e, i) => ({ ...e, seq: i + 1 }));

describe("run-vs-run comparison", () => {
  it("finds no difference between two identical runs", () => {
    expect(firstDifference(demoTrace({ seed: 3 }), demoTrace({ seed: 3 }))).toBeUndefined();
  });

  it("does not count moved code as a difference: a handler call or log line whose source position alone differs is the same event", () => {
    const previous = demoTrace({ seed: 3 }).map((e) => (e.kind === "handler.called" || e.kind === "runner.log" ? { ...e, src: { line: 8, col: 14 } } : e));
    const moved = previous.map((e) => (e["src"] !== undefined ? { ...e, src: { line: 9, col: 14 } } : e));
    expect(previous.some((e) => e["src"] !== undefined)).toBe(true);
    expect(firstDifference(previous, moved)).toBeUndefined();
    // …but a real change next to it still is one.
    const at = moved.findIndex((e) => e["src"] !== undefined);
    const changed = moved.map((e, i) => (i === at ? { ...e, key: "default/other" } : e));
    expect(firstDifference(previous, changed)?.step).toBe(at + 1);
  });

  it("ignores key order inside payloads", () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe(canonicalJson({ a: [{ c: 3, d: 2 }], b: 1 }));
  });

  it("names the first step where the new run departs, and what differs in the store and handler calls", () => {
    const previous = demoTrace({ seed: 3 });
    // The new run: same up to the first indexer write of default/web-1, which now stores another RV.
    const at = previous.findIndex((e) => e.kind === "indexer.write" && e.key === "default/web-1");
    expect(at).toBeGreaterThan(0);
    const current = previous.map((e) => ({ ...e }));
    current[at] = { ...current[at]!, resourceVersion: "999" };
    const d = firstDifference(previous, current)!;
    expect(d.step).toBe(at + 1);
    expect(d.previousEvent?.resourceVersion).toBe(previous[at]!.resourceVersion);
    expect(d.currentEvent?.resourceVersion).toBe("999");
    expect(d.store).toEqual([{ key: "pods/default/web-1", previous: previous[at]!.resourceVersion, current: "999" }]);
    expect(d.fifoKeys).toEqual([]);
  });

  it("reports the extra handler call and FIFO keys of a run that got one more event", () => {
    const previous = demoTrace({ seed: 5 });
    const at = previous.findIndex((e) => e.kind === "handler.called") + 1;
    const extraCall = { ...previous[at - 1]!, key: "default/extra" };
    const current = renumber([...previous.slice(0, at), extraCall, ...previous.slice(at)]);
    const d = firstDifference(previous, current)!;
    expect(d.step).toBe(at + 1);
    expect(d.currentEvent?.key).toBe("default/extra");
    expect(d.handlerCalls.current.map((h) => h.key)).toContain("default/extra");
    expect(d.handlerCalls.previous.map((h) => h.key)).not.toContain("default/extra");
    expect([d.previousLength, d.currentLength]).toEqual([previous.length, previous.length + 1]);
  });

  it("a run that is a prefix of the other differs at the first missing step", () => {
    const previous = demoTrace({ seed: 2 });
    const current = previous.slice(0, 20);
    const d = firstDifference(previous, current)!;
    expect(d.step).toBe(21);
    expect(d.currentEvent).toBeNull();
    const cw = foldTrace(current);
    const pw = foldTrace(previous, 21);
    const pk = [...pw.informers.values()].flatMap((i) => i.fifo.entries.map((e) => e.key));
    const ck = [...cw.informers.values()].flatMap((i) => i.fifo.entries.map((e) => e.key));
    expect(d.fifoKeys.length > 0).toBe(pk.join() !== ck.join());
  });
});

describe("run-vs-run comparison on real runs", () => {
  it("a learner action recorded at t=4000 ms makes the runs differ at the action's step, and not before", async () => {
    const { lessonOneRun } = await import("./real-run.helper.js");
    const previous = await lessonOneRun();
    const current = await lessonOneRun([{ op: "delete", resource: "pods", namespace: "default", name: "web-1", at: 4000 }]);
    const actionStep = current.trace.findIndex((e) => e.kind === "runner.op" && e.learner === true) + 1;
    expect(actionStep).toBeGreaterThan(1);
    const d = firstDifference(previous.trace, current.trace)!;
    expect(d.step).toBe(actionStep);
    expect(d.currentEvent).toMatchObject({ kind: "runner.op", op: "delete", learner: true });
    expect(previous.trace.slice(0, actionStep - 1)).toEqual(current.trace.slice(0, actionStep - 1));
  });
});
