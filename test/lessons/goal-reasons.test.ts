/**
 * Reasons that name what the log shows (issue 21 item 4), on small hand-made runs: the line expected,
 * the line printed, the step and the callback — in both languages.
 */
import { describe, expect, it } from "vitest";
import { renderReason } from "../../lessons/_lib/goal-message.js";
import { pod } from "../../lessons/_lib/objects.js";
import chaos from "../../lessons/17-chaos-lab/goals.js";
import bigPicture from "../../lessons/01-the-big-picture/goals.js";
import underStress from "../../lessons/10-reflector-under-stress/goals.js";
import type { Goal, RunResult } from "../../src/scenario/index.js";
import type { KnownTraceInput, TraceEvent } from "../../src/sim/trace.js";

function runOf(inputs: KnownTraceInput[]): RunResult {
  const trace: TraceEvent[] = inputs.map((e, i) => ({ ...e, seq: i + 1, time: i * 10 }) as TraceEvent);
  const log = trace.filter((e) => e.kind === "runner.log").map((e) => ({ step: e.seq, time: e.time, text: String(e["text"]) }));
  return { trace, log, hash: "x" };
}

const byId = (goals: Goal[], id: string) => goals.find((g) => g.id === id)!;

/** Three pods on the server; the handler logs its count after each add, the last line carrying a note. */
function podsRun(lines: string[]): RunResult {
  const inputs: KnownTraceInput[] = [];
  ["web-1", "web-2", "web-3"].forEach((name, i) => {
    const key = `default/${name}`;
    inputs.push({ component: "server", kind: "server.write", resource: "pods", key, type: "ADDED", resourceVersion: `${i + 1}`, object: pod(name) });
    inputs.push({ component: "handler", kind: "handler.called", name: "pods", listener: 0, notification: "add", key, resourceVersion: `${i + 1}`, pending: 0 });
    inputs.push({ component: "runner", kind: "runner.log", text: lines[i]! });
    inputs.push({ component: "handler", kind: "handler.returned", name: "pods", listener: 0, notification: "add", key });
  });
  return runOf(inputs);
}

describe("reasons name what the log shows", () => {
  it("lesson 17: a note after the count is accepted, and a wrong count quotes the real last line (ux-review §13)", () => {
    const goal = byId(chaos.goals, "your-view-converges");
    expect(goal.check(podsRun(["pods=1", "pods=2", "pods=3 (tombstone)"])).pass).toBe(true);
    const r = goal.check(podsRun(["pods=1", "pods=2", "pods=12 (tombstone)"]));
    expect(r.pass).toBe(false);
    expect(r.failedAtStep).toBe(11);
    expect(r.message).toBe('Your last "pods=" line (step 11) is "pods=12 (tombstone)": 12 pods, but the server has 3 at the end.');
    expect(renderReason(r.reason!, "zh-CN")).toBe("你最后一行“pods=”（第 11 步）是“pods=12 (tombstone)”：12 个 Pod，而服务器上最终有 3 个。");
  });

  it("lesson 10: without a watch error handler, the reason quotes the error ListAndWatch returned, as client-go words it", () => {
    const goal = byId(underStress.goals, "watch-error-handler");
    const message = 'Get "https://10.96.0.1:443/api/v1/pods?resourceVersion=6": dial tcp 10.96.0.1:443: i/o timeout';
    const r = goal.check(runOf([
      { component: "reflector", kind: "reflector.list.start", name: "pods", resourceVersion: "6" },
      { component: "reflector", kind: "reflector.list.error", name: "pods", type: "*v1.Pod", code: 0, reason: "DialTimeout", message },
    ]));
    expect(r).toMatchObject({ pass: false, failedAtStep: 2 });
    expect(r.message).toContain(`("failed to list *v1.Pod: ${message}")`);
  });

  it("lesson 01: the add that logged the wrong line is named with its callback, step and what it printed", () => {
    const goal = byId(bigPicture.goals, "adds-and-updates");
    const run = runOf([
      { component: "server", kind: "server.write", resource: "pods", key: "default/web-1", type: "ADDED", resourceVersion: "1", object: pod("web-1") },
      { component: "handler", kind: "handler.called", name: "pods", listener: 0, notification: "add", key: "default/web-1", resourceVersion: "1", pending: 0 },
      { component: "runner", kind: "runner.log", text: "added web-1" },
      { component: "handler", kind: "handler.returned", name: "pods", listener: 0, notification: "add", key: "default/web-1" },
      { component: "handler", kind: "handler.called", name: "pods", listener: 0, notification: "update", key: "default/web-1", resourceVersion: "2", oldResourceVersion: "1", pending: 0 },
      { component: "runner", kind: "runner.log", text: "Pod updated: web-1" },
      { component: "handler", kind: "handler.returned", name: "pods", listener: 0, notification: "update", key: "default/web-1" },
    ]);
    const r = goal.check(run);
    expect(r).toMatchObject({ pass: false, failedAtStep: 2 });
    expect(r.message).toBe('`addFunc` for default/web-1 (step 2) should log "Pod added: web-1"; it logged "added web-1".');
    expect(renderReason(r.reason!, "zh-CN")).toBe("第 2 步，`addFunc` 处理 default/web-1 时应打印“Pod added: web-1”，实际打印的是：“added web-1”。");
  });
});
