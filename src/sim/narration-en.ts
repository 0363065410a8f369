/**
 * Narration in English: one plain sentence per trace kind (see narration.ts for the contract).
 * Sentences say who acted ("Your code", "Your action", "The pods Reflector"), use the articles and
 * plurals English needs, print times with narration-words.ts (never a raw float), and turn every
 * internal token (a skip reason, a fault kind, a watch-end reason) into words.
 */
import type { FaultKind, TraceKind, TraceOf } from "./trace.js";
import { informerOfClient } from "./trace.js";
import {
  aVerb, anEvent, chips, count, duration, method, notification, numberList, object, origin, queueName, rv, time, verb,
} from "./narration-words.js";

export type Catalogue = { [K in TraceKind]: (e: TraceOf<K>) => string };

/** "The pods Reflector", "the pods Indexer" … (the informer's trace name before the box's name). */
const The = (name: string, box: string): string => `The ${name} ${box}`;
const the = (name: string, box: string): string => `the ${name} ${box}`;
const handler = (name: string, listener: number): string => `Handler #${listener} of ${the(name, "informer")}`;
const listenerOf = (name: string, listener: number): string => `Listener #${listener} of ${the(name, "informer")}`;

/** Why a status code failed, without the "0" of a connection that never answered. */
const status = (code: number | undefined, reason: string | undefined, message?: string): string => {
  const head = code === undefined || code === 0 ? "the connection failed" : `${code}${reason === undefined || reason === "" ? "" : ` ${reason}`}`;
  return `${head}${message === undefined || message === "" ? "" : ` (${message})`}`;
};

const FAULT: Record<FaultKind, string> = {
  dropWatches: "every open watch is dropped",
  compact: "the API server compacts its history",
  partition: "a network partition",
  heal: "the network heals",
  restart: "the API server restarts",
  throttle: "the API server throttles requests (429 Too Many Requests)",
  latency: "replies and watch events are delayed",
  slowHandler: "a handler is slowed down",
  slowConsumer: "watchers that read too slowly are cut off",
  watchError: "every open watch gets an error",
  stall: "every open watch stalls",
};

/** A fault's detail as the engine writes it ("downtime 500 ms", "* 200 ms ±50"), in words where it has numbers. */
function faultDetail(fault: FaultKind, detail: string | undefined): string {
  if (detail === undefined) return "";
  const n = /-?\d+(\.\d+)?/.exec(detail);
  switch (fault) {
    case "restart": return n === null ? "" : `, down for ${duration(Number(n[0]), "en")}`;
    case "latency": return n === null ? "" : ` by ${duration(Number(/(\d+(\.\d+)?) ms/.exec(detail)?.[1] ?? n[0]), "en")}`;
    case "watchError": return n === null ? "" : ` (${n[0]})`;
    case "slowConsumer": return detail === "off" ? " (turned off)" : n === null ? "" : ` (after ${n[0]} events waiting)`;
    default: return "";
  }
}

/** A runner.op's `detail` for a fault op ("dropWatches", "partition (timeout)"). */
function faultOp(detail: string | undefined): string {
  if (detail === "partition (timeout)") return "a network partition (timeouts)";
  if (detail === "partition") return "a network partition (connection refused)";
  return detail !== undefined && detail in FAULT ? FAULT[detail as FaultKind] : "a fault";
}

/** What a runner.op does, as a phrase ("label pod default/web-1 with touched=yes"). */
function opPhrase(e: TraceOf<"runner.op">): string {
  const what = e.key === undefined ? (e.resource ?? "") : object(e.resource, e.key, "en");
  const d = e.detail;
  switch (e.op) {
    case "fault": return faultOp(d);
    case "slowHandler": {
      const m = /^handler (\d+): (-?[\d.]+) ms/.exec(d ?? "");
      return m === null ? "slow a handler down" : `slow handler #${m[1]} down to ${duration(Number(m[2]), "en")} per notification`;
    }
    case "label": return `label ${what}${d === undefined ? "" : ` with ${d}`}`;
    case "bind": return `bind ${what}${d === undefined ? "" : ` to ${d}`}`;
    case "delete": {
      const g = /gracePeriodSeconds=(\d+)/.exec(d ?? "");
      return `delete ${what}${g === null ? "" : ` (grace period ${duration(Number(g[1]) * 1000, "en")})`}`;
    }
    default: return `${e.op} ${what}`.trim();
  }
}

