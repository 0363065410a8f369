/**
 * HandlerHost — the learner's handler code on the page's running live informers (issue 19): the code
 * runs in the live worker (sandboxed, no network), every notification reaches it through the worker's
 * message port, and its clientset's requests come back to the page to be checked and sent.
 *
 * Contract:
 * - `start(code, resources, namespace)` boots a fresh worker (from a blob: wrapper, so the page's CSP
 *   applies and the worker's lockdown accepts it), loads the code, and once the worker reports its
 *   handlers, attaches ONE bridge handler to each followed informer with `addEventHandler` — client-go's
 *   AddEventHandler on a running informer: the informer first replays every cached object as an add
 *   (isInInitialList = true), then forwards what follows. Calling `start` again (the learner edited the
 *   code and pressed Apply) stops the old worker, removes its bridge handlers, and attaches anew: the
 *   informer itself keeps running (no new list, no new watch).
 * - Each notification is posted as a `call` with copies of the objects (structured clone: the worker
 *   cannot touch the page's cache). A call that gets no answer (`done`/`threw`) for `budgetMs` of wall
 *   clock while calls are waiting means the code is stuck (an endless loop): the worker is terminated,
 *   the bridges removed, the status says so; the informer and the stage keep following.
 * - Worker messages are checked (live-protocol.ts checkLiveMessage); anything else stops the worker.
 * - The worker's `log` lines are traced as `runner.log`, a throw as `runner.error` (with the learner's
 *   line): they sit in the live trace at the step they arrived, beside the handler calls.
 * - A `request` is checked with checkLiveRequest against the proxy's policy (from /live/info) BEFORE
 *   anything is sent; a refused one is answered 403 with the reason (the learner's call rejects with it), an
 *   allowed one is fetched through the proxy (`base` + path) and its status and body passed back.
 * - `stop()` terminates the worker and removes the bridges.
 */
import type { ResourceEventHandlerRegistration } from "../../../src/index.js";
import type { TraceInput } from "../../../src/sim/index.js";
import type { ApiPolicy } from "../../../server/live/policy.js";
import workerUrl from "../../runner/worker/live/live-worker.ts?worker&url";
import {
  checkLiveMessage, HANDLER_BUDGET_MS, LIVE_BODY_CHARS, LIVE_LOAD_MS, LIVE_MAX_REQUESTS, type HandlerFn, type LivePageMessage,
  type LiveStartMessage, type LiveWorkerMessage,
} from "../../runner/worker/live/live-protocol.js";
import { checkLiveRequest } from "./request-check.js";

/** What the host needs of the live session: its informers by resource, and its trace. */
export interface HostedSession {
  readonly informers: ReadonlyArray<{
    readonly name: string;
    addEventHandler(h: { addFunc(obj: unknown, initial: boolean): void; updateFunc(o: unknown, n: unknown): void; deleteFunc(obj: unknown): void }): ResourceEventHandlerRegistration;
    removeEventHandler(r: ResourceEventHandlerRegistration): void;
  }>;
  trace(e: TraceInput): void;
  /** Runs the informers' tasks due now (the bridge handlers were added or removed outside a task). */
  wake(): void;
}

export type HostStatus =
  | { kind: "starting" }
  | { kind: "attached"; resources: Array<{ resource: string; fns: HandlerFn[] }> }
  /** A handler call did not return within the budget: the worker was terminated. */
  | { kind: "killed"; budgetMs: number }
  /** The module could not be loaded or its default export failed / returned no handlers. */
  | { kind: "failed"; message: string; line?: number }
  /** The worker broke the protocol. */
  | { kind: "unexpected"; why: string }
  | { kind: "stopped" };

export interface HandlerHostOptions {
  session: HostedSession;
  policy: ApiPolicy;
  /** The proxy's API prefix, e.g. `${location.origin}/k8s`. */
  base: string;
  onStatus(s: HostStatus): void;
  budgetMs?: number;
}

function statusJson(code: number, reason: string, message: string): string {
  return JSON.stringify({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason, code });
}

