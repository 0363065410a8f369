/**
 * Run-vs-run comparison — where a new run's trace first departs from the previous run's, and what
 * differs in the world there.
 *
 * Contract:
 * - Two events are equal when their payloads are equal (key order ignored; `seq` is the position, so it
 *   is not compared separately). Virtual `time` is compared: the same event one tick later differs.
 *   `src` (where in the learner's code a handler or log call is) is not: code that only moved, e.g.
 *   under a new comment line, behaves the same.
 * - `firstDifference(previous, current)` returns undefined when the traces are equal, else the first step
 *   n (1-based, as everywhere in the UI) whose event differs or exists in only one trace, with both
 *   events and a summary of what differs in the two worlds after step n: handler calls (the handler log
 *   from the first differing step on), indexer contents (key → RV), FIFO keys and workqueue keys.
 * Pure: runs in Node, in a worker or on the page.
 */
import type { TraceEvent } from "./trace.js";
import { asKnown } from "./trace.js";
import type { HandlerLogEntry, WorldView } from "./view.js";
import { foldTrace } from "./view.js";

/** JSON with object keys sorted, so equal payloads give equal strings. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(",")}}`;
}

export function sameEvent(a: TraceEvent, b: TraceEvent): boolean {
  return canonicalJson(behaviour(a)) === canonicalJson(behaviour(b));
}

/** An event without its learner-source position. */
function behaviour(e: TraceEvent): TraceEvent {
  if (e["src"] === undefined) return e;
  const { src: _src, ...rest } = e;
  return rest as TraceEvent;
}

export interface KeyedChange { key: string; previous: string | null; current: string | null }

export interface RunDifference {
  /** The first differing step (1-based). */
  step: number;
  previousEvent: TraceEvent | null;
  currentEvent: TraceEvent | null;
  /** Handler calls at and after the differing step, in each run's world (from its handler log). */
  handlerCalls: { previous: HandlerLogEntry[]; current: HandlerLogEntry[] };
  /** Indexer objects whose RV differs (null = absent), keyed "informer/key". */
  store: KeyedChange[];
  /** FIFO keys in queue order, per informer, where they differ. */
  fifoKeys: Array<{ informer: string; previous: string[]; current: string[] }>;
  /** Workqueue queued keys, where they differ. */
  queueKeys: Array<{ queue: string; previous: string[]; current: string[] }>;
  /** Total steps of each run. */
  previousLength: number;
  currentLength: number;
}

function storeMap(w: WorldView): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, inf] of w.informers) {
    for (const [key, o] of inf.indexer.objects) out.set(`${name}/${key}`, o.rv);
  }
  return out;
}

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** Compares two worlds (e.g. both runs after the first differing step). */
export function compareWorlds(previous: WorldView, current: WorldView, fromStep: number):
  Pick<RunDifference, "handlerCalls" | "store" | "fifoKeys" | "queueKeys"> {
  const ps = storeMap(previous);
  const cs = storeMap(current);
  const store: KeyedChange[] = [];
  for (const key of [...new Set([...ps.keys(), ...cs.keys()])].sort()) {
    const p = ps.get(key) ?? null;
    const c = cs.get(key) ?? null;
    if (p !== c) store.push({ key, previous: p, current: c });
  }
  const fifoKeys: RunDifference["fifoKeys"] = [];
  for (const name of [...new Set([...previous.informers.keys(), ...current.informers.keys()])].sort()) {
    const p = previous.informers.get(name)?.fifo.entries.map((e) => e.key) ?? [];
    const c = current.informers.get(name)?.fifo.entries.map((e) => e.key) ?? [];
    if (!sameList(p, c)) fifoKeys.push({ informer: name, previous: p, current: c });
  }
  const queueKeys: RunDifference["queueKeys"] = [];
  for (const name of [...new Set([...previous.workqueues.keys(), ...current.workqueues.keys()])].sort()) {
    const p = previous.workqueues.get(name)?.queue ?? [];
    const c = current.workqueues.get(name)?.queue ?? [];
    if (!sameList(p, c)) queueKeys.push({ queue: name, previous: p.slice(), current: c.slice() });
  }
  return {
    handlerCalls: {
      previous: previous.handlerLog.filter((h) => h.step >= fromStep),
      current: current.handlerLog.filter((h) => h.step >= fromStep),
    },
    store, fifoKeys, queueKeys,
  };
}

/** The first step where `current` departs from `previous`, or undefined if the runs are identical. */
export function firstDifference(previous: readonly TraceEvent[], current: readonly TraceEvent[]): RunDifference | undefined {
  const n = Math.min(previous.length, current.length);
  let i = 0;
  while (i < n && sameEvent(previous[i]!, current[i]!)) i++;
  if (i === n && previous.length === current.length) return undefined;
  const step = i + 1;
  const pw = foldTrace(previous, Math.min(step, previous.length));
  const cw = foldTrace(current, Math.min(step, current.length));
  return {
    step,
    previousEvent: i < previous.length ? asKnown(previous[i]!) : null,
    currentEvent: i < current.length ? asKnown(current[i]!) : null,
    ...compareWorlds(pw, cw, step),
    previousLength: previous.length,
    currentLength: current.length,
  };
}