const WATCH_CLOSED: Record<TraceOf<"server.watch.closed">["reason"], string> = {
  timeout: "its timeout ran out", dropped: "the connection was dropped", stopped: "its client stopped it",
  expired: "its resourceVersion is too old (410 Expired)", slowConsumer: "its client read too slowly",
  restart: "the API server restarted", partition: "the network is partitioned", error: "an error",
};

const SKIPPED: Record<TraceOf<"fifo.skipped">["reason"], string> = {
  dedupDelete: "the key's list already ends with that delete",
  resyncQueued: "the key is already queued, so a resync adds nothing",
  unknownDelete: "the key is neither queued nor known to the cache, so there is nothing to delete",
};

export const en: Catalogue = {
  "server.request": (e) => {
    const who = origin(e.origin, e.client, informerOfClient(e.client), "en");
    const what = e.name === undefined ? e.resource : object(e.resource, `${e.namespace === undefined ? "" : `${e.namespace}/`}${e.name}`, "en");
    const from = e.resourceVersion === undefined ? "" : e.verb === "watch" ? ` from RV ${rv(e.resourceVersion)}` : ` at RV ${rv(e.resourceVersion)}`;
    const carried = e.verb !== "update" || e.origin !== "code" ? ""
      : e.objectResourceVersion === undefined ? ", without a resourceVersion (an unconditional write)" : `, carrying resourceVersion ${e.objectResourceVersion}`;
    return `${who} sent ${aVerb(e.verb)} for ${what}${from}${carried}.`;
  },
  "server.response": (e) => {
    if (e.code === 0) return `The ${verb(e.verb)} for ${e.resource} never got an answer: ${status(e.code, e.reason, e.message)}.`;
    if (e.code >= 400) return `The API server refused the ${verb(e.verb)} of ${e.resource}: ${status(e.code, e.reason, e.message)}.`;
    return `The API server answered the ${verb(e.verb)} for ${e.resource} with ${e.code}` +
      `${e.items === undefined ? "" : ` (${count(e.items, "item")})`}${e.resourceVersion === undefined ? "" : ` at RV ${rv(e.resourceVersion)}`}.`;
  },
  "server.write": (e) => e.type === "ADDED"
    ? `The API server stored the new ${object(e.resource, e.key, "en")} at RV ${e.resourceVersion}.`
    : e.type === "MODIFIED"
      ? `The API server stored a change to ${object(e.resource, e.key, "en")} at RV ${e.resourceVersion}.`
      : `The API server deleted ${object(e.resource, e.key, "en")} at RV ${e.resourceVersion}.`,
  "server.watch.opened": (e) => {
    const inf = informerOfClient(e.client);
    const forWhom = inf !== undefined ? ` for ${the(inf, "Reflector")}` : e.client === undefined ? "" : ` for ${e.client}`;
    return `The API server opened watch #${e.watchId} on ${e.resource} from RV ${rv(e.resourceVersion)}${forWhom}.`;
  },
  "server.watch.event": (e) =>
    e.type === "ERROR"
      ? `The API server sent an ERROR on watch #${e.watchId}: ${status(e.code, e.reason)}.`
      : e.type === "BOOKMARK"
        ? `The API server sent a BOOKMARK at RV ${e.resourceVersion} on watch #${e.watchId}${e.initialEventsEnd === true ? ", marking the end of the initial events" : ""}.`
        : `The API server sent ${anEvent(e.type)} event${e.key === undefined ? "" : ` for ${e.key}`} at RV ${e.resourceVersion} on watch #${e.watchId}.`,
  "server.watch.closed": (e) => `Watch #${e.watchId} on ${e.resource} closed: ${WATCH_CLOSED[e.reason]}.`,
  "server.compacted": (e) => `The API server compacted its history up to RV ${e.resourceVersion}; a watch from an older RV now gets 410 Expired.`,
  "server.restarted": (e) => `The API server restarted at RV ${e.resourceVersion}; every watch was cut.`,
  "fault.injected": (e) => e.fault === "partition"
    ? (e.detail === "timeout"
      ? "Fault: a network partition (timeouts). Packets go nowhere: requests and watch streams hang until the client's HTTP/2 health check declares its connection lost, 45 s after it last read anything; a new connection's dial then gives up after 30 s."
      : "Fault: a network partition (connection refused). Requests fail at once; watches drop.")
    : `Fault: ${FAULT[e.fault]}${faultDetail(e.fault, e.detail)}.`,
  "reflector.state": (e) =>
    e.state === "listing" ? `${The(e.name, "Reflector")} is now listing.`
      : e.state === "watching" ? `${The(e.name, "Reflector")} is now watching.`
        : e.state === "backoff" ? `${The(e.name, "Reflector")} is now backing off.`
          : `${The(e.name, "Reflector")} has stopped.`,
  "reflector.list.start": (e) => e.streaming === true
    ? `${The(e.name, "Reflector")} starts a streaming list from RV ${rv(e.resourceVersion)}: one WATCH that sends every object first.`
    : `${The(e.name, "Reflector")} starts a LIST from RV ${rv(e.resourceVersion)}${e.limit === undefined ? "" : `, in pages of ${e.limit}`}.`,
  "reflector.list.done": (e) => `${The(e.name, "Reflector")} listed ${count(e.items, "item")} at RV ${e.resourceVersion}.`,
  "reflector.list.error": (e) => `${The(e.name, "Reflector")}'s LIST failed: ${status(e.code, e.reason, e.message)}.`,
  "reflector.watch.start": (e) =>
    `${The(e.name, "Reflector")} starts watching from RV ${rv(e.resourceVersion)} (timeout ${duration(e.timeoutSeconds * 1000, "en")}).`,
  "reflector.watch.event": (e) =>
    `${The(e.name, "Reflector")} received ${anEvent(e.type)}${e.type === "BOOKMARK" || e.type === "ERROR" ? "" : " event"}${e.key === undefined ? "" : ` for ${e.key}`} at RV ${e.resourceVersion}.`,
  "reflector.watch.end": (e) => {
    const why = e.reason === "closed" ? "the server closed it, so it watches again"
      : e.reason === "expired" ? `its RV is too old (${status(e.code ?? 410, "Expired")}), so it lists again`
        : e.reason === "error" ? status(e.code, undefined, e.message)
          : e.reason === "stopped" ? "it was stopped"
            : "it ended very soon after it started, so it backs off before trying again";
    return `${The(e.name, "Reflector")}'s watch ended: ${why}.`;
  },
  "reflector.backoff": (e) => `${The(e.name, "Reflector")} backs off for ${duration(e.delayMs, "en")} before retrying.`,
  "reflector.rv": (e) => `${The(e.name, "Reflector")}'s last synced resourceVersion is now ${e.resourceVersion}.`,
  "reflector.resync": (e) => `${The(e.name, "Reflector")} asks its queue to resync every cached object.`,
  "reflector.watchErrorHandler": (e) => `ListAndWatch failed, so ${the(e.name, "Reflector")} calls your watch error handler with: ${e.message}.`,
  "fifo.queued": (e) => e.fifoKind === undefined
    ? `DeltaFIFO queued ${e.delta.type} for ${e.key} (RV ${rv(e.delta.rv)}); key ${e.key} now holds ${chips(e.deltas)}` +
      `${e.newKey ? `, new at the tail (${count(e.queueLength, "key")} queued)` : ""}.`
    : `${queueName(e.fifoKind, "en")} queued ${e.delta.type} for ${e.key} (RV ${rv(e.delta.rv)}) at the tail (${count(e.queueLength, "entry", "entries")} queued).`,
  "fifo.skipped": (e) => `${queueName(e.fifoKind, "en")} skipped ${e.delta.type} for ${e.key}: ${SKIPPED[e.reason]}.`,
  "fifo.replace": (e) => e.fifoKind === "realAtomic"
    ? `${queueName(e.fifoKind, "en")} queued the whole list of ${count(e.items, "item")} at RV ${e.resourceVersion} as one ReplacedAll entry.`
    : `${queueName(e.fifoKind, "en")} replaced its contents with a list of ${count(e.items, "item")} at RV ${e.resourceVersion}` +
      `${e.tombstones > 0 ? `, adding ${count(e.tombstones, "tombstone delete")}` : ""}.`,
  "fifo.popped": (e) =>
    `${queueName(e.fifoKind, "en")} popped ${e.key === "" ? chips(e.deltas) : `${e.key} with ${chips(e.deltas)}`}${e.isInInitialList ? " (initial list)" : ""}` +
    `${e.batch !== undefined ? `, in a batch of ${e.batch}` : ""}; ${e.fifoKind === undefined ? count(e.queueLength, "key") : count(e.queueLength, "entry", "entries")} left.`,
  "fifo.closed": (e) => `${queueName(e.fifoKind, "en")} closed.`,
  "indexer.write": (e) =>
    `${The(e.name, "Indexer")} ${e.op === "add" ? "added" : e.op === "update" ? "updated" : "deleted"} ${e.key}${e.op === "delete" ? "" : ` at RV ${e.resourceVersion}`}.`,
  "indexer.replace": (e) => `${The(e.name, "Indexer")} replaced its contents with ${count(e.items, "item")}.`,
  "indexer.indexAdded": (e) => `${The(e.name, "Indexer")} gained the index "${e.indexName}".`,
  "indexer.query": (e) => `Your code read ${the(e.name, "Indexer")}: index "${e.indexName}" = "${e.value}" gave ${count(e.items, "object")}.`,
  "lister.query": (e) => e.op === "get"
    ? `Your code got ${e.key ?? "?"} from ${the(e.name, "lister")} (the cache, not the API server): ` +
      `${e.items > 0 ? `found, RV ${rv(e.resourceVersion)}` : "not there, so get throws NotFound"}.`
    : `Your code listed ${the(e.name, "lister")}${e.namespace ? ` in namespace ${e.namespace}` : ""}` +
      `${e.selector ? ` with selector "${e.selector}"` : ""} (the cache, not the API server): ${count(e.items, "object")}.`,
  "processor.distribute": (e) =>
    `${The(e.name, "shared processor")} sends ${notification(e.notification, "en")} for ${e.key} (RV ${rv(e.resourceVersion)}, from ${anEvent(e.deltaType)} delta` +
    `${e.sync ? ", a resync" : ""}) to ${e.listeners.length === 0 ? "no listener" : `${e.listeners.length === 1 ? "listener" : "listeners"} ${numberList(e.listeners, "en")}`}.`,
  "processor.listenerAdded": (e) =>
    `${The(e.name, "shared processor")} added listener #${e.listener}${e.resyncPeriodMs > 0 ? `, with a resync every ${duration(e.resyncPeriodMs, "en")}` : ""}` +
    `${e.requestedResyncMs === undefined ? "" : e.requestedResyncMs > 0
      ? ` (its handler asked for ${duration(e.requestedResyncMs, "en")})` : " (its handler asked for no resync)"}.`,
  "processor.listenerRemoved": (e) => `${The(e.name, "shared processor")} removed listener #${e.listener}.`,
  "processor.resyncCheck": (e) =>
    e.listeners.length === 0 ? `${The(e.name, "shared processor")} checked resync: no listener is due.`
      : `${The(e.name, "shared processor")} checked resync: ${e.listeners.length === 1 ? "listener" : "listeners"} ${numberList(e.listeners, "en")} ${e.listeners.length === 1 ? "is" : "are"} due.`,
  "listener.buffered": (e) =>
    `${listenerOf(e.name, e.listener)} buffered ${notification(e.notification, "en")} for ${e.key} (RV ${rv(e.resourceVersion)}); ${e.pending} pending.`,
  "listener.synced": (e) => `${listenerOf(e.name, e.listener)} has synced: it delivered the whole initial list.`,
  "handler.called": (e) =>
    `${handler(e.name, e.listener)} is called: ${method(e.notification)}(${e.key}` +
    `${e.notification === "update" && e.oldResourceVersion !== undefined ? `, RV ${e.oldResourceVersion} → ${e.resourceVersion}` : `, RV ${rv(e.resourceVersion)}`})` +
    `${e.tombstone === true ? " with a DeletedFinalStateUnknown tombstone" : ""}${e.isInInitialList === true ? " from the initial list" : ""}.`,
  "handler.returned": (e) => `${handler(e.name, e.listener)} returned from ${method(e.notification)}(${e.key}).`,
  "handler.threw": (e) => `${handler(e.name, e.listener)} threw in ${method(e.notification)}(${e.key}): ${e.message}${e.line === undefined ? "" : ` (line ${e.line})`}.`,
  "workqueue.add": (e) =>
    e.deduplicated
      ? `Workqueue ${e.queue}: ${e.key} is already waiting, so adding it again changes nothing.`
      : e.processing
        ? `Workqueue ${e.queue}: ${e.key} is being processed, so it is marked dirty and will be queued again when done.`
        : `Workqueue ${e.queue} queued ${e.key} (${e.length} waiting).`,
  "workqueue.get": (e) => `${e.worker === undefined ? "A worker" : `Worker #${e.worker}`} took ${e.key} from workqueue ${e.queue} (${e.length} left).`,
  "workqueue.done": (e) =>
    `Workqueue ${e.queue}: done with ${e.key}${e.requeued ? "; it was added again meanwhile, so it goes back in the queue" : ""}.`,
  "workqueue.addAfter": (e) => `Workqueue ${e.queue} will add ${e.key} after ${duration(e.delayMs, "en")} (at ${time(e.readyAt, "en")}).`,
  "workqueue.rateLimited": (e) => `Workqueue ${e.queue} rate-limits ${e.key}: retry #${e.requeues} in ${duration(e.delayMs, "en")}.`,
  "workqueue.forget": (e) => `Workqueue ${e.queue} forgot the failures of ${e.key}.`,
  "workqueue.shutdown": (e) => `Workqueue ${e.queue} shuts down${e.drain ? " after draining" : ""}.`,
  "worker.started": (e) => `Worker #${e.worker} of ${e.controller} started.`,
  "worker.reconcile": (e) => `Worker #${e.worker} reconciles ${e.key}.`,
  "worker.result": (e) =>
    `Worker #${e.worker} ${e.result === "success" ? "reconciled" : e.result === "error" ? "failed to reconcile" : "asked to requeue"} ${e.key}` +
    `${e.message === undefined ? "" : ` (${e.message})`}${e.requeueAfterMs === undefined ? "" : `, again in ${duration(e.requeueAfterMs, "en")}`}.`,
  "worker.stopped": (e) => `Worker #${e.worker} of ${e.controller} stopped.`,
  "runner.start": (e) => `The run starts (seed ${e.seed}, ${duration(e.durationMs, "en")} of virtual time).`,
  "runner.op": (e) => {
    const who = e.learner ? "Your action" : "The scenario";
    if (e.detail?.startsWith("failed: ") === true) {
      return `${who} failed: ${opPhrase({ ...e, detail: undefined } as TraceOf<"runner.op">)}: ${e.detail.slice("failed: ".length)}.`;
    }
    return `${who}: ${opPhrase(e)}.`;
  },
  "runner.log": (e) => `Your code logged: ${e.text}`,
  "runner.cacheSync": (e) =>
    `Your waitForCacheSync returned ${e.synced}: ${e.results.map((r, i) => `${e.resources?.[i] ?? `#${i + 1}`} ${r ? "synced" : "not synced"}`).join(", ") || "nothing to wait for"}.`,
  "runner.error": (e) => `Your code threw: ${e.message}${e.line === undefined ? "" : ` (line ${e.line})`}.`,
  "runner.end": (e) =>
    e.reason === "done" ? "The run ended." : e.reason === "timeout" ? "The run was stopped: it took too long."
      : e.reason === "eventLimit" ? "The run was stopped: too many trace events." : "The run ended with an error.",
};
