/**
 * Normalize — makes one transcript comparable with another server's, or with itself on another day.
 *
 * Contract (applied to a whole transcript, walking it in document order):
 * - The run's namespace and suffix become "<ns>" and "<run>" wherever they appear in a string.
 * - An object's resourceVersion (an object is anything whose metadata has a uid) becomes "RV<k>", k by
 *   first appearance. Every other resourceVersion (lists, Tables, BOOKMARKs: "the store was at least
 *   here") becomes "≥RV<k>", k the newest object RV at or below it ("≥RV0" before any object). The
 *   real server's etcd revision also moves for its own writes (leases, endpoints), so only these
 *   relations, not the numbers, can be compared.
 * - resourceVersions inside Status messages ("too old resource version: 12 (40)", "the ResourceVersion
 *   in the precondition (84)") become floors too (the server's current revision there is rarely an
 *   object's); uids inside messages get their "UID<k>".
 * - uids become "UID<k>", continue tokens "CONTINUE<k>" (first appearance); RFC 3339 timestamps
 *   become "<time>"; a name made from generateName keeps the prefix and "<random>"; a Table's Age
 *   cells become "<age>"; managedFields entries are sorted by manager (their real order depends on
 *   whether two writes fell in the same second).
 * - Nothing else changes: the comparison sees every other field.
 */
import type { Entry } from "./runner.js";

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);
const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
const AGE = /^(\d+(ms|s|m|h|d|y))+$|^<unknown>$|^<invalid>$/;
const MSG_RV = /(resource ?version[^0-9]{0,30}?[\s:(])(\d+)\b( \((\d+)\))?/gi;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** Every metadata.resourceVersion in document order, split into object RVs and floors. */
function collect(v: unknown, objectRvs: string[]): void {
  if (Array.isArray(v)) { for (const x of v) collect(x, objectRvs); return; }
  if (!isObj(v)) return;
  const md = v.metadata;
  if (isObj(md) && typeof md.uid === "string" && typeof md.resourceVersion === "string") objectRvs.push(md.resourceVersion);
  for (const x of Object.values(v)) collect(x, objectRvs);
}

class Labels {
  private readonly rv = new Map<string, string>();
  private readonly sortedObjectRvs: { n: bigint; label: string }[] = [];
  private readonly uid = new Map<string, string>();
  private readonly cont = new Map<string, string>();

  constructor(objectRvs: readonly string[]) {
    for (const r of objectRvs) {
      if (this.rv.has(r)) continue;
      const label = `RV${this.rv.size + 1}`;
      this.rv.set(r, label);
      if (/^\d+$/.test(r)) this.sortedObjectRvs.push({ n: BigInt(r), label });
    }
    this.sortedObjectRvs.sort((a, b) => (a.n < b.n ? -1 : a.n > b.n ? 1 : 0));
  }
  objectRv(r: string): string { return this.rv.get(r) ?? this.floor(r); }
  floor(r: string): string {
    if (!/^\d+$/.test(r)) return r === "" ? "" : "<opaque RV>";
    const n = BigInt(r);
    let label = "RV0";
    for (const o of this.sortedObjectRvs) { if (o.n <= n) label = o.label; else break; }
    return `≥${label}`;
  }
  /** A resourceVersion outside metadata (a request echoed back): an object RV keeps its label. */
  anyRv(r: string): string { return this.rv.get(r) ?? this.floor(r); }
  uidOf(u: string): string {
    let l = this.uid.get(u);
    if (l === undefined) { l = `UID${this.uid.size + 1}`; this.uid.set(u, l); }
    return l;
  }
  continueOf(c: string): string {
    let l = this.cont.get(c);
    if (l === undefined) { l = `CONTINUE${this.cont.size + 1}`; this.cont.set(c, l); }
    return l;
  }
}

function replaceRunStrings(v: unknown, subs: readonly (readonly [string, string])[]): unknown {
  if (typeof v === "string") { let s = v; for (const [a, b] of subs) s = s.split(a).join(b); return s; }
  if (Array.isArray(v)) return v.map((x) => replaceRunStrings(x, subs));
  if (isObj(v)) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [replaceRunStrings(k, subs) as string, replaceRunStrings(x, subs)]));
  }
  return v;
}

