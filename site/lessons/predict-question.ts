/**
 * A predict card's question, pure (no DOM state): which event of a run it asks about, the engine's
 * answer in that run, and how a pick is judged.
 *
 * Contract: `predictEvent(trace, before)` is the `occurrence`-th (default 1) event of `before.kind` whose
 * other keys all match (dotted paths, compared as strings) with time ≥ `fromTime` — the same semantics
 * as the lessons' contract test. The question's step is that event's `seq`; `renderField(pick(event,
 * field))` is the engine's actual answer. `judge` prefers the engine's answer over the authored one.
 */
import type { TraceEvent } from "../../src/sim/index.js";

export type PredictBefore = Record<string, unknown> & { kind: string; occurrence?: number; fromTime?: number };

export interface PredictQuestion {
  id: string;
  before: PredictBefore;
  field: string;
  /** The authored answer (what the lesson's reference program gives). */
  answer: string;
}

/** A dotted path into a value ("delta.type"); undefined where a part is missing. */
export function pick(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split(".")) {
    if (typeof cur !== "object" || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** Deltas ⇒ "Type@rv" joined by spaces ("(tombstone)" suffix); other arrays ⇒ joined by ","; else String(v). */
export function renderField(v: unknown): string {
  if (Array.isArray(v)) {
    const isDelta = (d: unknown): d is { type: unknown; rv: unknown; tombstone?: unknown } =>
      typeof d === "object" && d !== null && "type" in d && "rv" in d;
    if (v.every(isDelta)) return v.map((d) => `${String(d.type)}@${String(d.rv)}${d.tombstone === true ? "(tombstone)" : ""}`).join(" ");
    return v.map((x) => String(x)).join(",");
  }
  return String(v);
}

/** The event a question precedes (see the contract above). */
export function predictEvent(trace: readonly TraceEvent[], before: PredictBefore): TraceEvent | undefined {
  const { kind, occurrence = 1, fromTime = 0, ...match } = before;
  const entries = Object.entries(match);
  let n = 0;
  for (const e of trace) {
    if (e.kind !== kind || e.time < Number(fromTime)) continue;
    if (!entries.every(([path, want]) => String(pick(e, path)) === String(want))) continue;
    if (++n === Number(occurrence)) return e;
  }
  return undefined;
}

/** The question's step in a run and the engine's value there; undefined when the run never gets there. */
export function questionStep(trace: readonly TraceEvent[], q: Pick<PredictQuestion, "before" | "field">): { step: number; actual: string } | undefined {
  const e = predictEvent(trace, q.before);
  return e === undefined ? undefined : { step: e.seq, actual: renderField(pick(e, q.field)) };
}

/** Reads a compiled card's machine fields; undefined for a card it cannot use. */
export function readQuestion(card: HTMLElement): PredictQuestion | undefined {
  const id = card.dataset["predictId"] ?? "";
  let before: unknown;
  try {
    before = JSON.parse(card.dataset["before"] ?? "null");
  } catch {
    return undefined;
  }
  if (id === "" || typeof before !== "object" || before === null || typeof (before as { kind?: unknown }).kind !== "string") return undefined;
  return { id, before: before as PredictBefore, field: card.dataset["field"] ?? "", answer: card.dataset["answer"] ?? "" };
}

/** The verdict of a pick: judged against the engine when the run reached the step, else the authored answer. */
export function judge(picked: string, answer: string, found: { actual: string } | undefined): { correct: boolean; checkedBy: "engine" | "lesson" } {
  if (found === undefined) return { correct: picked === answer, checkedBy: "lesson" };
  return { correct: picked === found.actual, checkedBy: "engine" };
}

