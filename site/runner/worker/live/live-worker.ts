/**
 * The live worker: runs the learner's handler code for #/live, off the page's thread, in the run
 * worker's sandbox (lockdown.ts: no network, no code loading, no storage, no page).
 *
 * Contract:
 * - It boots as the run worker does (worker-core.ts): only from the page's blob: wrapper, locked down
 *   before any learner code runs; the one `start` message brings the MessagePort every later message uses.
 * - The learner's module (CommonJS from Monaco, loaded without eval by learner-module.ts) must
 *   `export default function (ctx)` returning client-go's ResourceEventHandlerFuncs ({ addFunc,
 *   updateFunc, deleteFunc }); it is called once per followed resource with ctx = { log, clientset,
 *   resource, namespace }.
 * - Each `call` runs the matching function synchronously and answers `done`, or `threw` with the
 *   learner's line. A function that returns a promise is not awaited (client-go's handlers are
 *   synchronous); its rejection, like any unhandled rejection, is reported as `threw` without a call.
 * - `log(...)` / console.* lines go to the page (each cut at LIVE_LOG_LINE_CHARS), tagged with the call
 *   running when they were printed.
 * - The clientset (live-clientset.ts) sends `request`s over the port; the page checks and answers them.
 * - Source positions (learner-module.ts sourceLocator, as for simulated runs, with its cap on placed
 *   calls): where each handler function is defined (`attached`), where each log line and clientset call
 *   was made (`log.src`, `request.src`) in the learner's TypeScript.
 * - A call that never returns blocks this worker; the page's watchdog terminates it (the page lives on).
 */
/// <reference lib="webworker" />
import { formatValue } from "../../../../src/scenario/index.js";
import { loadLearnerModule, type LoadedModule, type LogRef } from "../learner-module.js";
import type { WorkerSourceLocator } from "../source-locator.js";
import { bootSandbox, errorText } from "../worker-core.js";
import { remoteClientset } from "./live-clientset.js";
import {
  LIVE_ERROR_CHARS, LIVE_LOG_LINE_CHARS, type HandlerFn, type HandlerPlaces, type LiveMethod, type LivePageMessage, type LiveStartMessage,
  type LiveWorkerMessage,
} from "./live-protocol.js";

declare const self: DedicatedWorkerGlobalScope;

