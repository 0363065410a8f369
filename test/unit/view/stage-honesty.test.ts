// @vitest-environment happy-dom
/**
 * The honesty test: at many steps of a run, what the stage's DOM shows (active stage, FIFO keys and
 * delta types, store rows, listener buffer counts, workqueue items, reflector state, narration, step
 * counter) equals the WorldView folded from the trace at that step.
 */
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { narrate } from "../../../src/sim/narration.js";
import { asKnownTrace, type TraceEvent } from "../../../src/sim/trace.js";
import { WorldReplay, focusedInformer, foldTrace, type WorldView } from "../../../src/sim/view.js";
import { demoTrace } from "../../fixtures/demo-trace.js";
import { MAX_CHIPS } from "../../../site/views/fifo-view.js";
import type { TimedOp } from "../../../site/views/run-types.js";
import { mountStage, type StageHandle } from "../../../site/views/stage/stage.js";
import { ITEMS_PER_SET } from "../../../site/views/workqueue-view.js";
import { isBareFifo } from "../../../site/views/run-shape.js";

let host: HTMLElement;
let stage: StageHandle;
const all = (sel: string) => [...host.querySelectorAll<HTMLElement>(sel)];
const one = (sel: string) => host.querySelector<HTMLElement>(sel)!;
const testid = (id: string) => all(`[data-testid="${id}"]`);
const run = (trace: TraceEvent[]) => ({ trace, log: [], hash: "h" });

/** `bare`: a bare DeltaFIFO run (site/views/run-shape.ts), whose stage shows the queue only (no reflector card). */
function expectDomMatches(view: WorldView, total: number, bare = false): void {
  const active = testid("stage-node").filter((n) => n.getAttribute("data-active") === "true");
  if (view.stage === null) expect(active).toEqual([]);
  else {
    expect(active.map((n) => [n.getAttribute("data-stage"), n.getAttribute("data-index")])).toEqual([
      [view.stage.stage, view.stage.index === undefined ? null : String(view.stage.index)],
    ]);
  }
  const inf = focusedInformer(view);
  const entries = inf?.fifo.entries ?? [];
  const keys = testid("fifo-key");
  expect(keys.map((k) => k.getAttribute("data-key"))).toEqual(entries.slice(0, Math.max(50, keys.length)).map((e) => e.key));
  keys.forEach((k, i) => {
    const chips = [...k.querySelectorAll('[data-testid="fifo-delta"]')].map((c) => [c.getAttribute("data-type"), c.getAttribute("data-rv")]);
    expect(chips).toEqual(entries.at(i)!.deltas.slice(0, MAX_CHIPS).map((d) => [d.type, d.rv]));
  });
  const store = [...(inf?.indexer.objects.values() ?? [])].slice(0, 50);
  expect(testid("store-row").map((r) => [r.getAttribute("data-key"), r.getAttribute("data-rv")])).toEqual(store.map((o) => [o.key, o.rv]));
  const listeners = [...(inf?.listeners.values() ?? [])].sort((a, b) => a.index - b.index);
  expect(testid("listener-buffer").map((l) => [l.getAttribute("data-index"), l.getAttribute("data-count")]))
    .toEqual(listeners.map((l) => [String(l.index), String(l.buffer.length)]));
  const wq: string[][] = [];
  for (const q of view.workqueues.values()) {
    for (const k of q.queue.slice(0, ITEMS_PER_SET)) wq.push(["queue", k]);
    for (const k of q.dirty.slice(0, ITEMS_PER_SET)) wq.push(["dirty", k]);
    for (const k of [...q.processing.keys()].slice(0, ITEMS_PER_SET)) wq.push(["processing", k]);
    for (const [k] of [...q.delayed].sort((a, b) => a[1] - b[1]).slice(0, ITEMS_PER_SET)) wq.push(["delayed", k]);
  }
  expect(testid("wq-item").map((w) => [w.getAttribute("data-set")!, w.getAttribute("data-key")!])).toEqual(wq);
  if (bare) {
    expect(testid("reflector-state")).toEqual([]);
    expect(one(".panel.p-reflector").hidden).toBe(true);
  } else {
    const rs = testid("reflector-state")[0]!;
    expect([rs.textContent, rs.getAttribute("data-rv")]).toEqual([inf?.reflector.state ?? "stopped", inf?.reflector.lastRV ?? ""]);
  }
  expect(testid("narration")[0]!.textContent).toBe(view.event === null ? expect.anything() : `${view.step}. ${narrate(view.event, "en")}`);
  expect(testid("step-counter")[0]!.textContent).toBe(`${view.step} / ${total}`);
}

beforeEach(() => {
  document.body.innerHTML = "";
  host = document.createElement("div");
  document.body.append(host);
  stage = mountStage(host, { locale: "en", reducedMotion: true });
});
afterEach(() => stage.destroy());

