/**
 * Source positions in the trace (issue 21 item 10): a learner program compiled by TypeScript to
 * CommonJS with a source map, loaded as a script with a file name (as the run worker loads it from a
 * blob: URL), run with the worker's SourceLocator. handler.called / worker.reconcile carry where the
 * learner's function is defined, runner.log where log(...) was called, in the TypeScript source; the
 * same program gets the same positions on every run; without a locator the trace has no `src`.
 *
 * The stack capture here is Node's V8 with the same contract as lockdown.ts frameIn (which needs the
 * worker's locked formatter); the e2e test (source-line.e2e.ts) runs the real worker in Chromium.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import vm from "node:vm";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import * as playground from "../../../src/playground.js";
import { runScenario, type Playground, type Scenario } from "../../../src/scenario/index.js";
import type { KnownTraceEvent, SourcePosition } from "../../../src/sim/index.js";
import { decodeMappings } from "../../../site/runner/worker/source-map.js";
import { createSourceLocator, type WorkerSourceLocator } from "../../../site/runner/worker/source-locator.js";

const LESSONS = resolve(__dirname, "../../../lessons");
type AnyFunction = (...a: never[]) => unknown;
interface Frame { getFileName(): string | null; getLineNumber(): number | null; getColumnNumber(): number | null }

/** frameIn as lockdown.ts defines it, on Node's V8 (its formatter set only while capturing). */
function frameIn(file: string, depth: number, above?: AnyFunction): { line: number; col: number } | undefined {
  const E = Error as unknown as { prepareStackTrace?: unknown; stackTraceLimit: number; captureStackTrace(t: object, a?: AnyFunction): void };
  const prevFormat = E.prepareStackTrace;
  const prevLimit = E.stackTraceLimit;
  let found: { line: number; col: number } | undefined;
  E.prepareStackTrace = (_e: unknown, frames: Frame[]) => {
    const f = frames.find((x) => x.getFileName() === file);
    if (f !== undefined) found = { line: f.getLineNumber() ?? 0, col: f.getColumnNumber() ?? 0 };
    return "";
  };
  E.stackTraceLimit = depth;
  const holder: { stack?: unknown } = {};
  try {
    E.captureStackTrace(holder, above);
    void holder.stack;
  } finally {
    E.prepareStackTrace = prevFormat;
    E.stackTraceLimit = prevLimit;
  }
  return found;
}

let seq = 0;
/** Compiles like the editor (CommonJS, ES2020, source map) and loads like the worker (wrapped, one line before). */
function load(source: string, maxLogPositions = 10_000) {
  const out = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, sourceMap: true, esModuleInterop: true },
    fileName: "main.ts",
  });
  const body = out.outputText.replace(/\/\/# sourceMappingURL=.*$/m, "");
  const url = `learner-${++seq}.js`;
  const factory = vm.runInThisContext(`(function (require, module, exports, console) {\n${body}\n})`, { filename: url }) as
    (req: (id: string) => unknown, module: { exports: Record<string, unknown> }, exports: unknown, console: unknown) => void;
  const decoded = decodeMappings((JSON.parse(out.sourceMapText!) as { mappings: string }).mappings);
  const functionText = Function.prototype.call.bind(Function.prototype.toString) as (fn: unknown) => string;
  return async (scenario: Scenario, placeCode = true) => {
    const locator: WorkerSourceLocator | undefined = placeCode
      ? createSourceLocator({ url, body, wrapperLines: 1, decoded }, { frameIn, functionText, maxLogPositions })
      : undefined;
    const module = { exports: {} as Record<string, unknown> };
    let log: (...v: unknown[]) => void = () => undefined;
    const toLog = (...v: unknown[]) => {
      locator?.noteCaller(toLog);
      log(...v);
    };
    factory((id) => (id === "playground" ? playground : undefined), module, module.exports, { log: toLog });
    const main = module.exports["default"] as (ctx: Playground) => void | Promise<void>;
    return runScenario(scenario, (ctx) => {
      log = ctx.log;
      const learnerLog = (...v: unknown[]) => {
        locator?.noteCaller(learnerLog);
        ctx.log(...v);
      };
      return main({ ...ctx, log: learnerLog });
    }, [], locator !== undefined ? { sourceLocator: locator } : {});
  };
}

/** 1-based line of the first line of `source` containing `needle` (after line `from`). */
function lineOf(source: string, needle: string, from = 0): number {
  const i = source.split("\n").findIndex((l, n) => n >= from && l.includes(needle));
  expect(i, needle).toBeGreaterThanOrEqual(0);
  return i + 1;
}

