/**
 * The run worker: runs one learner program against one scenario, off the page's thread.
 *
 * Contract:
 * - Before any learner code runs, the network is gone from this scope: fetch, XMLHttpRequest, WebSocket,
 *   EventSource, importScripts (and a few storage/channel APIs) are removed. The worker is started from a
 *   blob: URL so it inherits the page's Content-Security-Policy, which blocks what deletion cannot
 *   (dynamic import() of another origin, eval).
 * - Learner code arrives as CommonJS (Monaco's TypeScript worker). It is evaluated WITHOUT eval: wrapped
 *   in an ES module `export default function (require, module, exports, console) { … }` that is imported
 *   from a blob: URL. `require` answers only "playground" (the engine's playground module).
 * - The trace is streamed to the page in batches while the run goes on, so the page keeps the trace so
 *   far when it kills the worker (2 s wall clock). The 100,000-event budget is runScenario's `maxEvents`
 *   (the run ends with error kind "timeout"); "limit" is only a backstop if that ever failed.
 * - Runtime errors are mapped to the learner's line through the TypeScript source map.
 * - Goals (the lesson's goals.ts) are checked here on the scenario's seed and on `seeds` more.
 */
/// <reference lib="webworker" />
import { runScenario, type Goal, type RunOptions, type RunResult, type Scenario } from "../../../src/scenario/index.js";
import * as playground from "../../../src/playground.js";
import type { TraceEvent } from "../../../src/sim/index.js";
import type { GoalOutcome, RunRequestMessage, WorkerMessage } from "./protocol.js";
import { MAX_EVENTS } from "./protocol.js";
import { decodeMappings, originalLine } from "./source-map.js";

declare const self: DedicatedWorkerGlobalScope;

// ── 1. No network, no page: remove what learner code could reach out with. ──
for (const name of [
  "fetch", "XMLHttpRequest", "WebSocket", "EventSource", "importScripts", "indexedDB", "caches",
  "BroadcastChannel", "WebTransport",
]) {
  try {
    Object.defineProperty(self, name, { value: undefined, configurable: false, writable: false });
  } catch {
    /* already non-configurable: CSP still applies */
  }
}

const post = (m: WorkerMessage) => self.postMessage(m);

// ── 2. Trace streaming (runScenario's onEvent), in batches. ──
let sink: ((e: TraceEvent) => void) | undefined;
let lastSeq = 0;

const ENTERS_LEARNER_CODE = new Set(["handler.called", "runner.start", "runner.op", "worker.reconcile", "fifo.popped", "processor.distribute"]);

function streamTo(): { flush(): void } {
  let batch: TraceEvent[] = [];
  let lastFlush = performance.now();
  let count = 0;
  let limited = false;
  const flush = () => {
    if (batch.length === 0) return;
    const events = batch;
    batch = [];
    lastFlush = performance.now();
    try {
      post({ type: "events", events });
    } catch {
      post({ type: "events", events: JSON.parse(JSON.stringify(events)) as TraceEvent[] });
    }
  };
  lastSeq = 0;
  sink = (e) => {
    if (e.seq <= lastSeq) return;
    lastSeq = e.seq;
    count++;
    if (limited) return;
    batch.push(e);
    // Flush right before learner code can run (a handler, main, a reconcile, a pop that may call
    // index/transform functions): if it never returns, the page still has every event up to it.
    if (batch.length >= 500 || performance.now() - lastFlush > 40 || ENTERS_LEARNER_CODE.has(e.kind)) flush();
    // The engine stops itself at MAX_EVENTS (error kind "timeout"); this is only the backstop.
    if (count >= MAX_EVENTS + 5_000) {
      limited = true;
      flush();
      post({ type: "limit" });
    }
  };
  return { flush };
}

// ── 3. Learner module evaluation. ──
let blobUrlOfRun = "";
let decoded: ReturnType<typeof decodeMappings> | undefined;
/** Lines of the wrapper before the learner's first generated line. */
const WRAPPER_LINES = 1;

/** The learner's line for an error thrown by learner code, from its stack (blob module frames). */
function learnerLine(error: unknown): number | undefined {
  const stack = error instanceof Error ? error.stack ?? "" : "";
  if (blobUrlOfRun === "" || stack === "") return undefined;
  const escaped = blobUrlOfRun.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const m = new RegExp(`${escaped}:(\\d+):(\\d+)`).exec(stack);
  if (!m) return undefined;
  const genLine = Number(m[1]) - WRAPPER_LINES;
  const genCol = Number(m[2]);
  if (decoded === undefined) return genLine;
  return originalLine(decoded, genLine, genCol);
}

type Factory = (require: (id: string) => unknown, module: { exports: Record<string, unknown> },
  exports: Record<string, unknown>, console: Record<string, (...a: unknown[]) => void>) => void;
type Main = (ctx: playground.Playground) => void | Promise<void>;

