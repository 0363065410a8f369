/**
 * The world fold in its rooms (src/sim/world/): the choreography (stageOf) reads the world without
 * changing it, every informer's queue kind is part of the world, and both agree with what the trace says,
 * on real runs of lessons that use each queue kind.
 */
import { describe, expect, it } from "vitest";
import { runScenario, type Playground, type Scenario } from "../../../src/scenario/index.js";
import { asKnown, type TraceEvent } from "../../../src/sim/trace.js";
import { applyEvent, cloneWorld, emptyWorld, foldTrace, stageOf } from "../../../src/sim/view.js";
import { fifoKinds } from "../../../site/views/fifo-mode.js";

const LESSONS = ["01-the-big-picture", "04-deltafifo", "12-workqueue", "16-modern-client-go", "17-chaos-lab"];

async function trace(id: string): Promise<readonly TraceEvent[]> {
  const scenario = (await import(`../../../lessons/${id}/scenario.ts`)).default as Scenario;
  const main = (await import(`../../../lessons/${id}/solution.ts`)).default as (p: Playground) => void;
  return (await runScenario(scenario, main)).trace;
}

describe("world slices", () => {
  for (const id of LESSONS) {
    it(`${id}: stageOf leaves the world as it was, and applyEvent records what stageOf said`, async () => {
      const events = await trace(id);
      const w = emptyWorld();
      for (const e of events) {
        const before = cloneWorld(w);
        const said = stageOf(asKnown(e), w);
        expect(w).toEqual(before);
        applyEvent(w, asKnown(e));
        expect(w.stage).toEqual(said.stage);
        if (w.edge !== null) expect(w.edge).toEqual({ from: said.from, to: said.stage });
      }
    });

    it(`${id}: each informer's fifoKind is the queue kind its fifo events carry`, async () => {
      const events = await trace(id);
      const w = foldTrace(events);
      const expected = fifoKinds(events);
      expect(expected.size).toBeGreaterThan(0);
      for (const [name, kind] of expected) expect(w.informers.get(name)?.fifoKind, name).toBe(kind);
    });
  }

  it("a reflector's requests travel reflector → apiserver and their replies back", async () => {
    const events = await trace("01-the-big-picture");
    const w = emptyWorld();
    const edges: string[] = [];
    for (const e of events) {
      applyEvent(w, asKnown(e));
      if (e.kind === "server.request" || e.kind === "server.response") {
        edges.push(w.edge === null ? `${e.kind} -` : `${e.kind} ${w.edge.from.stage}→${w.edge.to.stage}`);
      }
    }
    expect(edges).toContain("server.request reflector→apiserver");
    expect(edges).toContain("server.response apiserver→reflector");
  });
});