const events = <K extends KnownTraceEvent["kind"]>(trace: readonly unknown[], kind: K) =>
  (trace as KnownTraceEvent[]).filter((e): e is Extract<KnownTraceEvent, { kind: K }> => e.kind === kind);
const srcOf = (e: { src?: SourcePosition }) => e.src;

describe("source positions in the trace", () => {
  const solution = readFileSync(join(LESSONS, "01-the-big-picture", "solution.ts"), "utf8");

  it("lesson 01's solution: each handler call points at its addFunc / updateFunc / deleteFunc, each log line at its log(", async () => {
    const scenario = (await import(join(LESSONS, "01-the-big-picture", "scenario.ts")) as { default: Scenario }).default;
    const run = await load(solution)(scenario);
    expect(run.error).toBeUndefined();
    const called = events(run.trace, "handler.called");
    expect(called.length).toBeGreaterThan(3);
    const funcLine = { add: lineOf(solution, "addFunc:"), update: lineOf(solution, "updateFunc:"), delete: lineOf(solution, "deleteFunc:") };
    for (const e of called) {
      expect(e.src?.line, `${e.notification} ${e.key}`).toBe(funcLine[e.notification]);
      // The function starts at its parameter list: `(pod: Pod) => {`.
      expect(solution.split("\n")[e.src!.line - 1]!.slice(e.src!.col - 1)).toMatch(/^\(/);
    }
    expect(new Set(called.map((e) => e.notification))).toEqual(new Set(["add", "update", "delete"]));
    const logs = events(run.trace, "runner.log");
    expect(logs.length).toBeGreaterThan(3);
    const logLine = {
      "Pod added": lineOf(solution, "log(`Pod added"), "Pod updated": lineOf(solution, "log(`Pod updated"), "Pod deleted": lineOf(solution, "log(`Pod deleted"),
    };
    for (const e of logs) {
      const which = (Object.keys(logLine) as (keyof typeof logLine)[]).find((k) => e.text.startsWith(k))!;
      expect(e.src, e.text).toEqual({ line: logLine[which], col: solution.split("\n")[logLine[which] - 1]!.indexOf("log(") + 1 });
    }
  });

  it("is deterministic: the same program gives byte-identical traces; without a locator there is no src", async () => {
    const scenario = (await import(join(LESSONS, "01-the-big-picture", "scenario.ts")) as { default: Scenario }).default;
    const run = load(solution);
    const a = await run(scenario);
    const b = await run(scenario);
    expect(JSON.stringify(b.trace)).toBe(JSON.stringify(a.trace));
    expect(b.hash).toBe(a.hash);
    const bare = await run(scenario, false);
    expect(bare.trace.some((e) => "src" in e)).toBe(false);
    // Same events otherwise: src is the only difference.
    const strip = (t: readonly unknown[]) => JSON.stringify(t.map((e) => ({ ...(e as object), src: undefined })));
    expect(strip(a.trace)).toBe(strip(bare.trace));
  });

  it("tells identical handlers apart by where they were registered; places a filter's predicate, a class method, a reconcile and console.log", async () => {
    const source = [
      'import { cache, informers, workqueue, type Playground } from "playground";', // 1
      "",                                                                          // 2
      "class Counter {",                                                           // 3
      "  n = 0;",                                                                  // 4
      "  onAdd() { this.n++; }",                                                   // 5
      "  onUpdate() {}",                                                           // 6
      "  onDelete() {}",                                                           // 7
      "}",                                                                         // 8
      "",                                                                          // 9
      "export default function main({ clientset, stop, log }: Playground) {",      // 10
      "  const f = informers.newSharedInformerFactory(clientset, 0);",             // 11
      "  const inf = f.core().v1().pods().informer();",                            // 12
      "  inf.addEventHandler({ addFunc: () => {} });",                             // 13
      "  const isWeb = (o: unknown) => String((o as { metadata?: { name?: string } }).metadata?.name).startsWith(\"web\");", // 14
      "  inf.addEventHandler(new cache.FilteringResourceEventHandler(isWeb, { addFunc: () => {} }));", // 15
      "  inf.addEventHandler(new Counter());",                                     // 16
      "  inf.addEventHandler({ addFunc: () => {} });",                             // 17 (the same text as line 13)
      "  const c = workqueue.newController({ workers: 1,",                         // 18
      "    reconcile(key: string) {",                                              // 19
      "      console.log(`reconcile ${key}`);",                                    // 20
      "    },",                                                                    // 21
      "  });",                                                                     // 22
      "  inf.addEventHandler({ addFunc: (o: unknown) => c.queue.add(cache.metaNamespaceKeyFunc(o)) });", // 23
      "  c.run(stop);",                                                            // 24
      "  f.start(stop);",                                                          // 25
      "  log(\"started\");",                                                       // 26
      "}",                                                                         // 27
    ].join("\n");
    const scenario = (await import(join(LESSONS, "01-the-big-picture", "scenario.ts")) as { default: Scenario }).default;
    const run = await load(source)(scenario);
    expect(run.error).toBeUndefined();
    const byListener = new Map<number, SourcePosition | undefined>();
    for (const e of events(run.trace, "handler.called")) if (e.notification === "add") byListener.set(e.listener, srcOf(e));
    // Listeners 0 and 3 both run `() => {}`: each is placed at its own registration line.
    expect(byListener.get(0)).toEqual({ line: 13, col: 34 });
    expect(byListener.get(3)).toEqual({ line: 17, col: 34 });
    expect(byListener.get(1)?.line).toBe(14); // the predicate runs first for a filtering handler
    expect(byListener.get(2)).toEqual({ line: 5, col: 3 }); // onAdd() { … }
    expect(byListener.get(4)?.line).toBe(23);
    const reconciles = events(run.trace, "worker.reconcile");
    expect(reconciles.length).toBeGreaterThan(0);
    for (const e of reconciles) expect(e.src).toEqual({ line: 19, col: 5 });
    const logs = events(run.trace, "runner.log");
    expect(logs.find((e) => e.text === "started")?.src).toEqual({ line: 26, col: 3 });
    const fromConsole = logs.filter((e) => e.text.startsWith("reconcile "));
    expect(fromConsole.length).toBe(reconciles.length);
    for (const e of fromConsole) expect(e.src).toEqual({ line: 20, col: 15 });
  });

  it("places the learner's clientset calls (server.request of origin code), not the informer's requests", async () => {
    const source = [
      'import { informers, type Playground } from "playground";',                  // 1
      "",                                                                          // 2
      "async function count(clientset: Playground[\"clientset\"]): Promise<number> {", // 3
      "  const list = await clientset.coreV1().pods(\"default\").list();",          // 4
      "  return list.items.length;",                                               // 5
      "}",                                                                         // 6
      "",                                                                          // 7
      "export default async function main({ clientset, stop, log }: Playground) {", // 8
      "  const f = informers.newSharedInformerFactory(clientset, 0);",             // 9
      "  f.core().v1().pods().informer().addEventHandler({",                       // 10
      "    addFunc: () => void clientset.coreV1().nodes().get(\"nope\").catch(() => undefined),", // 11
      "  });",                                                                     // 12
      "  f.start(stop);",                                                          // 13
      "  log(`pods: ${await count(clientset)}`);",                                 // 14
      "}",                                                                         // 15
    ].join("\n");
    const scenario = (await import(join(LESSONS, "01-the-big-picture", "scenario.ts")) as { default: Scenario }).default;
    const run = await load(source)(scenario);
    expect(run.error).toBeUndefined();
    const requests = events(run.trace, "server.request");
    const mine = requests.filter((e) => e.origin === "code");
    // V8 places a method call at the method's name.
    const lines = source.split("\n");
    expect(mine.filter((e) => e.verb === "list").map(srcOf)).toEqual([{ line: 4, col: lines[3]!.indexOf(".list(") + 2 }]);
    const gets = mine.filter((e) => e.verb === "get");
    expect(gets.length).toBeGreaterThan(0);
    for (const e of gets) expect(e.src).toEqual({ line: 11, col: lines[10]!.indexOf(".get(") + 2 });
    const informer = requests.filter((e) => e.origin === "informer");
    expect(informer.length).toBeGreaterThan(0);
    for (const e of informer) expect(e.src).toBeUndefined();
  });

  it("places only the first maxLogPositions log calls of a run (a cost cap that counts calls, not time)", async () => {
    const source = 'import type { Playground } from "playground";\nexport default function main({ log }: Playground) {\n  for (let i = 0; i < 10; i++) log("line " + i);\n}\n';
    const scenario = (await import(join(LESSONS, "01-the-big-picture", "scenario.ts")) as { default: Scenario }).default;
    const run = await load(source, 4)(scenario);
    const logs = events(run.trace, "runner.log");
    expect(logs.length).toBe(10);
    expect(logs.map((e) => e.src?.line)).toEqual([3, 3, 3, 3, undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});
