/**
 * Compare — the differences between two normalized transcripts of the same scenario, field by field.
 *
 * Contract:
 * - Entries are matched by step label; within an entry every JSON path that differs is reported once
 *   with both values (a missing value is reported as undefined). Array elements are compared by index;
 *   a length difference is reported at the array's path.
 * - `report()` renders the differences as Markdown: per step, the request as written and each path's
 *   two answers, so a reader can reproduce it without the harness.
 */
import type { Entry } from "./runner.js";

export interface Difference {
  readonly step: string;
  readonly note: string;
  readonly request: string;
  readonly path: string;
  readonly a: unknown;
  readonly b: unknown;
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

function diffValues(a: unknown, b: unknown, path: string, out: { path: string; a: unknown; b: unknown }[]): void {
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push({ path: `${path}.length`, a: a.length, b: b.length });
    for (let i = 0; i < Math.min(a.length, b.length); i++) diffValues(a[i], b[i], `${path}[${i}]`, out);
    return;
  }
  if (isObj(a) && isObj(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) diffValues(a[k], b[k], path === "" ? k : `${path}.${k}`, out);
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ path, a, b });
}

function flatten(es: readonly Entry[]): Entry[] {
  return es.flatMap((e) => [e, ...flatten(e.during ?? [])]);
}

function requestLine(e: Entry | undefined): string {
  if (e?.request === undefined) return e?.note ?? "";
  const r = e.request;
  return `${r.method} ${r.path}${r.contentType ? ` (${r.contentType})` : ""}${r.accept ? ` Accept: ${r.accept}` : ""}`;
}

export function compareTranscripts(a: readonly Entry[], b: readonly Entry[]): Difference[] {
  const fa = flatten(a);
  const fb = new Map(flatten(b).map((e) => [e.step, e]));
  const out: Difference[] = [];
  const seen = new Set<string>();
  for (const ea of fa) {
    seen.add(ea.step);
    const eb = fb.get(ea.step);
    const strip = (e: Entry | undefined): unknown => e === undefined ? undefined
      : { request: e.request, response: e.response, events: e.events, end: e.end };
    const diffs: { path: string; a: unknown; b: unknown }[] = [];
    diffValues(strip(ea), strip(eb), "", diffs);
    for (const d of diffs) out.push({ step: ea.step, note: ea.note, request: requestLine(ea), ...d });
  }
  for (const [step, eb] of fb) {
    if (!seen.has(step)) out.push({ step, note: eb.note, request: requestLine(eb), path: "", a: undefined, b: "(extra step)" });
  }
  return out;
}

const show = (v: unknown): string => {
  if (v === undefined) return "(absent)";
  const s = JSON.stringify(v);
  return s.length > 400 ? `${s.slice(0, 400)}…` : s;
};

export function report(title: string, names: readonly [string, string], diffs: readonly Difference[]): string {
  if (diffs.length === 0) return `### ${title}\n\nNo differences.\n`;
  const lines = [`### ${title}`, "", `${diffs.length} difference(s).`, ""];
  let last = "";
  for (const d of diffs) {
    if (d.step !== last) {
      lines.push(`- step ${d.step}: ${d.note}  \n  \`${d.request}\``);
      last = d.step;
    }
    lines.push(`  - \`${d.path}\`: ${names[0]} ${show(d.a)} · ${names[1]} ${show(d.b)}`);
  }
  return `${lines.join("\n")}\n`;
}
