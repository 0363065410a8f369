/**
 * The run worker: runs one learner program against one scenario, off the page's thread.
 *
 * Contract:
 * - It starts only from the runner's blob: wrapper (so it inherits the page's Content-Security-Policy,
 *   which blocks what deletion cannot: import() of another origin, eval) and, before any learner code
 *   runs, removes every way to start code, reach the network, origin storage or the page (lockdown.ts).
 * - It answers one `run` message, on the MessagePort that came with it (captured here before learner code
 *   runs; the global postMessage is gone), in the order protocol.ts gives.
 * - Output is capped here (each log line, all log text, the trace's JSON size) and the page checks the
 *   same caps again: a run over them ends with `limit` and the page keeps the trace up to the cut.
 * - Learner code arrives as CommonJS (Monaco's TypeScript worker). It is evaluated WITHOUT eval: wrapped
 *   in an ES module `export default function (require, module, exports, console) { … }` that is imported
 *   from a blob: URL. `require` answers only "playground" (the engine's playground module).
 * - The trace is streamed to the page in batches while the run goes on, so the page keeps the trace so
 *   far when it kills the worker (2 s wall clock). The 100,000-event budget is runScenario's `maxEvents`
 *   (the run ends with error kind "eventLimit"); "limit" is only a backstop if that ever failed.
 * - Runtime errors are mapped to the learner's line through the TypeScript source map; so are the trace's
 *   source positions (`src` of handler.called / worker.reconcile / runner.log, source-locator.ts), in the
 *   main run only (the goal checks on more seeds do not need them). A rejection nothing awaited is a
 *   runtime error too, at its step (unawaited-rejections.ts, runScenario's afterTask).
 * - Goals (the lesson's goals.ts) are checked here on the scenario's seed and on `seeds` more.
 */
/// <reference lib="webworker" />
import { formatValue, runScenario, type Goal, type RunOptions, type RunResult, type Scenario } from "../../../src/scenario/index.js";
import * as playground from "../../../src/playground.js";
import type { TraceEvent } from "../../../src/sim/index.js";
import type { GoalOutcome, LimitReason, RunRequestMessage, WorkerMessage } from "./protocol.js";
import { MAX_BATCH_CHARS, MAX_ERROR_CHARS, MAX_EVENTS, MAX_LOG_CHARS, MAX_LOG_LINE_CHARS, MAX_TRACE_CHARS } from "./protocol.js";
import { decodeMappings, originalLine } from "./source-map.js";
import { assertLoadedByRunner, frameIn, lockDown } from "./lockdown.js";
import { createSourceLocator, type WorkerSourceLocator } from "./source-locator.js";
import { watchRejections } from "./unawaited-rejections.js";
import { kit } from "../../../lessons/_lib/goal-kit.js";

declare const self: DedicatedWorkerGlobalScope;

// ── 1. Started the app's way, then no network, no code loading, no storage, no page. ──
try {
  assertLoadedByRunner(self);
} catch (e) {
  self.close();
  throw e;
}
// Captured before the lockdown (and before learner code could replace them).
const createObjectURL = URL.createObjectURL.bind(URL);
const stringify = JSON.stringify;
const functionText = Function.prototype.call.bind(Function.prototype.toString) as (fn: unknown) => string;
const postReady = self.postMessage.bind(self);
// A promise from learner code that rejects with nothing awaiting it ends the run as a runtime error at its
// step (unawaited-rejections.ts); the listener is in place before any learner code runs.
const rejections = watchRejections((report) => self.addEventListener("unhandledrejection", (ev) => {
  ev.preventDefault();
  report({ reason: ev.reason, trusted: ev.isTrusted });
}));
const leftOpen = lockDown(self);
let port: MessagePort | undefined;
let portPost: ((m: WorkerMessage) => void) | undefined;
const post = (m: WorkerMessage) => portPost?.(m);

// ── 2. Trace streaming (runScenario's onEvent), in batches. ──
let sink: ((e: TraceEvent) => void) | undefined;
let lastSeq = 0;

const EAGER_LOG_LINES = 1_000;
const ENTERS_LEARNER_CODE = new Set(["handler.called", "runner.start", "runner.op", "worker.reconcile", "fifo.popped", "processor.distribute"]);