export class HandlerHost {
  private worker: Worker | undefined;
  private port: MessagePort | undefined;
  private regs: Array<{ informer: HostedSession["informers"][number]; reg: ResourceEventHandlerRegistration }> = [];
  private readonly outstanding = new Map<number, number>();
  private nextId = 1;
  private lastProgress = 0;
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private loadTimer: ReturnType<typeof setTimeout> | undefined;
  private inflight = 0;
  private generation = 0;
  /** Calls answered since the last start (tests and the status line read it). */
  answered = 0;

  constructor(private readonly o: HandlerHostOptions) {}

  get running(): boolean {
    return this.worker !== undefined;
  }

  /** Calls sent and not answered yet. */
  get waiting(): number {
    return this.outstanding.size;
  }

  start(code: { js: string; map?: string }, resources: string[], namespace: string): void {
    this.stop(false);
    const gen = ++this.generation;
    this.answered = 0;
    this.o.onStatus({ kind: "starting" });
    const absolute = new URL(workerUrl, location.href).href;
    const url = URL.createObjectURL(new Blob([`import ${JSON.stringify(absolute)};\n`], { type: "text/javascript" }));
    const worker = new Worker(url, { type: "module", name: "live-worker" });
    const channel = new MessageChannel();
    this.worker = worker;
    this.port = channel.port1;
    worker.onerror = (ev) => {
      ev.preventDefault();
      if (gen === this.generation) this.fail({ kind: "failed", message: ev.message || "the live worker crashed" });
    };
    worker.onmessage = (ev: MessageEvent<unknown>) => {
      if (gen !== this.generation) return;
      const d = ev.data as { type?: unknown } | null;
      if (typeof d !== "object" || d === null || d.type !== "ready") return this.fail({ kind: "unexpected", why: "a message outside its channel" });
      URL.revokeObjectURL(url);
      // After `ready` the worker has no postMessage of its own: anything arriving here is unexpected.
      worker.onmessage = () => this.fail({ kind: "unexpected", why: "a message outside its channel" });
      worker.postMessage({ type: "start", js: code.js, ...(code.map !== undefined ? { map: code.map } : {}), resources, namespace } satisfies LiveStartMessage, [channel.port2]);
    };
    channel.port1.onmessage = (ev: MessageEvent<unknown>) => {
      if (gen !== this.generation) return;
      const checked = checkLiveMessage(ev.data);
      if (!checked.ok) return this.fail({ kind: "unexpected", why: checked.why });
      this.onMessage(checked.message);
    };
    this.loadTimer = setTimeout(() => {
      if (gen === this.generation && this.regs.length === 0) this.fail({ kind: "failed", message: `your code did not start within ${LIVE_LOAD_MS / 1000} s` });
    }, LIVE_LOAD_MS);
  }

  stop(report = true): void {
    this.generation++;
    if (this.loadTimer !== undefined) clearTimeout(this.loadTimer);
    if (this.watchdog !== undefined) clearInterval(this.watchdog);
    this.loadTimer = undefined;
    this.watchdog = undefined;
    for (const { informer, reg } of this.regs) informer.removeEventHandler(reg);
    if (this.regs.length > 0) this.o.session.wake();
    this.regs = [];
    this.outstanding.clear();
    if (this.port !== undefined) {
      this.port.onmessage = null;
      this.port.close();
    }
    this.port = undefined;
    this.worker?.terminate();
    const had = this.worker !== undefined;
    this.worker = undefined;
    if (report && had) this.o.onStatus({ kind: "stopped" });
  }

  private fail(s: HostStatus): void {
    this.stop(false);
    if (s.kind === "failed") this.o.session.trace({ component: "runner", kind: "runner.error", message: s.message, ...(s.line !== undefined ? { line: s.line } : {}) });
    if (s.kind === "killed") {
      this.o.session.trace({ component: "runner", kind: "runner.error",
        message: `your handler did not return within ${s.budgetMs / 1000} s (an endless loop?): its worker was stopped; the informer keeps following` });
    }
    this.o.onStatus(s);
  }

  private post(m: LivePageMessage): void {
    this.port?.postMessage(m);
  }

