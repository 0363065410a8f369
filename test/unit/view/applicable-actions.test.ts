/**
 * Issue 21 item 3: the stage offers only the actions a run's trace gives meaning to
 * (site/views/action-ops.ts `applicableActions`), read from real engine runs.
 */
import { describe, expect, it } from "vitest";
import { runScenario } from "../../../src/scenario/index.js";
import { asKnownTrace } from "../../../src/sim/index.js";
import { ACTIONS, applicableActions } from "../../../site/views/action-ops.js";
import fifoScenario from "../../../lessons/04-deltafifo/scenario.js";
import fifoStarter from "../../../lessons/04-deltafifo/starter.js";
import fifoSolution from "../../../lessons/04-deltafifo/solution.js";
import wqScenario from "../../../lessons/12-workqueue/scenario.js";
import wqStarter from "../../../lessons/12-workqueue/starter.js";
import { isBareFifo } from "../../../site/views/run-shape.js";
import { lessonOneRun } from "./real-run.helper.js";

describe("applicableActions", () => {
  it("an informer run (lesson 01) offers every action", async () => {
    const run = await lessonOneRun();
    expect([...applicableActions(asKnownTrace(run.trace))].sort()).toEqual([...ACTIONS].sort());
  });

  it("a bare DeltaFIFO (lesson 04, starter and solution) offers none", async () => {
    for (const main of [fifoStarter, fifoSolution]) {
      const run = await runScenario(fifoScenario, main);
      expect(run.trace.some((e) => e.component === "fifo")).toBe(true);
      expect([...applicableActions(asKnownTrace(run.trace))]).toEqual([]);
    }
  });

  it("no run yet: nothing is known, everything is offered", () => {
    expect(applicableActions([]).size).toBe(ACTIONS.length);
  });

  it("requests by the learner's own clientset give object actions and faults, not drop-watch or slow-handler", async () => {
    const run = await runScenario(fifoScenario, async ({ clientset, log }) => {
      const list = await clientset.coreV1().pods("default").list();
      log(`pods=${list.items.length}`);
    });
    const ok = applicableActions(asKnownTrace(run.trace));
    expect(ok.has("create") && ok.has("delete") && ok.has("partition") && ok.has("restart")).toBe(true);
    expect(ok.has("drop-watch")).toBe(false);
    expect(ok.has("slow-handler")).toBe(false);
  });

  it("the scenario's own writes alone (nobody reads them) give nothing", async () => {
    const run = await runScenario({ ...wqScenario }, () => undefined);
    expect(run.trace.some((e) => e.kind === "server.request")).toBe(true);
    expect(applicableActions(asKnownTrace(run.trace)).size).toBe(0);
  });

  it("a controller lesson (12) has handlers and watches", async () => {
    const run = await runScenario(wqScenario, wqStarter);
    const ok = applicableActions(asKnownTrace(run.trace));
    expect(ok.has("slow-handler") && ok.has("drop-watch")).toBe(true);
  });
});

describe("isBareFifo (run-shape.ts): the stage shows only what the run has", () => {
  it("lesson 04's starter and solution are bare; lesson 01 and a run that lists pods are not; no run is not", async () => {
    for (const main of [fifoStarter, fifoSolution]) expect(isBareFifo(asKnownTrace((await runScenario(fifoScenario, main)).trace))).toBe(true);
    expect(isBareFifo(asKnownTrace((await lessonOneRun()).trace))).toBe(false);
    const lists = await runScenario(fifoScenario, async ({ clientset, log }) => {
      log(`pods=${(await clientset.coreV1().pods("default").list()).items.length}`);
    });
    expect(isBareFifo(asKnownTrace(lists.trace))).toBe(false);
    expect(isBareFifo([])).toBe(false);
  });
});
