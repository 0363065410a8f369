/**
 * compare — the verdict on one differential run.
 *
 * Contract: per step, per handler, per object key, the two notification sequences (formatNote) must
 * be identical (client-go orders notifications per handler and key; across keys a relist's synthetic
 * deletions come in Go map order, so keys are compared separately). Also equal: the step in which the
 * informer and each handler reported synced, the steps in which the watch error handler was called,
 * the requests each client sent in each step (requestsByStep), and the final caches (key → RV),
 * index contents and lastSyncResourceVersion. Every difference must be one the scenario lists
 * (same step, handler, key and both sequences); a listed difference that did not happen is reported
 * too, so the list cannot go stale.
 */
import { formatNote, type Recording } from "./recording.js";
import type { GoState } from "./go-side.js";
import type { OracleRun } from "./run.js";
import type { KnownDifference } from "./scenario.js";

export interface Difference {
  step: number;
  handler: string;
  key: string;
  go: string[];
  ts: string[];
}

function grouped(r: Recording): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const n of r.notes) {
    const k = JSON.stringify([n.step, n.handler, n.key]);
    let list = m.get(k);
    if (list === undefined) m.set(k, (list = []));
    list.push(formatNote(n));
  }
  return m;
}

export function notificationDifferences(run: OracleRun): Difference[] {
  const go = grouped(run.go);
  const ts = grouped(run.ts);
  const out: Difference[] = [];
  for (const k of [...new Set([...go.keys(), ...ts.keys()])].sort()) {
    const a = go.get(k) ?? [];
    const b = ts.get(k) ?? [];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    const [step, handler, key] = JSON.parse(k) as [number, string, string];
    out.push({ step, handler, key, go: a, ts: b });
  }
  return out;
}

function withoutKey(s: GoState, key: string): GoState {
  const indexes: GoState["indexes"] = {};
  for (const [name, values] of Object.entries(s.indexes)) {
    indexes[name] = {};
    for (const [v, keys] of Object.entries(values)) {
      const rest = keys.filter((k) => k !== key);
      if (rest.length > 0) indexes[name]![v] = rest;
    }
  }
  return { ...s, indexes };
}

/** Go's time.Duration.String() for whole seconds: 495 → "8m15s", 60 → "1m0s", 5 → "5s". */
export function goDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
  return h > 0 ? `${h}h${m}m${s}s` : m > 0 ? `${m}m${s}s` : `${s}s`;
}

/**
 * Known wire difference (not informer behaviour): client-go's typed Watch also sends
 * `timeout=<timeoutSeconds as a Go duration>` (kubernetes/typed/core/v1/pod.go Watch →
 * rest.Request.Timeout, the server-side request timeout); our HttpListerWatcher sends only
 * timeoutSeconds. A `timeout` that is not exactly timeoutSeconds is kept, so it shows as a difference.
 */
function dropsTimeout(params: URLSearchParams): boolean {
  const seconds = params.get("timeoutSeconds");
  return seconds !== null && params.get("timeout") === goDuration(Number(seconds));
}

/**
 * The requests of each step, normalised: query parameters sorted, timeoutSeconds (random by design)
 * left out, consecutive repeats (retries while the network is down: their number depends on timing)
 * folded into one; a step without a barrier is counted with the step after it (its requests race
 * with the next step's start).
 */
export function requestsByStep(r: Recording, unbarriered: Set<number> = new Set()): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const q of r.requests) {
    let step = q.step;
    while (unbarriered.has(step)) step++;
    const u = new URL(q.url, "http://x");
    const dropTimeout = dropsTimeout(u.searchParams);
    const params = [...u.searchParams.entries()]
      .filter(([k]) => k !== "timeoutSeconds" && !(k === "timeout" && dropTimeout))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const line = `${q.method} ${u.pathname}${params.length ? "?" : ""}${params.map(([k, v]) => `${k}=${v}`).join("&")}`;
    let list = out.get(step);
    if (list === undefined) out.set(step, (list = []));
    if (list[list.length - 1] !== line) list.push(line);
  }
  return out;
}

