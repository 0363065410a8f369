// @vitest-environment happy-dom
/**
 * The honest server box of live mode (#19): a trace whose requests and watches are marked `remote`
 * (what site/live/traced-lister-watcher.ts emits) makes the stage title the API server box "Remote
 * cluster" and show only what the client saw — requests, watches, watch events, the last event's RV
 * quoted as an opaque string — never a store or an RV it cannot know. A simulated run is unchanged.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { focusedInformer, foldTrace, type WorldView } from "../../src/sim/view.js";
import type { TraceEvent } from "../../src/sim/trace.js";
import { runScenario } from "../../src/scenario/index.js";
import scenario from "../../lessons/02-list-then-watch/scenario.js";
import solution from "../../lessons/02-list-then-watch/solution.js";
import { renderReflector } from "../../site/views/reflector-view.js";
import { pipelineLayout } from "../../site/views/pipeline-layout.js";
import { renderPipeline } from "../../site/views/pipeline-view.js";
import { STAGE_TEXT } from "../../site/views/stage-i18n.js";

/** What a live client's trace looks like: no server writes, its requests and watches marked remote. */
function asRemote(trace: readonly TraceEvent[]): TraceEvent[] {
  return trace.filter((e) => e.kind !== "server.write" && e.kind !== "server.compacted")
    .map((e) => (e.kind === "server.request" || e.kind === "server.watch.opened" ? { ...e, remote: true } : e) as TraceEvent)
    .map((e, i) => ({ ...e, seq: i + 1 }));
}

function draw(view: WorldView, locale: "en" | "zh-CN" = "en") {
  const t = STAGE_TEXT[locale];
  const inf = focusedInformer(view);
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  renderPipeline(svg, pipelineLayout([...(inf?.listeners.keys() ?? [])], [], false), view, { t, reducedMotion: true, durationMs: 0 });
  const card = document.createElement("div");
  renderReflector(card, view, inf, { t, limit: 20, hotKey: null, selected: null, onSelect: () => {} });
  const box = svg.querySelector('[data-stage="apiserver"]')!;
  return {
    title: box.querySelector("text.title")!.textContent, sub: box.querySelector("text.sub")!.textContent,
    label: box.getAttribute("aria-label") ?? "", facts: [...card.querySelectorAll(".server-facts span")].map((s) => s.textContent ?? ""),
  };
}

describe("the API server box of a remote cluster", () => {
  let trace: TraceEvent[] = [];
  beforeAll(async () => { trace = (await runScenario(scenario, solution)).trace; });

  it("says Remote cluster and shows what the client saw, RVs quoted", () => {
    const remote = asRemote(trace);
    const view = foldTrace(remote);
    expect(view.server.remote).toBe(true);
    const { requests, watches, events, lastEventRV } = view.server.seen;
    expect(requests).toBeGreaterThan(0);
    expect(events).toBeGreaterThan(0);
    const d = draw(view);
    expect(d.title).toBe("Remote cluster");
    expect(d.sub).toBe(`${requests} req · ${events} ev`);
    expect(d.label).toMatch(new RegExp(`as this client saw it: ${requests} requests? sent, ${watches} watch(es)? opened, ${events} watch events? received`));
    expect(d.label).not.toMatch(/\b1 (requests|watches|watch events)\b/);
    expect(d.label).toContain(`"${lastEventRV}" (an opaque string)`);
    expect(d.facts[0]).toBe(`Remote cluster: last event RV "${lastEventRV}"`);
    expect(d.facts).toContain(`${events} watch event${events === 1 ? "" : "s"} received`);
    expect(d.facts.join(" ")).not.toMatch(/API server RV|objects?\b/);
    expect(draw(view, "zh-CN").title).toBe("远程集群");
  });

  it("leaves a simulated run's box as it was", () => {
    const view = foldTrace(trace);
    expect(view.server.remote).toBe(false);
    const d = draw(view);
    expect(d.title).toBe("API server");
    expect(d.sub).toMatch(/^RV \d+ · \d+$/);
    expect(d.facts[0]).toMatch(/^API server RV \d+$/);
  });
});
