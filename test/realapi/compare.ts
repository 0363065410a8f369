/**
 * Compare — the differences between two normalized transcripts of the same scenario, field by field.
 *
 * Contract:
 * - Entries are matched by step label; within an entry every JSON path that differs is reported once
 *   with both values (a missing value is reported as undefined). A list of primitives that differs is
 *   one difference; a list whose elements all have distinct names (metadata.name, name, resource,
 *   subresource, manager) is matched by name ("items[web]"), elements only one side has are reported
 *   as such, and a different order of the common ones is one "(order)" difference; any other list is
 *   compared by index, with a length difference at "path.length".
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

const isPrimitive = (v: unknown): boolean => v === null || typeof v !== "object";

/** The key an array element is matched by, when every element has a distinct one (names, kinds...). */
function elementKeys(arr: readonly unknown[]): string[] | undefined {
  const keyOf = (v: unknown): string | undefined => {
    if (!isObj(v)) return undefined;
    const md = v.metadata;
    if (isObj(md) && typeof md.name === "string" && md.name !== "") return md.name;
    for (const k of ["name", "resource", "subresource", "manager"]) if (typeof v[k] === "string") return v[k] as string;
    return undefined;
  };
  const keys = arr.map(keyOf);
  if (keys.some((k) => k === undefined)) return undefined;
  const ks = keys as string[];
  return new Set(ks).size === ks.length ? ks : undefined;
}

function diffValues(a: unknown, b: unknown, path: string, out: { path: string; a: unknown; b: unknown }[]): void {
  if (Array.isArray(a) && Array.isArray(b)) {
    // Lists of primitives (verbs, shortNames, finalizers): one difference for the whole list.
    if (a.every(isPrimitive) && b.every(isPrimitive)) {
      if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ path, a, b });
      return;
    }
    // Lists of named things (items, resources, columns): matched by name, then their order compared.
    const ka = elementKeys(a);
    const kb = elementKeys(b);
    if (ka !== undefined && kb !== undefined && a.length > 0 && b.length > 0) {
      const mb = new Map(kb.map((k, i) => [k, b[i]]));
      const ma = new Map(ka.map((k, i) => [k, a[i]]));
      for (const [i, k] of ka.entries()) {
        if (mb.has(k)) diffValues(a[i], mb.get(k), `${path}[${k}]`, out);
        else out.push({ path: `${path}[${k}]`, a: "(present)", b: undefined });
      }
      for (const k of kb) if (!ma.has(k)) out.push({ path: `${path}[${k}]`, a: undefined, b: "(present)" });
      const common = new Set(ka.filter((k) => mb.has(k)));
      const oa = ka.filter((k) => common.has(k));
      const ob = kb.filter((k) => common.has(k));
      if (JSON.stringify(oa) !== JSON.stringify(ob)) out.push({ path: `${path}(order)`, a: oa, b: ob });
      return;
    }
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

/** A path with array indices folded ("items[3].metadata" → "items[].metadata") and the step dropped. */
export function pathPattern(path: string): string {
  return path.replace(/\[[^\]]*\]/g, "[]").replace(/^events\[\]\.object\./, "event.object.").replace(/^response\.body\./, "body.");
}

export interface DifferenceGroup {
  readonly pattern: string;
  readonly count: number;
  readonly scenarios: readonly string[];
  readonly example: Difference & { readonly scenario: string };
}

/** Differences of many scenarios grouped by path pattern, largest group first, one example each. */
export function groupDifferences(all: readonly (Difference & { readonly scenario: string })[]): DifferenceGroup[] {
  const groups = new Map<string, { count: number; scenarios: Set<string>; example: Difference & { scenario: string } }>();
  for (const d of all) {
    const key = pathPattern(d.path);
    const g = groups.get(key);
    if (g === undefined) groups.set(key, { count: 1, scenarios: new Set([d.scenario]), example: d });
    else { g.count++; g.scenarios.add(d.scenario); }
  }
  return [...groups.entries()]
    .map(([pattern, g]) => ({ pattern, count: g.count, scenarios: [...g.scenarios], example: g.example }))
    .sort((a, b) => b.count - a.count || (a.pattern < b.pattern ? -1 : 1));
}

export function groupReport(groups: readonly DifferenceGroup[], names: readonly [string, string]): string {
  const lines = ["| differences | path | scenarios | example (step: request) | " + names[0] + " | " + names[1] + " |", "|---|---|---|---|---|---|"];
  const cell = (v: unknown): string => show(v).replace(/\|/g, "\\|").slice(0, 160);
  for (const g of groups) {
    const e = g.example;
    lines.push(`| ${g.count} | \`${g.pattern}\` | ${g.scenarios.join(", ")} | ${e.scenario} ${e.step}: \`${e.request.replace(/\|/g, "\\|")}\` | ${cell(e.a)} | ${cell(e.b)} |`);
  }
  return `${lines.join("\n")}\n`;
}
