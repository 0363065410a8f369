/** Test helpers for the simulated API server: a recording watch sink and small object builders. */
import {
  ApiServer, Recorder, Scheduler,
  type ApiError, type ApiServerOptions, type KubeObject, type Pod, type Status, type WatchEvent, type WatchOptions,
} from "../../../src/index.js";

export interface Seen {
  type: string;
  name?: string;
  rv: string;
  time: number;
  object: KubeObject | Status;
}

export class Sink {
  readonly events: Seen[] = [];
  closed: { error: ApiError | undefined; time: number } | undefined;
  constructor(private readonly scheduler: Scheduler) {}
  onEvent = (e: WatchEvent<KubeObject>): void => {
    const obj = e.object as KubeObject;
    this.events.push({
      type: e.type, name: obj.metadata?.name, rv: obj.metadata?.resourceVersion ?? "", time: this.scheduler.now(), object: e.object,
    });
  };
  onClose = (error?: ApiError): void => {
    this.closed = { error, time: this.scheduler.now() };
  };
  types(): string[] {
    return this.events.map((e) => (e.name !== undefined && e.type !== "BOOKMARK" ? `${e.type} ${e.name}` : e.type));
  }
}

export function setup(options: ApiServerOptions = {}, seed = 1): { s: Scheduler; server: ApiServer; rec: Recorder } {
  const s = new Scheduler({ seed });
  const rec = new Recorder(s);
  const server = new ApiServer(s, { tracer: rec, ...options });
  return { s, server, rec };
}

export function pod(name: string, labels?: Record<string, string>, extra?: Partial<Pod>, namespace = "default"): Pod {
  return {
    metadata: { name, namespace, ...(labels !== undefined ? { labels } : {}) },
    spec: { containers: [{ name: "c", image: "nginx" }] },
    ...extra,
  };
}

export function watch(server: ApiServer, s: Scheduler, options: WatchOptions, resource = "pods"): { sink: Sink; stop: () => void } {
  const sink = new Sink(s);
  const w = server.watch(resource, options, sink);
  return { sink, stop: () => w.stop() };
}

/** Captures the ApiError a function throws. */
export function errorOf(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    return e as ApiError;
  }
  throw new Error("expected an ApiError, nothing was thrown");
}

/** A copy of a frozen object with new labels (how a client edits an object it got from the server). */
export function withLabels<T extends KubeObject>(obj: T, labels: Record<string, string>): T {
  return { ...obj, metadata: { ...obj.metadata, labels } };
}
