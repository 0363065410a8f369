/**
 * HttpListerWatcher — a ListerWatcher over the real Kubernetes wire (client-go's ListWatch over a REST
 * client), for the same SharedIndexInformer to run against `npm run cluster` or a real cluster (live
 * mode). Fetch and the text decoder are injected (Node's or the browser's): src/ stays free of I/O.
 *
 * Contract:
 * - list: GET {base}{path}?{options} with `Accept: application/json` (the body parsed by `decodeList`,
 *   default JSON.parse; one that fails is a 500 "decoding the list"); a non-2xx answer is the ApiError
 *   of its Status body; a request that never got an answer is ConnectionRefused (code 0): the reflector
 *   retries in place.
 * - watch: GET …&watch=true; the body is read as newline-delimited JSON (wire.md G5), one event per line.
 *   A non-200 answer closes with its ApiError; a clean end of the stream, or a connection reset mid-stream
 *   (client-go treats a probable EOF as a normal close), closes without error; an ERROR event is passed on
 *   as an event (the reflector decides: 410 ⇒ relist).
 * - Every callback re-enters through the Scheduler (its `setTimeout` with delay 0) between two `wake()` calls: the
 *   first brings a wall-clock driver's virtual time up to now (so the callback's time is its arrival),
 *   the second runs it at once: the engine's rule "settled only from a scheduled task" holds on a
 *   real stream. Events keep their order (one queue per watch).
 * - After `stop()` nothing more reaches the sink, not even onClose; the request is aborted.
 */
import { ApiError, newApiError, type Status } from "../apimachinery/errors.js";
import type { KubeList, ListOptions, WatchEvent, WatchOptions } from "../apimachinery/meta.js";
import { resourcePath } from "../apimachinery/resource-path.js";
import type { Scheduler } from "../sim/scheduler.js";
import type { KubeObject } from "../types.js";
import type { ListerWatcher, Watch, WatchSink } from "./listwatch.js";

/** The subset of the WHATWG fetch Response this needs. */
export interface FetchResponseLike {
  status: number;
  text(): Promise<string>;
  body: { getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }>; cancel(reason?: unknown): Promise<void> } } | null;
}
export type FetchLike = (url: string, init: { headers: Record<string, string>; signal: AbortSignal }) => Promise<FetchResponseLike>;
export interface TextDecoderLike { decode(input?: Uint8Array, options?: { stream?: boolean }): string }

export interface HttpListerWatcherOptions {
  /** e.g. "http://127.0.0.1:8080" (no trailing slash). */
  baseUrl: string;
  /** The resource: plural, group version ("v1", "apps/v1") and scope. */
  resource: { resource: string; apiVersion: string; namespaced: boolean };
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  scheduler: Scheduler;
  fetch: FetchLike;
  newTextDecoder: () => TextDecoderLike;
  /** Called after a callback was scheduled (a RealTimeDriver's sync); default: nothing. */
  wake?: () => void;
  /**
   * Parses a list body; default JSON.parse. Live mode passes one that parses a slice at a time
   * (site/live/list-decoder.ts) so a 10k-item list never holds the page's main thread in one task.
   */
  decodeList?: (text: string) => Promise<unknown>;
}

function connectionRefused(e: unknown): ApiError {
  return newApiError(0, "ConnectionRefused", `connection refused: ${e instanceof Error ? e.message : String(e)}`);
}

function toApiError(code: number, text: string): ApiError {
  try {
    const s = JSON.parse(text) as Partial<Status>;
    if (s.kind === "Status" && typeof s.code === "number") return new ApiError(s as Status);
  } catch { /* not a Status */ }
  return newApiError(code, code === 404 ? "NotFound" : "InternalError", text.slice(0, 200) || `HTTP ${code}`);
}

export class HttpListerWatcher<T extends KubeObject = KubeObject> implements ListerWatcher<T> {
  /** The resource plural (the informer names itself after it). */
  readonly resource: string;

  constructor(private readonly o: HttpListerWatcherOptions) {
    this.resource = o.resource.resource;
  }

  private path(): string {
    const r = this.o.resource;
    return this.o.baseUrl + resourcePath(r.apiVersion, r.resource, r.namespaced ? this.o.namespace : undefined);
  }