/** Other disagreements (synced moments, watch-error steps, caches), as readable lines. */
export function otherDifferences(run: OracleRun, barrierKey: string): string[] {
  const out: string[] = [];
  const { go, ts } = run;
  if (go.informerSynced?.step !== ts.informerSynced?.step) {
    out.push(`informer synced in step go=${go.informerSynced?.step} ts=${ts.informerSynced?.step}`);
  }
  for (const h of new Set([...go.handlerSynced.keys(), ...ts.handlerSynced.keys()])) {
    const a = go.handlerSynced.get(h)?.step;
    const b = ts.handlerSynced.get(h)?.step;
    if (a !== b) out.push(`handler ${h} synced in step go=${a} ts=${b}`);
  }
  const errSteps = (r: Recording): string => JSON.stringify([...new Set(r.watchErrors.map((e) => e.step))].sort((x, y) => x - y));
  if (errSteps(go) !== errSteps(ts)) {
    out.push(`watch error handler called in steps go=${errSteps(go)} ts=${errSteps(ts)}\n  go: ${go.watchErrors.map((e) => e.error).slice(0, 3).join(" | ")}\n  ts: ${ts.watchErrors.map((e) => e.error).slice(0, 3).join(" | ")}`);
  }
  const goReq = requestsByStep(go, run.unbarriered);
  const tsReq = requestsByStep(ts, run.unbarriered);
  for (const step of [...new Set([...goReq.keys(), ...tsReq.keys()])].sort((x, y) => x - y)) {
    const x = goReq.get(step) ?? [];
    const y = tsReq.get(step) ?? [];
    if (JSON.stringify(x) !== JSON.stringify(y)) out.push(`requests in step ${step} differ:\n  go: ${JSON.stringify(x)}\n  ts: ${JSON.stringify(y)}`);
  }
  if (run.goState.lastSyncResourceVersion !== run.tsState.lastSyncResourceVersion) {
    out.push(`lastSyncResourceVersion at the end: go=${run.goState.lastSyncResourceVersion} ts=${run.tsState.lastSyncResourceVersion}`);
  }
  const a = withoutKey(run.goState, barrierKey);
  const b = withoutKey(run.tsState, barrierKey);
  if (JSON.stringify(sortKeys(a.items)) !== JSON.stringify(sortKeys(b.items))) {
    out.push(`final cache differs:\n  go: ${JSON.stringify(sortKeys(a.items))}\n  ts: ${JSON.stringify(sortKeys(b.items))}`);
  }
  if (JSON.stringify(sortKeys(a.indexes)) !== JSON.stringify(sortKeys(b.indexes))) {
    out.push(`final indexes differ:\n  go: ${JSON.stringify(sortKeys(a.indexes))}\n  ts: ${JSON.stringify(sortKeys(b.indexes))}`);
  }
  return out;
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([k, v]) =>
    [k, v !== null && typeof v === "object" && !Array.isArray(v) ? sortKeys(v as Record<string, unknown>) as T : v]));
}

export function describeDifference(d: Difference): string {
  return `step ${d.step}, handler ${d.handler}, ${d.key}:\n    go: ${JSON.stringify(d.go)}\n    ts: ${JSON.stringify(d.ts)}`;
}

/** Unlisted differences and listed ones that did not happen, as readable lines (empty = verdict "same"). */
export function verdict(found: Difference[], known: KnownDifference[]): string[] {
  const problems: string[] = [];
  const same = (d: Difference, k: KnownDifference): boolean =>
    d.step === k.step && d.handler === k.handler && d.key === k.key &&
    JSON.stringify(d.go) === JSON.stringify(k.go) && JSON.stringify(d.ts) === JSON.stringify(k.ts);
  for (const d of found) if (!known.some((k) => same(d, k))) problems.push(`unlisted difference: ${describeDifference(d)}`);
  for (const k of known) if (!found.some((d) => same(d, k))) problems.push(`listed difference "${k.name}" did not happen`);
  return problems;
}

/** Both recordings side by side (for a failing test's message). */
export function dump(run: OracleRun): string {
  const lines = (r: Recording): string[] => r.notes.map((n) => `  [${n.step}] ${n.handler} ${n.key} ${formatNote(n)}`);
  const reqs = (r: Recording): string[] => [...requestsByStep(r, run.unbarriered)].map(([step, l]) => `  [${step}] ${l.join("\n      ")}`);
  const errs = (r: Recording): string[] => r.watchErrors.map((e) => `  [${e.step}] watch error: ${e.error}`);
  return `go (gates ${JSON.stringify(run.gates)}):\n${[...lines(run.go), ...reqs(run.go), ...errs(run.go)].join("\n")}\n` +
    `ts:\n${[...lines(run.ts), ...reqs(run.ts), ...errs(run.ts)].join("\n")}`;
}
