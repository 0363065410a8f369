import { createActor } from "xstate";
import { describe, expect, it } from "vitest";
import { WorldReplay } from "../../../src/sim/view.js";
import { pipelineEventOf, pipelineMachine } from "../../../site/machines/pipeline.js";
import { demoTrace } from "../../../site/views/demo-trace.js";

describe("pipeline machine", () => {
  it("follows the stage of each step of a run, with the reflector's sub-state and lanes", () => {
    const trace = demoTrace({ seed: 4 });
    const replay = new WorldReplay(trace);
    const actor = createActor(pipelineMachine).start();
    const seen = new Set<string>();
    for (let n = 1; n <= trace.length; n++) {
      const view = replay.seek(n);
      actor.send(pipelineEventOf(view));
      const snap = actor.getSnapshot();
      const value = typeof snap.value === "string" ? snap.value : JSON.stringify(snap.value);
      seen.add(value);
      const stage = view.stage?.stage ?? null;
      const expected: Record<string, string> = {
        apiserver: "apiServer", deltafifo: view.event?.kind === "fifo.popped" ? "popping" : "deltaFIFO", indexer: "indexer",
        processor: "processor", listener: "listener", handler: "handler", workqueue: "workqueue", worker: "worker",
      };
      if (stage === null) expect(value).toBe("outside");
      else if (stage === "reflector") expect(value).toMatch(/^\{"reflector":"(listing|watching|backoff|stopped)"\}$/);
      else expect(value).toBe(expected[stage]);
      expect(snap.context.lane).toBe(view.stage?.index ?? null);
    }
    for (const s of ["apiServer", "popping", "deltaFIFO", "indexer", "processor", "listener", "handler", "workqueue", "worker"]) {
      expect(seen).toContain(s);
    }
    expect([...seen].some((s) => s.includes("listing"))).toBe(true);
    expect([...seen].some((s) => s.includes("watching"))).toBe(true);
  });

  it("lands in the same state for a step whichever direction it came from", () => {
    const trace = demoTrace({ seed: 9 });
    const replay = new WorldReplay(trace);
    const a = createActor(pipelineMachine).start();
    const b = createActor(pipelineMachine).start();
    for (let n = 1; n <= 30; n++) a.send(pipelineEventOf(replay.seek(n)));
    for (let n = trace.length; n >= 30; n--) b.send(pipelineEventOf(replay.seek(n)));
    expect(b.getSnapshot().value).toEqual(a.getSnapshot().value);
    expect(b.getSnapshot().context).toEqual(a.getSnapshot().context);
  });
});