function normalizeTable(v: Json): void {
  const cols = v.columnDefinitions;
  const rows = v.rows;
  if (!Array.isArray(rows)) return;
  const ageAt = Array.isArray(cols) ? cols.findIndex((c) => isObj(c) && c.name === "Age") : -1;
  for (const row of rows) {
    if (!isObj(row) || !Array.isArray(row.cells)) continue;
    row.cells = row.cells.map((c, i) => ((i === ageAt || (ageAt < 0 && typeof c === "string" && AGE.test(c))) && typeof c === "string" && AGE.test(c) ? "<age>" : c));
  }
}

/**
 * The real server orders managedFields by time (to the second), then by manager name
 * (fieldmanager internal/managedfields.go sortEncodedManagedFields): two writes in the same second or
 * not is timing, not behaviour, so entries are compared in (manager, operation, subresource) order.
 */
function sortManagedFields(entries: readonly unknown[]): unknown[] {
  const key = (e: unknown): string => (isObj(e) ? `${String(e.manager)}\u0000${String(e.operation)}\u0000${String(e.subresource ?? "")}` : "");
  return [...entries].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function walk(v: unknown, L: Labels, key = ""): unknown {
  if (typeof v === "string") {
    if (TIME.test(v)) return "<time>";
    if (key === "message") return v.replace(UUID, (u) => L.uidOf(u)).replace(MSG_RV, (_m, pre: string, a: string, _p: string | undefined, b: string | undefined) =>
      `${pre}${L.floor(a)}${b !== undefined ? ` (${L.floor(b)})` : ""}`);
    return v;
  }
  if (Array.isArray(v)) return v.map((x) => walk(x, L));
  if (!isObj(v)) return v;
  const out: Json = {};
  const md = v.metadata;
  const isObject = isObj(md) && typeof md.uid === "string";
  for (const [k, x] of Object.entries(v)) {
    if (k === "metadata" && isObj(x)) {
      const m: Json = {};
      for (const [mk, mx] of Object.entries(x)) {
        if (mk === "resourceVersion" && typeof mx === "string") m[mk] = isObject ? L.objectRv(mx) : L.floor(mx);
        else if (mk === "continue" && typeof mx === "string" && mx !== "") m[mk] = L.continueOf(mx);
        else if (mk === "uid" && typeof mx === "string") m[mk] = L.uidOf(mx);
        else if (mk === "managedFields" && Array.isArray(mx)) m[mk] = walk(sortManagedFields(mx), L, mk);
        else if (mk === "name" && typeof mx === "string" && typeof x.generateName === "string" && x.generateName !== ""
          && mx.startsWith(x.generateName)) m[mk] = `${x.generateName}<random>`;
        else m[mk] = walk(mx, L, mk);
      }
      out[k] = m;
    } else if (k === "uid" && typeof x === "string") {
      out[k] = L.uidOf(x);
    } else if (k === "resourceVersion" && typeof x === "string") {
      out[k] = L.anyRv(x);
    } else {
      out[k] = walk(x, L, k);
    }
  }
  if (out.kind === "Table") normalizeTable(out);
  return out;
}

/** Normalizes a transcript; `subs` are the run's strings (namespace, suffix) and their placeholders. */
export function normalize(entries: readonly Entry[], subs: readonly (readonly [string, string])[]): Entry[] {
  const replaced = replaceRunStrings(entries, subs) as Entry[];
  const objectRvs: string[] = [];
  collect(replaced.map((e) => [e.response?.body, e.events, e.during]), objectRvs);
  const L = new Labels(objectRvs);
  const norm = (es: readonly Entry[]): Entry[] => es.map((e) => {
    const out: Record<string, unknown> = { step: e.step, note: e.note };
    if (e.request !== undefined) out.request = e.request;
    if (e.response !== undefined) out.response = { ...e.response, body: walk(e.response.body, L) };
    if (e.events !== undefined) out.events = walk(e.events, L);
    if (e.end !== undefined) out.end = e.end;
    if (e.during !== undefined) out.during = norm(e.during);
    return out as unknown as Entry;
  });
  return norm(replaced);
}
