/**
 * A ListerWatcher over the simulated server: the client's connection (what client-go's
 * `cache.NewListWatchFromClient` gives a Reflector), as network traffic.
 *
 * Contract:
 * - The same list and watch requests as the server's direct calls, but replies come from scheduled
 *   tasks after the client's latency, and the network's faults apply (partition, restart downtime,
 *   throttling: faults.ts). A refused or failed list answers `done(error)`; a watch that fails to start
 *   answers `sink.onClose(error)` after the latency (nothing, if stopped first).
 * - During a "timeout" partition a request is held: the server sees it only when the network heals
 *   (before the client gives up); otherwise the list answers and the watch closes with the error the
 *   client gave up with (faults.ts `hold`: ConnectionLost or DialTimeout, code 0), and the server never
 *   saw it.
 * - The LW's namespace wins over the request's; its selectors are ANDed with the request's.
 * - An error that is no HTTP answer (code 0: connection refused, lost, dial timeout) reaches the caller as
 *   net/http's url.Error names it: `Get "<the request's URL>": <cause>` (request-url.ts); an HTTP status
 *   error (a Status from the server) keeps its message, as client-go's StatusError does.
 * - It sees the server only through `ServerEndpoint`, the narrow surface the server hands it.
 */
import { ApiError, isConnectionRefused } from "../apimachinery/errors.js";
import type { KubeList, ListOptions, WatchOptions } from "../apimachinery/meta.js";
import type { ListerWatcher, Watch, WatchSink } from "../cache/listwatch.js";
import type { Scheduler } from "../sim/scheduler.js";
import type { KubeObject } from "../types.js";
import { requestURL, urlError } from "./request-url.js";
import { RESOURCES } from "./resources.js";

export interface ListerWatcherOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Who is calling (shown in the trace as `client`), e.g. "reflector:pods". */
  client?: string;
}

/** What a ListerWatcher needs from the server: traced requests behind the network's faults, and latency. */
export interface ServerEndpoint {
  readonly scheduler: Scheduler;
  list(resource: string, options: ListOptions, client: string | undefined): KubeList<KubeObject>;
  watch(resource: string, options: WatchOptions, sink: WatchSink<KubeObject>, client: string | undefined): Watch;
  latencyFor(client: string | undefined): number;
  /** faults.ts `hold`: undefined when the network carries a request now, else a cancel function. */
  hold(send: () => void, lose: (error: ApiError) => void): (() => void) | undefined;
  /** A reply reached the client (faults.ts `heard`: the connection's health check counts from it). */
  heard(): void;
}

export class ServerListerWatcher<T extends KubeObject> implements ListerWatcher<T> {
  constructor(private readonly server: ServerEndpoint, private readonly resource: string,
              private readonly base: ListerWatcherOptions) {}

  private merge<O extends ListOptions | WatchOptions>(options: O): O {
    const out: O = { ...options };
    const and = (a: string | undefined, b: string | undefined): string | undefined =>
      a && b ? (a === b ? a : `${a},${b}`) : (a || b || undefined);
    const ns = this.base.namespace ?? options.namespace;
    const ls = and(this.base.labelSelector, options.labelSelector);
    const fs = and(this.base.fieldSelector, options.fieldSelector);
    if (ns !== undefined) out.namespace = ns;
    if (ls !== undefined) out.labelSelector = ls;
    if (fs !== undefined) out.fieldSelector = fs;
    return out;
  }

  /** A code-0 error (no HTTP answer) as the client sees it: net/http's url.Error around the cause. */
  private unanswered<E extends ApiError | undefined>(error: E, options: ListOptions | WatchOptions, watch: boolean): E | ApiError {
    const info = RESOURCES[this.resource];
    if (error === undefined || error.code !== 0 || info === undefined) return error;
    return new ApiError({ ...error.status, message: urlError(requestURL(info, this.merge(options ?? {}), watch), error.message) });
  }

  list(options: ListOptions, done: (error: ApiError | undefined, list?: KubeList<T>) => void): void {
    const held = this.server.hold(() => this.send(options, done), (error) => done(this.unanswered(error, options, false)));
    if (held === undefined) this.send(options, done);
  }

  private send(options: ListOptions, done: (error: ApiError | undefined, list?: KubeList<T>) => void): void {
    const server = this.server;
    const client = this.base.client;
    let error: ApiError | undefined;
    let list: KubeList<T> | undefined;
    try {
      list = server.list(this.resource, this.merge(options ?? {}), client) as KubeList<T>;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      error = e;
    }
    server.scheduler.setTimeout(() => {
      if (!isConnectionRefused(error)) server.heard(); // a refused connect is no frame read
      done(this.unanswered(error, options, false), list);
    }, server.latencyFor(client));
  }

  watch(options: WatchOptions, sink: WatchSink<T>): Watch {
    let inner: Watch | undefined;
    let stopped = false;
    const held = this.server.hold(
      () => { if (!stopped) inner = this.open(options, sink); },
      (error) => { if (!stopped) sink.onClose(this.unanswered(error, options, true)); },
    );
    if (held === undefined) return this.open(options, sink);
    return { stop: () => { stopped = true; held(); inner?.stop(); } };
  }

  private open(options: WatchOptions, sink: WatchSink<T>): Watch {
    const server = this.server;
    const client = this.base.client;
    try {
      return server.watch(this.resource, this.merge(options ?? {}), sink as unknown as WatchSink<KubeObject>, client);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      let stopped = false;
      server.scheduler.setTimeout(() => {
        if (!isConnectionRefused(e)) server.heard();
        if (!stopped) sink.onClose(this.unanswered(e, options, true));
      }, server.latencyFor(client));
      return { stop: () => { stopped = true; } };
    }
  }
}
