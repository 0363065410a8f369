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
 *   cannot touch the page's cache). Flow control, where client-go has it: the bridge's call returns a
 *   Promise that settles when the worker answers (`done`, or `threw`: a rejection the listener traces as
 *   handler.threw with the learner's line), and the live informers wait for it (awaitHandlerPromises), so
 *   each listener has one call at the worker and a slow handler's backlog grows in the listener's buffer
 *   the stage shows; the informer itself keeps following. A call that gets no answer for `budgetMs` of
 *   wall clock means the code is stuck (an endless loop): the worker is terminated, the bridges removed,
 *   the status says so; the informer and the stage keep following.
 * - Status after attach: "replaying" (done / total initial adds answered, total = the followed caches'
 *   sizes at attach; re-reported every REPLAY_REPORT_MS) while the replay runs — on a 10k-pod cluster it
 *   takes seconds, one round trip to the worker per add — then "attached".
 * - Each bridge function is placed (session.placeHandler) where the worker found the learner's function,
 *   so handler.called carries `src` as in simulated runs.
 * - Worker messages are checked (live-protocol.ts checkLiveMessage); anything else stops the worker.
 * - The worker's `log` lines are traced as `runner.log` (with `src`), a throw outside a call as
 *   `runner.error` (with the learner's line): they sit in the live trace at the step they arrived.
 * - A `request` goes to CodeRequests (code-requests.ts): checked against the proxy's policy before
 *   anything is sent, traced as the learner's `server.request` / `server.response`, answered to the worker.
 * - `stop()` terminates the worker and removes the bridges.
 */
import type { ResourceEventHandlerRegistration } from "../../../src/index.js";
import type { SourcePosition, TraceInput } from "../../../src/sim/index.js";
import type { ApiPolicy } from "../../../server/live/policy.js";
import workerUrl from "../../runner/worker/live/live-worker.ts?worker&url";
import {
  checkLiveMessage, HANDLER_BUDGET_MS, LIVE_LOAD_MS, type HandlerFn, type HandlerPlaces, type LivePageMessage,
  type LiveStartMessage, type LiveWorkerMessage,
} from "../../runner/worker/live/live-protocol.js";
import { CodeRequests } from "./code-requests.js";

/** The bridge's handler functions: each call is a Promise of the worker's answer (undefined: no such function). */
export interface BridgeFuncs {
  addFunc(obj: unknown, initial: boolean): Promise<void> | undefined;
  updateFunc(o: unknown, n: unknown): Promise<void> | undefined;
  deleteFunc(obj: unknown): Promise<void> | undefined;
}

/** What the host needs of the live session: its informers by resource, and its trace. */
export interface HostedSession {
  readonly informers: ReadonlyArray<{
    readonly name: string;
    /** The informer's cache: its size at attach is how many initial adds the new handlers get replayed. */
    getStore?(): { listKeys(): string[] };
    addEventHandler(h: BridgeFuncs): ResourceEventHandlerRegistration;
    removeEventHandler(r: ResourceEventHandlerRegistration): void;
  }>;
  trace(e: TraceInput): void;
  /** Runs the informers' tasks due now (the bridge handlers were added or removed outside a task). */
  wake(): void;
  placeHandler(fn: object, src: SourcePosition): void;
  nextRequestId(): number;
}

/** The learner's handler threw in the worker: the listener traces it as handler.threw at this line. */
export class LearnerHandlerError extends Error {
  constructor(message: string, readonly learnerLine: number | undefined) {
    super(message);
  }
}

export type HostStatus =
  | { kind: "starting" }
  | { kind: "attached"; resources: Array<{ resource: string; fns: HandlerFn[] }> }
  /** Attached, and the informers are still replaying their caches to the handlers: `done` of `total` initial adds answered. */
  | { kind: "replaying"; resources: Array<{ resource: string; fns: HandlerFn[] }>; done: number; total: number }
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

/** How often the status line says how far the replay of the caches is (it is a polite live region). */
const REPLAY_REPORT_MS = 1000;

export class HandlerHost {
  private worker: Worker | undefined;
  private port: MessagePort | undefined;
  private regs: Array<{ informer: HostedSession["informers"][number]; reg: ResourceEventHandlerRegistration }> = [];
  /** Calls at the worker, by id: how to settle the bridge's Promise. */
  private readonly outstanding = new Map<number, (error?: LearnerHandlerError) => void>();
  private nextId = 1;
  private lastProgress = 0;
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private loadTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly requests: CodeRequests;
  private generation = 0;
  /** Calls answered since the last start (tests and the status line read it). */
  answered = 0;
  /** The replay of the caches at attach (AddEventHandler's initial adds): how many, how many answered, when last reported. */
  private replay = { total: 0, done: 0, reportedAt: 0, resources: [] as Array<{ resource: string; fns: HandlerFn[] }> };
  private readonly initialAdds = new Set<number>();

  constructor(private readonly o: HandlerHostOptions) {
    this.requests = new CodeRequests({ policy: o.policy, base: o.base, trace: (e) => o.session.trace(e), nextRequestId: () => o.session.nextRequestId() });
  }

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
    if (this.regs.length > 0) this.o.session.wake();   // the clock to now: processor.listenerRemoved is stamped at it
    for (const { informer, reg } of this.regs) informer.removeEventHandler(reg);
    if (this.regs.length > 0) this.o.session.wake();
    this.regs = [];
    this.outstanding.clear();
    this.initialAdds.clear();
    this.replay = { total: 0, done: 0, reportedAt: 0, resources: [] };
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
      case "threw": {
        const settle = m.id === undefined ? undefined : this.outstanding.get(m.id);
        if (settle === undefined) {
          // A throw outside a call (a rejection nothing awaited): the code's error, at its line.
          if (m.type === "threw") this.o.session.trace({ component: "runner", kind: "runner.error", message: m.message, ...(m.line !== undefined ? { line: m.line } : {}) });
          return;
        }
        this.outstanding.delete(m.id!);
        if (this.initialAdds.delete(m.id!)) this.replayed();
        // The clock first: the call's end (handler.returned) is stamped now, not at the engine's last task.
        this.o.session.wake();
        this.answered++;
        this.lastProgress = performance.now();
        settle(m.type === "threw" ? new LearnerHandlerError(m.message, m.line) : undefined);
        // The listener's continuation runs in a microtask queued by the settling; the informer's next
        // task (the next call) runs once the driver is woken after it.
        queueMicrotask(() => this.o.session.wake());
        return;
      }
      case "log":
        this.o.session.trace({ component: "runner", kind: "runner.log", text: m.text, ...(m.src !== undefined ? { src: m.src } : {}) });
        return;
      case "request": {
        const port = this.port;
        void this.requests.forward(m, (status, body) => { if (this.port === port) this.post({ type: "response", rid: m.rid, status, body }); });
        return;
      }
      case "fatal":
        return this.fail({ kind: "failed", message: m.message, ...(m.line !== undefined ? { line: m.line } : {}) });
    }
  }

  private attach(resources: Array<{ resource: string; fns: HandlerFn[]; src?: HandlerPlaces }>): void {
    if (this.regs.length > 0) return this.fail({ kind: "unexpected", why: "a second attached" });
    if (this.loadTimer !== undefined) clearTimeout(this.loadTimer);
    this.o.session.wake();   // the engine's clock to now: the replayed adds are stamped when they are queued
    for (const { resource, fns, src } of resources) {
      const informer = this.o.session.informers.find((i) => i.name === resource);
      if (informer === undefined) continue;
      const send = (fn: HandlerFn, obj: unknown, old?: unknown, initial?: boolean): Promise<void> | undefined => {
        if (this.port === undefined || !fns.includes(fn)) return undefined;
        const id = this.nextId++;
        if (fn === "add" && initial === true) this.initialAdds.add(id);
        if (this.outstanding.size === 0) this.lastProgress = performance.now();
        const answered = new Promise<void>((resolve, reject) => this.outstanding.set(id, (e) => (e === undefined ? resolve() : reject(e))));
        this.post({ type: "call", id, resource, fn, obj, ...(old !== undefined ? { old } : {}), ...(initial !== undefined ? { initial } : {}) });
        return answered;
      };
      const bridge: BridgeFuncs = {
        addFunc: (obj, initial) => send("add", obj, undefined, initial),
        updateFunc: (oldObj, newObj) => send("update", newObj, oldObj),
        deleteFunc: (obj) => send("delete", obj),
      };
      if (src?.add !== undefined) this.o.session.placeHandler(bridge.addFunc, src.add);
      if (src?.update !== undefined) this.o.session.placeHandler(bridge.updateFunc, src.update);
      if (src?.delete !== undefined) this.o.session.placeHandler(bridge.deleteFunc, src.delete);
      if (fns.includes("add")) this.replay.total += informer.getStore?.().listKeys().length ?? 0;
      this.regs.push({ informer, reg: informer.addEventHandler(bridge) });
    }
    this.o.session.wake();
    const budget = this.o.budgetMs ?? HANDLER_BUDGET_MS;
    this.watchdog = setInterval(() => {
      if (this.outstanding.size > 0 && performance.now() - this.lastProgress > budget) this.fail({ kind: "killed", budgetMs: budget });
      else if (this.replay.done < this.replay.total && performance.now() - this.replay.reportedAt >= REPLAY_REPORT_MS) this.reportReplay();
    }, Math.min(250, budget / 4));
    this.replay.resources = resources.map(({ resource, fns }) => ({ resource, fns }));
    this.reportReplay();
  }

  /** One more initial add answered: the status says "attached" once the replay is over. */
  private replayed(): void {
    if (++this.replay.done === this.replay.total) this.reportReplay();
  }

  /** The status: "replaying" (with how far) while the replay of the caches runs, then "attached". */
  private reportReplay(): void {
    const r = this.replay;
    r.reportedAt = performance.now();
    if (r.done < r.total) this.o.onStatus({ kind: "replaying", resources: r.resources, done: r.done, total: r.total });
    else this.o.onStatus({ kind: "attached", resources: r.resources });
  }
}
