import { describe, expect, it } from "vitest";
import { isNotFound } from "../../../src/apimachinery/errors.js";
import { asKnown, type KnownTraceEvent } from "../../../src/sim/trace.js";
import {
  DEFAULT_MAX_EVENTS, checkGoals, currentRun, fnv1a64, runScenario, traceHash,
  type Goal, type Playground, type Scenario, type TimedOp,
} from "../../../src/scenario/index.js";
import type { Pod } from "../../../src/types.js";
import { newController } from "../../../src/workqueue/index.js";

const pod = (name: string, labels: Record<string, string> = { app: "web" }): Pod => ({
  apiVersion: "v1", kind: "Pod", metadata: { namespace: "default", name, labels },
  spec: { containers: [{ name: "c", image: "nginx" }] },
});

const scenario: Scenario = {
  seed: 42,
  durationMs: 2_000,
  initial: [{ resource: "pods", object: pod("web-1") }],
  timeline: [
    { at: 300, op: "create", resource: "pods", object: pod("web-2") },
    { at: 900, op: "delete", resource: "pods", namespace: "default", name: "web-1" },
  ],
};

/** Learner-like code: polls the cluster through the clientset on virtual time and logs what it sees. */
async function poller({ clientset, log, sleep, stop }: Playground): Promise<void> {
  while (!stop.aborted) {
    const list = await clientset.coreV1().pods("default").list();
    log(`pods: ${list.items.map((p) => p.metadata.name).join(",")}`);
    await sleep(250);
  }
}

const known = (trace: readonly unknown[]): KnownTraceEvent[] => (trace as Parameters<typeof asKnown>[0][]).map(asKnown);