describe("stage honesty: the DOM shows the WorldView of the current step", () => {
  it("at random steps of a run, forwards and backwards", () => {
    const trace = demoTrace({ seed: 21, writes: 16 });
    stage.load(run(trace));
    const replay = new WorldReplay(trace);
    expectDomMatches(replay.seek(1), trace.length);
    fc.assert(fc.property(fc.integer({ min: 1, max: trace.length }), (step) => {
      stage.seek(step);
      expectDomMatches(foldTrace(trace, step), trace.length);
    }), { numRuns: 60, seed: 7 });
  });

  it("while stepping with the buttons and the keyboard", () => {
    const trace = demoTrace({ seed: 3 });
    stage.load(run(trace));
    const replay = new WorldReplay(trace);
    for (let i = 0; i < 25; i++) one('[data-testid="step-forward"]').click();
    expectDomMatches(replay.seek(26), trace.length);
    document.body.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowLeft", bubbles: true }));
    expectDomMatches(replay.seek(25), trace.length);
    document.body.dispatchEvent(new KeyboardEvent("keydown", { key: "End", bubbles: true }));
    expectDomMatches(replay.seek(trace.length), trace.length);
    one('[data-testid="jump-start"]').click();
    expectDomMatches(replay.seek(1), trace.length);
  });

  it("with 1,000 keys queued: the first 50 keys are rendered and the rest summarised", () => {
    const trace = demoTrace({ backlog: 1000, writes: 4 });
    stage.load(run(trace));
    stage.seek(trace.length);
    const view = foldTrace(trace);
    expect(focusedInformer(view)!.fifo.entries.length).toBe(1000);
    expectDomMatches(view, trace.length);
    expect(testid("fifo-key").length).toBe(50);
    expect(testid("fifo-delta").length).toBeLessThanOrEqual(50 * MAX_CHIPS);
    expect(one(".fifo-more").textContent).toContain("+950");
    one(".fifo-more button").click();
    expect(testid("fifo-key").length).toBe(100);
    expectDomMatches(view, trace.length);
  });
});