async function loadFactory(js: string): Promise<Factory> {
  // Drop the sourceMappingURL comment: the map comes with the message, and the browser must not fetch it.
  const body = js.replace(/\/\/# sourceMappingURL=.*$/m, "");
  const source = `export default function (require, module, exports, console) {${"\n"}${body}${"\n"}}`;
  blobUrlOfRun = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  const mod = (await import(/* @vite-ignore */ blobUrlOfRun)) as { default: Factory };
  return mod.default;
}

/** Evaluates the learner module afresh (module-level state never leaks between runs) and returns main. */
function instantiate(factory: Factory, logRef: { log?: (...v: unknown[]) => void }): Main {
  const requireFn = (id: string): unknown => {
    if (id === "playground") return playground;
    throw new Error(`Cannot find module '${id}': only "playground" can be imported here`);
  };
  const module = { exports: {} as Record<string, unknown> };
  const toLog = (...v: unknown[]) => logRef.log?.(...v);
  const consoleShim = { log: toLog, info: toLog, warn: toLog, error: toLog, debug: toLog };
  factory(requireFn, module, module.exports, consoleShim);
  const exp = module.exports;
  const main = (exp["default"] ?? exp["main"]) as unknown;
  if (typeof main !== "function") {
    throw new Error("Your module must export a main function: `export default function main(ctx: Playground) { … }`");
  }
  return main as Main;
}

/** Wraps main so a synchronous throw or a rejection gets the learner's line attached. */
function withLines(main: Main, logRef: { log?: (...v: unknown[]) => void }, lines: { line?: number }): Main {
  return (ctx) => {
    logRef.log = ctx.log;
    const note = (e: unknown) => {
      lines.line ??= learnerLine(e);
      return e;
    };
    try {
      const r = main(ctx);
      if (r !== undefined && typeof (r as Promise<void>).then === "function") {
        return (r as Promise<void>).catch((e: unknown) => {
          throw note(e);
        });
      }
      return r;
    } catch (e) {
      throw note(e);
    }
  };
}

const goalModules = import.meta.glob<{ default: { goals: Goal[]; seeds?: number } }>("../../../lessons/*/goals.ts");

async function runOnce(factory: Factory, scenario: Scenario, actions: RunRequestMessage["actions"],
  onEvent?: (e: TraceEvent) => void): Promise<RunResult> {
  const logRef: { log?: (...v: unknown[]) => void } = {};
  const lines: { line?: number } = {};
  let main: Main;
  try {
    main = instantiate(factory, logRef);
  } catch (e) {
    return { trace: [], log: [], hash: "", error: { kind: "runtime", message: messageOf(e), line: learnerLine(e) } };
  }
  const options: RunOptions = { onEvent: (e) => onEvent?.(e), errorLine: learnerLine, maxEvents: MAX_EVENTS };
  const result = await runScenario(scenario, withLines(main, logRef, lines), actions, options);
  if (result.error !== undefined && result.error.line === undefined && lines.line !== undefined) {
    result.error = { ...result.error, line: lines.line };
  }
  return result;
}

function messageOf(e: unknown): string {
  if (e instanceof Error) return `${e.name === "Error" ? "" : `${e.name}: `}${e.message}`;
  return String(e);
}

function check(goals: Goal[], run: RunResult, seed: number): GoalOutcome[] {
  return goals.map((g) => {
    try {
      const r = g.check(run);
      return { id: g.id, pass: r.pass, message: r.message, failedAtStep: r.failedAtStep, seed };
    } catch (e) {
      return { id: g.id, pass: false, message: `goal check failed: ${messageOf(e)}`, seed };
    }
  });
}

self.onmessage = async (ev: MessageEvent<RunRequestMessage>) => {
  const req = ev.data;
  if (req.type !== "run") return;
  try {
    decoded = undefined;
    if (req.map !== undefined) {
      try {
        decoded = decodeMappings((JSON.parse(req.map) as { mappings: string }).mappings);
      } catch {
        decoded = undefined;
      }
    }
    let factory: Factory;
    try {
      factory = await loadFactory(req.js);
    } catch (e) {
      post({ type: "fatal", message: messageOf(e) });
      return;
    }
    const goalsModule = req.lessonId !== undefined ? await goalModules[`../../../lessons/${req.lessonId}/goals.ts`]?.() : undefined;

    post({ type: "started" });
    const stream = streamTo();
    const result = await runOnce(factory, req.scenario, req.actions, sink);
    stream.flush();
    sink = undefined;
    post({ type: "result", result: { ...result, trace: [] }, traceLength: result.trace.length });

    if (goalsModule === undefined) return;
    const { goals, seeds = 0 } = goalsModule.default;
    let outcomes = check(goals, result, req.scenario.seed);
    if (seeds > 0) {
      post({ type: "checking", seeds });
      for (let k = 1; k <= seeds; k++) {
        const seed = req.scenario.seed + k;
        const more = await runOnce(factory, { ...req.scenario, seed }, req.actions);
        const next = check(goals, more, seed);
        // A goal keeps the first failure (the scenario's own seed first, so its step can be shown).
        outcomes = outcomes.map((o, i) => (o.pass && !next[i]!.pass ? next[i]! : o));
      }
    }
    post({ type: "goals", goals: outcomes });
  } catch (e) {
    post({ type: "fatal", message: messageOf(e), line: learnerLine(e) });
  }
};

post({ type: "ready" });
