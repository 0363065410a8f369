/**
 * WATCH semantics (apiserver's `storage/cacher`: the Cacher, its per-resource watch cache and its
 * watchers), spec apiserver.md §3 W1–W7.
 *
 * Contract:
 * - W1: a watch from an RV older than the resource's window succeeds and then sends one ERROR 410
 *   ("too old resource version") and closes. A plain watch from an RV ahead of the server is accepted
 *   and delivers only events after that RV (the cacher waits for freshness only for streaming lists);
 *   a malformed RV is 400.
 * - W2: without an RV (or "0") the watch starts with one synthetic ADDED per matching live object (key
 *   order), then live events. sendInitialEvents (true or false) needs resourceVersionMatch=NotOlderThan
 *   (else 422). With true the current state is sent whatever the RV — one older than the window is no
 *   error — then, if the client allows bookmarks, a BOOKMARK annotated `k8s.io/initial-events-end`
 *   (sent even with periodic bookmarks off); an RV ahead of the server is 504 too large. With false
 *   nothing is replayed from ""/"0" (the watch starts now) and an RV N resumes as a plain watch.
 * - W3: from RV N inside the window, every event of the resource with rev > N, in order, then live ones.
 * - W4: selectors apply per watcher, with the ADDED/MODIFIED/DELETED transitions of cache-watcher.ts.
 * - W5: with allowWatchBookmarks, a BOOKMARK every `bookmarkIntervalMs` and one 2 s before the timeout
 *   (unless bookmarks are off); a bookmark carries the server's current RV when queued.
 * - W6: a watch ends at its timeoutSeconds, or without one at a random time in [T, 2T) (scheduler PRNG).
 * - W7: the slow-consumer limit (faults.ts) closes a watch whose undelivered backlog exceeds it.
 * - The window is per resource (the real cacher has one per resource type): writes to ConfigMaps never
 *   push Pod events out of the Pod window. `reset(rev)` empties every window (compaction, restart).
 * - Nothing reaches a watcher synchronously inside a write: events are queued per watcher and handed over
 *   by scheduled tasks (cache-watcher.ts).
 */
import type { Status } from "../apimachinery/errors.js";
import type { WatchOptions } from "../apimachinery/meta.js";
import type { Watch, WatchSink } from "../cache/listwatch.js";
import type { Scheduler } from "../sim/scheduler.js";
import type { TraceFn } from "../sim/trace.js";
import type { KubeObject, ObjectMeta } from "../types.js";
import { CacheWatcher, type CloseReason, type WatcherHost } from "./cache-watcher.js";
import { freezeCopy } from "./frozen.js";
import { keyRange, predicate } from "./list.js";
import { defined, type Respond } from "./request-trace.js";
import type { ResourceInfo } from "./resources.js";
import type { Storage } from "./resource-store.js";
import { invalidOptions, tooLarge, watchErrorStatus } from "./status.js";
import { WatchCache, type StoreEvent } from "./watch-cache.js";

const INITIAL_EVENTS_END = "k8s.io/initial-events-end";

export interface CacherOptions {
  scheduler: Scheduler;
  trace: TraceFn | undefined;
  /** Events per resource a watch can resume from. */
  capacity: number;
  bookmarkIntervalMs: number;
  bookmarks: boolean;
  minRequestTimeoutMs: number;
  latencyFor(client: string | undefined): number;
  slowConsumerLimit(): number | undefined;
  /** A frame of a ListerWatcher watch reached its client (faults.ts `heard`). */
  heard(): void;
}

/** One resource's watch window and open watchers. */
interface ResourceWatch {
  cache: WatchCache;
  readonly watchers: Set<CacheWatcher>;
}

export class Cacher {
  private readonly byResource = new Map<string, ResourceWatch>();
  private readonly host: WatcherHost;
  private nextWatchId = 1;

