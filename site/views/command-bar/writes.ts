/**
 * The commands that write: create (by kind or `-f` manifest), apply -f, delete, label, scale, bind. Each
 * produces exactly one TimedOp at the current step's virtual time, or throws a message saying what
 * was wrong (parseCommand turns it into `{ ok: false }`).
 */
import { formatTime } from "../format-time.js";
import { parse as parseYaml } from "yaml";
import type { ServerObjectView } from "../../../src/sim/index.js";
import type { KubeObject, ResourceInfo } from "../../../src/index.js";
import type { TimedOp } from "../run-types.js";
import { findObject, kindInfo, resourceInfo } from "./resources.js";
import type { CommandContext, CommandResult } from "./types.js";
import { checkName, one, type Flags } from "./words.js";

export function objectFromManifest(text: string, ns: string): { resource: string; object: KubeObject } {
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

export function create(f: Flags, ctx: CommandContext, ns: string, apply: boolean): CommandResult {
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
  return { ok: true, op: { op: "create", resource: info.resource, object, at: ctx.at }, message: `${info.kind.toLowerCase()}/${name} created at t = ${formatTime(ctx.at)}` };
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

export function del(f: Flags, ctx: CommandContext, nsFlag: string): CommandResult {
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
  return { ok: true, op, message: `${info.kind.toLowerCase()} "${name}" deleted at t = ${formatTime(ctx.at)}` };
}

const LABEL_KEY = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

export function label(f: Flags, ctx: CommandContext, nsFlag: string): CommandResult {
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
  return { ok: true, op, message: `${info.kind.toLowerCase()}/${name} labeled at t = ${formatTime(ctx.at)}` };
}

export function scale(f: Flags, ctx: CommandContext, nsFlag: string): CommandResult {
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
  return { ok: true, op: { op: "update", resource: info.resource, object, at: ctx.at }, message: `${info.kind.toLowerCase()}/${name} scaled to ${replicas} at t = ${formatTime(ctx.at)}` };
}

export function bind(f: Flags, ctx: CommandContext, nsFlag: string): CommandResult {
  const { info, name, ns, obj, rest } = target(f, ctx, nsFlag, "bind");
  if (rest.length > 0) return { ok: false, error: `bind: unexpected argument "${rest[0]}"` };
  if (info.resource !== "pods") return { ok: false, error: `bind: only pods are bound to nodes, not ${info.resource}` };
  const node = one(f, "--node");
  if (node === undefined || node === "") return { ok: false, error: "bind: --node=<node name> is required" };
  checkName(node, "node");
  if (obj === undefined) return { ok: false, error: `pods "${name}" not found in namespace ${ns}` };
  const op: TimedOp = { op: "bind", namespace: ns, name, node, at: ctx.at };
  return { ok: true, op, message: `pod/${name} bound to ${node} at t = ${formatTime(ctx.at)}` };
}
