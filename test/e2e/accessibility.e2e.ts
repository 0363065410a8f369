/**
 * Issue 21 item 12: axe-core (from npm, injected by this test through the DevTools protocol, so the app's
 * CSP needs no exception) scans the lesson map and a lesson, in both themes: no serious or critical
 * violation. A failure lists each rule with its nodes, so the message says what to fix.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { byTestId, openApp, waitReady } from "./harness.js";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

interface Finding { id: string; impact: string | null; help: string; nodes: string[] }

async function scan(page: Page): Promise<Finding[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    type Result = { violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[]; failureSummary?: string }> }> };
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<Result> } }).axe;
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 6).map((n) => `${JSON.stringify(n.target)} ${n.failureSummary?.split("\n").slice(1, 2).join(" ") ?? ""}`) }));
  });
}

const serious = (f: Finding[]) => f.filter((v) => v.impact === "serious" || v.impact === "critical");
const report = (f: Finding[]) => f.map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.join("\n  ")}`).join("\n");

describe("accessibility (axe-core)", () => {
  for (const colorScheme of ["light", "dark"] as const) {
    it(`the lesson map, ${colorScheme}: no serious or critical violations`, async () => {
      const app = await openApp({ colorScheme });
      try {
        await byTestId(app.page, "lesson-link").first().waitFor();
        const found = await scan(app.page);
        expect(serious(found), report(found)).toEqual([]);
      } finally {
        await app.close();
      }
    });

    it(`lesson 01 with its run loaded, ${colorScheme}: no serious or critical violations`, async () => {
      const app = await openApp({ path: "#/lesson/01-the-big-picture", colorScheme, reducedMotion: "reduce" });
      try {
        await waitReady(app);
        const found = await scan(app.page);
        expect(serious(found), report(found)).toEqual([]);
      } finally {
        await app.close();
      }
    });
  }
});