/** Events as JSON, one string per event (so one huge event is measured before it is batched). */
function streamTo(): { flush(): void; readonly limited: boolean } {
  let batch: string[] = [];
  let batchChars = 0;
  let lastFlush = performance.now();
  let count = 0;
  let total = 0;
  let limited = false;
  let logLines = 0;
  const flush = () => {
    if (batch.length === 0 || limited) return;
    const json = `[${batch.join(",")}]`;
    const n = batch.length;
    batch = [];
    batchChars = 0;
    lastFlush = performance.now();
    post({ type: "events", json, count: n });
  };
  const limit = (reason: LimitReason) => {
    flush();
    limited = true;
    post({ type: "limit", reason });
  };
  lastSeq = 0;
  sink = (e) => {
    if (e.seq <= lastSeq || limited) return;
    lastSeq = e.seq;
    count++;
    let one: string;
    try {
      one = stringify(e) ?? "null";
    } catch {
      one = stringify({ seq: e.seq, time: e.time, component: String(e.component), kind: String(e.kind) });
    }
    // The trace is cut before the event that would make it too large: the page keeps everything before.
    if (total + one.length > MAX_TRACE_CHARS || one.length > MAX_BATCH_CHARS / 2) return limit("size");
    total += one.length + 1;
    batch.push(one);
    batchChars += one.length + 1;
    // Flush right before learner code can run (a handler, main, a reconcile, a pop that may call
    // index/transform functions): if it never returns, the page still has every event up to it.
    // The run's first EAGER_LOG_LINES log lines are flushed at once too: the learner's code printed
    // them and may hang right after (issue 21 item 10: the line printed before an endless loop reaches
    // the page). Past that, a flood of lines is batched again (at most ~40 ms of output can be lost).
    const eagerLog = e.kind === "runner.log" && ++logLines <= EAGER_LOG_LINES;
    if (batch.length >= 500 || batchChars > MAX_BATCH_CHARS / 2 || performance.now() - lastFlush > 40 || ENTERS_LEARNER_CODE.has(e.kind) || eagerLog) flush();
    // The engine stops itself at MAX_EVENTS (error kind "eventLimit"); this is only the backstop.
    if (count >= MAX_EVENTS + 5_000) limit("events");
  };
  return { flush, get limited() { return limited; } };
}

/** log() with the output caps: each line at most MAX_LOG_LINE_CHARS, all lines at most MAX_LOG_CHARS. */
function cappedLog(log: (...values: unknown[]) => void): (...values: unknown[]) => void {
  let used = 0;
  let dropped = false;
  return (...values: unknown[]) => {
    if (dropped) return;
    let text = values.map((v) => formatValue(v)).join(" ");
    if (text.length > MAX_LOG_LINE_CHARS) {
      text = `${text.slice(0, MAX_LOG_LINE_CHARS)}… [cut: ${(text.length - MAX_LOG_LINE_CHARS).toLocaleString("en")} more characters; one log line keeps ${MAX_LOG_LINE_CHARS.toLocaleString("en")}]`;
    }
    if (used + text.length > MAX_LOG_CHARS) {
      dropped = true;
      log(`[log cut: over ${MAX_LOG_CHARS.toLocaleString("en")} characters of log output; later lines were dropped]`);
      return;
    }
    used += text.length;
    log(text);
  };
}

// ── 3. Learner module evaluation. ──
let blobUrlOfRun = "";
let bodyOfRun = "";
let decoded: ReturnType<typeof decodeMappings> | undefined;
/** Lines of the wrapper before the learner's first generated line. */
const WRAPPER_LINES = 1;
/**
 * Log calls of a run whose line is traced (runner.log.src). A stack capture costs ~5–25 µs (idle – loaded
 * machine); 120,000 log lines all placed took 3.4–4.9 s against 1.2–2.0 s unplaced in V8 on a loaded
 * 2-core box — over the 2 s budget — so only the first ones are placed (a count: deterministic).
 */
const MAX_LOG_POSITIONS = 5_000;
type LogRef = { log?: (...v: unknown[]) => void; locator?: WorkerSourceLocator };

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
  bodyOfRun = body;
  const source = `export default function (require, module, exports, console) {${"\n"}${body}${"\n"}}`;
  blobUrlOfRun = createObjectURL(new Blob([source], { type: "text/javascript" }));
  const mod = (await import(/* @vite-ignore */ blobUrlOfRun)) as { default: Factory };
  return mod.default;
}

