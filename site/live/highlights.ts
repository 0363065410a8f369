/**
 * The rare, instructive moments of a live run (wire.md §7.5): 410 → relist, bookmarks, reconnects,
 * watch ends, backoff and failed lists, picked out of the trace as it streams.
 *
 * Contract: `highlightOf(e, state)` (a typed event: read through the trace union, no casts) answers the highlight for a trace event or undefined; `state`
 * remembers, per informer (the event's `name`), whether a list or watch was already seen, so an
 * informer's first list/watch is not a "relist"/"reconnect"; texts name the informer when several run.
 */
import type { KnownTraceEvent } from "../../src/sim/index.js";
import type { LiveText } from "./live-i18n.js";

export type HighlightKind = "relist" | "expired" | "bookmark" | "reconnect" | "closed" | "backoff" | "error";
export interface Highlight { kind: HighlightKind; seq: number; time: number; text: string }
export interface HighlightState { lists: Map<string, number>; watches: Map<string, number> }

export function newHighlightState(): HighlightState {
  return { lists: new Map(), watches: new Map() };
}

/** The count before this one, for informer `name`, and one more. */
function bump(m: Map<string, number>, name: string): number {
  const n = m.get(name) ?? 0;
  m.set(name, n + 1);
  return n;
}

export function highlightOf(e: KnownTraceEvent, s: HighlightState, t: LiveText): Highlight | undefined {
  const name = e.component === "reflector" ? e.name : e.kind === "server.watch.event" ? e.resource : "";
  const several = s.lists.size > 1;
  const at = (kind: HighlightKind, text: string): Highlight => ({ kind, seq: e.seq, time: e.time, text: several && name !== "" ? `${name}: ${text}` : text });
  switch (e.kind) {
    case "reflector.list.start":
      if (e.continue !== undefined && e.continue !== "") return undefined;
      return bump(s.lists, name) > 0 ? at("relist", t.hl.relist) : undefined;
    case "reflector.watch.start":
      return bump(s.watches, name) > 0 ? at("reconnect", t.hl.reconnect(e.resourceVersion)) : undefined;
    case "reflector.watch.end":
      if (e.reason === "expired") return at("expired", t.hl.expired);
      if (e.reason === "stopped") return undefined;
      return at("closed", t.hl.closed(`${e.reason}${e.code !== undefined ? ` ${e.code}` : ""}`));
    case "server.watch.event":
      return e.type === "BOOKMARK" ? at("bookmark", t.hl.bookmark(e.resourceVersion)) : undefined;
    case "reflector.backoff":
      return at("backoff", t.hl.backoff(e.delayMs));
    case "reflector.list.error":
      return at("error", t.hl.listError(e.code));
    default:
      return undefined;
  }
}
