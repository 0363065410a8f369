/**
 * TracedListerWatcher — wraps the HTTP ListerWatcher of live mode and traces what the client saw as the
 * `server.*` kinds (wire.md §7.5: the remote cluster box shows requests, watches and events as seen from
 * the client, never the cluster's own writes). RVs stay opaque strings.
 *
 * Contract: list → server.request + server.response (code, RV, items); watch → server.watch.opened,
 * (the request and the watch marked `remote: true`: the stage then titles the box "Remote cluster"),
 * one server.watch.event per event (ERROR with its code/reason), server.watch.closed ("dropped" for a
 * clean end from the server, "error" for an error, "stopped" when the client stopped it). Events are
 * stamped by the tracer at the engine's time: a `stop()` from outside an engine task (the page stopping
 * the session) needs the clock brought up to now first (LiveSession.stop syncs its driver). Everything is
 * passed through unchanged. The informers of one session share `ids`, so request and watch ids are unique
 * in its trace.
 */
import type { Tracer } from "../../src/sim/index.js";
import type { ApiError, KubeList, KubeObject, ListerWatcher, ListOptions, Watch, WatchEvent, WatchOptions, WatchSink } from "../../src/index.js";

/** Request and watch ids, shared by every TracedListerWatcher of one session (the trace keys by them). */
export interface TraceIds { next: number }

export class TracedListerWatcher<T extends KubeObject = KubeObject> implements ListerWatcher<T> {
  constructor(private readonly inner: ListerWatcher<T>, private readonly resource: string, private readonly tracer: Tracer,
    private readonly scope: { namespace?: string; labelSelector?: string }, private readonly ids: TraceIds = { next: 1 }) {}

  private firstList = true;

  list(options: ListOptions, done: (error: ApiError | undefined, list?: KubeList<T>) => void): void {
    const requestId = this.ids.next++;
    this.tracer.emit({ component: "server", kind: "server.request", requestId, verb: "list", resource: this.resource, client: `reflector:${this.resource}`, remote: true,
      ...(this.scope.namespace ? { namespace: this.scope.namespace } : {}), ...(this.scope.labelSelector ? { labelSelector: this.scope.labelSelector } : {}),
      ...(options.resourceVersion !== undefined ? { resourceVersion: options.resourceVersion } : {}), ...(options.limit !== undefined ? { limit: options.limit } : {}) });
    this.inner.list(options, (error, list) => {
      if (error !== undefined) {
        this.tracer.emit({ component: "server", kind: "server.response", requestId, verb: "list", resource: this.resource, code: error.status.code, reason: error.status.reason, message: error.status.message });
      } else {
        // the live bench reads it (live-session marks it earlier, as the body arrives, when it decodes the list)
        if (this.firstList && performance.getEntriesByName("live:list-arrived").length === 0) performance.mark("live:list-arrived");
        this.firstList = false;
        this.tracer.emit({ component: "server", kind: "server.response", requestId, verb: "list", resource: this.resource, code: 200,
          resourceVersion: list?.metadata?.resourceVersion ?? "", items: list?.items.length ?? 0 });
      }
      done(error, list);
    });
  }

  watch(options: WatchOptions, sink: WatchSink<T>): Watch {
    const watchId = this.ids.next++;
    const resource = this.resource;
    let closed = false;
    this.tracer.emit({ component: "server", kind: "server.watch.opened", watchId, resource, resourceVersion: options.resourceVersion ?? "", client: `reflector:${resource}`, remote: true,
      ...(this.scope.namespace ? { namespace: this.scope.namespace } : {}), ...(options.timeoutSeconds !== undefined ? { timeoutSeconds: options.timeoutSeconds } : {}) });
    const close = (reason: "dropped" | "error" | "stopped"): void => {
      if (closed) return;
      closed = true;
      this.tracer.emit({ component: "server", kind: "server.watch.closed", watchId, resource, reason });
    };
    const w = this.inner.watch(options, {
      onEvent: (ev: WatchEvent<T>) => {
        const o = ev.object as Partial<KubeObject> & { code?: number; reason?: string };
        const meta = o.metadata;
        const key = meta?.name !== undefined ? (meta.namespace ? `${meta.namespace}/${meta.name}` : meta.name) : undefined;
        this.tracer.emit({ component: "server", kind: "server.watch.event", watchId, resource, type: ev.type, resourceVersion: meta?.resourceVersion ?? "",
          ...(key !== undefined && ev.type !== "BOOKMARK" ? { key } : {}),
          ...(ev.type === "ERROR" ? { code: o.code ?? 0, reason: o.reason ?? "" } : {}) });
        sink.onEvent(ev);
      },
      onClose: (error?: ApiError) => { close(error === undefined ? "dropped" : "error"); sink.onClose(error); },
    });
    return { stop: () => { close("stopped"); w.stop(); } };
  }
}
