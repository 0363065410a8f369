/**
 * The learner's module inside the run worker (run-worker.ts): loaded without eval, instantiated afresh
 * for every run, its console and log capped, its errors mapped to the learner's lines.
 *
 * Contract:
 * - Learner code arrives as CommonJS (Monaco's TypeScript worker). `loadLearnerModule` wraps it in an ES
 *   module `export default function (require, module, exports, console) { … }` and imports it from a
 *   blob: URL (made with the `createObjectURL` captured before the lockdown). Its sourceMappingURL comment
 *   is dropped: the map comes with the run message and the browser must not fetch it.
 * - `instantiate()` evaluates the module again (module-level state never leaks between runs) and returns
 *   its main (`export default` or `export main`), or throws a clear error when there is none. `require`
 *   answers only "playground"; console.* goes to the run's capped log.
 * - `withLines(main)` gives main a log capped at MAX_LOG_LINE_CHARS a line and MAX_LOG_CHARS in all, and
 *   attaches the learner's line to a synchronous throw or a rejection of main.
 * - `learnerLine(error)` maps the first frame of the learner's blob module in the error's stack through
 *   the TypeScript source map (`map`, when it decodes) to the learner's line; undefined when no frame is
 *   the learner's.
 * - `sourceLocator()` makes a fresh SourceLocator (source-locator.ts) over this module, for the run whose
 *   trace carries source positions (the main run). With a locator in the log ref, the learner-facing
 *   `log` and console.* note their caller before logging (runner.log.src); at most MAX_LOG_POSITIONS
 *   log calls of a run are placed.
 */
import { formatValue } from "../../../src/scenario/index.js";
import * as playground from "../../../src/playground.js";
import { MAX_LOG_CHARS, MAX_LOG_LINE_CHARS } from "./protocol.js";
import { frameIn } from "./lockdown.js";
import { createSourceLocator, type WorkerSourceLocator } from "./source-locator.js";
import { decodeMappings, originalLine } from "./source-map.js";

/** Lines of the wrapper before the learner's first generated line. */
const WRAPPER_LINES = 1;
/**
 * Log calls of a run whose line is traced (runner.log.src). A stack capture costs ~5–25 µs (idle – loaded
 * machine); 120,000 log lines all placed took 3.4–4.9 s against 1.2–2.0 s unplaced in V8 on a loaded
 * 2-core box — over the 2 s budget — so only the first ones are placed (a count: deterministic).
 */
const MAX_LOG_POSITIONS = 5_000;

type Factory = (require: (id: string) => unknown, module: { exports: Record<string, unknown> },
  exports: Record<string, unknown>, console: Record<string, (...a: unknown[]) => void>) => void;
export type Main = (ctx: playground.Playground) => void | Promise<void>;
export type LogRef = { log?: (...v: unknown[]) => void; locator?: WorkerSourceLocator };

export interface LoadedModule {
  instantiate(logRef: LogRef): Main;
  withLines(main: Main, logRef: LogRef, lines: { line?: number }): Main;
  learnerLine(error: unknown): number | undefined;
  sourceLocator(): WorkerSourceLocator;
}

function decodeMap(map: string | undefined): ReturnType<typeof decodeMappings> | undefined {
  if (map === undefined) return undefined;
  try {
    return decodeMappings((JSON.parse(map) as { mappings: string }).mappings);
  } catch {
    return undefined;
  }
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

/** What the worker captured before the lockdown (learner code may replace the originals). */
export interface Captured {
  createObjectURL(blob: Blob): string;
  /** Function.prototype.toString, called on a function. */
  functionText(fn: unknown): string;
}

export async function loadLearnerModule(js: string, map: string | undefined, captured: Captured): Promise<LoadedModule> {
  const decoded = decodeMap(map);
  const body = js.replace(/\/\/# sourceMappingURL=.*$/m, "");
  const source = `export default function (require, module, exports, console) {${"\n"}${body}${"\n"}}`;
  const blobUrl = captured.createObjectURL(new Blob([source], { type: "text/javascript" }));
  const factory = ((await import(/* @vite-ignore */ blobUrl)) as { default: Factory }).default;

  const learnerLine = (error: unknown): number | undefined => {
    const stack = error instanceof Error ? error.stack ?? "" : "";
    if (stack === "") return undefined;
    const escaped = blobUrl.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const m = new RegExp(`${escaped}:(\\d+):(\\d+)`).exec(stack);
    if (!m) return undefined;
    const genLine = Number(m[1]) - WRAPPER_LINES;
    const genCol = Number(m[2]);
    if (decoded === undefined) return genLine;
    return originalLine(decoded, genLine, genCol);
  };

  return {
    learnerLine,
    sourceLocator() {
      return createSourceLocator({ url: blobUrl, body, wrapperLines: WRAPPER_LINES, decoded },
        { frameIn, functionText: captured.functionText, maxLogPositions: MAX_LOG_POSITIONS });
    },
    instantiate(logRef) {
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
    },
    withLines(main, logRef, lines) {
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
    },
  };
}
