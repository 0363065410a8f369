/**
 * The differential suite: every scenario runs the real client-go informer (the Go recorder) and our
 * SharedIndexInformer (HTTP ListerWatcher) against the same in-process cluster and compares the two
 * recordings (driver/compare.ts). One named test per scenario. Known differences are listed in the
 * scenario itself, with both sequences and the client-go source; anything else fails.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { describeDifference, dump, notificationDifferences, otherDifferences, verdict } from "./driver/compare.js";
import { BARRIER_NAME, runOracle } from "./driver/run.js";
import type { OracleScenario } from "./driver/scenario.js";
import { buildTools } from "./go.js";
import { basics } from "./scenarios/basics.js";
import { faults } from "./scenarios/faults.js";
import { modes } from "./scenarios/modes.js";
import { more } from "./scenarios/more.js";

const scenarios: OracleScenario[] = [...basics, ...faults, ...modes, ...more];

describe("client-go v0.37.2 vs our informer, over the same HTTP cluster", () => {
  let recorder = "";
  beforeAll(() => {
    recorder = buildTools().recorder;
  });

  it("has at least 25 scenarios with distinct names", () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(25);
    expect(new Set(scenarios.map((s) => s.name)).size).toBe(scenarios.length);
  });

  for (const s of scenarios) {
    it(s.name, async () => {
      const run = await runOracle(s, recorder);
      const resource = s.informer.resource ?? "pods";
      const ns = resource === "nodes" || resource === "namespaces" ? "" : `${s.informer.namespace || s.barrier?.namespace || "default"}/`;
      const found = notificationDifferences(run);
      const problems = [...verdict(found, s.knownDifferences ?? []), ...otherDifferences(run, `${ns}${BARRIER_NAME}`)];
      const notes = run.go.notes.length;
      console.log(`${s.name}: ${run.ms} ms, ${notes} notifications from client-go, ${run.ts.notes.length} from ours, ` +
        `${found.length} difference(s)${found.length > 0 ? `:\n${found.map(describeDifference).join("\n")}` : ""}`);
      if (process.env.ORACLE_DUMP) console.log(dump(run));
      expect(notes, "client-go recorded no notification at all").toBeGreaterThan(0);
      expect(problems, `${problems.join("\n")}\n\n${dump(run)}`).toEqual([]);
    }, 120_000);
  }
});
