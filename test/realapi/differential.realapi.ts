/**
 * The differential server suite (`npm run test:realapi`): every scenario is sent to the real
 * kube-apiserver and to the simulated cluster, and their normalized answers are compared.
 *
 * - Real server built (tools/real-apiserver/build.sh) or running (`npm run real-apiserver`): each
 *   scenario's real transcript must equal its recorded fixture (test/realapi/fixtures/<name>.json), which
 *   proves the normalization is stable and the fixture current. REALAPI_RECORD=1 rewrites the fixtures.
 * - Simulated cluster available (`npm run cluster` in package.json, or SIM_URL): its transcript must equal
 *   the real one (live, or the fixture when the real server is not built). Every difference is written
 *   to test-results/realapi/differences.md with the request and both answers.
 * - A sim difference passes only when test/realapi/accepted.ts (the reviewed list of accepted differences,
 *   with reasons) covers it; an entry that covers nothing in one of its scenarios fails too (fixed since).
 * - Neither available for a comparison: that comparison is reported as not run, with the reason.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCENARIOS } from "./scenarios/index.js";
import { runScenario, type Entry } from "./runner.js";
import { normalize } from "./normalize.js";
import { compareTranscripts, groupDifferences, groupReport, report, type Difference } from "./compare.js";
import { realTarget, simTarget, type Found, type Started } from "./targets.js";
import { judge } from "./accepted.js";

const REPO = join(import.meta.dirname, "..", "..");
const FIXTURES = join(import.meta.dirname, "fixtures");
const OUT = join(REPO, "test-results", "realapi");
const RECORD = process.env.REALAPI_RECORD === "1";
const log = (m: string): void => { console.log(`[realapi] ${m}`); };

interface Fixture {
  readonly recordedWith: Readonly<Record<string, string>>;
  readonly recordedAt: string;
  readonly scenario: string;
  readonly title: string;
  readonly transcript: readonly Entry[];
}

let real: Found = { missing: "not started" };
let sim: Found = { missing: "not started" };
const sections: string[] = [];
const summary: string[] = [];
const simDiffs: (Difference & { scenario: string })[] = [];
const isStarted = (f: Found): f is Started => "target" in f;

async function transcriptOf(s: Started, name: string): Promise<Entry[]> {
  const sc = SCENARIOS.find((x) => x.name === name);
  if (sc === undefined) throw new Error(`no scenario ${name}`);
  const run = randomBytes(3).toString("hex");
  const ns = `rt-${sc.name}-${run}`;
  const raw = await runScenario(s.target, sc, { ns, run });
  return normalize(raw, [[ns, "<ns>"], [run, "<run>"]]);
}

function readFixture(name: string): Fixture | undefined {
  const f = join(FIXTURES, `${name}.json`);
  return existsSync(f) ? JSON.parse(readFileSync(f, "utf8")) as Fixture : undefined;
}

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  real = await realTarget(log);
  sim = await simTarget(log).catch((e: unknown) => ({ missing: `npm run cluster failed to start: ${String(e)}` }));
  log(`real: ${isStarted(real) ? JSON.stringify(real.versions) : real.missing}`);
  log(`sim: ${isStarted(sim) ? "available" : sim.missing}`);
}, 300_000);

afterAll(async () => {
  if (isStarted(sim)) await sim.stop();
  if (isStarted(real)) await real.stop();
  const header = [
    `# Differential server suite: ${new Date().toISOString()}`, "",
    `- real: ${isStarted(real) ? JSON.stringify(real.versions) : `not run (${real.missing.split("\n")[0]})`}`,
    `- sim: ${isStarted(sim) ? "npm run cluster" : `not run (${sim.missing.split("\n")[0]})`}`, "",
    "| scenario | result |", "|---|---|", ...summary, "",
    ...(simDiffs.length > 0 ? ["## Differences grouped by path (real vs sim)", "", groupReport(groupDifferences(simDiffs), ["real", "sim"]), "## Every difference, by scenario", ""] : []),
  ];
  writeFileSync(join(OUT, "differences.md"), `${header.join("\n")}\n${sections.join("\n")}`);
  log(`report: ${join(OUT, "differences.md")}`);
}, 60_000);

describe.each(SCENARIOS.map((s) => [s.name, s.title] as const))("%s", (name, title) => {
  let realTranscript: Entry[] | undefined;

  it("real kube-apiserver answers as recorded", async (ctx) => {
    if (!isStarted(real)) { summary.push(`| ${name} (real vs fixture) | not run: ${real.missing.split("\n")[0]} |`); ctx.skip(); return; }
    realTranscript = await transcriptOf(real, name);
    writeFileSync(join(OUT, `${name}.real.json`), `${JSON.stringify(realTranscript, null, 2)}\n`);
    const fixture = readFixture(name);
    if (RECORD || fixture === undefined) {
      mkdirSync(FIXTURES, { recursive: true });
      const fx: Fixture = { recordedWith: real.versions, recordedAt: new Date().toISOString().slice(0, 10), scenario: name, title, transcript: realTranscript };
      writeFileSync(join(FIXTURES, `${name}.json`), `${JSON.stringify(fx, null, 2)}\n`);
      summary.push(`| ${name} (real vs fixture) | recorded |`);
      return;
    }
    const diffs = compareTranscripts(fixture.transcript, realTranscript);
    summary.push(`| ${name} (real vs fixture) | ${diffs.length === 0 ? "same" : `${diffs.length} differences`} |`);
    if (diffs.length > 0) sections.push(report(`${name}: fixture vs real (${title})`, ["fixture", "real"], diffs));
    expect(diffs).toEqual([]);
  }, 120_000);

  it("simulated cluster answers as the real one", async (ctx) => {
    if (!isStarted(sim)) { summary.push(`| ${name} (sim vs real) | not run: ${sim.missing.split("\n")[0]} |`); ctx.skip(); return; }
    const oracle = realTranscript ?? readFixture(name)?.transcript;
    if (oracle === undefined) { summary.push(`| ${name} (sim vs real) | not run: no real transcript or fixture |`); ctx.skip(); return; }
    const simTranscript = await transcriptOf(sim, name);
    writeFileSync(join(OUT, `${name}.sim.json`), `${JSON.stringify(simTranscript, null, 2)}\n`);
    const diffs: Difference[] = compareTranscripts(oracle, simTranscript);
    const verdict = judge(name, diffs);
    simDiffs.push(...verdict.unaccepted.map((d) => ({ ...d, scenario: name })));
    const byId = new Map<string, number>();
    for (const { entry } of verdict.accepted) byId.set(entry.id, (byId.get(entry.id) ?? 0) + 1);
    const acceptedText = [...byId].map(([id, n]) => `${id} ×${n}`).join(", ");
    const result = verdict.unaccepted.length === 0 && verdict.stale.length === 0
      ? (diffs.length === 0 ? "same" : `same but accepted differences (${acceptedText})`)
      : `${verdict.unaccepted.length} unaccepted differences${verdict.stale.length > 0 ? `, ${verdict.stale.length} stale accepted entries` : ""}` +
        (verdict.accepted.length > 0 ? `; accepted: ${acceptedText}` : "");
    summary.push(`| ${name} (sim vs real) | ${result} |`);
    sections.push(report(`${name}: real vs sim, not accepted (${title})`, ["real", "sim"], verdict.unaccepted));
    if (verdict.accepted.length > 0) {
      sections.push(report(`${name}: real vs sim, accepted in test/realapi/accepted.ts`, ["real", "sim"],
        verdict.accepted.map(({ difference, entry }) => ({ ...difference, path: `${difference.path} (${entry.id})` }))));
    }
    expect(verdict.unaccepted, "differences test/realapi/accepted.ts does not accept").toEqual([]);
    expect(verdict.stale.map((e) => `${e.id} [${e.paths.join(", ")}]${e.steps ? ` steps ${e.steps.join(",")}` : ""}: matched nothing in ${name}`),
      "accepted entries that no longer happen: delete them").toEqual([]);
  }, 120_000);
});