  constructor(private readonly storage: Storage, private readonly o: CacherOptions) {
    this.host = {
      scheduler: o.scheduler,
      trace: o.trace,
      latencyFor: (client) => o.latencyFor(client),
      slowConsumerLimit: () => o.slowConsumerLimit(),
      detach: (w) => { this.byResource.get(w.resource)?.watchers.delete(w); },
      heard: () => o.heard(),
    };
    for (const r of storage.resources()) this.byResource.set(r, { cache: new WatchCache(o.capacity, 0), watchers: new Set() });
  }

  /** The watch state of a resource `storage.store()` has accepted (so it exists). */
  private of(resource: string): ResourceWatch {
    return this.byResource.get(resource)!;
  }

  /** A committed write: into the resource's window, then to every open watcher of it. */
  committed(resource: string, event: StoreEvent): void {
    const rw = this.of(resource);
    rw.cache.push(event);
    for (const w of rw.watchers) w.dispatch(event, true);
  }

  /** Number of open watches (all resources). */
  openWatches(): number {
    let n = 0;
    for (const rw of this.byResource.values()) n += rw.watchers.size;
    return n;
  }

  /** Every window restarts empty at `rev` (compaction, restart). */
  reset(rev: number): void {
    for (const rw of this.byResource.values()) rw.cache.reset(rev);
  }

  /** Ends the chosen watches as if their connection dropped. */
  abort(which: (w: CacheWatcher) => boolean, reason: CloseReason): void {
    for (const rw of this.byResource.values()) {
      for (const w of [...rw.watchers]) if (which(w)) w.abort(reason);
    }
  }

  /** Every open watch gets one ERROR event with `code`, then closes. */
  fail(code: number): void {
    const reason = code === 500 ? "InternalError" : code === 429 ? "TooManyRequests" : code === 410 ? "Expired" : "InternalError";
    const status = watchErrorStatus(code, reason,
      code === 500 ? "an error on the server (\"unknown\") has prevented the request from succeeding" : `injected watch error ${code}`);
    for (const rw of this.byResource.values()) {
      for (const w of [...rw.watchers]) {
        w.send({ type: "ERROR", object: status });
        w.finish("error");
      }
    }
  }

  /** The chosen watches stop delivering until `release` (or are lost after `timeoutMs`). */
  hold(which: (w: CacheWatcher) => boolean, timeoutMs: number, lost: Status): void {
    for (const rw of this.byResource.values()) for (const w of [...rw.watchers]) if (which(w)) w.hold(timeoutMs, lost);
  }

  /** Held watches deliver what queued up. */
  release(): void {
    for (const rw of this.byResource.values()) for (const w of [...rw.watchers]) w.release();
  }

  /** Every open watch goes silent forever (half-open connections). */
  stall(): void {
    for (const rw of this.byResource.values()) for (const w of [...rw.watchers]) w.stall();
  }

