/**
 * The rare, instructive moments of a live run (wire.md §7.5): 410 → relist, bookmarks, reconnects,
 * watch ends, backoff and failed lists, picked out of the trace as it streams.
 *
 * Contract: `highlightOf(e, state)` answers the highlight for a trace event or undefined; `state`
 * remembers, per informer (the event's `name`), whether a list or watch was already seen, so an
 * informer's first list/watch is not a "relist"/"reconnect"; texts name the informer when several run.
 */
import type { TraceEvent } from "../../src/sim/index.js";
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

export function highlightOf(e: TraceEvent, s: HighlightState, t: LiveText): Highlight | undefined {
  const d = e as TraceEvent & { reason?: string; resourceVersion?: string; type?: string; delayMs?: number; code?: number; name?: string; resource?: string };
  const name = d.name ?? d.resource ?? "";
  const several = s.lists.size > 1;
  const at = (kind: HighlightKind, text: string): Highlight => ({ kind, seq: e.seq, time: e.time, text: several && name !== "" ? `${name}: ${text}` : text });
  switch (e.kind) {
    case "reflector.list.start":
      if (d["continue"] !== undefined && d["continue"] !== "") return undefined;
      return bump(s.lists, name) > 0 ? at("relist", t.hl.relist) : undefined;
    case "reflector.watch.start":
      return bump(s.watches, name) > 0 ? at("reconnect", t.hl.reconnect(d.resourceVersion ?? "")) : undefined;
    case "reflector.watch.end":
      if (d.reason === "expired") return at("expired", t.hl.expired);
      if (d.reason === "stopped") return undefined;
      return at("closed", t.hl.closed(`${d.reason ?? ""}${d.code !== undefined ? ` ${d.code}` : ""}`));
    case "server.watch.event":
      return d.type === "BOOKMARK" ? at("bookmark", t.hl.bookmark(d.resourceVersion ?? "")) : undefined;
    case "reflector.backoff":
      return at("backoff", t.hl.backoff(d.delayMs ?? 0));
    case "reflector.list.error":
      return at("error", t.hl.listError(d.code ?? 0));
    default:
      return undefined;
  }
}
