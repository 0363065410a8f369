/**
 * The page's check of every message the run worker sends (issue 14: the worker runs untrusted code, so
 * its messages are untrusted input).
 *
 * Contract: `checkMessage(raw, state)` returns the typed message (with `events` parsed, for an `events`
 * message) when it has the protocol's exact shape, fits the caps of protocol.ts and comes in the
 * protocol's order for `state.phase`; otherwise `{ ok: false, why }` with a short English reason. It never
 * throws. Trace events are decoded once, here (decodeTraceEvent: known kind from its own component,
 * `seq` = previous + 1, finite time), so the page holds `KnownTraceEvent`s and needs no casts further in.
 */
import type { GoalReason, GoalReasonParam } from "../../src/scenario/index.js";
import { decodeTraceEvent, type KnownTraceEvent } from "../../src/sim/index.js";
import type { GoalOutcome, WorkerMessage } from "./worker/protocol.js";
import { MAX_BATCH_CHARS, MAX_ERROR_CHARS, MAX_LOG_LINE_CHARS } from "./worker/protocol.js";

/** Where the run is: which messages may come next. */
export type Phase = "starting" | "running" | "afterResult" | "checking";

export interface CheckState {
  phase: Phase;
  /** seq of the last event received (0 before the first). */
  lastSeq: number;
}

export type Checked =
  | { ok: true; message: WorkerMessage; events?: KnownTraceEvent[] }
  | { ok: false; why: string };

const ALLOWED: Record<Phase, ReadonlySet<WorkerMessage["type"]>> = {
  starting: new Set(["started", "fatal"]),
  running: new Set(["events", "limit", "result", "fatal"]),
  afterResult: new Set(["checking", "goals", "fatal"]),
  checking: new Set(["goals", "fatal"]),
};

const MAX_TEXT = MAX_ERROR_CHARS + 100;
/** A log line as the worker cuts it, plus its note. */
const MAX_LOG_TEXT = MAX_LOG_LINE_CHARS + 200;

type Obj = Record<string, unknown>;

const isObj = (x: unknown): x is Obj => typeof x === "object" && x !== null && !Array.isArray(x);
const isInt = (x: unknown, min = 0): x is number => typeof x === "number" && Number.isSafeInteger(x) && x >= min;
const isText = (x: unknown, max = MAX_TEXT): x is string => typeof x === "string" && x.length <= max;
const only = (o: Obj, keys: string[]): boolean => Object.keys(o).every((k) => keys.includes(k));

function bad(why: string): Checked {
  return { ok: false, why };
}

function checkEvents(m: Obj, state: CheckState): Checked {
  if (!only(m, ["type", "json", "count"]) || typeof m["json"] !== "string" || !isInt(m["count"], 1)) return bad("a malformed events message");
  const json = m["json"];
  if (json.length > MAX_BATCH_CHARS) return bad(`an events message of ${json.length.toLocaleString("en")} characters`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return bad("events that are not JSON");
  }
  if (!Array.isArray(parsed) || parsed.length !== m["count"]) return bad("an events message whose count does not match");
  let seq = state.lastSeq;
  const events: KnownTraceEvent[] = [];
  for (const raw of parsed as unknown[]) {
    const e = decodeTraceEvent(raw, seq + 1);
    if (typeof e === "string") return bad(`a malformed trace event after step ${seq}: ${e}`);
    if (e.kind === "runner.log" && !isText(e.text, MAX_LOG_TEXT)) return bad(`a log line over ${MAX_LOG_LINE_CHARS.toLocaleString("en")} characters`);
    events.push(e);
    seq++;
  }
  return { ok: true, message: { type: "events", json: "", count: parsed.length }, events };
}

function checkResult(m: Obj, state: CheckState): Checked {
  const r = m["result"];
  if (!only(m, ["type", "result", "traceLength"]) || !isObj(r) || !only(r, ["hash", "error"]) || !isText(r["hash"], 64)) return bad("a malformed result");
  if (m["traceLength"] !== state.lastSeq) return bad("a result whose trace length does not match the events sent");
  const e = r["error"];
  if (e !== undefined) {
    if (!isObj(e) || !only(e, ["kind", "message", "line", "step"]) || !["compile", "runtime", "timeout", "eventLimit"].includes(e["kind"] as string) ||
        !isText(e["message"]) || (e["line"] !== undefined && !isInt(e["line"], 1)) || (e["step"] !== undefined && !isInt(e["step"], 0))) {
      return bad("a malformed error in the result");
    }
  }
  const error = e === undefined ? undefined : { kind: e["kind"] as "compile" | "runtime" | "timeout" | "eventLimit", message: e["message"] as string,
    ...(e["line"] !== undefined ? { line: e["line"] as number } : {}), ...(e["step"] !== undefined ? { step: e["step"] as number } : {}) };
  return { ok: true, message: { type: "result", traceLength: state.lastSeq, result: { hash: r["hash"], ...(error ? { error } : {}) } } };
}

