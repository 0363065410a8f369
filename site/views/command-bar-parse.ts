/**
 * The kubectl-style command bar, parsed — pure (no DOM): `parseCommand(line, context)` either answers a
 * question (`get`), or produces exactly one `TimedOp` at the current step's virtual time, or returns an
 * error that says what was wrong. Bad input never produces an op.
 *
 * Supported (a small, honest subset of kubectl):
 *   get <resource> [name] [-n ns | -A] [-o yaml|json]
 *   create <kind> <name> [-n ns] [--image=img] [--replicas=n] [--from-literal=k=v]...  (pod, configmap,
 *          deployment, namespace, service)
 *   create -f <yaml>  /  apply -f <yaml>   (inline YAML or JSON; `\n` in the line stands for a newline)
 *   delete <resource> <name> [-n ns] [--grace-period=s]
 *   label <resource> <name> k=v... k-... [-n ns]
 *   scale deployment|replicaset <name> --replicas=n [-n ns]
 *   bind pod <name> --node=<node> [-n ns]   (the pods/binding subresource, as the scheduler writes it)
 * Playground faults (not kubectl): partition [refused|timeout], heal, compact, drop-watches, restart.
 * `get` answers from the server objects of the WorldView at the current step.
 */
import { parse as parseYaml, stringify as toYaml } from "yaml";
import type { ServerObjectView } from "../../src/sim/index.js";
import { RESOURCES as SERVED_RESOURCES, type KubeObject, type ResourceInfo } from "../../src/index.js";
import type { TimedOp } from "./run-types.js";

export interface CommandContext {
  /** Virtual time of the current step. */
  at: number;
  /** The API server's objects at the current step. */
  objects: Iterable<ServerObjectView>;
  /** Default namespace (default "default"). */
  namespace?: string;
}

export type CommandResult =
  | { ok: true; op: TimedOp; message: string }
  | { ok: true; op?: undefined; output: string }
  | { ok: false; error: string };

/** The server's own resource table (src/apiserver/resources.ts); kubectl's short names are added below. */
const RESOURCES: readonly ResourceInfo[] = Object.values(SERVED_RESOURCES);
const ALIASES: Record<string, string> = {
  po: "pods", pod: "pods", cm: "configmaps", configmap: "configmaps", svc: "services", service: "services",
  no: "nodes", node: "nodes", ns: "namespaces", namespace: "namespaces", deploy: "deployments",
  deployment: "deployments", rs: "replicasets", replicaset: "replicasets",
};

export function resourceInfo(name: string): ResourceInfo | undefined {
  const lower = name.toLowerCase();
  const plural = ALIASES[lower] ?? lower;
  return RESOURCES.find((r) => r.resource === plural);
}

function kindInfo(kind: string): ResourceInfo | undefined {
  return RESOURCES.find((r) => r.kind.toLowerCase() === kind.toLowerCase());
}

/** Splits a command line into words, honouring single and double quotes. */
export function tokenize(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quote: string | null = null;
  let has = false;
  for (const ch of line) {
    if (quote !== null) {
      if (ch === quote) quote = null;
      else cur += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      has = true;
    } else if (/\s/.test(ch)) {
      if (has || cur !== "") out.push(cur);
      cur = "";
      has = false;
    } else {
      cur += ch;
    }
  }
  if (quote !== null) throw new Error(`unterminated ${quote} quote`);
  if (has || cur !== "") out.push(cur);
  return out;
}

interface Flags { positional: string[]; flags: Map<string, string[]> }
const VALUE_FLAGS = new Set(["-n", "--namespace", "-o", "--output", "-f", "--filename", "--image", "--replicas", "--from-literal", "--grace-period", "--port", "--node"]);
const BOOL_FLAGS = new Set(["-A", "--all-namespaces", "--overwrite"]);

function splitFlags(words: string[]): Flags {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  const put = (k: string, v: string) => flags.set(k, [...(flags.get(k) ?? []), v]);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w.startsWith("-") && w.length > 1 && !/^-\d/.test(w)) {
      const eq = w.indexOf("=");
      const name = eq >= 0 ? w.slice(0, eq) : w;
      if (BOOL_FLAGS.has(name)) {
        put(name, "true");
      } else if (VALUE_FLAGS.has(name)) {
        if (eq >= 0) put(name, w.slice(eq + 1));
        else {
          const v = words[i + 1];
          if (v === undefined) throw new Error(`flag ${name} needs a value`);
          put(name, v);
          i++;
        }
      } else {
        throw new Error(`unknown flag ${name}`);
      }
    } else {
      positional.push(w);
    }
  }
  return { positional, flags };
}