describe("runScenario", () => {
  it("is deterministic: the same scenario twice gives the same trace and hash", async () => {
    const a = await runScenario(scenario, poller);
    const b = await runScenario(scenario, poller);
    expect(a.error).toBeUndefined();
    expect(a.trace.length).toBeGreaterThan(20);
    expect(b.hash).toBe(a.hash);
    expect(JSON.stringify(b.trace)).toBe(JSON.stringify(a.trace));
    expect(a.hash).toBe(traceHash(a.trace));
    const c = await runScenario({ ...scenario, timeline: scenario.timeline.slice(0, 1) }, poller);
    expect(c.hash).not.toBe(a.hash);
  });

  it("resumes code after await at the virtual time of the task that settled it", async () => {
    const seen: Array<[string, number]> = [];
    const run = await runScenario(scenario, async ({ clientset, sleep }) => {
      const s = currentRun()?.scheduler;
      await sleep(120);
      seen.push(["slept", s?.now() ?? -1]);
      try {
        await clientset.coreV1().pods("default").get("nope");
      } catch (e) {
        seen.push([isNotFound(e) ? "notFound" : "other", s?.now() ?? -1]);
      }
      const created = await clientset.coreV1().pods().create(pod("mine"));
      created.metadata.labels = { mutable: "yes" }; // returned objects are the learner's own copies
      seen.push([`created ${created.metadata.namespace}/${created.metadata.name}`, s?.now() ?? -1]);
    });
    expect(run.error).toBeUndefined();
    expect(seen).toEqual([["slept", 120], ["notFound", 120], ["created default/mine", 120]]);
    const writes = known(run.trace).filter((e) => e.kind === "server.write");
    expect(writes.map((w) => (w.kind === "server.write" ? `${w.type} ${w.key}@${w.time}` : ""))).toEqual([
      "ADDED default/web-1@0", "ADDED default/mine@120", "ADDED default/web-2@300",
      // unbound pod: deleted at once (MODIFIED with deletionTimestamp, then DELETED)
      ...known(run.trace).filter((e) => e.kind === "server.write" && e.key === "default/web-1" && e.type !== "ADDED")
        .map((w) => (w.kind === "server.write" ? `${w.type} ${w.key}@${w.time}` : "")),
    ]);
  });

  it("learner actions change the trace only from their virtual time on", async () => {
    const base = await runScenario(scenario, poller);
    const actions: TimedOp[] = [{ at: 600, op: "label", resource: "pods", namespace: "default", name: "web-2",
      labels: { tier: "fe" } }];
    const acted = await runScenario(scenario, poller, actions);
    expect(acted.hash).not.toBe(base.hash);
    const firstDiff = acted.trace.findIndex((e, i) => JSON.stringify(e) !== JSON.stringify(base.trace[i]));
    expect(firstDiff).toBeGreaterThan(0);
    expect(acted.trace[firstDiff]?.time).toBe(600);
    expect(acted.trace.slice(0, firstDiff).every((e) => e.time <= 600)).toBe(true);
    const op = known(acted.trace).find((e) => e.kind === "runner.op" && e.op === "label");
    expect(op).toMatchObject({ learner: true, key: "default/web-2", resource: "pods", detail: "tier=fe", time: 600 });
    const scenarioOps = known(acted.trace).filter((e) => e.kind === "runner.op" && e.op !== "label");
    expect(scenarioOps.every((e) => e.kind === "runner.op" && !e.learner)).toBe(true);
  });

  it("respects durationMs: nothing happens after it, stop is aborted at it", async () => {
    let abortedAt = -1;
    const run = await runScenario(scenario, async ({ stop, sleep, log }) => {
      stop.addEventListener("abort", () => { abortedAt = currentRun()?.scheduler.now() ?? -2; });
      await sleep(1_500);
      log("inside");
      await sleep(1_000);
      log("never: after the end");
    });
    expect(run.error).toBeUndefined();
    expect(Math.max(...run.trace.map((e) => e.time))).toBe(scenario.durationMs);
    expect(run.log.map((l) => l.text)).toEqual(["inside"]);
    expect(abortedAt).toBe(scenario.durationMs);
    const last = known(run.trace).at(-1);
    expect(last).toMatchObject({ kind: "runner.end", reason: "done", time: scenario.durationMs });
    expect(known(run.trace)[0]).toMatchObject({ kind: "runner.start", seed: 42, durationMs: 2_000 });
    expect(currentRun()).toBeUndefined();
  });

  it("gives every log line the step of its runner.log event", async () => {
    const run = await runScenario(scenario, poller);
    expect(run.log.length).toBeGreaterThan(3);
    for (const line of run.log) {
      const ev = run.trace[line.step - 1];
      expect(ev).toMatchObject({ kind: "runner.log", text: line.text, time: line.time, seq: line.step });
    }
    expect(run.log[0]?.text).toBe("pods: web-1");
    expect(run.log.find((l) => l.time >= 300 && l.time < 900)?.text).toBe("pods: web-1,web-2");
  });

  it("formats logged values like a console", async () => {
    const run = await runScenario(scenario, ({ log }) => {
      log("n", 1, true, null, undefined, { a: [1, "x"] }, new Error("bad"));
    });
    expect(run.log[0]?.text).toBe('n 1 true null undefined {"a":[1,"x"]} Error: bad');
  });

  it("a throwing main ends the run with a runtime error (sync, async, with line)", async () => {
    const sync = await runScenario(scenario, () => { throw new TypeError("boom"); });
    expect(sync.error).toMatchObject({ kind: "runtime", message: "boom" });
    expect(known(sync.trace).at(-1)).toMatchObject({ kind: "runner.end", reason: "error" });
    expect(known(sync.trace).at(-2)).toMatchObject({ kind: "runner.error", message: "boom" });

    const later = await runScenario(scenario, async ({ sleep }) => {
      await sleep(700);
      throw new Error("late boom");
    }, [], { errorLine: () => 17 });
    expect(later.error).toMatchObject({ kind: "runtime", message: "late boom", line: 17 });
    expect(later.error?.step).toBe(later.trace.length - 2);
    expect(Math.max(...later.trace.map((e) => e.time))).toBe(700);
    expect(known(later.trace).at(-2)).toMatchObject({ kind: "runner.error", line: 17 });
  });

  it("stops a runaway run at the event budget with error kind eventLimit (not a timeout)", async () => {
    const run = await runScenario(scenario, ({ log }) => {
      for (;;) log("again");
    }, [], { maxEvents: 2_000 });
    expect(run.error?.kind).toBe("eventLimit");
    expect(run.error?.message).toContain("event budget");
    expect(run.error?.message).toContain("2,000");
    expect(run.trace.length).toBeLessThan(2_010);
    expect(known(run.trace).at(-1)).toMatchObject({ kind: "runner.end", reason: "eventLimit" });

    const async = await runScenario(scenario, async ({ log, sleep }) => {
      for (;;) { log("tick"); await sleep(0); }
    }, [], { maxEvents: 3_000 });
    expect(async.error?.kind).toBe("eventLimit");
  });

  it("stops a runaway async controller at the budget without unhandled rejections", async () => {
    const run = await runScenario(scenario, ({ stop }) => {
      const run = currentRun();
      if (run === undefined) throw new Error("no run");
      const c = newController<string>({
        workers: 2, scheduler: run.scheduler, tracer: run.tracer,
        reconcile: async (key) => {
          await Promise.resolve();
          c.queue.add(key); // re-adds itself forever, at the same virtual instant
        },
      });
      c.queue.add("loop");
      c.run(stop);
    }, [], { maxEvents: 5_000 });
    expect(run.error?.kind).toBe("eventLimit");
    expect(run.trace.every((e) => e.time === 0)).toBe(true);
  });

  it("stops when the runner's interrupt hook says so, keeping the trace so far", async () => {
    let tasks = 0;
    const run = await runScenario(scenario, poller, [], {
      interrupt: () => (++tasks >= 5 ? "wall-clock budget of 2 s exceeded" : undefined),
    });
    expect(run.error).toMatchObject({ kind: "timeout", message: "wall-clock budget of 2 s exceeded" });
    expect(known(run.trace).at(-1)).toMatchObject({ kind: "runner.end", reason: "timeout" });
    const full = await runScenario(scenario, poller);
    const kept = run.trace.length - 2;
    expect(JSON.stringify(run.trace.slice(0, kept))).toBe(JSON.stringify(full.trace.slice(0, kept)));
  });

  it("defaults the event budget to 100,000 events", async () => {
    expect(DEFAULT_MAX_EVENTS).toBe(100_000);
    const run = await runScenario(scenario, ({ log }) => { for (;;) log("x"); });
    expect(run.error?.kind).toBe("eventLimit");
    expect(run.trace.length).toBeGreaterThan(100_000);
    expect(run.trace.length).toBeLessThan(100_010);
  });

  it("streams events through onEvent and serialises concurrent runs", async () => {
    const streamed: number[] = [];
    const [a, b] = await Promise.all([
      runScenario(scenario, poller, [], { onEvent: (e) => streamed.push(e.seq) }),
      runScenario(scenario, poller),
    ]);
    expect(a.hash).toBe(b.hash);
    expect(streamed).toEqual(a.trace.map((e) => e.seq));
  });

  it("applies faults and reports a rejected operation without stopping", async () => {
    const actions: TimedOp[] = [
      { at: 100, op: "delete", resource: "pods", namespace: "default", name: "ghost" },
      { at: 200, op: "fault", fault: "compact" },
      { at: 250, op: "apply", resource: "pods", object: pod("web-1", { app: "web", v: "2" }) },
    ];
    const run = await runScenario(scenario, () => undefined, actions);
    expect(run.error).toBeUndefined();
    const ops = known(run.trace).filter((e) => e.kind === "runner.op");
    expect(ops.find((e) => e.kind === "runner.op" && e.key === "default/ghost" && e.detail?.startsWith("failed:")))
      .toBeDefined();
    expect(known(run.trace).some((e) => e.kind === "server.compacted" && e.time === 200)).toBe(true);
    const applied = known(run.trace).find((e) => e.kind === "server.write" && e.key === "default/web-1" && e.time === 250);
    expect(applied).toMatchObject({ type: "MODIFIED" });
    expect(applied?.kind === "server.write" && applied.object.metadata.labels).toEqual({ app: "web", v: "2" });
  });
});

