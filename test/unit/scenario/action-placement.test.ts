/**
 * Learner actions placed by step (TimedOp.afterStep) and timed partitions (durationMs): an action taken
 * while the stage shows step n happens right after step n of the re-run (not at the first step of its
 * virtual instant), deterministically; a partition for d ms heals itself d ms later.
 */
import { describe, expect, it } from "vitest";
import { runScenario, type Playground, type Scenario, type TimedOp } from "../../../src/scenario/index.js";
import { informers } from "../../../src/playground.js";
import type { Pod } from "../../../src/types.js";

const pod = (name: string): Pod => ({
  apiVersion: "v1", kind: "Pod", metadata: { namespace: "default", name, labels: { app: "web" } },
  spec: { containers: [{ name: "c", image: "nginx" }] },
});

const scenario: Scenario = {
  seed: 7,
  durationMs: 6_000,
  initial: [{ resource: "pods", object: pod("web-1") }, { resource: "pods", object: pod("web-2") }],
  timeline: [{ at: 1_000, op: "create", resource: "pods", object: pod("web-3") }],
};

async function informer({ clientset, log, stop }: Playground): Promise<void> {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const pods = factory.core().v1().pods().informer();
  pods.addEventHandler({ addFunc: (p: Pod) => log(`add ${p.metadata.name}`) });
  factory.start(stop);
}

describe("action placement", () => {
  it("an action after step n runs right after step n, at its time, where a timed action would run earlier", async () => {
    const base = await runScenario(scenario, informer);
    expect(base.error).toBeUndefined();
    // The last step of the busiest instant: several steps share its time.
    const times = base.trace.map((e) => e.time);
    const n = times.findIndex((t, i) => i > 0 && t > 0 && times.filter((x) => x === t).length >= 5 && times[i + 1] !== t && times[i - 1] === t) + 1;
    expect(n).toBeGreaterThan(1);
    const at = base.trace[n - 1]!.time;
    const first = times.indexOf(at) + 1;
    expect(first).toBeLessThan(n);
    const op = { op: "create", resource: "pods", object: pod("mine"), at } as const;
    const timed = await runScenario(scenario, informer, [op]);
    const placed = await runScenario(scenario, informer, [{ ...op, afterStep: n }]);
    const learnerOp = (trace: typeof base.trace) => trace.findIndex((e) => e.kind === "runner.op" && (e as { learner?: boolean }).learner === true) + 1;
    // By time: before the step the learner was looking at. By step: after it, at the same time.
    expect(learnerOp(timed.trace)).toBeLessThan(n);
    expect(learnerOp(placed.trace)).toBeGreaterThan(n);
    expect(placed.trace[learnerOp(placed.trace) - 1]!.time).toBe(at);
    // Everything up to step n is the run the learner saw.
    expect(JSON.stringify(placed.trace.slice(0, n))).toBe(JSON.stringify(base.trace.slice(0, n)));
    expect(placed.log.map((l) => l.text)).toContain("add mine");
    // Deterministic.
    const again = await runScenario(scenario, informer, [{ ...op, afterStep: n }]);
    expect(again.hash).toBe(placed.hash);
  });

  it("an action after a step the run never reaches is not applied", async () => {
    const run = await runScenario(scenario, informer, [{ op: "create", resource: "pods", object: pod("late"), at: 10, afterStep: 1e6 }]);
    expect(run.trace.some((e) => e.kind === "runner.op" && (e as { learner?: boolean }).learner === true)).toBe(false);
  });

  it("a partition for 1500 ms heals itself 1500 ms later, traced as a heal", async () => {
    const ops: TimedOp[] = [{ op: "fault", fault: "partition", durationMs: 1_500, at: 2_000 }];
    const run = await runScenario(scenario, informer, ops);
    const faults = run.trace.filter((e) => e.kind === "runner.op" && (e as { op?: string }).op === "fault")
      .map((e) => [e.time, (e as { detail?: string }).detail]);
    expect(faults).toEqual([[2_000, "partition"], [3_500, "heal"]]);
  });
});

describe("action placement before main runs", () => {
  it("an action after a step the initial objects already made is applied at once, after them", async () => {
    const base = await runScenario(scenario, informer);
    const initialSteps = base.trace.findIndex((e) => e.kind === "server.write" && (e as { key?: string }).key === "default/web-2") + 1;
    expect(initialSteps).toBeGreaterThan(2);
    const placed = await runScenario(scenario, informer, [{ op: "fault", fault: "dropWatches", at: 0, afterStep: 2 }]);
    const i = placed.trace.findIndex((e) => e.kind === "runner.op" && (e as { learner?: boolean }).learner === true) + 1;
    expect(i).toBeGreaterThan(initialSteps);
    expect(placed.trace[i - 1]!.time).toBe(0);
  });
});