const one = (f: Flags, ...names: string[]): string | undefined => {
  for (const n of names) {
    const v = f.flags.get(n);
    if (v !== undefined) return v[v.length - 1];
  }
  return undefined;
};

const NAME_RE = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
function checkName(name: string, what = "name"): void {
  if (name.length > 253 || !NAME_RE.test(name)) {
    throw new Error(`invalid ${what} "${name}": use lowercase letters, digits, '-' and '.', starting and ending with a letter or digit`);
  }
}

function findObject(ctx: CommandContext, info: ResourceInfo, ns: string, name: string): ServerObjectView | undefined {
  const key = info.namespaced ? `${ns}/${name}` : name;
  for (const o of ctx.objects) if (o.resource === info.resource && o.key === key) return o;
  return undefined;
}

const pad = (rows: string[][]): string => {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]! + 3))).join("")).join("\n");
};

function get(f: Flags, ctx: CommandContext, ns: string): CommandResult {
  const [what, name, extra] = f.positional;
  if (what === undefined) return { ok: false, error: "get: which resource? e.g. get pods" };
  if (extra !== undefined) return { ok: false, error: `get: unexpected argument "${extra}"` };
  const info = resourceInfo(what);
  if (info === undefined) return { ok: false, error: `the server doesn't have a resource type "${what}"` };
  const all = one(f, "-A", "--all-namespaces") !== undefined;
  const output = one(f, "-o", "--output");
  if (output !== undefined && output !== "yaml" && output !== "json" && output !== "wide") {
    return { ok: false, error: `get: unknown output format "${output}" (yaml, json, wide)` };
  }
  let objects = [...ctx.objects].filter((o) => o.resource === info.resource);
  if (info.namespaced && !all) objects = objects.filter((o) => o.key.startsWith(`${ns}/`));
  if (name !== undefined) {
    objects = objects.filter((o) => o.object.metadata.name === name);
    if (objects.length === 0) return { ok: false, error: `${info.resource} "${name}" not found${info.namespaced ? ` in namespace ${ns}` : ""}` };
  }
  if (output === "yaml" || output === "json") {
    const items = objects.map((o) => o.object);
    const value = name !== undefined ? items[0] : { apiVersion: "v1", kind: "List", items };
    return { ok: true, output: output === "json" ? JSON.stringify(value, null, 2) : toYaml(value) };
  }
  if (objects.length === 0) return { ok: true, output: info.namespaced && !all ? `No resources found in ${ns} namespace.` : "No resources found." };
  const header = [...(all && info.namespaced ? ["NAMESPACE"] : []), "NAME", "RESOURCEVERSION", "LABELS"];
  const rows = objects
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((o) => [
      ...(all && info.namespaced ? [o.object.metadata.namespace ?? ""] : []),
      o.object.metadata.name + (o.deleting ? " (terminating)" : ""), o.rv,
      Object.entries(o.object.metadata.labels ?? {}).map(([k, v]) => `${k}=${v}`).join(",") || "<none>",
    ]);
  return { ok: true, output: pad([header, ...rows]) };
}

function objectFromManifest(text: string, ns: string): { resource: string; object: KubeObject } {
  let doc: unknown;
  try {
    doc = parseYaml(text.replace(/\\n/g, "\n"));
  } catch (e) {
    throw new Error(`could not parse the YAML: ${(e as Error).message.split("\n")[0]}`);
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) throw new Error("the manifest must be one object (a YAML mapping)");
  const obj = doc as Record<string, unknown>;
  if (typeof obj.kind !== "string") throw new Error("the manifest has no kind");
  const info = kindInfo(obj.kind);
  if (info === undefined) throw new Error(`unknown kind "${obj.kind}" (Pod, ConfigMap, Service, Node, Namespace, Deployment, ReplicaSet)`);
  const meta = obj.metadata;
  if (meta === null || typeof meta !== "object" || Array.isArray(meta)) throw new Error("the manifest has no metadata");
  const m = meta as Record<string, unknown>;
  if (typeof m.name !== "string") throw new Error("metadata.name is required");
  checkName(m.name);
  if (m.namespace !== undefined && typeof m.namespace !== "string") throw new Error("metadata.namespace must be a string");
  const metadata = { ...m, name: m.name, ...(info.namespaced ? { namespace: (m.namespace as string | undefined) ?? ns } : {}) };
  if (!info.namespaced) delete (metadata as Record<string, unknown>).namespace;
  return {
    resource: info.resource,
    object: { ...obj, apiVersion: typeof obj.apiVersion === "string" ? obj.apiVersion : info.apiVersion, kind: info.kind, metadata } as KubeObject,
  };
}

