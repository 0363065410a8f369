/**
 * A synthetic but self-consistent informer trace, typed by src/sim/trace.ts: initial list, watch
 * events, pops, indexer writes, per-listener buffers and handler calls, a dropped watch and an optional
 * workqueue/controller. It exists so the stage can be built, tested and demonstrated before (and
 * besides) real engine runs; it is never shown as if it were a real run.
 *
 * Deterministic: the same options give the same trace (a small seeded LCG, no Math.random).
 */
import type { DeltaSummary, KnownTraceInput, NotificationType, TraceEvent } from "../../src/sim/index.js";
import type { KubeObject } from "../../src/index.js";

export interface DemoOptions {
  /** Pods created before the informer starts (default 4). */
  pods?: number;
  /** Watch-time writes after the initial list (default 12). */
  writes?: number;
  /** Listeners (handlers) on the informer (default 2). */
  listeners?: number;
  /** Add a workqueue + workers fed by handler 0 (default true). */
  workqueue?: boolean;
  /** Workers of the controller (default 2). */
  workers?: number;
  /** Drop the watch after this many writes (default: half way; -1 never). */
  dropAfter?: number;
  /** Keys queued in the FIFO at the end without being popped (default 0): a scale test. */
  backlog?: number;
  seed?: number;
}

export function demoTrace(options: DemoOptions = {}): TraceEvent[] {
  const podCount = options.pods ?? 4;
  const writes = options.writes ?? 12;
  const listenerCount = options.listeners ?? 2;
  const withQueue = options.workqueue ?? true;
  const workerCount = options.workers ?? 2;
  const dropAfter = options.dropAfter ?? Math.floor(writes / 2);
  const backlog = options.backlog ?? 0;
  let seed = (options.seed ?? 7) >>> 0;
  const rnd = (): number => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };

  const events: TraceEvent[] = [];
  let time = 0;
  const push = (e: KnownTraceInput, dt = 0): void => {
    time += dt;
    events.push({ ...(e as unknown as Record<string, unknown>), seq: events.length + 1, time } as TraceEvent);
  };
  const name = "pods";
  let rv = 100;
  let requestId = 0;
  let watchId = 0;
  const server = new Map<string, KubeObject>();
  const fifo = new Map<string, DeltaSummary[]>();
  const fifoOrder: string[] = [];
  const buffers: number[] = Array.from({ length: listenerCount }, () => 0);
  const pod = (key: string, r: number, labels: Record<string, string> = {}): KubeObject => {
    const [ns, n] = key.split("/") as [string, string];
    return { apiVersion: "v1", kind: "Pod", metadata: { name: n, namespace: ns, resourceVersion: String(r), labels } };
  };

  const write = (type: "ADDED" | "MODIFIED" | "DELETED", key: string, learner = false): KubeObject => {
    rv++;
    const prev = server.get(key);
    const obj = pod(key, rv, { app: key.includes("db") ? "db" : "web", gen: String(rv % 3) });
    push({ component: "runner", kind: "runner.op", op: type === "ADDED" ? "create" : type === "MODIFIED" ? "update" : "delete",
      resource: "pods", key, learner }, 5);
    push({ component: "server", kind: "server.write", resource: "pods", key, type, resourceVersion: String(rv),
      object: type === "DELETED" ? (prev ?? obj) : obj });
    if (type === "DELETED") server.delete(key);
    else server.set(key, obj);
    return obj;
  };
  const queue = (key: string, delta: DeltaSummary): void => {
    const list = fifo.get(key);
    const newKey = list === undefined;
    const next = [...(list ?? []), delta];
    fifo.set(key, next);
    if (newKey) fifoOrder.push(key);
    push({ component: "fifo", kind: "fifo.queued", name, key, delta, deltas: next, newKey, queueLength: fifoOrder.length }, 1);
  };
  const indexed = new Set<string>();
  let queueLen = 0;
  const wqDirty = new Set<string>();
  const popOne = (initial: boolean): void => {
    const key = fifoOrder.shift();
    if (key === undefined) return;
    const deltas = fifo.get(key)!;
    fifo.delete(key);
    push({ component: "fifo", kind: "fifo.popped", name, key, deltas, isInInitialList: initial, queueLength: fifoOrder.length }, 2);
    for (const d of deltas) {
      const ns = key.split("/")[0]!;
      const notification: NotificationType = d.type === "Deleted" ? "delete" : indexed.has(key) ? "update" : "add";
      const op = notification;
      push({ component: "indexer", kind: "indexer.write", name, op, key, resourceVersion: d.rv,
        ...(notification === "delete" ? {} : { object: pod(key, Number(d.rv)) }),
        indexes: notification === "delete" ? { namespace: [] } : { namespace: [ns] } }, 1);
      if (notification === "delete") indexed.delete(key);
      else indexed.add(key);
      const ls = Array.from({ length: listenerCount }, (_, i) => i);
      push({ component: "processor", kind: "processor.distribute", name, notification, key, resourceVersion: d.rv,
        deltaType: d.type, sync: d.type === "Sync" && !initial, listeners: ls }, 1);
      for (const l of ls) {
        buffers[l]!++;
        push({ component: "listener", kind: "listener.buffered", name, listener: l, notification, key, resourceVersion: d.rv, pending: buffers[l]! }, 1);
      }
      // Listener 0 drains at once; the others lag behind and drain in batches (to show buffers).
      drain(0, [{ notification, key, rv: d.rv, initial }]);
      pendingSlow.push({ notification, key, rv: d.rv, initial });
      if (rnd() < 0.45) for (let l = 1; l < listenerCount; l++) drain(l, pendingSlow.splice(0));
    }
  };
  const pendingSlow: Array<{ notification: NotificationType; key: string; rv: string; initial: boolean }> = [];
  const drainAll = (): void => {
    const batch = pendingSlow.splice(0);
    for (let l = 1; l < listenerCount; l++) drain(l, batch);
  };
  const drain = (l: number, items: Array<{ notification: NotificationType; key: string; rv: string; initial: boolean }>): void => {
    for (const it of items) {
      buffers[l]!--;
      push({ component: "handler", kind: "handler.called", name, listener: l, notification: it.notification, key: it.key,
        resourceVersion: it.rv, ...(it.initial && it.notification === "add" ? { isInInitialList: true } : {}), pending: buffers[l]! }, 3);
      if (withQueue && l === 0) {
        const dedup = wqDirty.has(it.key);
        if (!dedup) {
          wqDirty.add(it.key);
          queueLen++;
        }
        push({ component: "workqueue", kind: "workqueue.add", queue: "controller", key: it.key, deduplicated: dedup, processing: false, length: queueLen }, 1);
      }
      push({ component: "handler", kind: "handler.returned", name, listener: l, notification: it.notification, key: it.key }, 1);
    }
  };
  let nextWorker = 0;
  const work = (): void => {
    if (!withQueue) return;
    const keys = [...wqDirty];
    for (const key of keys.slice(0, workerCount)) {
      const w = nextWorker++ % workerCount;
      wqDirty.delete(key);
      queueLen--;
      push({ component: "workqueue", kind: "workqueue.get", queue: "controller", key, worker: w, length: queueLen }, 2);
      push({ component: "worker", kind: "worker.reconcile", controller: "controller", worker: w, key }, 1);
      const fail = rnd() < 0.2;
      push({ component: "worker", kind: "worker.result", controller: "controller", worker: w, key, result: fail ? "error" : "success",
        ...(fail ? { message: "conflict, retrying" } : {}) }, 4);
      if (fail) {
        push({ component: "workqueue", kind: "workqueue.rateLimited", queue: "controller", key, delayMs: 5, requeues: 1 }, 1);
        push({ component: "workqueue", kind: "workqueue.addAfter", queue: "controller", key, delayMs: 5, readyAt: time + 5 }, 0);
      } else {
        push({ component: "workqueue", kind: "workqueue.forget", queue: "controller", key }, 1);
      }
      push({ component: "workqueue", kind: "workqueue.done", queue: "controller", key, requeued: false, length: queueLen }, 1);
      if (fail) {
        wqDirty.add(key);
        queueLen++;
        push({ component: "workqueue", kind: "workqueue.add", queue: "controller", key, deduplicated: false, processing: false, length: queueLen }, 5);
      }
    }
  };

  // ── the run ──
  push({ component: "runner", kind: "runner.start", seed: options.seed ?? 7, durationMs: 60_000 });
  const keys: string[] = [];
  for (let i = 0; i < podCount; i++) {
    const key = `default/${i % 3 === 2 ? "db" : "web"}-${i + 1}`;
    keys.push(key);
    write("ADDED", key);
  }
  push({ component: "indexer", kind: "indexer.indexAdded", name, indexName: "namespace" }, 1);
  for (let l = 0; l < listenerCount; l++) {
    push({ component: "processor", kind: "processor.listenerAdded", name, listener: l, resyncPeriodMs: l === 1 ? 30_000 : 0 }, 0);
  }
  if (withQueue) {
    for (let w = 0; w < workerCount; w++) push({ component: "worker", kind: "worker.started", controller: "controller", worker: w }, 0);
  }
  const listAndWatch = (fromRV: string): void => {
    push({ component: "reflector", kind: "reflector.state", name, state: "listing" }, 1);
    push({ component: "reflector", kind: "reflector.list.start", name, resourceVersion: fromRV }, 1);
    const id = ++requestId;
    push({ component: "server", kind: "server.request", requestId: id, verb: "list", resource: "pods", client: "reflector:pods", resourceVersion: fromRV }, 1);
    push({ component: "server", kind: "server.response", requestId: id, verb: "list", resource: "pods", code: 200, resourceVersion: String(rv), items: server.size }, 2);
    push({ component: "reflector", kind: "reflector.list.done", name, resourceVersion: String(rv), items: server.size }, 1);
    for (const [key, obj] of server) queue(key, { type: "Sync", rv: obj.metadata.resourceVersion ?? "" });
    push({ component: "fifo", kind: "fifo.replace", name, items: server.size, resourceVersion: String(rv), tombstones: 0 }, 1);
    push({ component: "reflector", kind: "reflector.rv", name, resourceVersion: String(rv) }, 0);
    push({ component: "reflector", kind: "reflector.state", name, state: "watching" }, 1);
    push({ component: "reflector", kind: "reflector.watch.start", name, resourceVersion: String(rv), timeoutSeconds: 300 }, 1);
    const wid = ++watchId;
    push({ component: "server", kind: "server.request", requestId: ++requestId, verb: "watch", resource: "pods", client: "reflector:pods", resourceVersion: String(rv) }, 1);
    push({ component: "server", kind: "server.watch.opened", watchId: wid, resource: "pods", resourceVersion: String(rv), client: "reflector:pods" }, 1);
  };
  listAndWatch("");
  let initial = true;
  while (fifoOrder.length > 0) {
    popOne(initial);
    work();
  }
  drainAll();
  for (let l = 0; l < listenerCount; l++) push({ component: "listener", kind: "listener.synced", name, listener: l }, 1);
  initial = false;

  let created = podCount;
  for (let i = 0; i < writes; i++) {
    if (i === dropAfter) {
      push({ component: "fault", kind: "fault.injected", fault: "dropWatches" }, 10);
      push({ component: "server", kind: "server.watch.closed", watchId, resource: "pods", reason: "dropped" }, 0);
      push({ component: "reflector", kind: "reflector.watch.end", name, reason: "closed" }, 1);
      push({ component: "reflector", kind: "reflector.state", name, state: "watching" }, 1);
      push({ component: "reflector", kind: "reflector.watch.start", name, resourceVersion: String(rv), timeoutSeconds: 300 }, 1);
      push({ component: "server", kind: "server.watch.opened", watchId: ++watchId, resource: "pods", resourceVersion: String(rv), client: "reflector:pods" }, 1);
    }
    const r = rnd();
    let key: string;
    let type: "ADDED" | "MODIFIED" | "DELETED";
    if (r < 0.2 || server.size === 0) {
      key = `default/web-${++created}`;
      type = "ADDED";
    } else if (r < 0.3 && server.size > 2) {
      key = [...server.keys()][Math.floor(rnd() * server.size)]!;
      type = "DELETED";
    } else {
      key = [...server.keys()][Math.floor(rnd() * server.size)]!;
      type = "MODIFIED";
    }
    const obj = write(type, key);
    const orv = obj.metadata.resourceVersion ?? String(rv);
    push({ component: "server", kind: "server.watch.event", watchId, resource: "pods", type, key, resourceVersion: String(rv) }, 2);
    push({ component: "reflector", kind: "reflector.watch.event", name, type, key, resourceVersion: String(rv) }, 0);
    queue(key, { type: type === "ADDED" ? "Added" : type === "MODIFIED" ? "Updated" : "Deleted", rv: type === "DELETED" ? orv : String(rv) });
    push({ component: "reflector", kind: "reflector.rv", name, resourceVersion: String(rv) }, 0);
    // Sometimes let two events pile up in the FIFO before the informer pops.
    if (rnd() < 0.6) {
      popOne(false);
      work();
    }
  }
  while (fifoOrder.length > 0) {
    popOne(false);
    work();
  }
  drainAll();
  for (let i = 0; i < 3 && withQueue; i++) work();
  for (let i = 0; i < backlog; i++) {
    const key = `load/obj-${String(i).padStart(4, "0")}`;
    rv++;
    queue(key, { type: "Added", rv: String(rv) });
    if (i % 3 === 0) queue(key, { type: "Updated", rv: String(++rv) });
  }
  push({ component: "runner", kind: "runner.end", reason: "done" }, 1);
  return events;
}