/** Evaluates the learner module afresh (module-level state never leaks between runs) and returns main. */
function instantiate(factory: Factory, logRef: LogRef): Main {
  const requireFn = (id: string): unknown => {
    if (id === "playground") return playground;
    throw new Error(`Cannot find module '${id}': only "playground" can be imported here`);
  };
  const module = { exports: {} as Record<string, unknown> };
  // console.* goes to the capped log as well.
  const toLog = (...v: unknown[]) => {
    logRef.locator?.noteCaller(toLog);
    logRef.log?.(...v);
  };
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
function withLines(main: Main, logRef: LogRef, lines: { line?: number }): Main {
  return (ctx) => {
    const capped = cappedLog(ctx.log);
    logRef.log = capped;
    // The learner's log: notes where it was called from (runner.log.src), then logs.
    const log = (...v: unknown[]) => {
      logRef.locator?.noteCaller(log);
      capped(...v);
    };
    ctx = { ...ctx, log };
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
  onEvent?: (e: TraceEvent) => void, placeCode = false): Promise<RunResult> {
  const logRef: LogRef = {};
  if (placeCode) {
    logRef.locator = createSourceLocator({ url: blobUrlOfRun, body: bodyOfRun, wrapperLines: WRAPPER_LINES, decoded },
      { frameIn, functionText, maxLogPositions: MAX_LOG_POSITIONS });
  }
  const lines: { line?: number } = {};
  let main: Main;
  try {
    main = instantiate(factory, logRef);
  } catch (e) {
    return { trace: [], log: [], hash: "", error: { kind: "runtime", message: messageOf(e), line: learnerLine(e) } };
  }
  const options: RunOptions = { onEvent: (e) => onEvent?.(e), errorLine: learnerLine, maxEvents: MAX_EVENTS,
    afterTask: () => rejections.afterTask(),
    ...(logRef.locator !== undefined ? { sourceLocator: logRef.locator } : {}) };
  rejections.reset();
  const result = await runScenario(scenario, withLines(main, logRef, lines), actions, options);
  await rejections.settle(); // a rejection after the run's end belongs to no step (and never to the next run)
  if (result.error !== undefined && result.error.line === undefined && lines.line !== undefined) {
    result.error = { ...result.error, line: lines.line };
  }
  return result;
}

function cut(text: string): string {
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS)}… [cut]` : text;
}

/** An error's text for the page, cut to MAX_ERROR_CHARS (the page refuses longer ones). */
function messageOf(e: unknown): string {
  let text: string;
  try {
    text = e instanceof Error ? `${e.name === "Error" ? "" : `${e.name}: `}${e.message}` : String(e);
  } catch {
    text = "an error that cannot be printed";
  }
  return cut(text);
}

function check(goals: Goal[], run: RunResult, seed: number): GoalOutcome[] {
  return goals.map((g) => {
    try {
      const r = g.check(run);
      return { id: g.id, pass: r.pass === true, message: r.message === undefined ? undefined : cut(String(r.message)),
        ...(r.reason !== undefined && r.pass !== true ? { reason: r.reason } : {}), failedAtStep: r.failedAtStep, seed };
    } catch (e) {
      const message = messageOf(e);
      return { id: g.id, pass: false, message: `goal check failed: ${message}`, reason: kit.checkThrew({ message }), seed };
    }
  });
}

self.onmessage = async (ev: MessageEvent<RunRequestMessage>) => {
  const req = ev.data;
  if (port !== undefined || req?.type !== "run" || ev.ports[0] === undefined) return;
  port = ev.ports[0];
  portPost = MessagePort.prototype.postMessage.bind(port) as (m: WorkerMessage) => void;
  self.onmessage = null;
  if (leftOpen.length > 0) {
    post({ type: "fatal", message: `the sandbox could not remove ${leftOpen.join(", ")} on this browser, so the code was not run` });
    return;
  }
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
    const result = await runOnce(factory, req.scenario, req.actions, sink, true);
    stream.flush();
    sink = undefined;
    if (stream.limited) return;
    post({ type: "result", result: { hash: result.hash, ...(result.error !== undefined ? { error: { ...result.error, message: cut(result.error.message) } } : {}) }, traceLength: result.trace.length });

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

postReady({ type: "ready" } satisfies WorkerMessage);