function create(f: Flags, ctx: CommandContext, ns: string, apply: boolean): CommandResult {
  if (apply) return { ok: false, error: "apply needs -f with a manifest, e.g. apply -f {kind: Pod, metadata: {name: web-9}}" };
  const [what, name, extra] = f.positional;
  if (what === undefined || name === undefined) return { ok: false, error: "create: say what and its name, e.g. create pod web-9 (or create -f <yaml>)" };
  if (extra !== undefined) return { ok: false, error: `create: unexpected argument "${extra}"` };
  const info = resourceInfo(what);
  if (info === undefined || info.resource === "replicasets") return { ok: false, error: `create: cannot create "${what}" this way (pod, configmap, service, deployment, namespace, node)` };
  checkName(name);
  if (findObject(ctx, info, ns, name) !== undefined) return { ok: false, error: `${info.resource} "${name}" already exists` };
  const metadata = info.namespaced ? { name, namespace: ns } : { name };
  const image = one(f, "--image") ?? "nginx";
  let object: KubeObject;
  switch (info.resource) {
    case "pods":
      object = { apiVersion: "v1", kind: "Pod", metadata: { ...metadata, labels: { run: name } }, spec: { containers: [{ name, image }] } } as KubeObject;
      break;
    case "deployments": {
      const replicas = Number(one(f, "--replicas") ?? "1");
      if (!Number.isInteger(replicas) || replicas < 0) return { ok: false, error: `--replicas must be a whole number ≥ 0` };
      object = { apiVersion: "apps/v1", kind: "Deployment", metadata: { ...metadata, labels: { app: name } },
        spec: { replicas, selector: { matchLabels: { app: name } },
          template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image }] } } } } as KubeObject;
      break;
    }
    case "configmaps": {
      const data: Record<string, string> = {};
      for (const lit of f.flags.get("--from-literal") ?? []) {
        const eq = lit.indexOf("=");
        if (eq <= 0) return { ok: false, error: `--from-literal expects key=value, got "${lit}"` };
        data[lit.slice(0, eq)] = lit.slice(eq + 1);
      }
      object = { apiVersion: "v1", kind: "ConfigMap", metadata, data } as KubeObject;
      break;
    }
    case "services":
      object = { apiVersion: "v1", kind: "Service", metadata, spec: { selector: { app: name }, ports: [{ port: Number(one(f, "--port") ?? "80") }] } } as KubeObject;
      break;
    default:
      object = { apiVersion: info.apiVersion, kind: info.kind, metadata } as KubeObject;
  }
  return { ok: true, op: { op: "create", resource: info.resource, object, at: ctx.at }, message: `${info.kind.toLowerCase()}/${name} created at t=${ctx.at} ms` };
}

function target(f: Flags, ctx: CommandContext, nsFlag: string, verb: string): { info: ResourceInfo; name: string; ns: string; obj: ServerObjectView | undefined; rest: string[] } {
  let ns = nsFlag;
  const [first, ...others] = f.positional;
  let what = first;
  let rest = others;
  // kubectl also accepts resource/name
  if (first !== undefined && first.includes("/")) {
    const slash = first.indexOf("/");
    what = first.slice(0, slash);
    rest = [first.slice(slash + 1), ...others];
  }
  const [name, ...tail] = rest;
  if (what === undefined || name === undefined || name === "") throw new Error(`${verb}: say what and its name, e.g. ${verb} pod web-1`);
  rest = tail;
  const info = resourceInfo(what);
  let objName = name;
  if (info === undefined) throw new Error(`the server doesn't have a resource type "${what}"`);
  // The stage shows keys as namespace/name: accept one here too (`delete pod default/web-1`).
  const slash = objName.indexOf("/");
  if (info.namespaced && slash > 0 && slash < objName.length - 1 && !objName.slice(slash + 1).includes("/")) {
    const keyNs = objName.slice(0, slash);
    if (one(f, "-n", "--namespace") !== undefined && keyNs !== nsFlag) throw new Error(`${verb}: "${objName}" is in namespace ${keyNs}, but -n says ${nsFlag}`);
    ns = keyNs;
    objName = objName.slice(slash + 1);
  }
  return { info, name: objName, ns, obj: findObject(ctx, info, ns, objName), rest };
}

