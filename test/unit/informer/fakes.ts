/**
 * Test doubles for the reflector/informer tests: a scriptable ListerWatcher whose replies arrive from
 * scheduler tasks, and a recording store.
 */
import {
  newApiError, type ApiError, type KubeList, type ListerWatcher, type ListOptions, type Scheduler, type Watch,
  type WatchEvent, type WatchOptions, type WatchSink,
} from "../../../src/index.js";

export interface Obj {
  kind?: string;
  metadata: { name: string; namespace?: string; resourceVersion?: string; uid?: string;
              labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
}

export function pod(name: string, rv: string | number, extra: Partial<Obj["metadata"]> = {}): Obj {
  return { kind: "Pod", metadata: { name, namespace: "ns", resourceVersion: String(rv), ...extra } };
}

export type ListReply = { error: ApiError } | { items: Obj[]; rv: string; continue?: string };
export type ListScript = (options: ListOptions, call: number) => ListReply;

export class FakeStream implements Watch {
  stopCalls = 0;
  closed = false;
  constructor(readonly options: WatchOptions, readonly sink: WatchSink<unknown>, readonly at: number) {}
  stop(): void {
    this.stopCalls++;
    this.closed = true;
  }
  event(type: WatchEvent<unknown>["type"], object: unknown): void {
    if (this.closed) throw new Error("event on a closed stream");
    this.sink.onEvent({ type, object: object as never });
  }
  error(code: number, reason: string, message = reason, retryAfterSeconds?: number): void {
    this.event("ERROR", {
      kind: "Status", apiVersion: "v1", status: "Failure", code, reason, message,
      ...(retryAfterSeconds !== undefined ? { details: { retryAfterSeconds } } : {}),
    });
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.sink.onClose();
  }
}

export class FakeListerWatcher implements ListerWatcher<unknown> {
  readonly lists: ListOptions[] = [];
  readonly watches: FakeStream[] = [];
  /** Errors a watch request fails with (in order); undefined entries succeed. */
  watchStartErrors: Array<ApiError | undefined> = [];
  /** Called when a watch opened successfully (e.g. to script events). */
  onWatch: ((stream: FakeStream, index: number) => void) | undefined;

  constructor(private readonly scheduler: Scheduler, private readonly script: ListScript) {}

  list(options: ListOptions, done: (error: ApiError | undefined, list?: KubeList<unknown>) => void): void {
    const call = this.lists.length;
    this.lists.push({ ...options });
    const reply = this.script(options, call);
    this.scheduler.setTimeout(() => {
      if ("error" in reply) done(reply.error);
      else {
        done(undefined, {
          apiVersion: "v1", kind: "List", items: reply.items,
          metadata: { resourceVersion: reply.rv, ...(reply.continue !== undefined ? { continue: reply.continue } : {}) },
        });
      }
    }, 0);
  }

  watch(options: WatchOptions, sink: WatchSink<unknown>): Watch {
    const stream = new FakeStream({ ...options }, sink, this.scheduler.now());
    const index = this.watches.length;
    this.watches.push(stream);
    const err = this.watchStartErrors.shift();
    if (err !== undefined) {
      stream.closed = true;
      this.scheduler.setTimeout(() => sink.onClose(err), 0);
    } else if (this.onWatch !== undefined) {
      const on = this.onWatch;
      this.scheduler.setTimeout(() => on(stream, index), 0);
    }
    return stream;
  }

  /** The newest watch stream. */
  get last(): FakeStream {
    const w = this.watches[this.watches.length - 1];
    if (w === undefined) throw new Error("no watch yet");
    return w;
  }
}

export class RecordingStore {
  readonly items = new Map<string, Obj>();
  readonly calls: string[] = [];
  readonly rvUpdates: string[] = [];
  resyncs = 0;
  replaces = 0;
  resyncError: ((n: number) => boolean) | undefined;

  private key(o: Obj): string {
    return (o.metadata.namespace ? o.metadata.namespace + "/" : "") + o.metadata.name;
  }
  add(obj: unknown): void {
    const o = obj as Obj;
    this.calls.push("add " + this.key(o));
    this.items.set(this.key(o), o);
  }
  update(obj: unknown): void {
    const o = obj as Obj;
    this.calls.push("update " + this.key(o));
    this.items.set(this.key(o), o);
  }
  delete(obj: unknown): void {
    const o = obj as Obj;
    this.calls.push("delete " + this.key(o));
    this.items.delete(this.key(o));
  }
  replace(list: unknown[], rv: string): void {
    this.replaces++;
    this.calls.push("replace " + rv);
    this.items.clear();
    for (const o of list as Obj[]) this.items.set(this.key(o), o);
  }
  resync(): void {
    this.resyncs++;
    if (this.resyncError?.(this.resyncs)) throw new Error("resync failed");
  }
  updateResourceVersion(rv: string): void {
    this.rvUpdates.push(rv);
  }
  /** name → rv */
  snapshot(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [, o] of [...this.items].sort(([a], [b]) => a.localeCompare(b))) out[o.metadata.name] = o.metadata.resourceVersion ?? "";
    return out;
  }
}

export const expired = (): ApiError => newApiError(410, "Expired", "too old resource version: 1 (5)");
export const tooMany = (retryAfterSeconds?: number): ApiError =>
  newApiError(429, "TooManyRequests", "too many requests",
    retryAfterSeconds !== undefined ? { retryAfterSeconds } : undefined);
export const refused = (): ApiError => newApiError(0, "ConnectionRefused", "connection refused");

export function bookmark(rv: string, initialEventsEnd?: string): Obj {
  return { kind: "Pod", metadata: { name: "", resourceVersion: rv,
    ...(initialEventsEnd !== undefined ? { annotations: { "k8s.io/initial-events-end": initialEventsEnd } } : {}) } };
}
