/** lessons/_lib/goal-kit.ts: the helpers lesson goals are built from, on a small hand-made run. */
import { describe, expect, it } from "vitest";
import { callEnd, defineMessages, events, fail, goal, kit, lastStep, linesDuring, logBetween, nameOf, objectAt, pass } from "../../lessons/_lib/goal-kit.js";
import { renderReason } from "../../lessons/_lib/goal-message.js";
import { pod } from "../../lessons/_lib/objects.js";
import type { RunResult } from "../../src/scenario/index.js";
import type { KnownTraceInput, TraceEvent } from "../../src/sim/trace.js";

function runOf(inputs: KnownTraceInput[], error?: RunResult["error"]): RunResult {
  const trace: TraceEvent[] = inputs.map((e, i) => ({ ...e, seq: i + 1, time: i * 10 }) as TraceEvent);
  const log = trace.filter((e) => e.kind === "runner.log").map((e) => ({ step: e.seq, time: e.time, text: String(e["text"]) }));
  const run: RunResult = { trace, log, hash: "x" };
  if (error !== undefined) run.error = error;
  return run;
}

const web1 = { ...pod("web-1"), metadata: { ...pod("web-1").metadata, resourceVersion: "7", uid: "u1" } };
const sample = runOf([
  { component: "server", kind: "server.write", resource: "pods", key: "default/web-1", type: "ADDED", resourceVersion: "7", object: web1 },
  { component: "handler", kind: "handler.called", name: "pods", listener: 0, notification: "add", key: "default/web-1", resourceVersion: "7", pending: 0 },
  { component: "runner", kind: "runner.log", text: "inside listener 0" },
  { component: "handler", kind: "handler.called", name: "pods", listener: 1, notification: "add", key: "default/web-1", resourceVersion: "7", pending: 0 },
  { component: "runner", kind: "runner.log", text: "inside listener 1" },
  { component: "handler", kind: "handler.returned", name: "pods", listener: 0, notification: "add", key: "default/web-1" },
  { component: "handler", kind: "handler.threw", name: "pods", listener: 1, notification: "add", key: "default/web-1", message: "boom" },
  { component: "runner", kind: "runner.log", text: "after" },
]);

describe("goal-kit", () => {
  it("events() filters by kind and predicate, in trace order", () => {
    expect(events(sample, "handler.called").map((e) => e.listener)).toEqual([0, 1]);
    expect(events(sample, "handler.called", (e) => e.listener === 1).map((e) => e.seq)).toEqual([4]);
    expect(events(sample, "fifo.popped")).toEqual([]);
  });

  it("callEnd() finds the same listener's return or throw; linesDuring() the lines in between", () => {
    const [first, second] = events(sample, "handler.called");
    expect(callEnd(sample, first!)).toBe(6);
    expect(callEnd(sample, second!)).toBe(7);
    expect(linesDuring(sample, first!)).toEqual(["inside listener 0", "inside listener 1"]);
    expect(linesDuring(sample, second!)).toEqual(["inside listener 1"]);
    expect(logBetween(sample, 6, lastStep(sample))).toEqual(["after"]);
  });

  it("objectAt() returns the object a key had at a resourceVersion, or undefined", () => {
    expect(objectAt(sample, "default/web-1", "7")?.metadata.uid).toBe("u1");
    expect(objectAt(sample, "default/web-1", "8")).toBeUndefined();
    expect(objectAt(sample, "default/web-2", "7")).toBeUndefined();
  });

  it("nameOf() strips the namespace", () => {
    expect(nameOf("default/web-1")).toBe("web-1");
    expect(nameOf("node-a")).toBe("node-a");
  });

  it("goal() fails every goal of a crashed run with the crash, and otherwise defers to the check", () => {
    const g = goal({ id: "g", title: { en: "g", "zh-CN": "g" }, check: () => pass });
    expect(g.check(sample)).toEqual({ pass: true });
    const crashed = runOf([{ component: "runner", kind: "runner.log", text: "x" }], { kind: "runtime", message: "TypeError: nope", step: 1 });
    const verdict = g.check(crashed);
    expect(verdict).toEqual({ pass: false, message: "The run stopped with a runtime error: TypeError: nope", failedAtStep: 1,
      reason: { id: "kit.crashed", params: { kind: { id: "kit.runtime" }, message: "TypeError: nope" } } });
    expect(renderReason(verdict.reason!, "zh-CN")).toBe("运行因运行时错误而停止：“TypeError: nope”");
  });

  it("fail() keeps the typed reason and its English text; the step only when given", () => {
    const T = defineMessages("kit-test", { why: { en: "{key} broke at step {step}.", "zh-CN": "{key} 在第 {step} 步出错。" } });
    const r = T.why({ key: "default/web-1", step: 3 });
    expect(fail(r)).toEqual({ pass: false, reason: r, message: "default/web-1 broke at step 3." });
    expect(fail(r, 3)).toEqual({ pass: false, reason: r, message: "default/web-1 broke at step 3.", failedAtStep: 3 });
    expect(renderReason(kit.timeout(), "en")).toBe("a timeout");
  });

  it("pod() builds a namespaced pod, bound only when asked", () => {
    expect(pod("web-1").metadata).toMatchObject({ name: "web-1", namespace: "default", labels: { app: "web" } });
    expect(pod("web-1").spec?.nodeName).toBeUndefined();
    expect(pod("api-1", { namespace: "team-a", nodeName: "node-b" }).spec?.nodeName).toBe("node-b");
  });
});
