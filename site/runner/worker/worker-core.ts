/**
 * The sandboxed worker's core: what the run worker (run-worker.ts) and the live worker (live/live-worker.ts)
 * both do before and around learner code, in one place.
 *
 * Contract:
 * - `bootSandbox(scope, beforeLockdown?)`, called first in a worker's module:
 *   - refuses to run unless the worker was started from the runner's blob: wrapper (lockdown.ts
 *     `assertLoadedByRunner`): it closes itself and throws;
 *   - captures, before any learner code could replace or the lockdown remove them, what the worker needs
 *     later: `URL.createObjectURL`, `Function.prototype.toString` (as a function), `JSON.stringify`, and
 *     the global `postMessage` (for `ready` only);
 *   - runs `beforeLockdown` (listeners that must be in place before anything else, e.g. the run worker's
 *     unhandled-rejection watch; what it returns is the core's `prepared`), then locks the scope down
 *     (lockdown.ts `lockDown`).
 * - The returned core's `post(m)` sends on the MessagePort the start message brought; before that it
 *   drops the message (there is nobody to tell).
 * - `listen(startType, onStart, fatal)`, called last: takes exactly one message, the first whose `type` is
 *   `startType` and that carries a MessagePort, and ignores every message before and after it on the
 *   global scope. If the lockdown left anything open it answers `fatal(…)` naming it and never calls
 *   `onStart` (no learner code runs); otherwise it calls `onStart(message, port)`. It then posts `ready`
 *   on the global scope, the one message ever sent there.
 * - `errorText(e)` is an error's text for the page (`Name: message`, no "Error: " prefix), and never
 *   throws, whatever learner code threw; each worker cuts it to its protocol's cap.
 */
/// <reference lib="webworker" />
import { assertLoadedByRunner, lockDown } from "./lockdown.js";

/** What the worker captured before the lockdown and before learner code ran. */
export interface Captured {
  createObjectURL: (blob: Blob) => string;
  functionText: (fn: unknown) => string;
  stringify: typeof JSON.stringify;
}

export interface SandboxCore<Out extends { type: string }, P = undefined> {
  readonly captured: Captured;
  /** What `beforeLockdown` returned. */
  readonly prepared: P;
  post(m: Out): void;
  listen<Start extends { type: string }>(
    startType: Start["type"], onStart: (req: Start, port: MessagePort) => void | Promise<void>,
    fatal: (message: string) => Out, ready: Out,
  ): void;
}

export function bootSandbox<Out extends { type: string }>(scope: DedicatedWorkerGlobalScope): SandboxCore<Out>;
export function bootSandbox<Out extends { type: string }, P>(
  scope: DedicatedWorkerGlobalScope, beforeLockdown: () => P): SandboxCore<Out, P>;
export function bootSandbox<Out extends { type: string }, P>(
  scope: DedicatedWorkerGlobalScope, beforeLockdown?: () => P,
): SandboxCore<Out, P | undefined> {
  try {
    assertLoadedByRunner(scope);
  } catch (e) {
    scope.close();
    throw e;
  }
  const captured: Captured = {
    createObjectURL: URL.createObjectURL.bind(URL),
    functionText: Function.prototype.call.bind(Function.prototype.toString) as (fn: unknown) => string,
    stringify: JSON.stringify,
  };
  const postReady = scope.postMessage.bind(scope);
  const prepared = beforeLockdown?.();
  const leftOpen = lockDown(scope);
  let port: MessagePort | undefined;
  let portPost: ((m: Out) => void) | undefined;
  const post = (m: Out): void => portPost?.(m);
  return {
    captured,
    prepared,
    post,
    listen(startType, onStart, fatal, ready) {
      scope.onmessage = (ev: MessageEvent<{ type?: unknown } | null | undefined>) => {
        const req = ev.data;
        if (port !== undefined || req?.type !== startType || ev.ports[0] === undefined) return;
        port = ev.ports[0];
        portPost = MessagePort.prototype.postMessage.bind(port) as (m: Out) => void;
        scope.onmessage = null;
        if (leftOpen.length > 0) {
          post(fatal(`the sandbox could not remove ${leftOpen.join(", ")} on this browser, so the code was not run`));
          return;
        }
        void onStart(req as Parameters<typeof onStart>[0], port);
      };
      postReady(ready);
    },
  };
}

/** An error's text for the page; never throws (a learner's error may have a throwing getter). */
export function errorText(e: unknown): string {
  try {
    return e instanceof Error ? `${e.name === "Error" ? "" : `${e.name}: `}${e.message}` : String(e);
  } catch {
    return "an error that cannot be printed";
  }
}
