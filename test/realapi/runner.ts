/**
 * Runner — sends one scenario's steps to one target and returns the raw transcript.
 *
 * Contract:
 * - Setup (not recorded): creates the namespace `{{ns}}`; a server that refuses it is still run (its
 *   answers then show why).
 * - Steps run strictly in order; a watch's `during` steps run after its headers arrived, and the watch
 *   keeps recording until its stop condition (scenario.ts). Templates resolve against earlier raw
 *   bodies; an unresolvable template is recorded as "<unresolved id.path>" so the run goes on and the
 *   transcript shows it.
 * - The transcript holds the request as written (templates unresolved) and the raw answer; normalize.ts
 *   makes it comparable.
 */
import type { Scenario, Step, RequestStep, WatchStep } from "./scenario.js";
import type { Target } from "./target.js";

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly accept?: string;
  readonly contentType?: string;
  readonly body?: unknown;
}

export interface RecordedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

export interface Entry {
  readonly step: string;
  readonly note: string;
  readonly request?: RecordedRequest;
  readonly response?: RecordedResponse;
  readonly events?: readonly unknown[];
  readonly end?: string;
  readonly during?: readonly Entry[];
}

export interface RunContext {
  readonly ns: string;
  readonly run: string;
}

type Saved = Map<string, unknown>;

function lookup(saved: Saved, ref: string, ctx: RunContext): string {
  if (ref === "ns") return ctx.ns;
  if (ref === "run") return ctx.run;
  const [id, ...path] = ref.split(".");
  let v: unknown = saved.get(id ?? "");
  for (const p of path) {
    if (v === null || typeof v !== "object") return `<unresolved ${ref}>`;
    v = (v as Record<string, unknown>)[p];
  }
  if (v === undefined || v === null) return `<unresolved ${ref}>`;
  return typeof v === "string" ? v : JSON.stringify(v);
}

function resolveString(s: string, saved: Saved, ctx: RunContext): string {
  return s.replace(/\{\{([^}]+)\}\}/g, (_, ref: string) => lookup(saved, ref.trim(), ctx));
}

function resolveDeep(v: unknown, saved: Saved, ctx: RunContext): unknown {
  if (typeof v === "string") return resolveString(v, saved, ctx);
  if (Array.isArray(v)) return v.map((x) => resolveDeep(x, saved, ctx));
  if (v !== null && typeof v === "object") {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [resolveString(k, saved, ctx), resolveDeep(x, saved, ctx)]));
  }
  return v;
}

function parseBody(text: string): unknown {
  if (text === "") return "";
  try { return JSON.parse(text) as unknown; } catch { return text; }
}

function recordedRequest(step: RequestStep | WatchStep): RecordedRequest {
  const r: Record<string, unknown> = { method: step.do === "watch" ? "GET" : step.method, path: step.path };
  if (step.accept !== undefined) r.accept = step.accept;
  if (step.do === "request") {
    if (step.contentType !== undefined) r.contentType = step.contentType;
    if (step.body !== undefined) {
      r.body = typeof step.body === "string" && step.body.length > 2000 ? `<${step.body.length} bytes>` : step.body;
    }
  }
  return r as unknown as RecordedRequest;
}

async function runRequest(t: Target, step: RequestStep, label: string, saved: Saved, ctx: RunContext): Promise<Entry> {
  const headers: Record<string, string> = { Accept: step.accept ?? "application/json" };
  if (step.contentType !== undefined) headers["Content-Type"] = step.contentType;
  const body = step.body === undefined ? undefined
    : typeof step.body === "string" ? resolveString(step.body, saved, ctx)
    : JSON.stringify(resolveDeep(step.body, saved, ctx));
  const res = await t.request({ method: step.method, path: resolveString(step.path, saved, ctx), headers, ...(body !== undefined ? { body } : {}) });
  const parsed = parseBody(res.text);
  if (step.id !== undefined) saved.set(step.id, parsed);
  return {
    step: label, note: step.note, request: recordedRequest(step),
    response: { status: res.status, headers: res.headers, body: step.pick ? step.pick(parsed) : parsed },
  };
}

async function runWatch(t: Target, step: WatchStep, label: string, saved: Saved, ctx: RunContext): Promise<Entry> {
  const ac = new AbortController();
  const events: unknown[] = [];
  let stopped: "stopAfter" | "maxMs" | undefined;
  let headersArrived!: () => void;
  const headersPromise = new Promise<void>((r) => { headersArrived = r; });
  const maxTimer = setTimeout(() => { stopped ??= "maxMs"; ac.abort(); }, step.maxMs); // real-time: bounds a real stream
  const outcome = t.watch(
    { method: "GET", path: resolveString(step.path, saved, ctx), headers: { Accept: step.accept ?? "application/json" } },
    () => headersArrived(),
    (ev) => {
      if (stopped !== undefined) return;
      events.push(ev);
      if (step.stopAfter !== undefined && events.length >= step.stopAfter) { stopped ??= "stopAfter"; ac.abort(); }
    },
    ac.signal,
  );
  await Promise.race([headersPromise, outcome]);
  const during: Entry[] = [];
  for (const [i, s] of (step.during ?? []).entries()) during.push(...await runStep(t, s, `${label}.during.${i}`, saved, ctx));
  const out = await outcome;
  clearTimeout(maxTimer);
  if (step.id !== undefined) saved.set(step.id, { events });
  const end = stopped === "stopAfter" ? `stopped after ${step.stopAfter} events`
    : stopped === "maxMs" ? `still open after ${step.maxMs} ms` : out.end === "closed" ? "closed by the server" : out.end;
  return {
    step: label, note: step.note, request: recordedRequest(step),
    response: { status: out.status, headers: out.headers, body: out.status === 200 ? "" : parseBody(out.text) },
    events: out.badLines.length > 0 ? [...events, { badLines: out.badLines }] : events,
    end,
    ...(during.length > 0 ? { during } : {}),
  };
}

async function runStep(t: Target, step: Step, label: string, saved: Saved, ctx: RunContext): Promise<Entry[]> {
  switch (step.do) {
    case "request": return [await runRequest(t, step, label, saved, ctx)];
    case "watch": return [await runWatch(t, step, label, saved, ctx)];
    case "compact":
      await t.compact();
      return [{ step: label, note: step.note }];
  }
}

export async function runScenario(t: Target, sc: Scenario, ctx: RunContext): Promise<Entry[]> {
  await t.request({
    method: "POST", path: "/api/v1/namespaces",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ apiVersion: "v1", kind: "Namespace", metadata: { name: ctx.ns } }),
  });
  const saved: Saved = new Map();
  const out: Entry[] = [];
  for (const [i, step] of sc.steps.entries()) out.push(...await runStep(t, step, String(i), saved, ctx));
  return out;
}
