import { SimulatedClock, createActor } from "xstate";
import { describe, expect, it } from "vitest";
import { WorldReplay } from "../../../src/sim/view.js";
import { playbackMachine } from "../../../site/machines/playback.js";
import { demoTrace } from "../../fixtures/demo-trace.js";

function start(speed = 4) {
  const clock = new SimulatedClock();
  const actor = createActor(playbackMachine, { clock, input: { speed } }).start();
  return { actor, clock, snap: () => actor.getSnapshot() };
}

describe("playback machine", () => {
  it("starts idle at step 0, runs, then loads at step 1 and plays", () => {
    const { actor, snap } = start();
    expect([snap().value, snap().context.step]).toEqual(["idle", 0]);
    actor.send({ type: "playback.run" });
    expect(snap().value).toBe("running");
    actor.send({ type: "playback.loaded", total: 10, autoplay: true });
    expect([snap().value, snap().context.step, snap().context.total]).toEqual([{ ready: "playing" }, 1, 10]);
  });

  it("a run in flight freezes the shown run; stopping without a new run returns to it, paused", () => {
    const { actor, clock, snap } = start(4);
    actor.send({ type: "playback.stopped" });
    expect(snap().value).toBe("idle");
    actor.send({ type: "playback.run" });
    actor.send({ type: "playback.stopped" });
    expect(snap().value).toBe("idle");
    actor.send({ type: "playback.loaded", total: 10, autoplay: true });
    clock.increment(250);
    clock.increment(250);
    expect(snap().context.step).toBe(3);
    actor.send({ type: "playback.run" });
    expect(snap().value).toBe("running");
    clock.increment(5000);
    actor.send({ type: "playback.stepForward" });
    actor.send({ type: "playback.goTo", step: 9 });
    expect([snap().value, snap().context.step]).toEqual(["running", 3]);
    actor.send({ type: "playback.stopped" });
    expect([snap().value, snap().context.step, snap().context.total]).toEqual([{ ready: "paused" }, 3, 10]);
    actor.send({ type: "playback.run" });
    actor.send({ type: "playback.loaded", total: 4, autoplay: false });
    expect([snap().value, snap().context.step, snap().context.total]).toEqual([{ ready: "paused" }, 1, 4]);
  });

  it("loads paused at step 1 when autoplay is off (reduced motion)", () => {
    const { actor, snap } = start();
    actor.send({ type: "playback.loaded", total: 10, autoplay: false });
    expect([snap().value, snap().context.step]).toEqual([{ ready: "paused" }, 1]);
  });

  it("advances one step per 1000/speed ms of the actor's clock and pauses at the end", () => {
    const { actor, clock, snap } = start(4);
    actor.send({ type: "playback.loaded", total: 3, autoplay: true });
    clock.increment(249);
    expect(snap().context.step).toBe(1);
    clock.increment(1);
    expect(snap().context.step).toBe(2);
    clock.increment(250);
    expect(snap().context.step).toBe(3);
    clock.increment(250);
    expect([snap().value, snap().context.step]).toEqual([{ ready: "paused" }, 3]);
    clock.increment(5000);
    expect(snap().context.step).toBe(3);
  });

  it("steps by hand (pausing), clamps to 1..total, and seeks while playing", () => {
    const { actor, snap } = start();
    actor.send({ type: "playback.loaded", total: 5, autoplay: true });
    actor.send({ type: "playback.stepBack" });
    expect([snap().value, snap().context.step]).toEqual([{ ready: "paused" }, 1]);
    for (let i = 0; i < 9; i++) actor.send({ type: "playback.stepForward" });
    expect(snap().context.step).toBe(5);
    actor.send({ type: "playback.jumpStart" });
    expect(snap().context.step).toBe(1);
    actor.send({ type: "playback.jumpEnd" });
    expect(snap().context.step).toBe(5);
    actor.send({ type: "playback.play" });
    expect([snap().value, snap().context.step]).toEqual([{ ready: "playing" }, 1]);
    actor.send({ type: "playback.seek", step: 3.4 });
    expect([snap().value, snap().context.step]).toEqual([{ ready: "playing" }, 3]);
    actor.send({ type: "playback.seek", step: 99 });
    expect(snap().context.step).toBe(5);
  });

  it("toggles, changes speed, jumps to failing steps and goes to a step, pausing", () => {
    const { actor, clock, snap } = start(4);
    actor.send({ type: "playback.loaded", total: 50, autoplay: false, failedSteps: [30, 12] });
    actor.send({ type: "playback.toggle" });
    expect(snap().value).toEqual({ ready: "playing" });
    actor.send({ type: "playback.speed", speed: 100 });
    clock.increment(10);
    expect(snap().context.step).toBe(2);
    actor.send({ type: "playback.toggle" });
    expect(snap().value).toEqual({ ready: "paused" });
    actor.send({ type: "playback.jumpToFailure" });
    expect(snap().context.step).toBe(12);
    actor.send({ type: "playback.jumpToFailure" });
    expect(snap().context.step).toBe(30);
    actor.send({ type: "playback.jumpToFailure" });
    expect(snap().context.step).toBe(12);
    actor.send({ type: "playback.play" });
    actor.send({ type: "playback.goTo", step: 44 });
    expect([snap().value, snap().context.step]).toEqual([{ ready: "paused" }, 44]);
    actor.send({ type: "playback.goTo", step: 440 });
    expect(snap().context.step).toBe(50);
  });

  it("takes failing steps that arrive after the run is loaded, without moving or pausing", () => {
    const { actor, snap } = start(4);
    actor.send({ type: "playback.loaded", total: 50, autoplay: true });
    actor.send({ type: "playback.jumpToFailure" });
    expect(snap().context.step).toBe(1);
    actor.send({ type: "playback.play" });
    actor.send({ type: "playback.failedSteps", steps: [40, 7] });
    expect([snap().value, snap().context.step, snap().context.failedSteps]).toEqual([{ ready: "playing" }, 1, [7, 40]]);
    actor.send({ type: "playback.jumpToFailure" });
    expect([snap().value, snap().context.step]).toEqual([{ ready: "paused" }, 7]);
  });

  it("stepping forward then back returns identical views", () => {
    const trace = demoTrace({ seed: 11 });
    const replay = new WorldReplay(trace, { snapshotEvery: 16 });
    const { actor, snap } = start();
    actor.send({ type: "playback.loaded", total: trace.length, autoplay: false });
    const seen = [replay.seek(snap().context.step)];
    for (let i = 0; i < 40; i++) {
      actor.send({ type: "playback.stepForward" });
      seen.push(replay.seek(snap().context.step));
    }
    for (let i = 39; i >= 0; i--) {
      actor.send({ type: "playback.stepBack" });
      expect(replay.seek(snap().context.step)).toEqual(seen[i]);
    }
  });
});
