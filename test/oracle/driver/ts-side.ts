/**
 * TsSide — our SharedIndexInformer over the real wire: an HttpListerWatcher (Node's fetch) to the
 * cluster, its own Scheduler kept on the wall clock by a RealTimeDriver (the client has its own clock,
 * like the Go process), built like the factory builds one (the "namespace" index, selectors on every
 * list and watch, the transform, the resync period), with handlers that record into a Recording in
 * the shape the Go recorder writes.
 */
import { DeletedFinalStateUnknown } from "../../../src/cache/deleted-final-state-unknown.js";
import { HttpListerWatcher } from "../../../src/cache/http-lister-watcher.js";
import { deletionHandlingMetaNamespaceKeyFunc, metaNamespaceIndexFunc, metaNamespaceKeyFunc, NamespaceIndex } from "../../../src/cache/keys.js";
import { SharedIndexInformer } from "../../../src/cache/shared-informer.js";
import type { ResourceEventHandler, ResourceEventHandlerRegistration } from "../../../src/cache/types.js";
import { RESOURCES } from "../../../src/apiserver/resources.js";
import { RealTimeDriver } from "../../../src/sim/real-time-driver.js";
import { Scheduler } from "../../../src/sim/scheduler.js";
import type { KubeObject } from "../../../src/types.js";
import type { GoState } from "./go-side.js";
import { namedIndexer, namedTransform, transformsOf } from "./named.js";
import { Recording, type Note } from "./recording.js";
import type { HandlerSpec, InformerSpec, Mode } from "./scenario.js";

function rvOf(obj: unknown): string {
  return (obj as KubeObject | undefined)?.metadata?.resourceVersion ?? "";
}

function optional(n: number | undefined): { transforms?: number } {
  return n === undefined ? {} : { transforms: n };
}

export class TsSide {
  readonly recording: Recording;
  readonly informer: SharedIndexInformer<KubeObject>;
  private readonly scheduler = new Scheduler({ seed: 1 });
  private readonly driver: RealTimeDriver;
  private readonly stop = new AbortController();
  private readonly regs = new Map<string, ResourceEventHandlerRegistration>();
  private readonly counts = new Map<string, number>();
  private poll: NodeJS.Timeout | undefined;

  constructor(baseUrl: string, spec: InformerSpec, mode: Mode, barrierKey: string) {
    this.recording = new Recording("ts", barrierKey);
    this.driver = new RealTimeDriver(this.scheduler, {
      now: () => Date.now(), // real-time: the client's wall clock, as the Go process has one
      setTimer: (fn, ms) => setTimeout(fn, Math.min(ms, 2 ** 31 - 1)), // real-time: see above
      clearTimer: (h) => clearTimeout(h as NodeJS.Timeout),
    });
    const resource = spec.resource ?? "pods";
    const info = RESOURCES[resource];
    if (info === undefined) throw new Error(`unknown resource ${resource}`);
    const lw = new HttpListerWatcher<KubeObject>({
      baseUrl,
      resource: { resource, apiVersion: info.apiVersion, namespaced: info.namespaced },
      ...(spec.namespace ? { namespace: spec.namespace } : {}),
      ...(spec.labelSelector ? { labelSelector: spec.labelSelector } : {}),
      ...(spec.fieldSelector ? { fieldSelector: spec.fieldSelector } : {}),
      scheduler: this.scheduler,
      fetch: (url, init) => {
        const u = new URL(url);
        this.recording.request("GET", u.pathname + u.search);
        return fetch(url, init) as never;
      },
      newTextDecoder: () => new TextDecoder(),
      wake: () => this.driver.sync(),
    });
    const indexers = Object.fromEntries([[NamespaceIndex, metaNamespaceIndexFunc], ...(spec.indexers ?? []).map(namedIndexer)]);
    this.informer = new SharedIndexInformer<KubeObject>(lw, {
      scheduler: this.scheduler,
      resyncPeriodMs: spec.resyncMs ?? 0,
      indexers,
      name: resource,
      expectedKind: info.kind,
      fifo: mode.fifo,
      batchProcess: mode.batch === true,
      watchList: mode.watchList === true,
    });
    if (spec.transform) this.informer.setTransform(namedTransform(spec.transform));
    this.informer.setWatchErrorHandler((e) => this.recording.watchError(e.message));
    for (const h of spec.handlers) this.addHandler(h);
  }

