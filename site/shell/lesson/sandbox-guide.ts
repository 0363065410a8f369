/**
 * The sandbox's reading pane (issue 21 item 3: at 1920 px the sandbox must not leave a column empty):
 * what the scenario does and when, and what to try with the stage's actions and the command bar.
 * A pure render of (scenario, t).
 */
import type { Scenario } from "../../../src/scenario/index.js";
import type { Translate } from "../../i18n/index";
import { h } from "../dom";

function describeOp(op: Scenario["timeline"][number]): string {
  const o = op as unknown as { op: string; resource?: string; name?: string; object?: { metadata?: { name?: string } }; labels?: Record<string, string> };
  const name = o.name ?? o.object?.metadata?.name ?? "";
  const labels = o.labels ? ` ${Object.entries(o.labels).map(([k, v]) => `${k}=${v}`).join(",")}` : "";
  return `${o.op} ${o.resource ?? ""} ${name}${labels}`.replace(/\s+/g, " ").trim();
}

export function renderSandboxGuide(scenario: Scenario, t: Translate): HTMLElement {
  const initial = scenario.initial.map((i) => (i.object as { metadata?: { name?: string } }).metadata?.name ?? "?");
  const rows = [
    h("tr", {}, h("td", {}, "0 s"), h("td", {}, t("sandbox.initial", { names: initial.join(", ") }))),
    ...scenario.timeline.map((op) => h("tr", {}, h("td", {}, `${(op.at / 1000).toLocaleString("en")} s`), h("td", {}, h("code", {}, describeOp(op))))),
    h("tr", {}, h("td", {}, `${(scenario.durationMs / 1000).toLocaleString("en")} s`), h("td", {}, t("sandbox.end"))),
  ];
  const tries: Array<[string, string]> = [
    ["get pods -o wide", t("sandbox.try.get")],
    ["label pod web-2 tier=backend", t("sandbox.try.label")],
    ["delete pod web-2", t("sandbox.try.delete")],
    ["partition", t("sandbox.try.partition")],
    ["compact", t("sandbox.try.compact")],
  ];
  return h("div", { class: "sandbox-guide" },
    h("section", { class: "card", "aria-label": t("sandbox.scenario") },
      h("h2", { class: "section-title" }, t("sandbox.scenario")),
      h("table", { class: "sandbox-timeline" }, h("tbody", {}, ...rows))),
    h("section", { class: "card", "aria-label": t("sandbox.try") },
      h("h2", { class: "section-title" }, t("sandbox.try")),
      h("p", { class: "muted" }, t("sandbox.try.body")),
      h("ul", { class: "sandbox-tries" }, ...tries.map(([cmd, what]) => h("li", {}, h("code", {}, cmd), " ", h("span", {}, what))))),
    h("p", { class: "muted" }, t("sandbox.lessons"), " ", h("a", { href: "#/" }, t("nav.home"))));
}