  private onMessage(m: LiveWorkerMessage): void {
    switch (m.type) {
      case "ready":
        return this.fail({ kind: "unexpected", why: "a second ready" });
      case "attached":
        return this.attach(m.resources);
      case "done":
      case "threw":
        if (m.type === "threw") {
          this.o.session.trace({ component: "runner", kind: "runner.error", message: m.message, ...(m.line !== undefined ? { line: m.line } : {}) });
        }
        if (m.id !== undefined && this.outstanding.delete(m.id)) {
          this.answered++;
          this.lastProgress = performance.now();
        }
        return;
      case "log":
        this.o.session.trace({ component: "runner", kind: "runner.log", text: m.text });
        return;
      case "request":
        void this.request(m);
        return;
      case "fatal":
        return this.fail({ kind: "failed", message: m.message, ...(m.line !== undefined ? { line: m.line } : {}) });
    }
  }

  private attach(resources: Array<{ resource: string; fns: HandlerFn[] }>): void {
    if (this.regs.length > 0) return this.fail({ kind: "unexpected", why: "a second attached" });
    if (this.loadTimer !== undefined) clearTimeout(this.loadTimer);
    for (const { resource, fns } of resources) {
      const informer = this.o.session.informers.find((i) => i.name === resource);
      if (informer === undefined) continue;
      const send = (fn: HandlerFn, obj: unknown, old?: unknown, initial?: boolean) => {
        if (this.port === undefined || !fns.includes(fn)) return;
        const id = this.nextId++;
        if (this.outstanding.size === 0) this.lastProgress = performance.now();
        this.outstanding.set(id, performance.now());
        this.post({ type: "call", id, resource, fn, obj, ...(old !== undefined ? { old } : {}), ...(initial !== undefined ? { initial } : {}) });
      };
      const reg = informer.addEventHandler({
        addFunc: (obj, initial) => send("add", obj, undefined, initial),
        updateFunc: (oldObj, newObj) => send("update", newObj, oldObj),
        deleteFunc: (obj) => send("delete", obj),
      });
      this.regs.push({ informer, reg });
    }
    this.o.session.wake();
    const budget = this.o.budgetMs ?? HANDLER_BUDGET_MS;
    this.watchdog = setInterval(() => {
      if (this.outstanding.size > 0 && performance.now() - this.lastProgress > budget) this.fail({ kind: "killed", budgetMs: budget });
    }, Math.min(250, budget / 4));
    this.o.onStatus({ kind: "attached", resources });
  }

  private async request(m: Extract<LiveWorkerMessage, { type: "request" }>): Promise<void> {
    const port = this.port;
    const respond = (status: number, body: string) => { if (this.port === port) this.post({ type: "response", rid: m.rid, status, body }); };
    if (this.inflight >= LIVE_MAX_REQUESTS) {
      respond(429, statusJson(429, "TooManyRequests", `at most ${LIVE_MAX_REQUESTS} requests of your code at once`));
      return;
    }
    const why = checkLiveRequest(m, this.o.policy);
    if (why !== undefined) {
      // The learner's promise rejects with it (unhandled, it is traced as the code's error).
      const message = `${m.method} ${m.path} was refused by the page and not sent: ${why}`;
      respond(403, statusJson(403, "Forbidden", message));
      return;
    }
    this.inflight++;
    try {
      const r = await fetch(`${this.o.base}${m.path}`, {
        method: m.method, cache: "no-store", ...(m.body !== undefined ? { body: m.body } : {}),
        headers: { Accept: "application/json", ...(m.contentType !== undefined ? { "Content-Type": m.contentType } : {}) },
      });
      const text = await r.text();
      respond(r.status, text.length > LIVE_BODY_CHARS ? statusJson(502, "InternalError", `the answer was over ${LIVE_BODY_CHARS.toLocaleString("en")} characters`) : text);
    } catch (e) {
      respond(503, statusJson(503, "ServiceUnavailable", `the request failed: ${e instanceof Error ? e.message : String(e)}`));
    } finally {
      this.inflight--;
    }
  }
}
