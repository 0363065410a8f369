// @vitest-environment happy-dom
/**
 * site/lessons/predict.ts: a question's step in a real run (lesson 04's starter and solution), the engine's
 * value, the cards (options as buttons, locked reveal, right/wrong against the engine, persistence, Ask
 * again) and the stage gate (pause once before an unanswered question's step).
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { runScenario, type RunResult } from "../../../src/scenario/index.js";
import type { TraceEvent } from "../../../src/sim/trace.js";
import { translator } from "../../../site/i18n/index.js";
import { renderMarkdown, splitFrontMatter } from "../../../tools/lessons/compile.js";
import { PredictController, judge, pick, predictAnswers, predictEvent, questionStep, readQuestion, renderField, type PredictBefore } from "../../../site/lessons/predict.js";
import { openStore } from "../../../site/storage/store.js";
import scenario from "../../../lessons/04-deltafifo/scenario.js";
import starter from "../../../lessons/04-deltafifo/starter.js";
import solution from "../../../lessons/04-deltafifo/solution.js";
import { memoryStorage } from "./memory-storage";

const LESSON = resolve(__dirname, "../../../lessons/04-deltafifo");
const md = readFileSync(join(LESSON, "lesson.md"), "utf8");
interface Block { id: string; before: PredictBefore; field: string; answer: string; options: Array<{ value: string }> }
const blocks: Block[] = [...md.matchAll(/^```predict\n([\s\S]*?)^```/gm)].map((m) => parseYaml(m[1]!) as Block);

let solutionRun: RunResult | undefined;
let starterRun: RunResult | undefined;
const solved = async () => (solutionRun ??= await runScenario(scenario, solution));
const started = async () => (starterRun ??= await runScenario(scenario, starter));

function mount(backing = memoryStorage()) {
  document.body.innerHTML = `<article class="prose">${renderMarkdown(splitFrontMatter(md, "lesson.md").body)}</article>`;
  const seeks: number[] = [];
  const ctl = new PredictController({ answers: predictAnswers(openStore(() => backing), "04-deltafifo"), t: () => translator("en"), seek: (s) => seeks.push(s) });
  ctl.attach(document.body);
  return { ctl, seeks, backing };
}
const card = (id: string) => document.querySelector<HTMLElement>(`[data-testid="predict"][data-predict-id="${id}"]`)!;
const option = (id: string, value: string) => [...card(id).querySelectorAll<HTMLButtonElement>('[data-testid="predict-option"]')].find((b) => b.dataset["value"] === value)!;

describe("predict helpers", () => {
  it("renderField: deltas as Type@rv (tombstone suffix), other arrays comma-joined, scalars as strings", () => {
    expect(renderField([{ type: "Added", rv: "10" }, { type: "Deleted", rv: "13", tombstone: true }])).toBe("Added@10 Deleted@13(tombstone)");
    expect(renderField([0, 1])).toBe("0,1");
    expect(renderField(true)).toBe("true");
    expect(renderField(undefined)).toBe("undefined");
    expect(pick({ delta: { type: "Sync" } }, "delta.type")).toBe("Sync");
    expect(pick({ delta: 1 }, "delta.type")).toBeUndefined();
  });

  it("predictEvent: kind, other keys as strings (dotted), occurrence and fromTime", () => {
    const ev = (seq: number, time: number, rest: Record<string, unknown>) => ({ seq, time, component: "fifo", ...rest }) as unknown as TraceEvent;
    const trace = [
      ev(1, 0, { kind: "fifo.queued", key: "a", delta: { type: "Added" } }),
      ev(2, 5, { kind: "fifo.queued", key: "b", delta: { type: "Sync" } }),
      ev(3, 10, { kind: "fifo.queued", key: "a", delta: { type: "Sync" } }),
      ev(4, 20, { kind: "fifo.popped", key: "a", n: 2 }),
    ];
    expect(predictEvent(trace, { kind: "fifo.queued", key: "a" })?.seq).toBe(1);
    expect(predictEvent(trace, { kind: "fifo.queued", key: "a", occurrence: 2 })?.seq).toBe(3);
    expect(predictEvent(trace, { kind: "fifo.queued", "delta.type": "Sync" })?.seq).toBe(2);
    expect(predictEvent(trace, { kind: "fifo.queued", "delta.type": "Sync", fromTime: 6 })?.seq).toBe(3);
    expect(predictEvent(trace, { kind: "fifo.popped", n: "2" })?.seq).toBe(4);
    expect(predictEvent(trace, { kind: "fifo.queued", key: "a", occurrence: 3 })).toBeUndefined();
  });

  it("on the solution's run every lesson-04 question finds its step, and the engine's value is the authored answer", async () => {
    const run = await solved();
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    const steps: number[] = [];
    for (const b of blocks) {
      const found = questionStep(run.trace, b);
      expect(found, b.id).toBeDefined();
      expect(run.trace[found!.step - 1]!.kind).toBe(b.before.kind);
      expect(found!.actual, b.id).toBe(b.answer);
      expect(b.options.map((o) => String(o.value))).toContain(found!.actual);
      steps.push(found!.step);
    }
    expect([...steps].sort((a, b) => a - b)).toEqual(steps); // the prose asks them in run order
  });

  it("judge: against the engine when the run got there, else against the lesson's answer", () => {
    expect(judge("x", "y", { actual: "x" })).toEqual({ correct: true, checkedBy: "engine" });
    expect(judge("y", "y", { actual: "x" })).toEqual({ correct: false, checkedBy: "engine" });
    expect(judge("y", "y", undefined)).toEqual({ correct: true, checkedBy: "lesson" });
  });

  it("readQuestion reads the compiled card's machine fields", () => {
    mount();
    const q = readQuestion(card("first-pop"))!;
    const b = blocks.find((x) => x.id === "first-pop")!;
    expect(q).toEqual({ id: b.id, before: b.before, field: b.field, answer: b.answer });
  });
});

describe("predict cards", () => {
  it("options are buttons, the reveal is locked until a pick; a wrong pick shows false and the engine's value", async () => {
    const { ctl, seeks } = mount();
    const run = await solved();
    ctl.setRun(run.trace);
    const b = blocks.find((x) => x.id === "first-pop")!;
    const c = card("first-pop");
    expect([...c.querySelectorAll<HTMLElement>('[data-testid="predict-option"]')].map((o) => o.dataset["value"])).toEqual(b.options.map((o) => String(o.value)));
    const details = c.querySelector("details")!;
    expect(details.dataset["locked"]).toBe("true");
    c.querySelector("summary")!.click();
    expect(details.open).toBe(false);
    expect(c.querySelector('[data-testid="predict-result"]')).toBeNull();

    const wrong = b.options.map((o) => String(o.value)).find((v) => v !== b.answer)!;
    option("first-pop", wrong).click();
    expect(details.open).toBe(true);
    expect(c.querySelector('[data-testid="predict-result"]')!.getAttribute("data-correct")).toBe("false");
    expect(c.querySelector('[data-testid="predict-actual"]')!.textContent).toBe(questionStep(run.trace, b)!.actual);
    expect(option("first-pop", wrong).getAttribute("aria-checked")).toBe("true");
    c.querySelector<HTMLButtonElement>('[data-testid="predict-jump"]')!.click();
    expect(seeks).toEqual([questionStep(run.trace, b)!.step]);

    c.querySelector<HTMLButtonElement>('[data-testid="predict-again"]')!.click();
    expect(c.querySelector('[data-testid="predict-result"]')).toBeNull();
    expect(details.dataset["locked"]).toBe("true");
    option("first-pop", b.answer).click();
    expect(c.querySelector('[data-testid="predict-result"]')!.getAttribute("data-correct")).toBe("true");
  });

  it("checks against the engine: when the learner's run differs from the lesson, the engine's value decides and is named", async () => {
    const { ctl } = mount();
    const run = await started();
    ctl.setRun(run.trace);
    // the starter never makes call 11: web-1 is queued three times only, so back-of-line is never reached
    expect(questionStep(run.trace, blocks.find((x) => x.id === "back-of-line")!)).toBeUndefined();
    option("back-of-line", "true").click();
    const c = card("back-of-line");
    expect(c.querySelector('[data-testid="predict-result"]')!.getAttribute("data-correct")).toBe("true");
    expect(c.querySelector('[data-testid="predict-actual"]')).toBeNull();
    expect(c.querySelector(".predict-changed")!.textContent).toContain("never reached");
    // a run where the first pop differs: drop every delta of web-1 after the first from the popped event
    const altered = run.trace.map((e) => (e.kind === "fifo.popped" && (e as unknown as { key: string }).key === "default/web-1"
      ? { ...e, deltas: (e as unknown as { deltas: unknown[] }).deltas.slice(0, 1) } : e)) as TraceEvent[];
    ctl.setRun(altered);
    const b = blocks.find((x) => x.id === "first-pop")!;
    const actual = questionStep(altered, b)!.actual;
    expect(actual).not.toBe(b.answer);
    option("first-pop", b.answer).click();
    const fp = card("first-pop");
    expect(fp.querySelector('[data-testid="predict-result"]')!.getAttribute("data-correct")).toBe("false");
    expect(fp.querySelector('[data-testid="predict-actual"]')!.textContent).toBe(actual);
    expect(fp.querySelector(".predict-changed")!.textContent).toContain(b.answer);
  });

  it("picks persist per lesson: a new controller on the same storage shows them answered", async () => {
    const backing = memoryStorage();
    const first = mount(backing);
    const run = await solved();
    first.ctl.setRun(run.trace);
    option("ghost-delete", "unknownDelete").click();
    const again = mount(backing);
    again.ctl.setRun(run.trace);
    expect(card("ghost-delete").dataset["answered"]).toBe("true");
    expect(card("ghost-delete").querySelector('[data-testid="predict-result"]')!.getAttribute("data-correct")).toBe("true");
    expect(card("first-pop").dataset["answered"]).toBe("false");
    expect([...backing.getItem("ip:v1:predict:04-deltafifo")!.matchAll(/ghost-delete/g)].length).toBe(1);
  });

  it("the gate stops before an unanswered question's step until a pick or a skip, and never for an answered one", async () => {
    const { ctl } = mount();
    const run = await solved();
    ctl.setRun(run.trace);
    const steps = blocks.map((b) => questionStep(run.trace, b)!.step);
    const s = steps[0]!;
    expect(ctl.gate(s - 2, s - 1)).toBe(true);
    expect(ctl.gate(s - 1, s)).toBe(false);
    expect(card(blocks[0]!.id).classList.contains("asking")).toBe(true);
    expect(card(blocks[0]!.id).querySelector('[data-testid="predict-prompt"]')!.textContent).toContain(`step ${s - 1}`);
    // Asked again (issue 21 item 9: stepping on would narrate the answer) until a pick or a skip.
    expect(ctl.gate(s - 1, s)).toBe(false);
    const skip = card(blocks[0]!.id).querySelector<HTMLButtonElement>('[data-testid="predict-skip"]')!;
    expect(card(blocks[0]!.id).querySelector('[data-testid="predict-prompt"]')!.textContent).toContain(`Still at step ${s - 1}`);
    skip.click();
    expect(ctl.gate(s - 1, s)).toBe(true);
    expect(card(blocks[0]!.id).classList.contains("asking")).toBe(false);
    expect(card(blocks[0]!.id).dataset["answered"]).toBe("false");
    const s2 = steps[1]!;
    option(blocks[1]!.id, String(blocks[1]!.options[0]!.value)).click();
    expect(ctl.gate(s2 - 1, s2)).toBe(true); // answered: no stop
    ctl.setRun(run.trace); // a new run asks again
    expect(ctl.gate(s - 1, s)).toBe(false);
    // backwards or without a run: never gated
    expect(ctl.gate(s, s - 1)).toBe(true);
    ctl.setRun(undefined);
    expect(ctl.gate(s - 1, s)).toBe(true);
  });
});
