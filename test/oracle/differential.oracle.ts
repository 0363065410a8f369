/**
 * The differential suite: every scenario runs the real client-go informer (the Go recorder) and our
 * SharedIndexInformer (HTTP ListerWatcher) against the same in-process cluster and compares the two
 * recordings (driver/compare.ts). One named test per scenario. Known differences are listed in the
 * scenario itself, with both sequences and the client-go source; anything else fails.
 *
 * ORACLE_SERVER=real (opt-in): the same scenarios with both informers watching a real kube-apiserver
 * (driver/real-server.ts) instead of the simulated one. Scenarios that need a fault switch or simulator
 * options are skipped with the reason; the results are written to test-results/oracle-real/results.md.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeDifference, dump, notificationDifferences, otherDifferences, verdict } from "./driver/compare.js";
import { BARRIER_NAME, runOracle } from "./driver/run.js";
import { RealOracleServer, unsupportedOnReal } from "./driver/real-server.js";
import type { OracleScenario } from "./driver/scenario.js";
import { buildTools } from "./go.js";
import { basics } from "./scenarios/basics.js";
import { faults } from "./scenarios/faults.js";
import { modes } from "./scenarios/modes.js";
import { combinations } from "./scenarios/combinations.js";

const scenarios: OracleScenario[] = [...basics, ...faults, ...modes, ...combinations];
const REAL = process.env.ORACLE_SERVER === "real";
const results: string[] = [];

describe(`client-go v0.37.2 vs our informer, over the same HTTP cluster${REAL ? " (a real kube-apiserver)" : ""}`, () => {
  let recorder = "";
  let real: RealOracleServer | undefined;
  beforeAll(async () => {
    recorder = buildTools().recorder;
    if (REAL) real = await RealOracleServer.start((m) => console.log(`[oracle] ${m}`));
  });
  afterAll(async () => {
    await real?.close();
    if (!REAL) return;
    const out = join(import.meta.dirname, "..", "..", "test-results", "oracle-real");
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, "results.md"), [`# client-go oracle against a real kube-apiserver: ${new Date().toISOString()}`, "",
      `- server: ${JSON.stringify(real?.versions ?? {})}`, "", "| scenario | result |", "|---|---|", ...results, ""].join("\n"));
  });

  it("has at least 25 scenarios with distinct names", () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(25);
    expect(new Set(scenarios.map((s) => s.name)).size).toBe(scenarios.length);
  });

  for (const s of scenarios) {
    it(s.name, async (ctx) => {
      const unsupported = REAL ? unsupportedOnReal(s) : undefined;
      if (unsupported !== undefined) { results.push(`| ${s.name} | not run: ${unsupported} |`); ctx.skip(); return; }
      let run: Awaited<ReturnType<typeof runOracle>>;
      try {
        run = await runOracle(s, recorder, real);
      } catch (e) {
        results.push(`| ${s.name} | failed: ${String(e).split("\n")[0]} |`);
        throw e;
      }
      const resource = s.informer.resource ?? "pods";
      const ns = resource === "nodes" || resource === "namespaces" ? "" : `${s.informer.namespace || s.barrier?.namespace || "default"}/`;
      const found = notificationDifferences(run);
      const problems = [...verdict(found, s.knownDifferences ?? []), ...otherDifferences(run, `${ns}${BARRIER_NAME}`)];
      const notes = run.go.notes.length;
      console.log(`${s.name}: ${run.ms} ms, ${notes} notifications from client-go, ${run.ts.notes.length} from ours, ` +
        `${found.length} difference(s)${found.length > 0 ? `:\n${found.map(describeDifference).join("\n")}` : ""}`);
      if (process.env.ORACLE_DUMP) console.log(dump(run));
      results.push(`| ${s.name} | ${problems.length === 0 ? "same" : `${problems.length} unexplained difference(s)`}; ${notes} notifications, ${found.length} difference(s) found, ${run.ms} ms |`);
      expect(notes, "client-go recorded no notification at all").toBeGreaterThan(0);
      expect(problems, `${problems.join("\n")}\n\n${dump(run)}`).toEqual([]);
    }, 120_000);
  }
});