describe("stage behaviour", () => {
  it("before any run reads 0 / 0; load starts at step 1, paused under reduced motion", () => {
    expect(testid("step-counter")[0]!.textContent).toBe("0 / 0");
    const trace = demoTrace();
    stage.load(run(trace));
    expect(testid("step-counter")[0]!.textContent).toBe(`1 / ${trace.length}`);
    expect([one('[data-testid="play"]').hidden, one('[data-testid="pause"]').hidden]).toEqual([false, true]);
    one('[data-testid="play"]').click();
    expect([one('[data-testid="play"]').hidden, one('[data-testid="pause"]').hidden]).toEqual([true, false]);
  });

  it("autoplays after load without reduced motion", () => {
    stage.destroy();
    stage = mountStage(host, { locale: "en", reducedMotion: false });
    stage.load(run(demoTrace()));
    expect([one('[data-testid="play"]').hidden, one('[data-testid="pause"]').hidden]).toEqual([true, false]);
  });

  it("reports every step shown to onStep", () => {
    const steps: number[] = [];
    stage.onStep((s) => steps.push(s));
    stage.load(run(demoTrace()));
    one('[data-testid="step-forward"]').click();
    stage.seek(10);
    expect(steps).toEqual([1, 2, 10]);
  });

  it("an action button emits one TimedOp at the current step's virtual time, placed right after that step", () => {
    const trace = demoTrace();
    const ops: TimedOp[] = [];
    stage.onAction((op) => ops.push(op));
    stage.load(run(trace));
    stage.seek(40);
    const view = foldTrace(trace, 40);
    one('[data-action="drop-watch"]').click();
    one('[data-action="delete"]').click();
    expect(ops[0]).toEqual({ op: "fault", fault: "dropWatches", at: view.time, afterStep: 40 });
    expect(ops[1]).toMatchObject({ op: "delete", resource: "pods", at: view.time, afterStep: 40 });
    expect(one('[data-testid="command-result"]').textContent).toMatch(/^Recorded delete pods .* after step 40 \(at its time, t = (\d{1,3} ms|\d+\.\d{1,2} s)\)/);
    expect(all('[data-testid="action"]').map((b) => b.getAttribute("data-action")).sort()).toEqual(
      ["bind", "compact", "create", "delete", "drop-watch", "heal", "label", "partition", "partition-timeout", "restart", "slow-handler", "update"]);
  });

  it("the command bar answers get from the server at this step, emits ops, and refuses bad input", () => {
    const trace = demoTrace();
    const ops: TimedOp[] = [];
    stage.onAction((op) => ops.push(op));
    stage.load(run(trace));
    stage.seek(12);
    const input = one('[data-testid="command-bar"]') as HTMLInputElement;
    const submit = (line: string) => {
      input.value = line;
      input.form!.dispatchEvent(new Event("submit", { cancelable: true, bubbles: true }));
      return one('[data-testid="command-result"]').textContent ?? "";
    };
    const view = foldTrace(trace, 12);
    const names = [...view.server.objects.values()].map((o) => o.object.metadata.name);
    const out = submit("get pods");
    for (const n of names) expect(out).toContain(n);
    expect(submit("delete pod nope")).toContain('pods "nope" not found');
    expect(ops).toEqual([]);
    submit(`label pod ${names[0]} team=a`);
    expect(ops).toEqual([{ op: "label", resource: "pods", namespace: "default", name: names[0], labels: { team: "a" }, at: view.time, afterStep: 12 }]);
  });

  it("marks the first step where a new run departs from the previous one", () => {
    const previous = demoTrace({ seed: 5 });
    const current = demoTrace({ seed: 6 });
    let n = 0;
    while (JSON.stringify(previous[n]) === JSON.stringify(current[n])) n++;
    stage.load(run(current), { previous: run(previous) });
    const note = one(".diff-note");
    expect(note.hidden).toBe(false);
    expect(note.textContent).toContain(`step ${n + 1}`);
    expect(note.textContent).toContain(narrate(previous[n]!, "en"));
    expect(note.textContent).toContain(narrate(current[n]!, "en"));
    one(".diff-go").click();
    expect(testid("step-counter")[0]!.textContent).toBe(`${n + 1} / ${current.length}`);
  });

  it("switches language, narration included, and shows every view as a table", () => {
    const trace = demoTrace();
    stage.load(run(trace));
    stage.seek(30);
    stage.setLocale("zh-CN");
    expect(testid("narration")[0]!.textContent).toBe(`30. ${narrate(foldTrace(trace, 30).event!, "zh-CN")}`);
    expect(one('[data-action="delete"]').textContent).toBe("删除");
    stage.seek(trace.length);
    const toggle = one(".stage-tables-toggle input") as HTMLInputElement;
    toggle.checked = true;
    toggle.dispatchEvent(new Event("change"));
    const tables = testid("view-table").map((t) => t.getAttribute("data-view"));
    expect(tables).toEqual(expect.arrayContaining(["server", "reflector", "fifo", "indexer", "listeners", "workqueue", "handlers"]));
  });

  it("adds no second `stage` hook inside the app's stage pane, and destroy removes everything", () => {
    stage.destroy();
    host.setAttribute("data-testid", "stage");
    stage = mountStage(host, { locale: "en", reducedMotion: true });
    expect(document.querySelectorAll('[data-testid="stage"]').length).toBe(1);
    stage.destroy();
    expect(host.children.length).toBe(0);
    stage = mountStage(host, { locale: "en", reducedMotion: true });
  });
});

describe("stage honesty on real engine runs (lesson 01)", () => {
  it("at every step of the solution's run, and of a run with a learner action", async () => {
    const { lessonOneRun } = await import("./real-run.helper.js");
    for (const result of [await lessonOneRun(), await lessonOneRun([{ op: "fault", fault: "dropWatches", at: 4000 }])]) {
      expect(result.error).toBeUndefined();
      stage.load(result);
      const replay = new WorldReplay(result.trace);
      for (let step = 1; step <= result.trace.length; step++) {
        stage.seek(step);
        expectDomMatches(replay.seek(step), result.trace.length);
      }
    }
  });
});

describe("stage honesty on every lesson's solution run", () => {
  it("at random steps and the last step of each lesson", async () => {
    const { readdirSync, existsSync } = await import("node:fs");
    const { runScenario } = await import("../../../src/scenario/index.js");
    const lessons = readdirSync("lessons").filter((d) => /^\d\d-/.test(d) && existsSync(`lessons/${d}/solution.ts`) && existsSync(`lessons/${d}/scenario.ts`));
    expect(lessons.length).toBeGreaterThanOrEqual(10);
    let rng = 12345;
    const next = (n: number) => {
      rng = (Math.imul(rng, 1103515245) + 12345) >>> 0;
      return 1 + (rng % n);
    };
    for (const d of lessons) {
      const scenario = (await import(`../../../lessons/${d}/scenario.ts`)).default;
      const main = (await import(`../../../lessons/${d}/solution.ts`)).default;
      const result = await runScenario(scenario, main);
      expect(result.trace.length, d).toBeGreaterThan(0);
      stage.load(result);
      const replay = new WorldReplay(result.trace);
      const steps = [...Array.from({ length: 10 }, () => next(result.trace.length)), result.trace.length];
      const bare = isBareFifo(asKnownTrace(result.trace));
      for (const step of steps) {
        stage.seek(step);
        expectDomMatches(replay.seek(step), result.trace.length, bare);
      }
    }
  });
});