function del(f: Flags, ctx: CommandContext, nsFlag: string): CommandResult {
  const { info, name, ns, obj, rest } = target(f, ctx, nsFlag, "delete");
  if (rest.length > 0) return { ok: false, error: `delete: unexpected argument "${rest[0]}"` };
  if (obj === undefined) return { ok: false, error: `${info.resource} "${name}" not found${info.namespaced ? ` in namespace ${ns}` : ""}` };
  const grace = one(f, "--grace-period");
  let gracePeriodSeconds: number | undefined;
  if (grace !== undefined) {
    gracePeriodSeconds = Number(grace);
    if (!Number.isInteger(gracePeriodSeconds) || gracePeriodSeconds < 0) return { ok: false, error: `--grace-period must be a whole number of seconds ≥ 0` };
  }
  const op: TimedOp = {
    op: "delete", resource: info.resource, name, at: ctx.at,
    ...(info.namespaced ? { namespace: ns } : {}), ...(gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds }),
  };
  return { ok: true, op, message: `${info.kind.toLowerCase()} "${name}" deleted at t=${ctx.at} ms` };
}

const LABEL_KEY = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

function label(f: Flags, ctx: CommandContext, nsFlag: string): CommandResult {
  const { info, name, ns, obj, rest } = target(f, ctx, nsFlag, "label");
  if (obj === undefined) return { ok: false, error: `${info.resource} "${name}" not found${info.namespaced ? ` in namespace ${ns}` : ""}` };
  if (rest.length === 0) return { ok: false, error: "label: give at least one key=value (or key- to remove)" };
  const labels: Record<string, string | null> = {};
  const overwrite = one(f, "--overwrite") !== undefined;
  for (const l of rest) {
    if (l.endsWith("-") && !l.includes("=")) {
      const key = l.slice(0, -1);
      if (!LABEL_KEY.test(key)) return { ok: false, error: `invalid label key "${key}"` };
      labels[key] = null;
      continue;
    }
    const eq = l.indexOf("=");
    if (eq <= 0) return { ok: false, error: `label: expected key=value or key-, got "${l}"` };
    const key = l.slice(0, eq);
    const value = l.slice(eq + 1);
    if (!LABEL_KEY.test(key) || key.length > 316) return { ok: false, error: `invalid label key "${key}"` };
    if (!LABEL_VALUE.test(value) || value.length > 63) return { ok: false, error: `invalid label value "${value}"` };
    const existing = obj.object.metadata.labels?.[key];
    if (existing !== undefined && existing !== value && !overwrite) {
      return { ok: false, error: `'${key}' already has a value (${existing}), and --overwrite is false` };
    }
    labels[key] = value;
  }
  const op: TimedOp = { op: "label", resource: info.resource, name, labels, at: ctx.at, ...(info.namespaced ? { namespace: ns } : {}) };
  return { ok: true, op, message: `${info.kind.toLowerCase()}/${name} labeled at t=${ctx.at} ms` };
}

function scale(f: Flags, ctx: CommandContext, nsFlag: string): CommandResult {
  const { info, name, ns, obj, rest } = target(f, ctx, nsFlag, "scale");
  if (rest.length > 0) return { ok: false, error: `scale: unexpected argument "${rest[0]}"` };
  if (info.resource !== "deployments" && info.resource !== "replicasets") return { ok: false, error: `scale: only deployments and replicasets can be scaled, not ${info.resource}` };
  const r = one(f, "--replicas");
  if (r === undefined) return { ok: false, error: "scale: --replicas is required" };
  const replicas = Number(r);
  if (!Number.isInteger(replicas) || replicas < 0) return { ok: false, error: "--replicas must be a whole number ≥ 0" };
  if (obj === undefined) return { ok: false, error: `${info.resource} "${name}" not found in namespace ${ns}` };
  const current = obj.object as KubeObject & { spec?: Record<string, unknown> };
  const object = { ...current, spec: { ...(current.spec ?? {}), replicas } } as KubeObject;
  return { ok: true, op: { op: "update", resource: info.resource, object, at: ctx.at }, message: `${info.kind.toLowerCase()}/${name} scaled to ${replicas} at t=${ctx.at} ms` };
}

