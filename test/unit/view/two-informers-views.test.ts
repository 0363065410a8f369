// @vitest-environment happy-dom
/**
 * Two informers are two informers on the stage's views (#21 item 2), drawn from lesson 09's starter run
 * (two factories, two pods informers): the Reflector card shows the other informer's Reflector too, the
 * listeners card the other informer's listener, the handler log names each call's informer, the diagram
 * names the informer it shows, and the tables list every Reflector. With one informer, none of that.
 */
import { describe, expect, it } from "vitest";
import { focusedInformer, foldTrace, type WorldView } from "../../../src/sim/view.js";
import { runScenario } from "../../../src/scenario/index.js";
import scenario09 from "../../../lessons/09-sharing-informers/scenario.js";
import starter09 from "../../../lessons/09-sharing-informers/starter.js";
import solution09 from "../../../lessons/09-sharing-informers/solution.js";
import { renderReflector } from "../../../site/views/reflector-view.js";
import { renderListeners } from "../../../site/views/listeners-view.js";
import { pipelineLayout } from "../../../site/views/pipeline-layout.js";
import { renderPipeline } from "../../../site/views/pipeline-view.js";
import { renderTables } from "../../../site/views/tables-view.js";
import { STAGE_TEXT } from "../../../site/views/stage-i18n.js";

const t = STAGE_TEXT.en;

function draw(view: WorldView): HTMLElement {
  const root = document.createElement("div");
  root.className = "stage";
  const inf = focusedInformer(view);
  const refl = document.createElement("div");
  renderReflector(refl, view, inf, { t, limit: 20, hotKey: null, selected: null, onSelect: () => {} });
  const lst = document.createElement("div");
  renderListeners(lst, view, inf, { t });
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  renderPipeline(svg, pipelineLayout([...(inf?.listeners.keys() ?? [])], [], false), view, { t, reducedMotion: true, durationMs: 0 });
  const tables = document.createElement("div");
  renderTables(tables, view, inf, t);
  root.append(refl, lst, svg, tables);
  return root;
}

/** The step before the run stops every reflector (both watches are open there). */
async function beforeStop(main: typeof starter09): Promise<WorldView> {
  const run = await runScenario(scenario09, main);
  const stop = run.trace.findIndex((e) => e.kind === "server.watch.closed" && (e as { reason?: string }).reason === "stopped");
  return foldTrace(run.trace, stop);
}

describe("the stage's views with two pods informers", () => {
  it("draws both Reflectors, both informers' listeners and handler calls, and names the informer shown", async () => {
    const view = await beforeStop(starter09);
    expect([...view.informers.keys()]).toEqual(["pods", "pods-2"]);
    const root = draw(view);
    const shown = focusedInformer(view)!.name;
    const other = shown === "pods" ? "pods-2" : "pods";
    expect(root.querySelector(".reflector-line .label")!.textContent).toBe(`Reflector (${shown})`);
    const rows = [...root.querySelectorAll(".reflector-other")];
    expect(rows.map((r) => r.getAttribute("data-informer"))).toEqual([other]);
    expect(rows[0]!.getAttribute("data-state")).toBe("watching");
    expect(rows[0]!.querySelector(".pending")!.textContent).toMatch(/in flight: watch from RV \d+/);
    expect(root.querySelector(".reflector-others")!.hasAttribute("hidden")).toBe(false);
    // listeners: the shown informer's lane keeps the hook; the other's is listed under its name
    expect(root.querySelectorAll('[data-testid="listener-buffer"]').length).toBe(1);
    expect([...root.querySelectorAll(".listener-other")].map((r) => r.getAttribute("data-informer"))).toEqual([other]);
    // handler log: every line says whose handler it was
    const log = [...root.querySelectorAll(".handler-log li")];
    expect(log.length).toBeGreaterThan(0);
    for (const li of log) expect(li.textContent).toContain(`· ${li.getAttribute("data-informer")} · Handler #`);
    // the diagram names the informer it shows, and how many there are
    const label = root.querySelector('[data-testid="pipeline-informer"]')!;
    expect(label.getAttribute("data-count")).toBe("2");
    expect(label.textContent).toBe(`Informer ${shown} · ${shown === "pods" ? 1 : 2} / 2`);
    // tables: one row per Reflector
    const table = root.querySelector('[data-view="reflectors"]')!;
    expect([...table.querySelectorAll("tbody tr")].map((tr) => tr.querySelector("td")!.textContent)).toEqual(["pods", "pods-2"]);
  });

  it("with one shared informer (the solution) draws one Reflector and no informer label", async () => {
    const view = await beforeStop(solution09);
    const root = draw(view);
    expect(root.querySelectorAll(".reflector-other").length).toBe(0);
    expect(root.querySelector(".reflector-others")!.hasAttribute("hidden")).toBe(true);
    expect(root.querySelectorAll(".listener-other").length).toBe(0);
    expect(root.querySelector('[data-testid="pipeline-informer"]')).toBeNull();
    expect(root.querySelector('[data-view="reflectors"]')).toBeNull();
    for (const li of root.querySelectorAll(".handler-log li")) expect(li.textContent).toMatch(/^#\d+ · Handler #/);
  });
});