describe("scenario operations", () => {
  it("label merges and removes labels, update replaces, restart and partition reach the server", async () => {
    const actions: TimedOp[] = [
      { at: 100, op: "label", resource: "pods", namespace: "default", name: "web-1", labels: { tier: "fe", app: null } },
      { at: 200, op: "update", resource: "pods", object: pod("web-1", { app: "replaced" }) },
      { at: 300, op: "fault", fault: "restart" },
      { at: 400, op: "fault", fault: "partition" },
      { at: 500, op: "fault", fault: "heal" },
    ];
    const run = await runScenario({ ...scenario, timeline: [] }, () => undefined, actions);
    expect(run.error).toBeUndefined();
    const writes = known(run.trace).flatMap((e) => (e.kind === "server.write" && e.key === "default/web-1"
      ? [[e.time, e.object.metadata.labels]] : []));
    expect(writes).toEqual([[0, { app: "web" }], [100, { tier: "fe" }], [200, { app: "replaced" }]]);
    expect(known(run.trace).some((e) => e.kind === "server.restarted" && e.time === 300)).toBe(true);
    const faults = known(run.trace).flatMap((e) => (e.kind === "fault.injected" ? [`${e.fault}@${e.time}`] : []));
    expect(faults).toEqual(["restart@300", "partition@400", "heal@500"]);
    const ops = known(run.trace).flatMap((e) => (e.kind === "runner.op" ? [`${e.op}:${e.detail ?? ""}@${e.time}`] : []));
    expect(ops).toEqual(["label:tier=fe,app-@100", "update:@200", "fault:restart@300", "fault:partition@400", "fault:heal@500"]);
  });

  it("skips operations after durationMs and applies equal-time ops timeline first", async () => {
    const run = await runScenario(
      { ...scenario, timeline: [{ at: 50, op: "create", resource: "pods", object: pod("t") }] },
      () => undefined,
      [{ at: 50, op: "create", resource: "pods", object: pod("l") },
       { at: 5_000, op: "create", resource: "pods", object: pod("late") }],
    );
    const created = known(run.trace).flatMap((e) => (e.kind === "server.write" && e.type === "ADDED" ? [e.key] : []));
    expect(created).toEqual(["default/web-1", "default/t", "default/l"]);
  });
});