  private query(params: Record<string, string | number | boolean | undefined>): string {
    const parts: string[] = [];
    const all = { labelSelector: this.o.labelSelector, fieldSelector: this.o.fieldSelector, ...params };
    for (const [k, v] of Object.entries(all)) {
      if (v === undefined || v === "") continue;
      parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
    }
    return parts.length > 0 ? `?${parts.join("&")}` : "";
  }

  private later(fn: () => void): void {
    // Bring virtual time up to the wall clock first, so the callback is stamped (and timed: the
    // reflector's "very short watch" rule) when it really arrived, not when the driver last ran.
    this.o.wake?.();
    this.o.scheduler.setTimeout(fn, 0);
    this.o.wake?.();
  }

  list(options: ListOptions, done: (error: ApiError | undefined, list?: KubeList<T>) => void): void {
    const url = this.path() + this.query({
      resourceVersion: options.resourceVersion, resourceVersionMatch: options.resourceVersionMatch,
      limit: options.limit, continue: options.continue,
      ...(options.labelSelector !== undefined ? { labelSelector: options.labelSelector } : {}),
      ...(options.fieldSelector !== undefined ? { fieldSelector: options.fieldSelector } : {}),
    });
    const ac = new AbortController();
    this.o.fetch(url, { headers: { Accept: "application/json" }, signal: ac.signal })
      .then(async (r) => {
        const text = await r.text();
        if (r.status < 200 || r.status > 299) return () => done(toApiError(r.status, text));
        const list = (this.o.decodeList !== undefined ? await this.o.decodeList(text) : JSON.parse(text)) as KubeList<T>;
        return () => done(undefined, list);
      }, (e: unknown) => () => done(connectionRefused(e)))
      .catch((e: unknown) => () => done(newApiError(500, "InternalError", `decoding the list: ${e instanceof Error ? e.message : String(e)}`)))
      .then((settle) => this.later(settle));
  }

  watch(options: WatchOptions, sink: WatchSink<T>): Watch {
    const ac = new AbortController();
    let stopped = false;
    const deliver = (fn: () => void): void => this.later(() => { if (!stopped) fn(); });
    const url = this.path() + this.query({
      watch: "true", resourceVersion: options.resourceVersion, resourceVersionMatch: options.resourceVersionMatch,
      allowWatchBookmarks: options.allowWatchBookmarks, sendInitialEvents: options.sendInitialEvents,
      timeoutSeconds: options.timeoutSeconds,
      ...(options.labelSelector !== undefined ? { labelSelector: options.labelSelector } : {}),
      ...(options.fieldSelector !== undefined ? { fieldSelector: options.fieldSelector } : {}),
    });
    const run = async (): Promise<void> => {
      let r: FetchResponseLike;
      try {
        r = await this.o.fetch(url, { headers: { Accept: "application/json" }, signal: ac.signal });
      } catch (e) {
        deliver(() => sink.onClose(connectionRefused(e)));
        return;
      }
      if (r.status !== 200 || r.body === null) {
        const text = await r.text().catch(() => "");
        deliver(() => sink.onClose(toApiError(r.status, text)));
        return;
      }
      const reader = r.body.getReader();
      const decoder = this.o.newTextDecoder();
      let buf = "";
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buf += decoder.decode(value, { stream: true });
          let i: number;
          while ((i = buf.indexOf("\n")) >= 0) {
            const line = buf.slice(0, i);
            buf = buf.slice(i + 1);
            if (line.trim() === "") continue;
            const ev = JSON.parse(line) as WatchEvent<T>;
            deliver(() => sink.onEvent(ev));
          }
        }
      } catch (e) {
        if (e instanceof SyntaxError) {
          deliver(() => sink.onClose(newApiError(500, "InternalError", `unable to decode an event from the watch stream: ${e.message}`)));
          return;
        }
        // A reset mid-stream: client-go's stream watcher treats a probable EOF as a normal close.
      }
      deliver(() => sink.onClose());
    };
    void run();
    return { stop: () => { stopped = true; ac.abort(); } };
  }
}