const MAX_REASON_PARAMS = 24;
const MAX_REASON_ITEMS = 50;

/** A goal's reason: `{ id, params? }` with params of the kinds GoalReasonParam allows, nested at most 3 deep. */
function checkReason(x: unknown, depth = 0): GoalReason | undefined {
  if (!isObj(x) || !only(x, ["id", "params"]) || !isText(x["id"], 100) || depth > 3) return undefined;
  const p = x["params"];
  if (p === undefined) return { id: x["id"] };
  if (!isObj(p) || Object.keys(p).length > MAX_REASON_PARAMS) return undefined;
  const params: Record<string, GoalReasonParam> = {};
  for (const [k, v] of Object.entries(p)) {
    if (k.length > 40) return undefined;
    if (isText(v) || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v))) params[k] = v;
    else if (Array.isArray(v) && v.length <= MAX_REASON_ITEMS && v.every((t) => isText(t))) params[k] = v as string[];
    else if (isObj(v) && only(v, ["ms"]) && typeof v["ms"] === "number" && Number.isFinite(v["ms"])) params[k] = { ms: v["ms"] };
    else if (isObj(v) && only(v, ["lines", "more"]) && Array.isArray(v["lines"]) && v["lines"].length <= MAX_REASON_ITEMS &&
             (v["lines"] as unknown[]).every((t) => isText(t, MAX_LOG_TEXT)) && (v["more"] === undefined || isInt(v["more"]))) {
      params[k] = v["more"] === undefined ? { lines: v["lines"] as string[] } : { lines: v["lines"] as string[], more: v["more"] as number };
    } else {
      const nested = checkReason(v, depth + 1);
      if (nested === undefined) return undefined;
      params[k] = nested;
    }
  }
  return { id: x["id"], params };
}

function checkGoals(m: Obj): Checked {
  const goals = m["goals"];
  if (!only(m, ["type", "goals"]) || !Array.isArray(goals) || goals.length > 100) return bad("malformed goals");
  const out: GoalOutcome[] = [];
  for (const g of goals as unknown[]) {
    if (!isObj(g) || !only(g, ["id", "pass", "message", "reason", "failedAtStep", "seed"]) || !isText(g["id"], 100) || typeof g["pass"] !== "boolean" ||
        (g["message"] !== undefined && !isText(g["message"])) || (g["failedAtStep"] !== undefined && !isInt(g["failedAtStep"], 1)) || !isInt(g["seed"])) {
      return bad("a malformed goal outcome");
    }
    const reason = g["reason"] === undefined ? undefined : checkReason(g["reason"]);
    if (g["reason"] !== undefined && reason === undefined) return bad("a malformed goal reason");
    out.push({ id: g["id"], pass: g["pass"], seed: g["seed"],
      ...(g["message"] !== undefined ? { message: g["message"] as string } : {}),
      ...(reason !== undefined ? { reason } : {}),
      ...(g["failedAtStep"] !== undefined ? { failedAtStep: g["failedAtStep"] as number } : {}) });
  }
  return { ok: true, message: { type: "goals", goals: out } };
}

export function checkMessage(raw: unknown, state: CheckState): Checked {
  try {
    if (!isObj(raw) || typeof raw["type"] !== "string") return bad("a message without a type");
    const type = raw["type"] as WorkerMessage["type"];
    if (!ALLOWED[state.phase].has(type)) return bad(`a "${String(type).slice(0, 40)}" message while ${state.phase}`);
    switch (type) {
      case "started":
        return only(raw, ["type"]) ? { ok: true, message: { type } } : bad("a malformed started message");
      case "events":
        return checkEvents(raw, state);
      case "limit":
        return only(raw, ["type", "reason"]) && (raw["reason"] === "events" || raw["reason"] === "size")
          ? { ok: true, message: { type, reason: raw["reason"] } } : bad("a malformed limit message");
      case "result":
        return checkResult(raw, state);
      case "checking":
        return only(raw, ["type", "seeds"]) && isInt(raw["seeds"], 1) && (raw["seeds"] as number) <= 20
          ? { ok: true, message: { type, seeds: raw["seeds"] as number } } : bad("a malformed checking message");
      case "goals":
        return checkGoals(raw);
      case "fatal":
        return only(raw, ["type", "message", "line"]) && isText(raw["message"]) && (raw["line"] === undefined || isInt(raw["line"], 1))
          ? { ok: true, message: { type, message: raw["message"] as string, ...(raw["line"] !== undefined ? { line: raw["line"] as number } : {}) } }
          : bad("a malformed fatal message");
      default:
        return bad("a message of an unknown type");
    }
  } catch {
    return bad("a message that could not be read");
  }
}
