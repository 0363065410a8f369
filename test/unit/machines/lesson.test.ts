import { SimulatedClock, createActor, fromCallback, fromPromise, type AnyEventObject } from "xstate";
import { describe, expect, it } from "vitest";
import type { RunResult } from "../../../src/scenario/index.js";
import type { CompileOutput } from "../../../site/editor/create-editor.js";
import { LIVE_DEBOUNCE_MS, lessonMachine } from "../../../site/machines/lesson.js";
import { booting, runInFlight, runStatus } from "../../../site/machines/lesson-rules.js";
import type { CompileOutcome, LessonEmitted, LessonInput, RunInput } from "../../../site/machines/lesson-types.js";

const STARTER = "log('starter')";
const SOLUTION = "log('solution')";

function compiled(source: string, diagnostics = 0): CompileOutput {
  return {
    js: source, map: undefined, source, sourceHash: `h:${source}`,
    diagnostics: Array.from({ length: diagnostics }, (_, i) => ({ line: i + 1, column: 1, message: "x", code: 1005, severity: "error" })),
  } as unknown as CompileOutput;
}

const run = (steps: number): RunResult => ({ trace: Array.from({ length: steps }, (_, i) => ({ seq: i + 1 })), log: [] }) as unknown as RunResult;

/** A lesson actor whose compile and run are driven by the test. */
function harness(input: Partial<LessonInput> = {}, opts: { booted?: boolean } = {}) {
  let editorText = STARTER;
  const compiles: Array<{ resolve(o: CompileOutcome): void; source: string }> = [];
  const runs: Array<{ input: RunInput; send(e: AnyEventObject): void; stopped: boolean }> = [];
  const machine = lessonMachine.provide({
    actors: {
      compile: fromPromise<CompileOutcome, void>(() => new Promise((resolve) => compiles.push({ resolve, source: editorText }))),
      run: fromCallback<AnyEventObject, RunInput>(({ input: i, sendBack }) => {
        const r = { input: i, send: sendBack, stopped: false };
        runs.push(r);
        return () => { r.stopped = true; };
      }),
    },
  });
  const clock = new SimulatedClock();
  const actor = createActor(machine, {
    clock,
    input: { lessonId: "01-x", starter: STARTER, solution: SOLUTION, seed: 1, goalIds: ["a", "b"], hasGoals: true, live: true, ...input },
  });
  const emitted: LessonEmitted[] = [];
  for (const type of ["compiled", "runStarted", "result", "goals", "fatal"] as const) actor.on(type, (e) => emitted.push(e as LessonEmitted));
  actor.start();
  // The view is built (the booting tests leave it booting): nothing runs until the test says so.
  if (opts.booted !== false) actor.send({ type: "lesson.ready" });
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return {
    actor, clock, compiles, runs, emitted, settle,
    type(text: string) { editorText = text; actor.send({ type: "lesson.edit", text }); },
    /** The editor's text changes without an edit event (it was created with it). */
    setText(text: string) { editorText = text; },
    /** Finishes the newest compile with the text it started from (or `source`), the editor holding `editorText`. */
    async finishCompile(opts: { source?: string; diagnostics?: number } = {}) {
      const c = compiles[compiles.length - 1]!;
      c.resolve({ out: compiled(opts.source ?? c.source, opts.diagnostics ?? 0), editorHash: `h:${editorText}` });
      await settle();
    },
    state: () => actor.getSnapshot().value,
    ctx: () => actor.getSnapshot().context,
  };
}

