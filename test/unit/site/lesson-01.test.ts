/** Lesson 1 runs as written: the starter misses a goal, the solution passes every goal on every seed. */
import { describe, expect, it } from "vitest";
import { runScenario } from "../../../src/scenario/index.js";
import scenario from "../../../lessons/01-the-big-picture/scenario.js";
import goalsModule from "../../../lessons/01-the-big-picture/goals.js";
import starter from "../../../lessons/01-the-big-picture/starter.js";
import solution from "../../../lessons/01-the-big-picture/solution.js";

async function outcomes(main: typeof starter, seed: number) {
  const run = await runScenario({ ...scenario, seed }, main);
  return { run, results: goalsModule.goals.map((g) => ({ id: g.id, ...g.check(run) })) };
}

describe("lesson 01-the-big-picture", () => {
  it("the solution passes every goal on the scenario's seed and the extra seeds", async () => {
    for (let k = 0; k <= (goalsModule.seeds ?? 0); k++) {
      const { run, results } = await outcomes(solution, scenario.seed + k);
      expect(run.error).toBeUndefined();
      expect(results.filter((r) => !r.pass)).toEqual([]);
      // Other seeds delete another pod (lessons/_lib/vary.ts): the line names whichever was deleted.
      const deleted = run.trace.find((e) => e.kind === "server.write" && (e as { type?: string }).type === "DELETED") as { key: string } | undefined;
      expect(deleted).toBeDefined();
      expect(run.log.map((l) => l.text)).toContain(`Pod deleted: ${deleted!.key.split("/")[1]}`);
      if (k === 0) expect(deleted!.key).toBe("default/web-2");
    }
  });

  it("the starter runs but fails the delete goal, pointing at a step", async () => {
    const { run, results } = await outcomes(starter, scenario.seed);
    expect(run.error).toBeUndefined();
    const failed = results.filter((r) => !r.pass);
    expect(failed.map((r) => r.id)).toEqual(["every-delete"]);
    expect(failed[0]!.failedAtStep).toBeGreaterThan(0);
    expect(run.log.map((l) => l.text)).toEqual(expect.arrayContaining(["Pod added: web-1", "Pod added: web-2", "Pod added: db-1", "Pod updated: web-1"]));
  });

  it("animates the whole pipeline: every stage appears in the trace", async () => {
    const { run } = await outcomes(solution, scenario.seed);
    const components = new Set(run.trace.map((e) => e.component));
    for (const c of ["server", "reflector", "fifo", "indexer", "processor", "listener", "handler"]) expect(components).toContain(c);
  });
});
