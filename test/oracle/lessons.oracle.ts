/**
 * Lesson Go programs, run: each lesson's go.md program (built against the pinned client-go) runs
 * against the cluster with that lesson's scenario, and prints the same lines as the lesson's
 * TypeScript solution logs in the playground for the same scenario. Where a program has several
 * handlers, their lines are compared per handler (across handlers Go gives no order).
 *
 * The programs run with client-go 0.37's defaults except KUBE_FEATURE_WatchListClient=false: the
 * solutions run with the playground's default (LIST then WATCH), and with the streaming initial list
 * client-go hands the initial objects to its FIFO in Go map order (reflector.go watchList: the events
 * go into a temporary store, then store.Replace(temporaryStore.List())), so the initial adds of a
 * watch-list informer come in no fixed order — lines that depend on that order (lesson 06's running
 * "serving:" set) differ from run to run.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { runScenario, type Playground, type Scenario } from "../../src/scenario/index.js";
import { BIN_DIR, go } from "./go.js";
import { ROOT, writeGoPackages } from "./gomd.js";
import { runLessonProgram, runProgram } from "./lesson-run.js";

interface LessonCase {
  lesson: string;
  /** The program needs no cluster (it drives client-go types directly). */
  standalone?: boolean;
  /** Virtual ms per wall ms for the cluster (long scenarios). */
  speed?: number;
  /** Which handler printed a line (compared per stream); default one stream. */
  stream?: (line: string) => string;
  why: string;
}

const CASES: LessonCase[] = [
  { lesson: "01-the-big-picture", why: "add/update/delete lines of one handler, the two-phase pod delete included" },
  { lesson: "04-deltafifo", standalone: true, why: "a standalone DeltaFIFO: pops, collapsed deletes, a dropped delete" },
  { lesson: "06-event-handlers", speed: 2, why: "serving set, terminating, a relist after a partition with a re-created pod (one update, new uid)" },
  {
    lesson: "15-selectors-filters-transforms",
    stream: (l) => (/^(un)?monitor: /.test(l) ? "filtering handler" : "selector handler"),
    why: "a label-selected informer with a transform, a FilteringResourceEventHandler, a missed delete after compaction",
  },
];

async function tsLog(lesson: string): Promise<string[]> {
  const dir = join(ROOT, "lessons", lesson);
  const scenario = ((await import(pathToFileURL(join(dir, "scenario.ts")).href)) as { default: Scenario }).default;
  const main = ((await import(pathToFileURL(join(dir, "solution.ts")).href)) as { default: (p: Playground) => void }).default;
  const result = await runScenario(scenario, main);
  return result.log.map((l) => l.text);
}

function byStream(lines: string[], stream: ((l: string) => string) | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const l of lines) (out[stream?.(l) ?? "log"] ??= []).push(l);
  return out;
}

describe("lesson Go programs print what the TypeScript solutions log", () => {
  beforeAll(() => {
    writeGoPackages();
    const r = go(["build", "-o", `${BIN_DIR}/`, ...CASES.map((c) => `./gen/${c.lesson}`)]);
    if (r.status !== 0) throw new Error(`go build failed:\n${r.output}`);
  });

  for (const c of CASES) {
    it(`${c.lesson}: ${c.why}`, async () => {
      const bin = join(BIN_DIR, c.lesson);
      const expected = await tsLog(c.lesson);
      const scenario = ((await import(pathToFileURL(join(ROOT, "lessons", c.lesson, "scenario.ts")).href)) as { default: Scenario }).default;
      const run = c.standalone ? await runProgram(bin, {}, 30_000)
        : await runLessonProgram(bin, scenario, { speed: c.speed ?? 1, env: { KUBE_FEATURE_WatchListClient: "false" } });
      console.log(`${c.lesson}: Go printed ${run.lines.length} lines in ${run.ms} ms; the solution logged ${expected.length}`);
      expect(run.lines.length, `the Go program printed nothing; stderr:\n${run.stderr.slice(-3000)}`).toBeGreaterThan(0);
      expect(byStream(run.lines, c.stream), `stderr tail:\n${run.stderr.slice(-2000)}`).toEqual(byStream(expected, c.stream));
    }, 120_000);
  }
});
