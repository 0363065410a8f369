/**
 * The sandbox's guide at the top of its reading pane (issue 21 item 3: at 1920 px the sandbox must not
 * leave a column empty): what the scenario does and when, derived from the scenario itself. What to try,
 * the command bar and the faults are prose: lessons/sandbox/lesson*.md, rendered below it (the one source).
 * A pure render of (scenario, t).
 */
import type { Scenario } from "../../../src/scenario/index.js";
import type { Translate } from "../../i18n/index";
import { h } from "../dom";

function describeOp(op: Scenario["timeline"][number]): string {
  const o = op as unknown as { op: string; resource?: string; namespace?: string; name?: string; object?: { metadata?: { name?: string; namespace?: string } }; labels?: Record<string, string> };
  const ns = o.namespace ?? o.object?.metadata?.namespace;
  const name = `${ns !== undefined && ns !== "" ? `${ns}/` : ""}${o.name ?? o.object?.metadata?.name ?? ""}`;
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
  return h("div", { class: "sandbox-guide" },
    h("section", { class: "card", "aria-label": t("sandbox.scenario") },
      h("h2", { class: "section-title" }, t("sandbox.scenario")),
      h("table", { class: "sandbox-timeline" }, h("tbody", {}, ...rows))),
    h("p", { class: "muted" }, t("sandbox.lessons"), " ", h("a", { href: "#/" }, t("nav.home"))));
}