  private handler(id: string, throwOn: string | undefined): ResourceEventHandler<KubeObject> {
    const recording = this.recording;
    const count = (): void => void this.counts.set(id, (this.counts.get(id) ?? 0) + 1);
    const r = {
      note: (n: Note): void => {
        recording.note(n);
        if (throwOn !== undefined && n.key.split("/").pop() === throwOn) throw new Error(`handler ${id} refuses ${n.key}`);
      },
    };
    return {
      onAdd: (obj, isInInitialList) => {
        count();
        r.note({ handler: id, type: "add", key: metaNamespaceKeyFunc(obj), rv: rvOf(obj), initial: isInInitialList, ...optional(transformsOf(obj)) });
      },
      onUpdate: (oldObj, newObj) => {
        count();
        r.note({ handler: id, type: "update", key: metaNamespaceKeyFunc(newObj), rv: rvOf(newObj), oldRv: rvOf(oldObj), ...optional(transformsOf(newObj)) });
      },
      onDelete: (obj) => {
        count();
        const tombstone = obj instanceof DeletedFinalStateUnknown;
        const inner = tombstone ? (obj as DeletedFinalStateUnknown).obj : obj;
        r.note({ handler: id, type: "delete", key: deletionHandlingMetaNamespaceKeyFunc(obj), rv: rvOf(inner), tombstone, ...optional(transformsOf(inner)) });
      },
    };
  }

  addHandler(h: HandlerSpec): void {
    if (this.regs.has(h.id)) throw new Error(`handler ${h.id} exists`);
    const reg = h.resyncMs === undefined
      ? this.informer.addEventHandler(this.handler(h.id, h.throwOn))
      : this.informer.addEventHandlerWithResyncPeriod(this.handler(h.id, h.throwOn), h.resyncMs);
    this.regs.set(h.id, reg);
    this.driver.sync();
  }

  removeHandler(id: string): void {
    const reg = this.regs.get(id);
    if (reg === undefined) throw new Error(`no handler ${id}`);
    this.regs.delete(id);
    this.informer.removeEventHandler(reg);
    this.driver.sync();
  }

  start(): void {
    this.informer.run(this.stop.signal);
    this.driver.sync();
    // HasSynced moments, polled like the recorder does (every 2 ms).
    this.poll = setInterval(() => { // real-time: test driver
      if (this.informer.hasSynced()) this.recording.synced(undefined, 0);
      for (const [id, reg] of this.regs) if (reg.hasSynced()) this.recording.synced(id, this.counts.get(id) ?? 0);
    }, 2);
  }

  state(): GoState {
    const indexer = this.informer.getIndexer();
    const items: Record<string, string> = {};
    for (const obj of indexer.list()) items[metaNamespaceKeyFunc(obj)] = rvOf(obj);
    const indexes: Record<string, Record<string, string[]>> = {};
    for (const name of Object.keys(indexer.getIndexers())) {
      const values: Record<string, string[]> = {};
      for (const v of indexer.listIndexFuncValues(name)) {
        const keys = [...indexer.indexKeys(name, v)].sort();
        if (keys.length > 0) values[v] = keys;
      }
      indexes[name] = values;
    }
    return { items, indexes, lastSyncResourceVersion: this.informer.lastSyncResourceVersion(), hasSynced: this.informer.hasSynced() };
  }

  close(): void {
    if (this.poll !== undefined) clearInterval(this.poll);
    this.stop.abort();
    this.driver.sync();
    this.driver.stop();
  }
}
