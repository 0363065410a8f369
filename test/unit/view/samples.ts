/**
 * One sample event of every trace kind. Typed as `{ [K in TraceKind]: TraceOf<K> }`, so a new kind in
 * src/sim/trace.ts fails the test build until it has a sample here (and so a reducer case and narration).
 */
import type { KnownTraceEvent, TraceEvent, TraceKind, TraceOf } from "../../../src/sim/trace.js";

const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "web-1", namespace: "default", resourceVersion: "42" } };

export const SAMPLES: { [K in TraceKind]: TraceOf<K> } = {
  "server.request": { component: "server", kind: "server.request", requestId: 1, verb: "list", resource: "pods", client: "reflector:pods", resourceVersion: "0" },
  "server.response": { component: "server", kind: "server.response", requestId: 1, verb: "list", resource: "pods", code: 200, resourceVersion: "42", items: 3 },
  "server.write": { component: "server", kind: "server.write", resource: "pods", key: "default/web-1", type: "MODIFIED", resourceVersion: "42", object: pod },
  "server.watch.opened": { component: "server", kind: "server.watch.opened", watchId: 3, resource: "pods", resourceVersion: "42", client: "reflector:pods" },
  "server.watch.event": { component: "server", kind: "server.watch.event", watchId: 3, resource: "pods", type: "MODIFIED", key: "default/web-1", resourceVersion: "43" },
  "server.watch.closed": { component: "server", kind: "server.watch.closed", watchId: 3, resource: "pods", reason: "dropped" },
  "server.compacted": { component: "server", kind: "server.compacted", resourceVersion: "40" },
  "server.restarted": { component: "server", kind: "server.restarted", resourceVersion: "44" },
  "fault.injected": { component: "fault", kind: "fault.injected", fault: "partition" },
  "reflector.state": { component: "reflector", kind: "reflector.state", name: "pods", state: "backoff" },
  "reflector.list.start": { component: "reflector", kind: "reflector.list.start", name: "pods", resourceVersion: "0" },
  "reflector.list.done": { component: "reflector", kind: "reflector.list.done", name: "pods", resourceVersion: "42", items: 3 },
  "reflector.list.error": { component: "reflector", kind: "reflector.list.error", name: "pods", code: 410, reason: "Expired", message: "too old resource version" },
  "reflector.watch.start": { component: "reflector", kind: "reflector.watch.start", name: "pods", resourceVersion: "42", timeoutSeconds: 300 },
  "reflector.watch.event": { component: "reflector", kind: "reflector.watch.event", name: "pods", type: "MODIFIED", key: "default/web-1", resourceVersion: "43" },
  "reflector.watch.end": { component: "reflector", kind: "reflector.watch.end", name: "pods", reason: "expired", code: 410, message: "too old" },
  "reflector.backoff": { component: "reflector", kind: "reflector.backoff", name: "pods", delayMs: 800 },
  "reflector.rv": { component: "reflector", kind: "reflector.rv", name: "pods", resourceVersion: "43" },
  "reflector.resync": { component: "reflector", kind: "reflector.resync", name: "pods" },
  "reflector.watchErrorHandler": { component: "reflector", kind: "reflector.watchErrorHandler", name: "pods", message: 'failed to list *v1.Pod: Get "https://10.96.0.1:443/api/v1/pods?resourceVersion=6": dial tcp 10.96.0.1:443: i/o timeout' },
  "fifo.queued": { component: "fifo", kind: "fifo.queued", name: "pods", key: "default/web-1", delta: { type: "Updated", rv: "43" },
    deltas: [{ type: "Updated", rv: "43" }], newKey: true, queueLength: 1 },
  "fifo.skipped": { component: "fifo", kind: "fifo.skipped", name: "pods", key: "default/web-1", delta: { type: "Deleted", rv: "43" }, reason: "dedupDelete" },
  "fifo.replace": { component: "fifo", kind: "fifo.replace", name: "pods", items: 3, resourceVersion: "42", tombstones: 1 },
  "fifo.popped": { component: "fifo", kind: "fifo.popped", name: "pods", key: "default/web-1", deltas: [{ type: "Updated", rv: "43" }], isInInitialList: false, queueLength: 0 },
  "fifo.closed": { component: "fifo", kind: "fifo.closed", name: "pods" },
  "indexer.write": { component: "indexer", kind: "indexer.write", name: "pods", op: "update", key: "default/web-1", resourceVersion: "43", object: pod, indexes: { namespace: ["default"] } },
  "indexer.replace": { component: "indexer", kind: "indexer.replace", name: "pods", items: 3 },
  "indexer.indexAdded": { component: "indexer", kind: "indexer.indexAdded", name: "pods", indexName: "byApp" },
  "indexer.query": { component: "indexer", kind: "indexer.query", name: "pods", indexName: "byApp", value: "web", items: 2 },
  "lister.query": { component: "indexer", kind: "lister.query", name: "pods", op: "get", key: "default/web-1", namespace: "default", items: 1, resourceVersion: "7" },
  "processor.distribute": { component: "processor", kind: "processor.distribute", name: "pods", notification: "update", key: "default/web-1", resourceVersion: "43", deltaType: "Updated", sync: false, listeners: [0, 1] },
  "processor.listenerAdded": { component: "processor", kind: "processor.listenerAdded", name: "pods", listener: 1, resyncPeriodMs: 1000 },
  "processor.listenerRemoved": { component: "processor", kind: "processor.listenerRemoved", name: "pods", listener: 1 },
  "processor.resyncCheck": { component: "processor", kind: "processor.resyncCheck", name: "pods", listeners: [1] },
  "listener.buffered": { component: "listener", kind: "listener.buffered", name: "pods", listener: 1, notification: "update", key: "default/web-1", resourceVersion: "43", pending: 1 },
  "listener.synced": { component: "listener", kind: "listener.synced", name: "pods", listener: 1 },
  "handler.called": { component: "handler", kind: "handler.called", name: "pods", listener: 1, notification: "update", key: "default/web-1", resourceVersion: "43", oldResourceVersion: "42", pending: 0 },
  "handler.returned": { component: "handler", kind: "handler.returned", name: "pods", listener: 1, notification: "update", key: "default/web-1" },
  "handler.threw": { component: "handler", kind: "handler.threw", name: "pods", listener: 1, notification: "update", key: "default/web-1", message: "boom", line: 12 },
  "workqueue.add": { component: "workqueue", kind: "workqueue.add", queue: "ctl", key: "default/web-1", deduplicated: false, processing: false, length: 1 },
  "workqueue.get": { component: "workqueue", kind: "workqueue.get", queue: "ctl", key: "default/web-1", worker: 0, length: 0 },
  "workqueue.done": { component: "workqueue", kind: "workqueue.done", queue: "ctl", key: "default/web-1", requeued: false, length: 0 },
  "workqueue.addAfter": { component: "workqueue", kind: "workqueue.addAfter", queue: "ctl", key: "default/web-2", delayMs: 50, readyAt: 150 },
  "workqueue.rateLimited": { component: "workqueue", kind: "workqueue.rateLimited", queue: "ctl", key: "default/web-2", delayMs: 50, requeues: 2 },
  "workqueue.forget": { component: "workqueue", kind: "workqueue.forget", queue: "ctl", key: "default/web-2" },
  "workqueue.shutdown": { component: "workqueue", kind: "workqueue.shutdown", queue: "ctl", drain: true },
  "worker.started": { component: "worker", kind: "worker.started", controller: "ctl", worker: 0 },
  "worker.reconcile": { component: "worker", kind: "worker.reconcile", controller: "ctl", worker: 0, key: "default/web-1" },
  "worker.result": { component: "worker", kind: "worker.result", controller: "ctl", worker: 0, key: "default/web-1", result: "requeue", requeueAfterMs: 100 },
  "worker.stopped": { component: "worker", kind: "worker.stopped", controller: "ctl", worker: 0 },
  "runner.start": { component: "runner", kind: "runner.start", seed: 1, durationMs: 1000 },
  "runner.op": { component: "runner", kind: "runner.op", op: "delete", resource: "pods", key: "default/web-1", learner: true },
  "runner.log": { component: "runner", kind: "runner.log", text: "Pod added: web-1" },
  "runner.cacheSync": { component: "runner", kind: "runner.cacheSync", synced: true, results: [true, true] },
  "runner.error": { component: "runner", kind: "runner.error", message: "TypeError: cannot read spec of null", line: 7 },
  "runner.end": { component: "runner", kind: "runner.end", reason: "timeout" },
};

export const ALL_KINDS = Object.keys(SAMPLES) as TraceKind[];

/** Stamps inputs with seq/time as a Recorder would. */
export function record(inputs: ReadonlyArray<TraceOf<TraceKind>>, startTime = 0): TraceEvent[] {
  return inputs.map((e, i) => ({ ...(e as object), seq: i + 1, time: startTime + i } as unknown as TraceEvent));
}

export function event<K extends TraceKind>(kind: K, patch: Partial<TraceOf<K>> = {}, seq = 1, time = 0): KnownTraceEvent {
  return { ...SAMPLES[kind], ...patch, seq, time } as unknown as KnownTraceEvent;
}
