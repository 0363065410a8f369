/**
 * Engine behaviour pinned by the lessons (issue 15: "the trace hash of every lesson's solution and
 * starter on its seeds is identical before and after" a refactor).
 *
 * Contract:
 * - Every lessons/NN-* and lessons/sandbox with a scenario.ts runs its starter.ts and solution.ts on the
 *   scenario's seed and the next one (which lays `variants[seed + 1]` over the base when present); every
 *   test/lessons/shortcuts program runs on its lesson's seed. Each run's `RunResult.hash` (FNV-1a 64 of
 *   the whole trace, field order included) must equal the one recorded in lesson-trace-hashes.json.
 * - A recorded entry carries a fingerprint of its inputs (scenario.ts, the program, and the files under
 *   lessons/ they import, transitively; src/ is what is under test, so it is not part of it). An
 *   entry whose inputs changed since it was recorded is stale: it is not compared (a lesson edit is not an
 *   engine change), and the test says which. More than half the entries stale fails the test, so the
 *   record cannot quietly rot.
 * - A hash that differs with unchanged inputs means the engine (src/) now produces another trace. If that
 *   is intended (a new trace field, a behaviour fix), record again and say why in the commit:
 *   `UPDATE_TRACE_HASHES=1 npx vitest run test/unit/scenario/lesson-trace-hashes.test.ts`.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { runScenario, type Playground, type Scenario } from "../../../src/scenario/index.js";

const ROOT = resolve(__dirname, "../../..");
const LESSONS = join(ROOT, "lessons");
const SHORTCUTS = join(ROOT, "test/lessons/shortcuts");
const RECORD = join(__dirname, "lesson-trace-hashes.json");
const UPDATE = process.env["UPDATE_TRACE_HASHES"] === "1";

type Main = (ctx: Playground) => void | Promise<void>;
interface Entry { inputs: string; hash: string }
type Record_ = Record<string, Entry>;

interface Case { id: string; lesson: string; program: string; seed: "base" | "next" }

/** The file and every file under lessons/ it imports (relative imports, transitively), sorted. */
function lessonInputs(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file) || !existsSync(file)) return seen;
  seen.add(file);
  for (const m of readFileSync(file, "utf8").matchAll(/from\s+"(\.[^"]+)"/g)) {
    const target = resolve(dirname(file), m[1]!.replace(/\.js$/, ".ts"));
    if (target.startsWith(LESSONS + sep)) lessonInputs(target, seen);
  }
  return seen;
}

function fingerprint(lesson: string, program: string): string {
  const hash = createHash("sha256");
  const files = new Set([...lessonInputs(join(LESSONS, lesson, "scenario.ts")), ...lessonInputs(program)]);
  for (const f of [...files].sort()) hash.update(relative(ROOT, f)).update("\0").update(readFileSync(f, "utf8")).update("\0");
  return hash.digest("hex").slice(0, 16);
}

function cases(): Case[] {
  const out: Case[] = [];
  const lessons = readdirSync(LESSONS).filter((n) => (/^\d\d-[a-z0-9-]+$/.test(n) || n === "sandbox") && existsSync(join(LESSONS, n, "scenario.ts"))).sort();
  for (const lesson of lessons) {
    for (const file of ["starter.ts", "solution.ts"]) {
      const program = join(LESSONS, lesson, file);
      if (!existsSync(program)) continue;
      for (const seed of ["base", "next"] as const) out.push({ id: `${lesson}/${file}@${seed}`, lesson, program, seed });
    }
  }
  if (existsSync(SHORTCUTS)) {
    for (const dir of readdirSync(SHORTCUTS).sort()) {
      const lesson = readdirSync(LESSONS).find((n) => n === dir);
      if (lesson === undefined || !existsSync(join(LESSONS, lesson, "scenario.ts"))) continue;
      for (const file of readdirSync(join(SHORTCUTS, dir)).filter((f) => f.endsWith(".ts")).sort()) {
        out.push({ id: `shortcuts/${dir}/${file}@base`, lesson, program: join(SHORTCUTS, dir, file), seed: "base" });
      }
    }
  }
  return out;
}

async function load<T>(file: string): Promise<T> {
  return ((await import(pathToFileURL(file).href)) as { default: T }).default;
}

async function hashOf(c: Case): Promise<string> {
  const scenario = await load<Scenario>(join(LESSONS, c.lesson, "scenario.ts"));
  const main = await load<Main>(c.program);
  const run = await runScenario(c.seed === "base" ? scenario : { ...scenario, seed: scenario.seed + 1 }, main);
  return run.hash;
}

describe("lesson trace hashes (engine behaviour unchanged)", () => {
  it("every starter, solution and shortcut gives the recorded trace hash on its seeds", async () => {
    const recorded: Record_ = existsSync(RECORD) ? (JSON.parse(readFileSync(RECORD, "utf8")) as Record_) : {};
    const all = cases();
    expect(all.length).toBeGreaterThan(30);
    const now: Record_ = {};
    const changed: string[] = [];
    const stale: string[] = [];
    for (const c of all) {
      const inputs = fingerprint(c.lesson, c.program);
      const hash = await hashOf(c);
      now[c.id] = { inputs, hash };
      const before = recorded[c.id];
      if (before === undefined || before.inputs !== inputs) stale.push(c.id);
      else if (before.hash !== hash) changed.push(`${c.id}: recorded ${before.hash}, now ${hash}`);
    }
    if (UPDATE) {
      writeFileSync(RECORD, JSON.stringify(now, null, 1) + "\n");
      return;
    }
    if (stale.length > 0) console.info(`lesson-trace-hashes: ${stale.length} of ${all.length} entries not compared (inputs changed or new): ${stale.join(", ")}`);
    expect(changed, "the engine now traces these runs differently; if intended, re-record (see this file's header)").toEqual([]);
    expect(stale.length, "more than half the recorded entries are stale: re-record (see this file's header)").toBeLessThanOrEqual(all.length / 2);
  }, 600_000);
});
