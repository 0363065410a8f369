/**
 * The run worker's SourceLocator (issue 21 item 10): where, in the learner's TypeScript as the editor
 * shows it, a learner function is defined and a `log(...)` call was made, so the trace can carry `src`
 * and the editor can highlight the line of the current step.
 *
 * Contract:
 * - Positions are 1-based lines and columns of the learner's TypeScript: the emitted JavaScript's
 *   position mapped through the compiler's source map (the emitted position itself when there is none).
 * - `ofFunction(fn)`: the function's own text (Function.prototype.toString, taken before learner code
 *   runs) is looked up in the module's emitted JavaScript, where V8 took it from. Found once: its start.
 *   Found more than once (identical functions): the occurrence nearest the learner's call on the stack
 *   (the registering `addEventHandler(...)` / `newController(...)`). Not found (a bound, native or
 *   engine function): undefined. Cached per function.
 * - `noteCaller(above)`: the learner-facing `log` / `console.*` call it first thing; it records the frame
 *   just above `above` (the learner's call) if it is in the learner's module. `ofCaller()` (the engine's
 *   runner.log) hands that position over once. Only the first `maxLogPositions` calls of a run are placed:
 *   a stack capture costs microseconds, and a run may print 100,000 lines. The cap counts calls, not time,
 *   so the same program always gets the same positions.
 * - `ofStack()`: the innermost frame of the learner's module on the stack (a clientset call's line), for
 *   the first `maxLogPositions` calls of a run too (its own count).
 * - It never throws.
 */
import type { SourceLocator, SourcePosition } from "../../../src/sim/index.js";
import { originalPosition, type decodeMappings } from "./source-map.js";

type AnyFunction = (...a: never[]) => unknown;

/** The learner's module as the worker loaded it. */
export interface LearnerModule {
  /** The blob: URL its frames carry. */
  url: string;
  /** The emitted JavaScript as it stands in the module, from its first line. */
  body: string;
  /** Lines of the module before `body`'s first line (the wrapper). */
  wrapperLines: number;
  decoded: ReturnType<typeof decodeMappings> | undefined;
}

export interface LocatorDeps {
  /** lockdown.ts frameIn: the nearest frame of `file` (1-based line/column in the module). */
  frameIn(file: string, depth: number, above?: AnyFunction): { line: number; col: number } | undefined;
  /** Function.prototype.toString, taken before learner code could replace it. */
  functionText(fn: AnyFunction): string;
  maxLogPositions: number;
}

export interface WorkerSourceLocator extends SourceLocator {
  noteCaller(above: AnyFunction): void;
}

/** How far up the stack a registration may be from the locator (engine frames in between). */
const REGISTRATION_DEPTH = 16;
/** The learner's log call is right above the learner-facing function; one native frame (forEach) may sit between. */
const CALLER_DEPTH = 2;
/** From the locator to the learner's clientset call: the runner's hook, the client's call/verb methods. */
const STACK_DEPTH = 10;

export function createSourceLocator(mod: LearnerModule, deps: LocatorDeps): WorkerSourceLocator {
  const lineStarts = [0];
  for (let i = mod.body.indexOf("\n"); i !== -1; i = mod.body.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  const places = new WeakMap<object, SourcePosition | null>();
  let pending: SourcePosition | undefined;
  let placedCalls = 0;
  let placedStacks = 0;

  /** A module frame (1-based, wrapper included) as an offset into body, or undefined outside it. */
  const offsetOf = (frame: { line: number; col: number }): number | undefined => {
    const start = lineStarts[frame.line - 1 - mod.wrapperLines];
    return start === undefined ? undefined : start + frame.col - 1;
  };
  /** An offset into body as the learner's TypeScript position. */
  const positionOf = (offset: number): SourcePosition | undefined => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    const genLine = lo + 1;
    const genCol = offset - lineStarts[lo]! + 1;
    const p = mod.decoded === undefined ? { line: genLine, col: genCol } : originalPosition(mod.decoded, genLine, genCol);
    return p !== undefined && p.line >= 1 && p.col >= 1 ? { line: p.line, col: p.col } : undefined;
  };
  const frameAsPosition = (frame: { line: number; col: number } | undefined): SourcePosition | undefined => {
    if (frame === undefined) return undefined;
    const offset = offsetOf(frame);
    return offset === undefined || offset > mod.body.length ? undefined : positionOf(offset);
  };

  const place = (fn: AnyFunction): SourcePosition | undefined => {
    const text = deps.functionText(fn);
    if (text.length === 0) return undefined;
    const found: number[] = [];
    for (let i = mod.body.indexOf(text); i !== -1; i = mod.body.indexOf(text, i + 1)) found.push(i);
    if (found.length === 0) return undefined;
    let at = found[0]!;
    if (found.length > 1) {
      const call = deps.frameIn(mod.url, REGISTRATION_DEPTH);
      const callAt = call === undefined ? undefined : offsetOf(call);
      if (callAt !== undefined) for (const i of found) if (Math.abs(i - callAt) < Math.abs(at - callAt)) at = i;
    }
    const p = positionOf(at);
    return p === undefined ? undefined : Object.freeze(p);
  };

  return {
    ofFunction(fn) {
      if (typeof fn !== "function") return undefined;
      const cached = places.get(fn);
      if (cached !== undefined) return cached ?? undefined;
      let p: SourcePosition | undefined;
      try {
        p = place(fn as AnyFunction);
      } catch {
        p = undefined;
      }
      places.set(fn, p ?? null);
      return p;
    },
    noteCaller(above) {
      pending = undefined;
      if (placedCalls >= deps.maxLogPositions) return;
      placedCalls++;
      try {
        pending = frameAsPosition(deps.frameIn(mod.url, CALLER_DEPTH, above));
      } catch {
        pending = undefined;
      }
    },
    ofCaller() {
      const p = pending;
      pending = undefined;
      return p;
    },
    ofStack() {
      if (placedStacks >= deps.maxLogPositions) return undefined;
      placedStacks++;
      try {
        return frameAsPosition(deps.frameIn(mod.url, STACK_DEPTH));
      } catch {
        return undefined;
      }
    },
  };
}
