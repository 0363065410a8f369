/**
 * The moments a learner hunts for in a run, found in its trace (pure; no DOM): the steps where
 * - `410`: the API server answers 410 Expired (a list or watch from a compacted resourceVersion), or a
 *   reflector's watch ends because its resourceVersion expired;
 * - `409`: the API server answers 409 (Conflict or AlreadyExists);
 * - `relist`: a reflector starts a LIST again after its first one (after a 410, a partition, a restart);
 * - `tombstone`: a DeletedFinalStateUnknown is queued or handed to a handler (a delete seen only by relist).
 *
 * Contract: `findMarks(trace)` lists each kind's steps in order (step n = trace[n - 1]);
 * `nextMark(steps, from)` is the first of them after `from`, else the first (wrapping), else undefined.
 */
import type { KnownTraceEvent } from "../../src/sim/index.js";

export const MARK_KINDS = ["410", "409", "relist", "tombstone"] as const;
export type MarkKind = (typeof MARK_KINDS)[number];

export function findMarks(trace: readonly KnownTraceEvent[]): Record<MarkKind, number[]> {
  const out: Record<MarkKind, number[]> = { "410": [], "409": [], relist: [], tombstone: [] };
  const listed = new Set<string>();
  trace.forEach((e, i) => {
    const step = i + 1;
    switch (e.kind) {
      case "server.response":
        if (e.code === 410) out["410"].push(step);
        else if (e.code === 409) out["409"].push(step);
        break;
      case "reflector.watch.end":
        if (e.reason === "expired") out["410"].push(step);
        break;
      case "reflector.list.start": {
        const name = e.name;
        if (listed.has(name)) out.relist.push(step);
        listed.add(name);
        break;
      }
      case "handler.called":
        if (e.tombstone === true) out.tombstone.push(step);
        break;
      case "fifo.queued":
        if (e.delta.tombstone === true) out.tombstone.push(step);
        break;
      default:
        break;
    }
  });
  for (const k of MARK_KINDS) out[k] = [...new Set(out[k])].sort((a, b) => a - b);
  return out;
}

export function nextMark(steps: readonly number[], from: number): number | undefined {
  return steps.find((s) => s > from) ?? steps[0];
}
