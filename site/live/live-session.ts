/**
 * LiveSession — our SharedIndexInformer on a real cluster, in the page (wire.md §7.2–7.4): the same
 * engine as every lesson, its Scheduler driven by the wall clock, its ListerWatcher the HTTP one over
 * the live proxy (`/k8s`), every trace event appended to a bounded LiveWindow.
 *
 * Contract:
 * - `start()` runs the informer (list, then watch); ingestion is never paused by the view.
 * - `hold(true)` stops the informer's processing task from popping (the DeltaFIFO fills with real
 *   events); `hold(false)` drains it.
 * - Objects are shrunk on ingest (metadata.managedFields dropped, as Headlamp does).
 * - Trace `time` is milliseconds since the session started; `seq` counts every event ever traced.
 * - `stop()` aborts the informer (the watch request is aborted, so the proxy closes it upstream).
 */
import { HttpListerWatcher, SharedIndexInformer, type KubeObject } from "../../src/index.js";
import { RealTimeDriver, Scheduler, type TraceEvent, type TraceInput, type Tracer } from "../../src/sim/index.js";
import { LiveWindow, type LiveWindowOptions } from "./live-window.js";
import { TracedListerWatcher } from "./traced-lister-watcher.js";

export interface LiveResource { resource: string; apiVersion: string; namespaced: boolean }
export interface LiveSessionOptions {
  base: string;
  resource: LiveResource;
  namespace?: string;
  labelSelector?: string;
  window?: LiveWindowOptions;
}

export class LiveSession {
  readonly window: LiveWindow;
  readonly scheduler: Scheduler;
  readonly informer: SharedIndexInformer<KubeObject>;
  private readonly driver: RealTimeDriver;
  private readonly ac = new AbortController();
  private seq = 0;
  held = false;
  /** Listeners told after each traced event (tests and the highlights panel). */
  private readonly listeners: Array<(e: TraceEvent) => void> = [];

  constructor(o: LiveSessionOptions) {
    this.window = new LiveWindow(o.window);
    const seed = crypto.getRandomValues(new Uint32Array(1))[0]!;   // a live run is not reproducible anyway
    this.scheduler = new Scheduler({ seed });
    this.driver = new RealTimeDriver(this.scheduler, {
      now: () => performance.now(),
      setTimer: (fn, ms) => setTimeout(fn, Math.min(ms, 2 ** 31 - 1)),
      clearTimer: (h) => clearTimeout(h as number),
    });
    const tracer: Tracer = { emit: (e: TraceInput) => this.record(e) };
    const http = new HttpListerWatcher<KubeObject>({
      baseUrl: o.base, resource: o.resource, scheduler: this.scheduler,
      ...(o.namespace ? { namespace: o.namespace } : {}), ...(o.labelSelector ? { labelSelector: o.labelSelector } : {}),
      fetch: (url, init) => fetch(url, { ...init, cache: "no-store" }),
      newTextDecoder: () => new TextDecoder(), wake: () => this.driver.sync(),
    });
    const lw = new TracedListerWatcher<KubeObject>(http, o.resource.resource, tracer,
      { ...(o.namespace ? { namespace: o.namespace } : {}), ...(o.labelSelector ? { labelSelector: o.labelSelector } : {}) });
    this.informer = new SharedIndexInformer<KubeObject>(lw, { scheduler: this.scheduler, name: o.resource.resource, tracer });
    this.informer.setTransform((obj) => {
      const m = (obj as { metadata?: { managedFields?: unknown } }).metadata;
      if (m !== undefined && m.managedFields !== undefined) delete m.managedFields;
      return obj;
    });
    this.informer.addEventHandler({ onAdd: () => undefined, onUpdate: () => undefined, onDelete: () => undefined });
  }

  private record(e: TraceInput): void {
    const ev = { ...e, seq: ++this.seq, time: Math.round(this.scheduler.now()) } as TraceEvent;
    this.window.append(ev);
    for (const l of this.listeners) l(ev);
  }

  onEvent(cb: (e: TraceEvent) => void): void { this.listeners.push(cb); }

  start(): void {
    this.informer.run(this.ac.signal);
    this.driver.sync();
  }

  hold(on: boolean): void {
    this.held = on;
    this.informer.holdProcessing(on);
    this.driver.sync();
  }

  stop(): void {
    this.ac.abort();
    this.driver.sync();
    this.driver.stop();
  }
}
