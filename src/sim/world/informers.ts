/**
 * The informer slices of the world: each informer's reflector, FIFO, indexer, processor, listeners and
 * handlers, by informer name (all of an informer's components trace under its name).
 *
 * Contract:
 * - `reduceInformers(w, e)` folds one reflector/fifo/indexer/processor/listener/handler event (mutating
 *   `w`), and moves the focus to its informer. It copies what the payloads say; the only bookkeeping it
 *   adds is which entry leaves a FIFO on pop and which buffered notification a handler call consumes.
 * - `fifoKind` is set from the informer's first fifo event (its `fifoKind`, or "delta" without one).
 * - Handler events record `lastHandler` (the lane a later workqueue.add token starts from).
 * - An exhaustive switch ending in `never`: a new kind of these components fails the build here.
 */
import type { KnownTraceEvent } from "../trace.js";
import { HeadQueue } from "./head-queue.js";
import { informer, listener, logHandler, trimBuffer, type FifoView, type WorldView } from "./world.js";

export type InformerEvent = Extract<KnownTraceEvent, {
  component: "reflector" | "fifo" | "indexer" | "processor" | "listener" | "handler";
}>;

/** A reflector's last error: "410 Expired"; a connection that never answered (code 0) shows only its text. */
function errorText(code: number | undefined, text: string): string {
  return code === undefined || code === 0 ? text : `${code} ${text}`;
}

/** An HTTP status as "410 Expired" (the code alone without a reason); null for a connection that never answered. */
function statusText(code: number | undefined, reason: string | undefined): string | null {
  if (code === undefined || code === 0) return null;
  return reason === undefined ? String(code) : `${code} ${reason}`;
}

/** The informer's FIFO slice; the first fifo event tells the queue kind. */
function fifoOf(w: WorldView, event: Extract<InformerEvent, { component: "fifo" }>): FifoView {
  const inf = informer(w, event.name);
  if (inf.fifoKind === null) inf.fifoKind = event.fifoKind ?? "delta";
  return inf.fifo;
}