describe("checkGoals", () => {
  it("checks goals on the scenario's seed and on `seeds` more", async () => {
    const goals: Goal[] = [
      { id: "logs", title: { en: "logs", "zh-CN": "日志" },
        check: (run) => (run.log.length > 0 ? { pass: true } : { pass: false, message: "no log" }) },
      { id: "seed", title: { en: "seed", "zh-CN": "种子" },
        check: (run) => {
          const start = known(run.trace)[0];
          return start?.kind === "runner.start" && start.seed % 2 === 0
            ? { pass: true } : { pass: false, message: "odd seed", failedAtStep: 1 };
        } },
    ];
    const report = await checkGoals(scenario, poller, goals, 2);
    expect(report.runs.map((r) => r.seed)).toEqual([42, 43, 44]);
    expect(report.pass).toBe(false);
    expect(report.firstFailure).toMatchObject({ seed: 43, id: "seed", message: "odd seed", failedAtStep: 1 });
    expect(report.runs.map((r) => r.pass)).toEqual([true, false, true]);
  });
});

describe("trace hash", () => {
  it("is FNV-1a 64", () => {
    expect(fnv1a64("")).toBe("cbf29ce484222325");
    expect(fnv1a64("a")).toBe("af63dc4c8601ec8c");
    expect(fnv1a64("foobar")).toBe("85944171f73967e8");
  });
});
