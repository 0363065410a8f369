/**
 * Runner (page side) — runs one request in a fresh Web Worker and enforces the budgets.
 *
 * Contract:
 * - A run never blocks the page: the worker does all the work; the page only receives messages.
 * - Budgets: 2 s of wall-clock time from the moment the worker starts the scenario (and again for the
 *   extra goal seeds), and 100,000 trace events. Over either, the page terminates the worker and the
 *   result is the trace streamed so far, with `error.kind = "timeout"` and a message naming which budget.
 * - A new run supersedes the one in flight (its worker is terminated and its handlers never fire).
 * - One spare worker is booted ahead of time, so a run does not pay for loading the engine.
 * - The worker is started from a blob: URL that imports the bundled worker, so it inherits the page's
 *   Content-Security-Policy (no eval, no other origin) on top of its own lockdown.
 */
import type { RunResult } from "../../src/scenario/index.js";
import type { TraceEvent } from "../../src/sim/index.js";
import workerUrl from "./worker/run-worker.ts?worker&url";
import type { GoalOutcome, RunRequestMessage, WorkerMessage } from "./worker/protocol.js";
import { MAX_EVENTS, WALL_CLOCK_MS } from "./worker/protocol.js";

export type { GoalOutcome };
export type RunRequest = Omit<RunRequestMessage, "type">;
export type StopReason = "timeout" | "eventLimit";

export interface RunHandlers {
  /** Events streamed so far (for a progress display). */
  onProgress?(events: number): void;
  /** The run is ready (or was stopped): the whole trace, log and error. */
  onResult(result: RunResult, info: { stopped?: StopReason; ms: number }): void;
  /** Goal outcomes (only for a lesson run that finished). */
  onGoals?(goals: GoalOutcome[]): void;
  /** The worker itself failed (not the learner's code). */
  onFatal?(message: string, line?: number): void;
}

interface Booted {
  worker: Worker;
  ready: Promise<void>;
}

/** Lines printed by log(), rebuilt from the trace (used when a run was stopped and has no result). */
export function logFromTrace(trace: TraceEvent[]): RunResult["log"] {
  return trace
    .filter((e) => e.kind === "runner.log")
    .map((e) => ({ step: e.seq, time: e.time, text: String((e as { text?: unknown }).text ?? "") }));
}

export function stoppedMessage(reason: StopReason, steps: number): string {
  return reason === "timeout"
    ? `Run stopped: over its 2 s wall-clock budget (endless loop?) after ${steps} trace events.`
    : `Run stopped: over its budget of ${MAX_EVENTS.toLocaleString("en")} trace events.`;
}

export class Runner {
  private spare: Booted | undefined;
  private current: { worker: Worker; cancel: () => void } | undefined;

  constructor(private readonly budgetMs = WALL_CLOCK_MS) {}

  private boot(): Booted {
    const absolute = new URL(workerUrl, location.href).href;
    const blob = new Blob([`import ${JSON.stringify(absolute)};\n`], { type: "text/javascript" });
    const url = URL.createObjectURL(blob);
    const worker = new Worker(url, { type: "module", name: "run-worker" });
    const ready = new Promise<void>((resolve, reject) => {
      const onMessage = (ev: MessageEvent<WorkerMessage>) => {
        if (ev.data.type === "ready") {
          worker.removeEventListener("message", onMessage);
          URL.revokeObjectURL(url);
          resolve();
        }
      };
      worker.addEventListener("message", onMessage);
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
    const events: TraceEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    let started = 0;
    let finished = false;

    return new Promise<void>((resolve) => {
      const end = () => {
        if (finished) return;
        finished = true;
        if (timer !== undefined) clearTimeout(timer);
        worker.terminate();
        if (this.current?.worker === worker) this.current = undefined;
        // Boot the next spare after this run, off the critical path.
        setTimeout(() => this.warm(), 0);
        resolve();
      };
      let phase: "main" | "goals" = "main";
      let goalSeeds = 0;
      const stop = (reason: StopReason) => {
        if (finished) return;
        if (phase === "main") {
          const steps = events.length;
          handlers.onResult(
            { trace: events, log: logFromTrace(events), hash: "",
              error: { kind: "timeout", message: stoppedMessage(reason, steps), step: steps > 0 ? steps : undefined } },
            { stopped: reason, ms: performance.now() - started },
          );
        } else {
          handlers.onGoals?.([]);
          void goalSeeds;
        }
        end();
      };
      const arm = () => {
        if (timer !== undefined) clearTimeout(timer);
        timer = setTimeout(() => stop("timeout"), this.budgetMs);
      };
      this.current = { worker, cancel: () => end() };

      worker.onmessage = (ev: MessageEvent<WorkerMessage>) => {
        if (finished) return;
        const m = ev.data;
        switch (m.type) {
          case "ready":
            break;
          case "started":
            started = performance.now();
            arm();
            break;
          case "events":
            for (const e of m.events) events.push(e);
            handlers.onProgress?.(events.length);
            break;
          case "limit":
            stop("eventLimit");
            break;
          case "result": {
            if (timer !== undefined) clearTimeout(timer);
            const trace = events.length === m.traceLength ? events : events.slice(0, m.traceLength);
            handlers.onResult({ ...m.result, trace }, { ms: performance.now() - started });
            if (request.lessonId === undefined) end();
            break;
          }
          case "checking":
            phase = "goals";
            goalSeeds = m.seeds;
            arm();
            break;
          case "goals":
            handlers.onGoals?.(m.goals);
            end();
            break;
          case "fatal":
            handlers.onFatal?.(m.message, m.line);
            end();
            break;
        }
      };
      worker.onerror = (ev) => {
        ev.preventDefault();
        handlers.onFatal?.(ev.message || "the run worker crashed");
        end();
      };
      booted.ready.then(
        () => {
          if (!finished) worker.postMessage({ type: "run", ...request } satisfies RunRequestMessage);
        },
        (e: unknown) => {
          handlers.onFatal?.(e instanceof Error ? e.message : String(e));
          end();
        },
      );
    });
  }
}
