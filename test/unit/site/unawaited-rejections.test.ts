/**
 * A promise from learner code that rejects with nothing awaiting it (issue 20: an un-awaited runWorker()
 * that throws) ends the run as a runtime error at its step — through runScenario's afterTask hook and the
 * worker's rejection watch (site/runner/worker/unawaited-rejections.ts). Here the host report is Node's
 * `unhandledRejection` (the worker's is the `unhandledrejection` event; test/e2e/unawaited.e2e.ts).
 */
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScenario, type Playground, type Scenario } from "../../../src/scenario/index.js";
import { watchRejections, type RejectionWatch } from "../../../site/runner/worker/unawaited-rejections.js";

const scenario: Scenario = {
  seed: 1, durationMs: 3_000,
  initial: [{ resource: "pods", object: { apiVersion: "v1", kind: "Pod", metadata: { name: "web-1", namespace: "default" } } }],
  timeline: [],
};

let saved: NodeJS.UnhandledRejectionListener[] = [];
let watch: RejectionWatch;
let report: ((r: { reason: unknown; trusted: boolean }) => void) | undefined;

beforeAll(() => {
  // vitest's own listener would count the rejections these tests provoke on purpose as failures.
  saved = process.listeners("unhandledRejection");
  process.removeAllListeners("unhandledRejection");
  watch = watchRejections((r) => {
    report = r;
    process.on("unhandledRejection", (reason) => r({ reason, trusted: true }));
  });
});
afterAll(() => {
  watch.close();
  process.removeAllListeners("unhandledRejection");
  for (const l of saved) process.on("unhandledRejection", l);
});

async function watched(main: (p: Playground) => void | Promise<void>, s: Scenario = scenario) {
  watch.reset();
  const run = await runScenario(s, main, [], { afterTask: () => watch.afterTask() });
  await watch.settle();
  return run;
}

/** Throws from inside an async loop nobody awaits, at virtual time 1 s. */
const unawaitedThrow = ({ log, sleep }: Playground) => {
  const worker = async () => {
    for (let i = 0; ; i++) {
      await sleep(500);
      log(`turn ${i}`);
      if (i === 1) throw new Error("boom in the worker loop");
    }
  };
  void worker();
  log("main returns");
};

describe("a rejection nothing awaited", () => {
  it("ends the run as a runtime error at its step, with runner.error, like main() throwing", async () => {
    const run = await watched(unawaitedThrow);
    expect(run.error).toMatchObject({ kind: "runtime", message: "boom in the worker loop" });
    const last = run.trace.slice(-2).map((e) => e.kind);
    expect(last).toEqual(["runner.error", "runner.end"]);
    // The error is at the step of the throw: right after "turn 1" at 1 s, nothing later ran.
    expect(run.log.map((l) => l.text)).toEqual(["main returns", "turn 0", "turn 1"]);
    expect(run.error!.step).toBe(run.log[2]!.step);
    expect(Math.max(...run.trace.map((e) => e.time))).toBe(1_000);
    // The same run without the hook: the same events up to the error, and the rejection is lost.
    process.on("unhandledRejection", () => undefined);
    const blind = await runScenario(scenario, unawaitedThrow);
    await watch.settle();
    expect(blind.error).toBeUndefined();
    expect(JSON.stringify(blind.trace.slice(0, run.error!.step))).toBe(JSON.stringify(run.trace.slice(0, run.error!.step)));
  });

  it("is the same step every time", async () => {
    const a = await watched(unawaitedThrow);
    const b = await watched(unawaitedThrow);
    expect(a.hash).toBe(b.hash);
    expect(a.error?.step).toBe(b.error?.step);
  });

  it("a rejection that is awaited, caught or handled later in the same task is not reported", async () => {
    const run = await watched(async ({ log, sleep }) => {
      const fails = async () => {
        await sleep(100);
        throw new Error("handled");
      };
      fails().catch((e: unknown) => log(`caught ${(e as Error).message}`));
      try {
        await fails();
      } catch {
        log("awaited and caught");
      }
      const late = fails();
      await sleep(50); // handled before it rejects
      late.catch(() => log("late handler"));
    });
    expect(run.error).toBeUndefined();
    expect(run.log.map((l) => l.text)).toEqual(["caught handled", "awaited and caught", "late handler"]);
  });

  it("a rejection main() returns stays main's error (reported once)", async () => {
    const run = await watched(async ({ sleep }) => {
      await sleep(200);
      throw new Error("from main");
    });
    expect(run.error).toMatchObject({ kind: "runtime", message: "from main" });
    expect(run.trace.filter((e) => e.kind === "runner.error")).toHaveLength(1);
  });

  it("ignores an event learner code made itself", async () => {
    const run = await watched(({ sleep, log }) => {
      void sleep(10).then(() => {
        report?.({ reason: new Error("forged"), trusted: false });
        log("forged one");
      });
    });
    expect(run.error).toBeUndefined();
  });
});

describe("every lesson program runs the same with the watch as without it", () => {
  const root = resolve("lessons");
  const ids = readdirSync(root).filter((n) => /^\d\d-/.test(n) && existsSync(join(root, n, "scenario.ts")));
  for (const id of ids) {
    it(id, async () => {
      const s = ((await import(pathToFileURL(join(root, id, "scenario.ts")).href)) as { default: Scenario }).default;
      const programs = ["starter.ts", "solution.ts"].filter((f) => existsSync(join(root, id, f)));
      const shortcuts = join("test/lessons/shortcuts", id);
      if (existsSync(shortcuts)) programs.push(...readdirSync(shortcuts).filter((f) => f.endsWith(".ts")).map((f) => join("..", "..", shortcuts, f)));
      for (const f of programs) {
        const main = ((await import(pathToFileURL(resolve(root, id, f)).href)) as { default: (p: Playground) => void }).default;
        const plain = await runScenario(s, main);
        const run = await watched(main, s);
        expect(run.hash, `${id}/${f}`).toBe(plain.hash);
      }
    }, 60_000);
  }
});