export function reduceInformers(w: WorldView, event: InformerEvent): void {
  switch (event.kind) {
    case "reflector.state": {
      const r = informer(w, event.name).reflector;
      r.state = event.state;
      if (event.state !== "backoff") r.backoffMs = null;
      if (event.state === "stopped") r.pending = null;
      break;
    }
    case "reflector.list.start": {
      const r = informer(w, event.name).reflector;
      // A streaming list (watchList) is a WATCH with sendInitialEvents on the wire, never a LIST.
      r.pending = event.streaming === true
        ? { verb: "watch", resourceVersion: event.resourceVersion, sendInitialEvents: true }
        : { verb: "list", resourceVersion: event.resourceVersion };
      r.heardAt = event.time;
      break;
    }
    case "reflector.list.done": {
      const r = informer(w, event.name).reflector;
      // The end of a streaming list's initial events: its watch stays open, now an ordinary watch.
      r.pending = r.pending?.sendInitialEvents === true ? { verb: "watch", resourceVersion: r.pending.resourceVersion } : null;
      r.lastError = null;
      r.lastErrorDetail = null;
      break;
    }
    case "reflector.list.error": {
      const r = informer(w, event.name).reflector;
      r.pending = null;
      r.lastError = errorText(event.code, event.reason);
      // the error the Reflector ends its ListAndWatch with (src/cache/reflector.ts; client-go reflector.go
      // list(): fmt.Errorf("failed to list %v: %w", r.typeDescription, err)), e.g. `failed to list *v1.Pod:
      // Get "https://10.96.0.1:443/api/v1/pods?limit=500&resourceVersion=0": dial tcp 10.96.0.1:443: i/o timeout`
      r.lastErrorDetail = { request: "list", text: `failed to list ${event.type ?? event.name}: ${event.message}`, status: statusText(event.code, event.reason) };
      break;
    }
    case "reflector.watch.start": {
      const r = informer(w, event.name).reflector;
      r.pending = event.sendInitialEvents === true
        ? { verb: "watch", resourceVersion: event.resourceVersion, sendInitialEvents: true }
        : { verb: "watch", resourceVersion: event.resourceVersion };
      r.heardAt = event.time;
      break;
    }
    case "reflector.watch.event": {
      informer(w, event.name).reflector.heardAt = event.time;
      break;
    }
    case "reflector.watch.end": {
      const r = informer(w, event.name).reflector;
      r.pending = null;
      if (event.reason === "expired" || event.reason === "error") {
        r.lastError = errorText(event.code, event.message ?? event.reason);
        r.lastErrorDetail = { request: "watch", text: event.message ?? event.reason, status: statusText(event.code, undefined) };
      }
      break;
    }
    case "reflector.backoff": {
      const r = informer(w, event.name).reflector;
      r.backoffMs = event.delayMs;
      break;
    }
    case "reflector.rv": {
      informer(w, event.name).reflector.lastRV = event.resourceVersion;
      break;
    }
    case "reflector.resync": case "reflector.watchErrorHandler": {
      informer(w, event.name);
      break;
    }
    // ── FIFO ──
    case "fifo.queued": {
      const fifo = fifoOf(w, event);
      fifo.lastPopped = null;
      if (event.newKey) {
        fifo.entries.push({ key: event.key, deltas: event.deltas });
      } else {
        const i = fifo.entries.findLastIndex((e) => e.key === event.key);
        if (i >= 0) fifo.entries.set(i, { key: event.key, deltas: event.deltas });
        else fifo.entries.push({ key: event.key, deltas: event.deltas });
      }
      break;
    }
    case "fifo.skipped": {
      fifoOf(w, event).lastPopped = null;
      break;
    }
    case "fifo.replace": {
      fifoOf(w, event).lastPopped = null;
      break;
    }
    case "fifo.popped": {
      const fifo = fifoOf(w, event);
      fifo.entries.removeFirst((e) => e.key === event.key);
      fifo.lastPopped = { key: event.key, deltas: event.deltas };
      break;
    }
    case "fifo.closed": {
      fifoOf(w, event).closed = true;
      break;
    }
    // ── indexer ──
    case "indexer.write": {
      const idx = informer(w, event.name).indexer;
      if (event.op === "delete") {
        idx.objects.delete(event.key);
        idx.indexValues.delete(event.key);
      } else {
        idx.objects.set(event.key, {
          key: event.key, rv: event.resourceVersion, ...(event.object === undefined ? {} : { object: event.object }),
        });
        idx.indexValues.set(event.key, event.indexes);
        for (const name of Object.keys(event.indexes)) {
          if (!idx.indexNames.includes(name)) idx.indexNames.push(name);
        }
      }
      break;
    }
    case "indexer.replace": {
      informer(w, event.name).indexer.lastReplaceItems = event.items;
      break;
    }
    case "indexer.query": case "lister.query":
      break; // a read: nothing in the cache changes
    case "indexer.indexAdded": {
      const idx = informer(w, event.name).indexer;
      if (!idx.indexNames.includes(event.indexName)) idx.indexNames.push(event.indexName);
      break;
    }
    // ── processor ──
    case "processor.distribute": {
      informer(w, event.name);
      break;
    }
    case "processor.listenerAdded": {
      const l = listener(informer(w, event.name), event.listener);
      l.resyncPeriodMs = event.resyncPeriodMs;
      l.removed = false;
      break;
    }
    case "processor.listenerRemoved": {
      const l = listener(informer(w, event.name), event.listener);
      l.removed = true;
      l.buffer = new HeadQueue();
      break;
    }
    case "processor.resyncCheck": {
      informer(w, event.name);
      break;
    }
    // ── listeners ──
    case "listener.buffered": {
      const l = listener(informer(w, event.name), event.listener);
      l.buffer.push({ notification: event.notification, key: event.key, rv: event.resourceVersion });
      trimBuffer(l, event.pending);
      break;
    }
    case "listener.synced": {
      listener(informer(w, event.name), event.listener).synced = true;
      break;
    }
    // ── handlers ──
    case "handler.called": {
      const l = listener(informer(w, event.name), event.listener);
      const found = l.buffer.removeFirst((n) => n.key === event.key && n.notification === event.notification);
      if (!found && l.buffer.length > 0) l.buffer.shift();
      trimBuffer(l, event.pending);
      l.active = { notification: event.notification, key: event.key, rv: event.resourceVersion };
      l.calls++;
      w.handlerCalls++;
      w.lastHandler = { stage: "handler", index: event.listener };
      logHandler(w, {
        step: event.seq, informer: event.name, listener: event.listener, notification: event.notification,
        key: event.key, rv: event.resourceVersion, outcome: "called",
        ...(event.oldResourceVersion === undefined ? {} : { oldRv: event.oldResourceVersion }),
      });
      break;
    }
    case "handler.returned": {
      const l = listener(informer(w, event.name), event.listener);
      w.lastHandler = { stage: "handler", index: event.listener };
      const rv = l.active?.rv ?? "";
      l.active = null;
      logHandler(w, {
        step: event.seq, informer: event.name, listener: event.listener, notification: event.notification,
        key: event.key, rv, outcome: "returned",
      });
      break;
    }
    case "handler.threw": {
      const l = listener(informer(w, event.name), event.listener);
      w.lastHandler = { stage: "handler", index: event.listener };
      const rv = l.active?.rv ?? "";
      l.active = null;
      l.errors++;
      logHandler(w, {
        step: event.seq, informer: event.name, listener: event.listener, notification: event.notification,
        key: event.key, rv, outcome: "threw", message: event.message,
      });
      break;
    }
    default: {
      const unknown: never = event;
      throw new Error(`WorldView: unknown informer kind ${(unknown as { kind: string }).kind}`);
    }
  }
}