  /** Opens a watch (the request is traced by request-trace.ts; `respond` traces its 200, before the opening). */
  watch(resource: string, options: WatchOptions, sink: WatchSink<KubeObject>, client: string | undefined,
        viaListerWatcher: boolean, respond: Respond | undefined): Watch {
    const storage = this.storage;
    const store = storage.store(resource);
    const info = store.info;
    const rvOpt = options.resourceVersion ?? "";
    const sendInitialEvents = options.sendInitialEvents;
    const match = options.resourceVersionMatch;
    // apimachinery validateWatchOptions: sendInitialEvents (true or false) needs NotOlderThan; nothing
    // else is required (allowWatchBookmarks only decides whether the end bookmark is sent)
    if (sendInitialEvents !== undefined && match !== "NotOlderThan") {
      throw invalidOptions("resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan");
    }
    if (match !== undefined) {
      if (sendInitialEvents === undefined) {
        throw invalidOptions("resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided");
      }
      if (match !== "NotOlderThan") throw invalidOptions(`resourceVersionMatch: Unsupported value: "${String(match)}": supported values: "NotOlderThan"`);
    }
    const pred = predicate(info, options.namespace, options.labelSelector, options.fieldSelector);
    let from: number | undefined;                  // the RV asked for (undefined: "" or "0")
    if (rvOpt !== "" && rvOpt !== "0") {
      from = storage.decodeRv(rvOpt);
      // only a streaming list waits for the cache to catch up (and gives up with 504); a plain watch
      // from the future is accepted and gets the events after it (cacher.go Watch)
      if (from > storage.rev && sendInitialEvents === true) throw tooLarge(rvOpt, storage.current());
    }
    const rw = this.of(resource);
    const id = this.nextWatchId++;
    const w = new CacheWatcher(this.host, id, resource, client, viaListerWatcher, pred, sink);
    respond?.({ code: 200, resourceVersion: storage.current() });
    this.o.trace?.({
      component: "server", kind: "server.watch.opened", watchId: id, resource, resourceVersion: rvOpt,
      ...defined({
        namespace: options.namespace, labelSelector: options.labelSelector, fieldSelector: options.fieldSelector,
        client, sendInitialEvents, timeoutSeconds: options.timeoutSeconds,
      }),
    });
    if (sendInitialEvents !== true && from !== undefined && from < rw.cache.floor) {
      // W1: too old — the watch itself succeeds; one ERROR 410 event, then the stream closes.
      const status = watchErrorStatus(410, "Expired", `too old resource version: ${rvOpt} (${storage.codec.encode(rw.cache.floor)})`);
      w.send({ type: "ERROR", object: status });
      w.finish("expired");
      return w;
    }
    if (sendInitialEvents === true || (from === undefined && sendInitialEvents === undefined)) {
      // the current state (watch_cache.go getIntervalFromStoreLocked), whatever RV was asked for
      const { keys, from: first, prefix } = keyRange(store, options.namespace, undefined, true);
      for (let i = first; i < keys.length; i++) {
        const key = keys[i]!;
        if (prefix !== "" && !key.startsWith(prefix)) break;
        const obj = store.objects.get(key);
        if (obj !== undefined && (pred === undefined || pred(obj))) w.send({ type: "ADDED", object: obj }, key);
      }
      if (sendInitialEvents === true && options.allowWatchBookmarks === true) {
        w.send({ type: "BOOKMARK", object: this.bookmark(info, true) });
      }
    } else if (from !== undefined) {
      if (from > storage.rev) w.skipThrough(from);
      else for (const e of rw.cache.since(from)) w.dispatch(e);
    }
    // sendInitialEvents=false from "" or "0": from now on, nothing replayed
    rw.watchers.add(w);
    this.arm(w, info, options);
    return w;
  }

  /** Timeout (W6) and bookmarks (W5). */
  private arm(w: CacheWatcher, info: ResourceInfo, options: WatchOptions): void {
    const s = this.o.scheduler;
    const timeoutMs = options.timeoutSeconds !== undefined && options.timeoutSeconds > 0
      ? options.timeoutSeconds * 1000
      : this.o.minRequestTimeoutMs * (1 + s.random());
    w.addTimer(s.setTimeout(() => w.finish("timeout"), timeoutMs));
    if (options.allowWatchBookmarks !== true || !this.o.bookmarks) return;
    if (timeoutMs > 2000) w.addTimer(s.setTimeout(() => w.send({ type: "BOOKMARK", object: this.bookmark(info, false) }), timeoutMs - 2000));
    const interval = this.o.bookmarkIntervalMs;
    if (interval > 0) {
      const tick = (): void => {
        if (!w.isOpen()) return;
        w.send({ type: "BOOKMARK", object: this.bookmark(info, false) });
        if (w.isOpen()) w.setBookmarkTimer(s.setTimeout(tick, interval));
      };
      w.setBookmarkTimer(s.setTimeout(tick, interval));
    }
  }

  private bookmark(info: ResourceInfo, initialEventsEnd: boolean): KubeObject {
    const metadata: Record<string, unknown> = { resourceVersion: this.storage.current() };
    if (initialEventsEnd) metadata["annotations"] = { [INITIAL_EVENTS_END]: "true" };
    return freezeCopy({ kind: info.kind, apiVersion: info.apiVersion, metadata: metadata as unknown as ObjectMeta });
  }
}
