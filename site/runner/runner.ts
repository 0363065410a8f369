/**
 * Runner (page side) — runs one request in a fresh Web Worker and enforces the budgets itself.
 *
 * Contract:
 * - A run never blocks the page: the worker does all the work; the page only receives messages.
 * - The worker runs untrusted code, so the page trusts none of its messages (issue 14): answers come on a
 *   MessagePort handed over with the request, each is checked by check-message.ts (shape, caps, order);
 *   anything else ends the run with `onFatal(…, { unexpected: true })` and the worker is terminated.
 * - Budgets, counted by the page and never extended by a message: the learner's module must start within
 *   LOAD_MS of the request; the main run gets WALL_CLOCK_MS from `started`; the goal checks on more seeds
 *   get WALL_CLOCK_MS from `result` (once). Events over MAX_EVENTS (+5,000 slack) or trace JSON over
 *   MAX_TRACE_CHARS stop the run. A stopped run's result is the trace received so far, with
 *   `error.kind` = the StopReason ("timeout", "eventLimit" or "outputLimit") and a message naming the budget.
 * - A handler that throws still ends the run (the worker is terminated and `busy` is false).
 * - A new run supersedes the one in flight (its worker is terminated and its handlers never fire).
 * - One spare worker is booted ahead of time, so a run does not pay for loading the engine.
 * - The worker is started from a blob: URL that imports the bundled worker, so it inherits the page's
 *   Content-Security-Policy; it refuses to start any other way (worker/lockdown.ts).
 */
import type { RunResult } from "../../src/scenario/index.js";
import type { KnownTraceEvent } from "../../src/sim/index.js";
import workerUrl from "./worker/run-worker.ts?worker&url";
import { checkMessage, type CheckState } from "./check-message.js";
import type { GoalOutcome, RunRequestMessage } from "./worker/protocol.js";
import { LOAD_MS, MAX_EVENTS, MAX_TRACE_CHARS, WALL_CLOCK_MS } from "./worker/protocol.js";

export type { GoalOutcome };
export type RunRequest = Omit<RunRequestMessage, "type">;
export type StopReason = "timeout" | "eventLimit" | "outputLimit";
/** A run as the page holds it: its trace decoded once at the worker boundary (check-message.ts). */
export type PageRunResult = Omit<RunResult, "trace"> & { trace: KnownTraceEvent[] };

export interface RunHandlers {
  /** Events streamed so far (for a progress display). */
  onProgress?(events: number): void;
  /** The run is ready (or was stopped): the whole trace, log and error. */
  onResult(result: PageRunResult, info: { stopped?: StopReason; ms: number }): void;
  /** Goal outcomes as the worker reports them (only for a lesson run that finished; [] when not checked). */
  onGoals?(goals: GoalOutcome[]): void;
  /** The worker failed (not the learner's code), or sent something outside the protocol (`unexpected`). */
  onFatal?(message: string, info?: { line?: number; unexpected?: boolean }): void;
}

interface Booted {
  worker: Worker;
  ready: Promise<void>;
}

/** Lines printed by log(), rebuilt from the trace (the page never takes the log from the worker). */
export function logFromTrace(trace: readonly KnownTraceEvent[]): RunResult["log"] {
  const out: RunResult["log"] = [];
  for (const e of trace) if (e.kind === "runner.log") out.push({ step: e.seq, time: e.time, text: e.text });
  return out;
}

export function stoppedMessage(reason: StopReason, steps: number): string {
  if (reason === "timeout") return `Run stopped: over its 2 s wall-clock budget (endless loop?) after ${steps} trace events.`;
  if (reason === "eventLimit") return `Run stopped: over its budget of ${MAX_EVENTS.toLocaleString("en")} trace events.`;
  return `Run stopped: its output (log and trace) grew over ${(MAX_TRACE_CHARS / 1e6).toLocaleString("en")} MB; the trace up to that point (${steps} events) is kept.`;
}

export class Runner {
  private spare: Booted | undefined;
  private current: { worker: Worker; cancel: () => void } | undefined;

  constructor(private readonly budgetMs = WALL_CLOCK_MS, private readonly loadMs = LOAD_MS) {}

  private boot(): Booted {
    const absolute = new URL(workerUrl, location.href).href;
    const blob = new Blob([`import ${JSON.stringify(absolute)};\n`], { type: "text/javascript" });
    const url = URL.createObjectURL(blob);
    const worker = new Worker(url, { type: "module", name: "run-worker" });
    const ready = new Promise<void>((resolve, reject) => {
      worker.onmessage = (ev: MessageEvent<unknown>) => {
        const d = ev.data as { type?: unknown } | null;
        if (typeof d === "object" && d !== null && d.type === "ready") {
          worker.onmessage = null;
          URL.revokeObjectURL(url);
          resolve();
        }
      };
      worker.addEventListener("error", (ev) => {
        ev.preventDefault();
        reject(new Error(ev.message || "the run worker failed to start"));
      }, { once: true });
    });
    ready.catch(() => undefined);
    return { worker, ready };
  }

