/**
 * The rare, instructive moments of a live run (wire.md §7.5): 410 → relist, bookmarks, reconnects,
 * watch ends, backoff and failed lists, picked out of the trace as it streams.
 *
 * Contract: `highlightOf(e, state)` answers the highlight for a trace event or undefined; `state`
 * remembers whether a list or watch was already seen, so the first list/watch is not a "relist"/"reconnect".
 */
import type { TraceEvent } from "../../src/sim/index.js";
import type { LiveText } from "./live-i18n.js";

export type HighlightKind = "relist" | "expired" | "bookmark" | "reconnect" | "closed" | "backoff" | "error";
export interface Highlight { kind: HighlightKind; seq: number; time: number; text: string }
export interface HighlightState { lists: number; watches: number }

export function highlightOf(e: TraceEvent, s: HighlightState, t: LiveText): Highlight | undefined {
  const at = (kind: HighlightKind, text: string): Highlight => ({ kind, seq: e.seq, time: e.time, text });
  const d = e as TraceEvent & { reason?: string; resourceVersion?: string; type?: string; delayMs?: number; code?: number };
  switch (e.kind) {
    case "reflector.list.start":
      if (d["continue"] !== undefined && d["continue"] !== "") return undefined;
      return s.lists++ > 0 ? at("relist", t.hl.relist) : undefined;
    case "reflector.watch.start":
      return s.watches++ > 0 ? at("reconnect", t.hl.reconnect(d.resourceVersion ?? "")) : undefined;
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
