/**
 * Lockdown — what the run worker removes from its own scope before any learner code runs (issue 14,
 * security review items 1, 6 and 7).
 *
 * Contract:
 * - `assertLoadedByRunner()` throws unless this worker was started the app's way: from the runner's blob:
 *   wrapper, which inherits the page's Content-Security-Policy. Started from the bundled script's network
 *   URL (as the escape in the review did), a worker has no CSP, so it refuses to start.
 * - `lockDown()` removes every way to start code, reach the network, reach origin storage or talk to the
 *   page: each name is redefined as a non-writable, non-configurable `undefined` on the global object AND
 *   on every prototype in its chain (`WorkerGlobalScope.prototype.fetch` is a function otherwise), and on
 *   `WorkerNavigator.prototype` for navigator's members. `postMessage` goes too: the run protocol uses a
 *   MessagePort the runner captured first (see run-worker.ts), so learner code can neither forge, swallow
 *   nor flood protocol messages.
 * - Stack traces of errors name only the learner's module (blob: frames, which map to the learner's
 *   lines); frames of the bundled scripts read `at <runner>`, so learner code cannot learn their URLs.
 *   `performance` resource entries (which would list them) are empty.
 * Returns the names it could not remove (expected: none), for the worker to report.
 * - `frameIn(file, depth, above?)` reads the learner's position off the stack through the same fixed
 *   formatter (it returns no text while it does), for the trace's source positions.
 */
/// <reference lib="webworker" />

/** Globals that start code, reach the network or another context, or reach origin storage. */
export const REMOVED_GLOBALS = [
  // network
  "fetch", "XMLHttpRequest", "WebSocket", "WebSocketStream", "EventSource", "WebTransport",
  "RTCPeerConnection", "webkitRTCPeerConnection", "RTCDataChannel", "FontFace", "fonts",
  // code loading and more contexts
  "importScripts", "Worker", "SharedWorker", "ServiceWorker", "BroadcastChannel",
  // origin storage
  "indexedDB", "caches", "CacheStorage", "IDBFactory", "FileSystemHandle", "FileSystemDirectoryHandle",
  "FileSystemFileHandle", "FileSystemSyncAccessHandle", "StorageManager", "LockManager",
  // talking to the page (the protocol has its own port)
  "postMessage",
] as const;

/** Members of `navigator` that reach storage, locks or other contexts. */
export const REMOVED_NAVIGATOR = ["storage", "locks", "serviceWorker", "usb", "hid", "serial", "bluetooth"] as const;

export function assertLoadedByRunner(scope: { location: { protocol: string } }): void {
  if (scope.location.protocol !== "blob:") {
    throw new Error("the run worker only starts from the runner's blob: wrapper (so the page's Content-Security-Policy applies)");
  }
}

function removeOn(target: object, name: string, left: Set<string>): void {
  const d = Object.getOwnPropertyDescriptor(target, name);
  if (d === undefined) return;
  try {
    Object.defineProperty(target, name, { value: undefined, writable: false, enumerable: false, configurable: false });
  } catch {
    left.add(name);
  }
}

/** Every object from `o` up its prototype chain (the global scope's chain ends at Object.prototype). */
function chain(o: object): object[] {
  const out: object[] = [];
  for (let p: object | null = o; p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) out.push(p);
  return out;
}

export function lockDown(scope: WorkerGlobalScope): string[] {
  const left = new Set<string>();
  for (const target of chain(scope)) for (const name of REMOVED_GLOBALS) removeOn(target, name, left);
  for (const target of chain(scope.navigator)) for (const name of REMOVED_NAVIGATOR) removeOn(target, name, left);
  // Blob URLs are only for the runner's own module import (captured before this runs).
  removeOn(URL, "createObjectURL", left);
  // Resource timing would list the bundled scripts' URLs.
  for (const name of ["getEntries", "getEntriesByType", "getEntriesByName"] as const) {
    for (const target of chain(scope.performance)) {
      if (Object.getOwnPropertyDescriptor(target, name) === undefined) continue;
      try {
        Object.defineProperty(target, name, { value: () => [], writable: false, configurable: false });
      } catch {
        left.add(`performance.${name}`);
      }
    }
  }
  hideScriptUrls(left);
  // Whatever still answers (a name non-configurable on this browser) is reported, never silently kept.
  for (const name of REMOVED_GLOBALS) if ((scope as unknown as Record<string, unknown>)[name] !== undefined) left.add(name);
  for (const name of REMOVED_NAVIGATOR) if ((scope.navigator as unknown as Record<string, unknown>)[name] !== undefined) left.add(`navigator.${name}`);
  return [...left];
}

interface CallSite {
  getFileName(): string | null;
  getLineNumber(): number | null;
  getColumnNumber(): number | null;
  getFunctionName(): string | null;
}

/** The script whose frame `frameIn` is looking for; set only while it captures (no learner code runs then). */
let wanted: string | undefined;
let found: { line: number; col: number } | undefined;
/** V8's Error and its captureStackTrace, taken before learner code can replace them. */
const V8Error = Error as unknown as { stackTraceLimit: unknown; captureStackTrace?: (target: object, above?: (...a: never[]) => unknown) => void };
const captureStackTrace = V8Error.captureStackTrace;

/**
 * The nearest frame of the script `file` on the current stack (1-based line and column in that script),
 * looking at `depth` frames, starting above the function `above` when given (V8 leaves out `above` and
 * everything it called): how the runner places learner code (issue 21 item 10). The formatter below
 * answers it without building any text, so the cost is V8's capture of `depth` frames.
 */
export function frameIn(file: string, depth: number, above?: (...a: never[]) => unknown): { line: number; col: number } | undefined {
  if (captureStackTrace === undefined) return undefined;
  const holder: { stack?: unknown } = {};
  let limit: unknown;
  wanted = file;
  found = undefined;
  try {
    limit = V8Error.stackTraceLimit;
    V8Error.stackTraceLimit = depth;
    captureStackTrace.call(V8Error, holder, above);
    void holder.stack;
  } catch {
    found = undefined;
  } finally {
    wanted = undefined;
    try {
      V8Error.stackTraceLimit = limit;
    } catch {
      // learner code made it read-only: its own runs capture what they can
    }
  }
  return found;
}

/** V8's stack formatting hook, fixed so learner code cannot restore the default (which prints URLs). */
function hideScriptUrls(left: Set<string>): void {
  const format = (error: Error, frames: CallSite[]): string => {
    if (wanted !== undefined) {
      for (const f of frames) {
        if (f.getFileName() !== wanted) continue;
        found = { line: f.getLineNumber() ?? 0, col: f.getColumnNumber() ?? 0 };
        break;
      }
      return "";
    }
    const head = (() => {
      try {
        const name = String(error.name ?? "Error");
        const message = String(error.message ?? "");
        return message === "" ? name : `${name}: ${message}`;
      } catch {
        return "Error";
      }
    })();
    const lines = frames.map((f) => {
      const file = f.getFileName() ?? "";
      const fn = f.getFunctionName() ?? "<anonymous>";
      return file.startsWith("blob:") ? `    at ${fn} (${file}:${f.getLineNumber() ?? 0}:${f.getColumnNumber() ?? 0})` : "    at <runner>";
    });
    return [head, ...lines].join("\n");
  };
  try {
    Object.defineProperty(Error, "prepareStackTrace", { value: format, writable: false, configurable: false });
  } catch {
    left.add("Error.prepareStackTrace");
  }
}