  /** Boots the spare worker now (call when the page is idle). */
  warm(): void {
    this.spare ??= this.boot();
  }

  get busy(): boolean {
    return this.current !== undefined;
  }

  cancel(): void {
    this.current?.cancel();
  }

  run(request: RunRequest, handlers: RunHandlers): Promise<void> {
    this.cancel();
    const booted = this.spare ?? this.boot();
    this.spare = undefined;
    const { worker } = booted;
    const events: KnownTraceEvent[] = [];
    const state: CheckState = { phase: "starting", lastSeq: 0 };
    const channel = new MessageChannel();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let started = performance.now();
    let chars = 0;
    let finished = false;

    return new Promise<void>((resolve) => {
      const end = () => {
        if (finished) return;
        finished = true;
        if (timer !== undefined) clearTimeout(timer);
        channel.port1.onmessage = null;
        channel.port1.close();
        worker.onmessage = null;
        worker.terminate();
        if (this.current?.worker === worker) this.current = undefined;
        // Boot the next spare after this run, off the critical path.
        setTimeout(() => this.warm(), 0);
        resolve();
      };
      /** Calls a handler; whatever it throws, `done` still ends the run. */
      const call = (fn: () => void, done: boolean) => {
        try {
          fn();
        } finally {
          if (done) end();
        }
      };
      /** The page's deadline: set at fixed points (request, started, result), never by a message's content. */
      const deadline = (ms: number) => {
        if (timer !== undefined) clearTimeout(timer);
        timer = setTimeout(() => stop("timeout"), ms);
      };
      const stop = (reason: StopReason) => {
        if (finished) return;
        if (state.phase === "starting" || state.phase === "running") {
          const steps = events.length;
          call(() => handlers.onResult(
            { trace: events, log: logFromTrace(events), hash: "",
              error: { kind: reason, message: stoppedMessage(reason, steps), step: steps > 0 ? steps : undefined } },
            { stopped: reason, ms: performance.now() - started },
          ), true);
        } else {
          call(() => handlers.onGoals?.([]), true);
        }
      };
      const unexpected = (why: string) => {
        if (finished) return;
        call(() => handlers.onFatal?.(why, { unexpected: true }), true);
      };
      this.current = { worker, cancel: () => end() };

      channel.port1.onmessage = (ev: MessageEvent<unknown>) => {
        if (finished) return;
        if (typeof ev.data === "object" && ev.data !== null && (ev.data as { type?: unknown }).type === "events") {
          chars += String((ev.data as { json?: unknown }).json ?? "").length;
          if (chars > MAX_TRACE_CHARS) return stop("outputLimit");
        }
        const checked = checkMessage(ev.data, state);
        if (!checked.ok) return unexpected(checked.why);
        const m = checked.message;
        switch (m.type) {
          case "started":
            state.phase = "running";
            started = performance.now();
            deadline(this.budgetMs);
            break;
          case "events":
            for (const e of checked.events ?? []) events.push(e);
            state.lastSeq = events.length;
            if (events.length > MAX_EVENTS + 5_000) return stop("eventLimit");
            handlers.onProgress?.(events.length);
            break;
          case "limit":
            return stop(m.reason === "size" ? "outputLimit" : "eventLimit");
          case "result": {
            state.phase = "afterResult";
            const hasGoals = request.lessonId !== undefined;
            if (hasGoals) deadline(this.budgetMs);
            else if (timer !== undefined) clearTimeout(timer);
            call(() => handlers.onResult({ ...m.result, trace: events, log: logFromTrace(events) }, { ms: performance.now() - started }), !hasGoals);
            break;
          }
          case "checking":
            state.phase = "checking";
            break;
          case "goals":
            call(() => handlers.onGoals?.(m.goals), true);
            break;
          case "fatal":
            call(() => handlers.onFatal?.(m.message, { line: m.line }), true);
            break;
          default:
            unexpected("a message of an unknown type");
        }
      };
      worker.onerror = (ev) => {
        ev.preventDefault();
        call(() => handlers.onFatal?.(ev.message || "the run worker crashed"), true);
      };
      booted.ready.then(
        () => {
          if (finished) return;
          // After `ready` the worker has no postMessage of its own: anything arriving here is unexpected.
          worker.onmessage = () => unexpected("a message outside its channel");
          worker.postMessage({ type: "run", ...request } satisfies RunRequestMessage, [channel.port2]);
          started = performance.now();
          deadline(this.loadMs + this.budgetMs);
        },
        (e: unknown) => {
          call(() => handlers.onFatal?.(e instanceof Error ? e.message : String(e)), true);
        },
      );
    });
  }
}