function bind(f: Flags, ctx: CommandContext, nsFlag: string): CommandResult {
  const { info, name, ns, obj, rest } = target(f, ctx, nsFlag, "bind");
  if (rest.length > 0) return { ok: false, error: `bind: unexpected argument "${rest[0]}"` };
  if (info.resource !== "pods") return { ok: false, error: `bind: only pods are bound to nodes, not ${info.resource}` };
  const node = one(f, "--node");
  if (node === undefined || node === "") return { ok: false, error: "bind: --node=<node name> is required" };
  checkName(node, "node");
  if (obj === undefined) return { ok: false, error: `pods "${name}" not found in namespace ${ns}` };
  const op: TimedOp = { op: "bind", namespace: ns, name, node, at: ctx.at };
  return { ok: true, op, message: `pod/${name} bound to ${node} at t=${ctx.at} ms` };
}

const FAULTS: Record<string, "dropWatches" | "compact" | "partition" | "heal" | "restart"> = {
  partition: "partition", heal: "heal", compact: "compact", "drop-watches": "dropWatches", restart: "restart",
};

function fault(verb: string, f: Flags, ctx: CommandContext): CommandResult {
  const kind = FAULTS[verb]!;
  const [mode, extra] = f.positional;
  if (kind !== "partition" && mode !== undefined) return { ok: false, error: `${verb}: unexpected argument "${mode}"` };
  if (extra !== undefined) return { ok: false, error: `${verb}: unexpected argument "${extra}"` };
  if (kind === "partition") {
    if (mode !== undefined && mode !== "refused" && mode !== "timeout") {
      return { ok: false, error: `partition: say "refused" (connection refused, the default) or "timeout" (requests hang), not "${mode}"` };
    }
    const op: TimedOp = { op: "fault", fault: "partition", at: ctx.at, ...(mode === "timeout" ? { mode: "timeout" as const } : {}) };
    return { ok: true, op, message: `partition (${mode ?? "refused"}) at t=${ctx.at} ms` };
  }
  return { ok: true, op: { op: "fault", fault: kind, at: ctx.at }, message: `${verb} at t=${ctx.at} ms` };
}

/** Parses one command line at the current step. Never throws: errors come back as `{ ok: false }`. */
export function parseCommand(line: string, ctx: CommandContext): CommandResult {
  try {
    // create/apply -f take the rest of the line verbatim as the manifest (YAML spacing matters).
    const manifest = /^\s*(?:kubectl\s+)?(create|apply)\s+(?:-f|--filename)(?:=|\s+)([\s\S]*)$/.exec(line);
    if (manifest !== null) {
      let text = manifest[2]!.trim();
      if (text === "") return { ok: false, error: `${manifest[1]}: -f needs a manifest, e.g. ${manifest[1]} -f {kind: Pod, metadata: {name: web-9}}` };
      if (text.length >= 2 && (text[0] === "'" || text[0] === '"') && text.endsWith(text[0]!)) text = text.slice(1, -1);
      const { resource, object } = objectFromManifest(text, ctx.namespace ?? "default");
      const apply = manifest[1] === "apply";
      const op: TimedOp = { op: apply ? "apply" : "create", resource, object, at: ctx.at };
      return { ok: true, op, message: `${object.kind?.toLowerCase()}/${object.metadata.name} ${apply ? "applied" : "created"} at t=${ctx.at} ms` };
    }
    let words = tokenize(line.trim());
    if (words[0] === "kubectl") words = words.slice(1);
    const [verb, ...rest] = words;
    if (verb === undefined) return { ok: false, error: "type a command, e.g. get pods" };
    const f = splitFlags(rest);
    const ns = one(f, "-n", "--namespace") ?? ctx.namespace ?? "default";
    if (ns !== (ctx.namespace ?? "default")) checkName(ns, "namespace");
    switch (verb) {
      case "get":
        return get(f, ctx, ns);
      case "create":
        return create(f, ctx, ns, false);
      case "apply":
        return create(f, ctx, ns, true);
      case "delete":
        return del(f, ctx, ns);
      case "label":
        return label(f, ctx, ns);
      case "scale":
        return scale(f, ctx, ns);
      case "bind":
        return bind(f, ctx, ns);
      case "partition": case "heal": case "compact": case "drop-watches": case "restart":
        return fault(verb, f, ctx);
      default:
        return { ok: false, error: `unknown command "${verb}" (get, create, apply -f, delete, label, scale, bind; faults: partition [refused|timeout], heal, compact, drop-watches, restart)` };
    }
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}
