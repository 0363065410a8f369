// @vitest-environment happy-dom
/**
 * Three learner-visible details of the stage, drawn from folded traces:
 * - a worker line never pins the previous reconcile's result on the reconcile in progress (en, zh-CN);
 * - a streaming list (watchList) reads as a WATCH with sendInitialEvents in the Reflector line and table;
 * - the run-vs-run note is one line (head, "Go there", a toggle); its details open only on demand.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TraceEvent } from "../../../src/sim/trace.js";
import { applyEvent, emptyWorld, focusedInformer, type WorldView } from "../../../src/sim/view.js";
import { demoTrace } from "../../fixtures/demo-trace.js";
import { renderReflector } from "../../../site/views/reflector-view.js";
import { mountStage, type StageHandle } from "../../../site/views/stage/stage.js";
import { STAGE_TEXT } from "../../../site/views/stage-i18n.js";
import { renderTables } from "../../../site/views/tables-view.js";
import { renderWorkqueues } from "../../../site/views/workqueue-view.js";
import { event } from "./samples.js";

function fold(...events: TraceEvent[]): WorldView {
  const w = emptyWorld();
  events.forEach((e, i) => applyEvent(w, { ...e, seq: i + 1, time: i * 10 } as never));
  return w;
}

let host: HTMLElement;
beforeEach(() => {
  host = document.createElement("div");
  document.body.append(host);
});
afterEach(() => host.remove());

const workerLines = () => [...host.querySelectorAll<HTMLElement>(".workers .worker")].map((w) => w.textContent ?? "");

describe("worker lines", () => {
  const w = (key: string) => ({ controller: "ctl", worker: 1, key });
  const failedThenAgain = [
    event("worker.started", { controller: "ctl", worker: 1 }),
    event("worker.reconcile", w("default/web")),
    event("worker.result", { ...w("default/web"), result: "error", message: "boom" }),
    event("worker.reconcile", w("default/web")),
  ];

  it("a reconcile in progress shows no result of its own; the previous one is labelled as such", () => {
    renderWorkqueues(host, fold(...failedThenAgain), { t: STAGE_TEXT.en, hotKey: null });
    expect(workerLines()).toEqual(["Worker #1: reconciling default/web · last: error"]);
    expect(workerLines()[0]).not.toMatch(/\(error\)/);
    renderWorkqueues(host, fold(...failedThenAgain), { t: STAGE_TEXT["zh-CN"], hotKey: null });
    expect(workerLines()).toEqual(["Worker #1: 协调中 default/web · 上次：出错"]);
  });

  it("before any result there is no label, and an idle worker keeps the last one", () => {
    renderWorkqueues(host, fold(...failedThenAgain.slice(0, 2)), { t: STAGE_TEXT.en, hotKey: null });
    expect(workerLines()).toEqual(["Worker #1: reconciling default/web"]);
    expect(host.querySelector(".last-result")).toBeNull();
    renderWorkqueues(host, fold(...failedThenAgain.slice(0, 3)), { t: STAGE_TEXT.en, hotKey: null });
    expect(workerLines()).toEqual(["Worker #1: idle · last: error"]);
    renderWorkqueues(host, fold(...failedThenAgain, event("worker.result", { ...w("default/web"), result: "success" })),
      { t: STAGE_TEXT.en, hotKey: null });
    expect(workerLines()).toEqual(["Worker #1: idle · last: success"]);
  });
});

describe("a streaming list in the Reflector line", () => {
  const watchList = [
    event("reflector.state", { state: "listing" }),
    event("reflector.list.start", { resourceVersion: "", resourceVersionMatch: "NotOlderThan", streaming: true }),
    event("reflector.watch.start", { resourceVersion: "", sendInitialEvents: true }),
  ];
  const line = (view: WorldView) => {
    renderReflector(host, view, focusedInformer(view), { t: STAGE_TEXT.en, limit: 10, hotKey: null, selected: null, onSelect: () => undefined });
    return host.querySelector(".reflector-line .pending")!.textContent;
  };

  it("reads as a WATCH with sendInitialEvents, then as the plain watch once the initial events are in", () => {
    expect(line(fold(...watchList))).toBe('in flight: watch (sendInitialEvents) from RV ""');
    expect(host.querySelector(".reflector-line .pending")!.getAttribute("title")).toMatch(/no LIST/);
    expect(line(fold(...watchList, event("reflector.list.done", { resourceVersion: "7", items: 2 })))).toBe('in flight: watch from RV ""');
    expect(line(fold(event("reflector.list.start", { resourceVersion: "0" })))).toBe("in flight: list from RV 0");
  });

  it("the reflector table says the same", () => {
    const view = fold(...watchList);
    renderTables(host, view, focusedInformer(view), STAGE_TEXT.en, "delta");
    const rows = [...host.querySelectorAll('[data-view="reflector"] tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(rows).toContainEqual(["in flight", "watch (sendInitialEvents) @ "]);
  });
});

describe("a silent request in the Reflector line (issue 20 item 4: a hanging watch is visible)", () => {
  const at = (...timed: Array<[number, TraceEvent]>): WorldView => {
    const w = emptyWorld();
    timed.forEach(([time, e], i) => applyEvent(w, { ...e, seq: i + 1, time } as never));
    return w;
  };
  const line = (view: WorldView, locale: "en" | "zh-CN" = "en") => {
    renderReflector(host, view, focusedInformer(view), { t: STAGE_TEXT[locale], limit: 10, hotKey: null, selected: null, onSelect: () => undefined });
    const text = (sel: string) => host.querySelector(`.reflector-line ${sel}`)!.textContent;
    return [text(".pending"), text(".silence")].filter((t) => t !== "").join(" · ");
  };
  const watching: Array<[number, TraceEvent]> = [
    [0, event("reflector.watch.start", { resourceVersion: "6" })],
    [2_000, event("reflector.watch.event", { type: "MODIFIED", key: "default/web-1", resourceVersion: "7" })],
  ];

  it("a watch says how long it has heard nothing, counted from its last event, once that is 5 s or more", () => {
    expect(line(at(...watching, [6_999, event("reflector.rv", { resourceVersion: "7" })]))).toBe("in flight: watch from RV 6");
    expect(line(at(...watching, [47_000, event("fault.injected", { fault: "partition", detail: "timeout" })])))
      .toBe("in flight: watch from RV 6 · nothing heard for 45.0 s");
    expect(line(at(...watching, [47_000, event("fault.injected", { fault: "partition", detail: "timeout" })]), "zh-CN"))
      .toBe("进行中: watch 起始 RV 6 · 已 45.0 秒没有收到任何消息");
  });

  it("a list waiting for its answer says so; an answered one shows nothing", () => {
    const list: Array<[number, TraceEvent]> = [[10_000, event("reflector.list.start", { resourceVersion: "6" })]];
    expect(line(at(...list, [40_000, event("fault.injected", { fault: "heal" })]))).toBe("in flight: list from RV 6 · no answer for 30.0 s");
    expect(line(at(...list, [40_000, event("reflector.list.done", { resourceVersion: "9", items: 2 })]))).toBe("");
  });
});

describe("the run-vs-run note", () => {
  let stage: StageHandle;
  beforeEach(() => {
    stage = mountStage(host, { locale: "en", reducedMotion: true });
  });
  afterEach(() => stage.destroy());

  it("is one line: where the runs part, Go there and a toggle; the details open on demand", () => {
    const run = (trace: TraceEvent[]) => ({ trace, log: [], hash: "h" });
    stage.load(run(demoTrace({ seed: 6 })), { previous: run(demoTrace({ seed: 5 })) });
    const note = host.querySelector<HTMLElement>('[data-testid="diff-note"]')!;
    expect(note.hidden).toBe(false);
    const details = note.querySelector<HTMLElement>(".diff-details")!;
    const toggle = note.querySelector<HTMLButtonElement>(".diff-more")!;
    expect(details.hidden).toBe(true);
    expect(details.children.length).toBeGreaterThan(0);
    expect([...note.children].filter((c) => !(c as HTMLElement).hidden).map((c) => c.className))
      .toEqual(["diff-head", "link diff-go", "link diff-more"]);
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    toggle.click();
    expect([details.hidden, toggle.getAttribute("aria-expanded")]).toEqual([false, "true"]);
    note.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    expect([details.hidden, toggle.getAttribute("aria-expanded")]).toEqual([true, "false"]);
  });
});