// Started the app's way, then no network, no code loading, no storage, no page (worker-core.ts).
const core = bootSandbox<LiveWorkerMessage>(self);
const { createObjectURL, functionText } = core.captured;
const post = core.post;

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… [cut: ${(text.length - max).toLocaleString("en")} more characters]` : text;
}
function messageOf(e: unknown): string {
  return cut(errorText(e), LIVE_ERROR_CHARS);
}

type Funcs = { addFunc?: (obj: unknown, initial: boolean) => unknown; updateFunc?: (o: unknown, n: unknown) => unknown; deleteFunc?: (obj: unknown) => unknown };
type LiveMain = (ctx: Record<string, unknown>) => unknown;

let mod: LoadedModule | undefined;
let locator: WorkerSourceLocator | undefined;
let current: number | undefined;
const handlers = new Map<string, Funcs>();
const pending = new Map<number, { resolve: (r: { status: number; body: string }) => void }>();
let nextRid = 1;

/** One log line to the page, at the position the locator noted for it (console.* notes it, as `log` does). */
const emitLog = (...values: unknown[]) => {
  const src = locator?.ofCaller();
  let text: string;
  try {
    text = values.map((v) => formatValue(v)).join(" ");
  } catch {
    text = "[a value that cannot be printed]";
  }
  post({ type: "log", text: cut(text, LIVE_LOG_LINE_CHARS), ...(current !== undefined ? { call: current } : {}), ...(src !== undefined ? { src } : {}) });
};
/** The learner's `log`: notes its caller's line first. */
const log = (...values: unknown[]) => {
  locator?.noteCaller(log);
  emitLog(...values);
};

const send = (method: LiveMethod, path: string, body?: string) => new Promise<{ status: number; body: string }>((resolve) => {
  const src = locator?.ofStack?.();   // the learner's call is on the stack now (the clientset's call is synchronous up to here)
  const rid = nextRid++;
  pending.set(rid, { resolve });
  post({ type: "request", rid, method, path, ...(body !== undefined ? { body, contentType: "application/json" } : {}), ...(src !== undefined ? { src } : {}) });
});

function report(e: unknown, id?: number): void {
  const line = mod?.learnerLine(e);
  post({ type: "threw", message: messageOf(e), ...(id !== undefined ? { id } : {}), ...(line !== undefined ? { line } : {}) });
}

function call(m: Extract<LivePageMessage, { type: "call" }>): void {
  const h = handlers.get(m.resource);
  current = m.id;
  try {
    let r: unknown;
    if (m.fn === "add") r = h?.addFunc?.(m.obj, m.initial === true);
    else if (m.fn === "update") r = h?.updateFunc?.(m.old, m.obj);
    else r = h?.deleteFunc?.(m.obj);
    if (typeof r === "object" && r !== null && typeof (r as Promise<unknown>).then === "function") {
      (r as Promise<unknown>).then(undefined, (e: unknown) => report(e));
    }
    post({ type: "done", id: m.id });
  } catch (e) {
    report(e, m.id);
  } finally {
    current = undefined;
  }
}

function onPortMessage(ev: MessageEvent<LivePageMessage>): void {
  const m = ev.data;
  if (m?.type === "call") call(m);
  else if (m?.type === "response") {
    const p = pending.get(m.rid);
    pending.delete(m.rid);
    p?.resolve({ status: m.status, body: m.body });
  }
}

async function start(req: LiveStartMessage): Promise<void> {
  try {
    mod = await loadLearnerModule(req.js, req.map, { createObjectURL, functionText });
  } catch (e) {
    post({ type: "fatal", message: messageOf(e) });
    return;
  }
  locator = mod.sourceLocator();
  const logRef: LogRef = { log: emitLog, locator };
  let main: LiveMain;
  try {
    main = mod.instantiate(logRef) as unknown as LiveMain;
  } catch (e) {
    const line = mod.learnerLine(e);
    post({ type: "fatal", message: messageOf(e), ...(line !== undefined ? { line } : {}) });
    return;
  }
  const clientset = remoteClientset(send, req.namespace);
  const attached: Array<{ resource: string; fns: HandlerFn[]; src?: HandlerPlaces }> = [];
  for (const resource of req.resources) {
    let funcs: unknown;
    try {
      funcs = main({ log, clientset, resource, namespace: req.namespace });
    } catch (e) {
      const line = mod.learnerLine(e);
      post({ type: "fatal", message: messageOf(e), ...(line !== undefined ? { line } : {}) });
      return;
    }
    if (typeof funcs !== "object" || funcs === null) {
      post({ type: "fatal", message: `your default export returned ${funcs === null ? "null" : typeof funcs} for ${resource}: it must return the handler functions, { addFunc, updateFunc, deleteFunc }` });
      return;
    }
    const f = funcs as Funcs;
    handlers.set(resource, f);
    const fns: HandlerFn[] = [];
    const src: HandlerPlaces = {};
    for (const [fn, value] of [["add", f.addFunc], ["update", f.updateFunc], ["delete", f.deleteFunc]] as const) {
      if (typeof value !== "function") continue;
      fns.push(fn);
      const at = locator.ofFunction(value);
      if (at !== undefined) src[fn] = { line: at.line, col: at.col };
    }
    attached.push({ resource, fns, ...(Object.keys(src).length > 0 ? { src } : {}) });
  }
  post({ type: "attached", resources: attached });
}

self.addEventListener("unhandledrejection", (ev) => {
  ev.preventDefault();
  report(ev.reason);
});

core.listen<LiveStartMessage>("start", (req, port) => {
  port.onmessage = onPortMessage;
  return start(req);
}, (message) => ({ type: "fatal", message }), { type: "ready" });