describe("lesson machine (the run lifecycle)", () => {
  it("runs: editing → compiling → running → checked.pass, emitting runStarted, result and goals", async () => {
    const h = harness();
    expect(h.state()).toEqual({ editing: "idle" });
    h.actor.send({ type: "lesson.run", reason: "boot" });
    expect(h.state()).toBe("compiling");
    await h.finishCompile();
    expect(h.state()).toBe("running");
    expect(runInFlight(h.actor.getSnapshot())).toBe(true);
    expect(h.runs).toHaveLength(1);
    expect(h.runs[0]!.input.reason).toBe("boot");
    expect(h.emitted.map((e) => e.type)).toEqual(["compiled", "runStarted"]);
    const started = h.emitted[1] as Extract<LessonEmitted, { type: "runStarted" }>;
    expect(started.source).toEqual({ lesson: "01-x", hash: `h:${STARTER}`, kind: "starter" });
    h.runs[0]!.send({ type: "lesson.result", result: run(7), ms: 12.4 });
    expect(h.state()).toBe("running"); // goals still to come
    h.runs[0]!.send({ type: "lesson.goals", complete: true, outcomes: [{ id: "a", pass: true, seed: 1 }, { id: "b", pass: true, seed: 1 }] });
    expect(h.state()).toEqual({ checked: "pass" });
    expect(runInFlight(h.actor.getSnapshot())).toBe(false);
    expect(h.ctx().lastRun).toEqual({ steps: 7, ms: 12, stopped: false });
    const goals = h.emitted.find((e) => e.type === "goals") as Extract<LessonEmitted, { type: "goals" }>;
    expect(goals.passed).toBe(true);
  });

  it("a failing goal on the main seed gives its step; another seed's failure names the seed and no step", async () => {
    const h = harness();
    h.actor.send({ type: "lesson.run", reason: "run" });
    await h.finishCompile();
    h.runs[0]!.send({ type: "lesson.result", result: run(9), ms: 3 });
    h.runs[0]!.send({ type: "lesson.goals", complete: true, outcomes: [
      { id: "a", pass: false, message: "no line", failedAtStep: 4, seed: 1 },
      { id: "b", pass: false, message: "other", failedAtStep: 2, seed: 7 },
    ] });
    expect(h.state()).toEqual({ checked: "fail" });
    expect(h.ctx().goals).toEqual({
      a: { status: "fail", message: "no line", step: 4, seed: undefined },
      b: { status: "fail", message: "other", step: undefined, seed: 7 },
    });
    const goals = h.emitted.find((e) => e.type === "goals") as Extract<LessonEmitted, { type: "goals" }>;
    expect(goals).toMatchObject({ passed: false, failedSteps: [4] });
  });

  it("live edits are debounced: only the last text after 450 ms of quiet is compiled and run", async () => {
    const h = harness();
    h.type("log(1)");
    h.clock.increment(LIVE_DEBOUNCE_MS - 1);
    h.type("log(12)");
    h.clock.increment(LIVE_DEBOUNCE_MS - 1);
    expect(h.compiles).toHaveLength(0);
    h.clock.increment(1);
    expect(h.compiles).toHaveLength(1);
    expect(h.compiles[0]!.source).toBe("log(12)");
    await h.finishCompile();
    expect(h.runs[0]!.input.reason).toBe("live");
  });

  it("a live run that passes every goal does not mark the lesson passed (it says Run counts); Run of the same code does", async () => {
    const h = harness();
    const allPass = { type: "lesson.goals", complete: true, outcomes: [{ id: "a", pass: true, seed: 1 }, { id: "b", pass: true, seed: 1 }] } as const;
    h.type("log('fixed')");
    h.clock.increment(LIVE_DEBOUNCE_MS);
    await h.finishCompile();
    expect(h.runs[0]!.input.reason).toBe("live");
    h.runs[0]!.send({ type: "lesson.result", result: run(5), ms: 3 });
    h.runs[0]!.send(allPass);
    const goals = () => h.emitted.filter((e): e is Extract<LessonEmitted, { type: "goals" }> => e.type === "goals");
    expect(goals().map((g) => g.passed)).toEqual([false]);
    expect(h.ctx().goalsNote).toBe("runToCount");
    expect(Object.values(h.ctx().goals).map((g) => g.status)).toEqual(["pass", "pass"]);
    // A failing live run says nothing of the kind.
    h.type("log('broken')");
    h.clock.increment(LIVE_DEBOUNCE_MS);
    await h.finishCompile();
    h.runs[1]!.send({ type: "lesson.result", result: run(5), ms: 3 });
    h.runs[1]!.send({ type: "lesson.goals", complete: true, outcomes: [{ id: "a", pass: false, seed: 1, failedAtStep: 2 }, { id: "b", pass: true, seed: 1 }] });
    expect(h.ctx().goalsNote).toBeUndefined();
    // The learner's fix again, then Run: counted.
    h.type("log('fixed')");
    h.actor.send({ type: "lesson.run", reason: "run" });
    await h.finishCompile();
    const last = h.runs[h.runs.length - 1]!;
    expect(last.input.reason).toBe("run");
    last.send({ type: "lesson.result", result: run(5), ms: 3 });
    last.send(allPass);
    expect(goals().map((g) => g.passed)).toEqual([false, false, true]);
    expect(h.ctx().goalsNote).toBeUndefined();
  });

  it("with live off an edit only compiles (diagnostics), it never runs", async () => {
    const h = harness({ live: false });
    h.type("log(");
    h.clock.increment(LIVE_DEBOUNCE_MS);
    expect(h.state()).toBe("compiling");
    await h.finishCompile({ diagnostics: 2 });
    expect(h.state()).toEqual({ editing: "idle" });
    expect(h.runs).toHaveLength(0);
    const c = h.emitted.find((e) => e.type === "compiled") as Extract<LessonEmitted, { type: "compiled" }>;
    expect(c.out.diagnostics).toHaveLength(2);
    h.type("log()");
    h.clock.increment(LIVE_DEBOUNCE_MS);
    await h.finishCompile();
    expect(h.state()).toEqual({ editing: "idle" });
    expect(h.runs).toHaveLength(0);
  });

  it("a compile of another text than the editor's is compiled again (issue 13), at most twice more", async () => {
    const h = harness();
    h.actor.send({ type: "lesson.run", reason: "run" });
    await h.finishCompile({ source: "log('previous lesson')" });
    expect(h.state()).toBe("compiling");
    expect(h.compiles).toHaveLength(2);
    await h.finishCompile({ source: "log('previous lesson')" });
    await h.finishCompile({ source: "log('previous lesson')" });
    expect(h.compiles).toHaveLength(3);
    expect(h.state()).toEqual({ editing: "idle" });
    expect(h.runs).toHaveLength(0);
  });

  it("a second Run while one is in flight is ignored; Show solution supersedes it and the old run can no longer report", async () => {
    const h = harness();
    h.actor.send({ type: "lesson.run", reason: "run" });
    await h.finishCompile();
    h.actor.send({ type: "lesson.run", reason: "run" });
    expect(h.state()).toBe("running");
    expect(h.compiles).toHaveLength(1);
    h.actor.send({ type: "lesson.solutionShown" });
    h.type(SOLUTION);
    h.actor.send({ type: "lesson.run", reason: "solution" });
    expect(h.state()).toBe("compiling");
    expect(h.runs[0]!.stopped).toBe(true);
    await h.finishCompile({ source: SOLUTION });
    expect(h.runs).toHaveLength(2);
    expect(h.ctx().source?.kind).toBe("solution");
    expect(h.ctx().countable).toBe(false);
    h.runs[1]!.send({ type: "lesson.result", result: run(3), ms: 1 });
    h.runs[1]!.send({ type: "lesson.goals", complete: true, outcomes: [{ id: "a", pass: true, seed: 1 }, { id: "b", pass: true, seed: 1 }] });
    const goals = h.emitted.filter((e) => e.type === "goals") as Array<Extract<LessonEmitted, { type: "goals" }>>;
    expect(goals.map((g) => g.passed)).toEqual([false]); // all pass, but shown: not counted
  });

  it("after Diff or Show solution nothing counts until Reset; a shared link's code never counts", async () => {
    const h = harness({ fromShare: true });
    h.setText("mine");
    h.actor.send({ type: "lesson.run", reason: "share" });
    await h.finishCompile({ source: "mine" });
    expect([h.ctx().source?.kind, h.ctx().countable]).toEqual(["shared", false]);
    h.runs[0]!.send({ type: "lesson.result", result: run(2), ms: 1 });
    h.runs[0]!.send({ type: "lesson.goals", complete: true, outcomes: [{ id: "a", pass: true, seed: 1 }] });
    h.type("mine2");
    h.actor.send({ type: "lesson.solutionShown" });
    h.actor.send({ type: "lesson.run", reason: "run" });
    await h.finishCompile();
    expect([h.ctx().source?.kind, h.ctx().countable]).toEqual(["edited", false]);
    h.runs[1]!.send({ type: "lesson.fatal", message: "gone" });
    h.actor.send({ type: "lesson.reset" });
    h.actor.send({ type: "lesson.run", reason: "run" });
    await h.finishCompile();
    expect(h.ctx().countable).toBe(true);
  });

  it("an edit during a run is not lost: when the run comes to rest the new text is compiled and run", async () => {
    const h = harness();
    h.actor.send({ type: "lesson.run", reason: "run" });
    await h.finishCompile();
    h.type("log('newer')");
    expect(h.state()).toBe("running");
    h.runs[0]!.send({ type: "lesson.result", result: run(3), ms: 1 });
    h.runs[0]!.send({ type: "lesson.goals", complete: true, outcomes: [{ id: "a", pass: true, seed: 1 }, { id: "b", pass: true, seed: 1 }] });
    expect(h.state()).toEqual({ editing: "debouncing" });
    h.clock.increment(LIVE_DEBOUNCE_MS);
    await h.finishCompile();
    expect(h.runs).toHaveLength(2);
    expect(h.runs[1]!.input.reason).toBe("live");
  });

  it("a stopped run leaves every goal pending with a note, and ends in stopped", async () => {
    const h = harness();
    h.actor.send({ type: "lesson.run", reason: "run" });
    await h.finishCompile();
    h.runs[0]!.send({ type: "lesson.result", result: run(31), ms: 2000, stopped: "timeout" });
    h.runs[0]!.send({ type: "lesson.goals", complete: false, outcomes: [] });
    expect(h.state()).toBe("stopped");
    expect(h.ctx().goalsNote).toBe("stopped");
    expect(Object.values(h.ctx().goals).map((g) => g.status)).toEqual(["pending", "pending"]);
    expect(h.ctx().lastRun).toEqual({ steps: 31, ms: 2000, stopped: true });
  });

  it("a fatal worker error ends in stopped and is emitted; actions append in time order and re-run", async () => {
    const h = harness({ hasGoals: false, goalIds: [] });
    h.actor.send({ type: "lesson.run", reason: "boot" });
    await h.finishCompile();
    h.runs[0]!.send({ type: "lesson.fatal", message: "boom", unexpected: true });
    expect(h.state()).toBe("stopped");
    expect(h.emitted.at(-1)).toEqual({ type: "fatal", message: "boom", unexpected: true });
    h.actor.send({ type: "lesson.action", op: { at: 500, op: { op: "heal" } } as never });
    h.actor.send({ type: "lesson.action", op: { at: 100, op: { op: "compact" } } as never });
    await h.finishCompile();
    expect(h.runs.at(-1)!.input.actions.map((a) => a.at)).toEqual([100, 500]);
    expect(h.runs.at(-1)!.input.reason).toBe("action");
    h.runs.at(-1)!.send({ type: "lesson.result", result: run(2), ms: 1 });
    h.runs.at(-1)!.send({ type: "lesson.done" });
    expect(h.state()).toEqual({ checked: "unchecked" });
  });

  it("boots: Run, checks and stage runs wait for the view; lesson.ready starts its first run with the kept actions and edit", async () => {
    const h = harness({}, { booted: false });
    expect(h.state()).toBe("booting");
    expect(booting(h.actor.getSnapshot())).toBe(true);
    expect(runStatus(h.actor.getSnapshot())).toEqual({ kind: "booting" });
    h.actor.send({ type: "lesson.run", reason: "run" });
    h.actor.send({ type: "lesson.check" });
    h.actor.send({ type: "lesson.action", op: { at: 300, op: { op: "fault", fault: "restart" } } } as never);
    h.type("log('typed while booting')");
    await h.settle();
    expect(h.state()).toBe("booting");
    expect(h.compiles).toHaveLength(0);
    expect(h.ctx().actions).toHaveLength(1);
    h.actor.send({ type: "lesson.ready", then: "boot" });
    expect(h.state()).toBe("compiling");
    expect(booting(h.actor.getSnapshot())).toBe(false);
    expect(h.compiles).toHaveLength(1);
    expect(h.compiles[0]!.source).toBe("log('typed while booting')");
    await h.finishCompile();
    expect(h.runs).toHaveLength(1);
    expect(h.runs[0]!.input.reason).toBe("boot");
    expect(h.runs[0]!.input.actions).toHaveLength(1);
    h.actor.send({ type: "lesson.ready", then: "boot" }); // only the booting state listens
    expect(h.runs).toHaveLength(1);
  });

  it("boots into a check (safe boot), or into editing when the view has nothing to run (an edit then compiles)", async () => {
    const safe = harness({}, { booted: false });
    safe.actor.send({ type: "lesson.ready", then: "check" });
    expect(safe.state()).toBe("compiling");
    await safe.finishCompile();
    expect(safe.runs).toHaveLength(0);
    expect(safe.state()).toEqual({ editing: "idle" });

    const failed = harness({}, { booted: false });
    failed.type("log('x')");
    failed.actor.send({ type: "lesson.ready" });
    expect(failed.state()).toEqual({ editing: "debouncing" });
    expect(runStatus(failed.actor.getSnapshot())).toEqual({ kind: "idle" });
  });
});
