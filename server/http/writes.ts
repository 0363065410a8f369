/**
 * Writes over HTTP: POST, PUT (main and /status), DELETE with DeleteOptions, PATCH in the four content
 * types, the /scale subresource and pods/binding (wire.md §1 #11–#15, #18).
 *
 * Contract:
 * - Every write goes through the engine's update path (ApiServer.create/update/updateStatus/delete), so
 *   resourceVersions, 409s on a stale RV or failed precondition, the no-op short-circuit (same RV, no
 *   event) and generation bumps are the engine's. PATCH = get, apply the patch (src/apimachinery), then
 *   an update conditional on the RV that was read, unless the patch itself set one.
 * - The URL wins: a body whose apiVersion/kind, name or namespace disagrees with it is a 400.
 * - `dryRun=All` runs every check and answers what would be stored, storing nothing (done in this layer
 *   until the engine has dry-run: no uid/RV is assigned to a dry-run create).
 * - DELETE answers the object for pods and namespaces (the real registries' ReturnDeletedObject) —
 *   still present with deletionTimestamp when graceful — and a `Status` Success for other kinds.
 * - `fieldManager` is accepted and not recorded (no managedFields); `fieldValidation=Strict` rejects
 *   unknown fields (field-validation.ts).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError, newApiError } from "../../src/apimachinery/errors.js";
import type { DeleteOptions } from "../../src/apiserver/api-server.js";
import type { ResourceInfo } from "../../src/apiserver/resources.js";
import { applyPatch, patchTypeOf, PATCH_CONTENT_TYPES } from "../../src/apimachinery/patch.js";
import { PatchError, isObject, jsonEqual, type JsonObject } from "../../src/apimachinery/json.js";
import { applyMergePatch } from "../../src/apimachinery/merge-patch.js";
import type { KubeObject } from "../../src/types.js";
import { badRequest, fail, parseJsonBody, queryInt, sendJson } from "./respond.js";
import { checkFields } from "./field-validation.js";
import type { Ctx, Route } from "./context.js";

function dryRun(q: URLSearchParams): boolean {
  const all = q.getAll("dryRun");
  for (const v of all) if (v !== "All") throw badRequest(`dryRun: Unsupported value: "${v}": supported values: "All"`);
  return all.length > 0;
}

function validation(ctx: Ctx, q: URLSearchParams, info: ResourceInfo, body: JsonObject): void {
  const v = q.get("fieldValidation");
  if (v === null || v === "" || v === "Ignore" || v === "Warn") return;
  if (v !== "Strict") throw badRequest(`fieldValidation: Unsupported value: "${v}": supported values: "Ignore", "Strict", "Warn"`);
  const unknown = checkFields(info.kind, body);
  if (unknown.length > 0) throw badRequest(`strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(", ")}`);
  void ctx;
}

function asObject(body: unknown, info: ResourceInfo): JsonObject {
  if (!isObject(body)) throw badRequest(`the body of the request was not a ${info.kind} object`);
  return body;
}

function checkTypeMeta(info: ResourceInfo, body: JsonObject): void {
  const av = body["apiVersion"];
  const kind = body["kind"];
  if (av !== undefined && av !== info.apiVersion) {
    throw badRequest(`the API version in the data (${String(av)}) does not match the expected API version (${info.apiVersion})`);
  }
  if (kind !== undefined && kind !== info.kind) {
    throw badRequest(`the kind in the data (${String(kind)}) does not match the expected kind (${info.kind})`);
  }
}

function checkNamespace(info: ResourceInfo, route: Route, meta: JsonObject): void {
  if (!info.namespaced) return;
  const ns = meta["namespace"];
  if (ns !== undefined && ns !== "" && ns !== route.namespace) {
    throw badRequest("the namespace of the provided object does not match the namespace sent on the request");
  }
  meta["namespace"] = route.namespace ?? "default";
}

function metaOf(body: JsonObject): JsonObject {
  const m = body["metadata"];
  if (m === undefined) { const fresh: JsonObject = {}; body["metadata"] = fresh; return fresh; }
  if (!isObject(m)) throw badRequest("metadata: Invalid value: must be an object");
  return m;
}

export function serveCreate(ctx: Ctx, res: ServerResponse, route: Route, q: URLSearchParams, text: string): void {
  const info = route.info;
  const body = asObject(parseJsonBody(text), info);
  checkTypeMeta(info, body);
  checkNamespace(info, route, metaOf(body));
  validation(ctx, q, info, body);
  if (dryRun(q)) {
    const name = metaOf(body)["name"];
    if (typeof name === "string" && existing(ctx, info, route.namespace, name) !== undefined) {
      throw newApiError(409, "AlreadyExists", `${info.resource} "${name}" already exists`, { name, kind: info.resource, group: info.group });
    }
    const m = metaOf(body);
    m["creationTimestamp"] = new Date(ctx.epochMs + ctx.scheduler.now()).toISOString().replace(/\.\d{3}Z$/, "Z");
    sendJson(res, 201, { apiVersion: info.apiVersion, kind: info.kind, ...body });
    return;
  }
  sendJson(res, 201, ctx.api.create(info.resource, body as unknown as KubeObject));
}

function existing(ctx: Ctx, info: ResourceInfo, namespace: string | undefined, name: string): KubeObject | undefined {
  try {
    return ctx.api.get<KubeObject>(info.resource, namespace, name);
  } catch (e) {
    if (e instanceof ApiError && e.code === 404) return undefined;
    throw e;
  }
}

/** Stores `next` as an update of `current` (or only its status), or answers it unstored for a dry run. */
function store(ctx: Ctx, info: ResourceInfo, current: KubeObject, next: JsonObject, statusOnly: boolean, dry: boolean): KubeObject {
  const m = metaOf(next);
  if (m["name"] !== current.metadata.name) {
    throw badRequest(`the name of the object (${String(m["name"])}) does not match the name on the URL (${current.metadata.name})`);
  }
  if (info.namespaced && m["namespace"] !== undefined && m["namespace"] !== current.metadata.namespace) {
    throw badRequest("the namespace of the provided object does not match the namespace sent on the request");
  }
  if (dry) {
    const rv = m["resourceVersion"];
    if (typeof rv === "string" && rv !== "" && rv !== current.metadata.resourceVersion) {
      throw newApiError(409, "Conflict", `Operation cannot be fulfilled on ${info.resource}${info.group ? `.${info.group}` : ""} "${current.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`, { name: current.metadata.name, kind: info.resource, group: info.group });
    }
    return { ...(next as unknown as KubeObject), metadata: { ...(m as unknown as KubeObject["metadata"]), resourceVersion: current.metadata.resourceVersion ?? "" } };
  }
  const obj = next as unknown as KubeObject;
  return statusOnly ? ctx.api.updateStatus(info.resource, obj) : ctx.api.update(info.resource, obj);
}

export function serveUpdate(ctx: Ctx, res: ServerResponse, route: Route, q: URLSearchParams, text: string): void {
  const info = route.info;
  const body = asObject(parseJsonBody(text), info);
  checkTypeMeta(info, body);
  const m = metaOf(body);
  if (m["name"] !== route.name) {
    throw badRequest(`the name of the object (${String(m["name"] ?? "")}) does not match the name on the URL (${route.name ?? ""})`);
  }
  checkNamespace(info, route, m);
  validation(ctx, q, info, body);
  const dry = dryRun(q);
  const current = ctx.api.get<KubeObject>(info.resource, route.namespace, route.name);
  sendJson(res, 200, store(ctx, info, current, body, route.sub === "status", dry));
}

export function servePatch(ctx: Ctx, req: IncomingMessage, res: ServerResponse, route: Route, q: URLSearchParams, text: string): void {
  const info = route.info;
  const type = patchTypeOf(req.headers["content-type"]);
  if (type === undefined) {
    throw fail(415, "UnsupportedMediaType", `the body of the request was in an unknown format - accepted media types include: ${Object.values(PATCH_CONTENT_TYPES).join(", ")}`);
  }
  const dry = dryRun(q);
  const current = existing(ctx, info, route.namespace, route.name!);
  try {
    if (current === undefined) {
      if (type !== "apply") throw fail(404, "NotFound", `${info.resource}${info.group ? `.${info.group}` : ""} "${route.name!}" not found`, { name: route.name!, kind: info.resource, group: info.group });
      // apply-lite creates what is absent (201), like server-side apply.
      const manifest = applyPatch("apply", {}, text, info.kind);
      checkTypeMeta(info, manifest);
      const m = metaOf(manifest);
      if (m["name"] !== undefined && m["name"] !== route.name) throw badRequest(`the name of the object (${String(m["name"])}) does not match the name on the URL (${route.name!})`);
      m["name"] = route.name!;
      checkNamespace(info, route, m);
      validation(ctx, q, info, manifest);
      if (dry) { sendJson(res, 201, { apiVersion: info.apiVersion, kind: info.kind, ...manifest }); return; }
      sendJson(res, 201, ctx.api.create(info.resource, manifest as unknown as KubeObject));
      return;
    }
    const original = current as unknown as JsonObject;
    const next = applyPatch(type, original, text, info.kind);
    checkTypeMeta(info, next);
    const m = metaOf(next);
    if (!("resourceVersion" in m) || m["resourceVersion"] === null || m["resourceVersion"] === "") m["resourceVersion"] = current.metadata.resourceVersion ?? "";
    if (q.get("fieldValidation") === "Strict") validation(ctx, q, info, next);
    sendJson(res, 200, store(ctx, info, current, next, route.sub === "status", dry));
  } catch (e) {
    if (e instanceof PatchError) {
      throw e.code === 422 ? newApiError(422, "Invalid", e.message) : fail(e.code, e.code === 415 ? "UnsupportedMediaType" : "BadRequest", e.message);
    }
    throw e;
  }
}

function deleteOptions(q: URLSearchParams, text: string): DeleteOptions & { dry: boolean } {
  const out: DeleteOptions & { dry: boolean } = { dry: dryRun(q) };
  const grace = queryInt(q, "gracePeriodSeconds");
  if (grace !== undefined) out.gracePeriodSeconds = grace;
  if (text.trim() !== "") {
    const body = parseJsonBody(text);
    if (!isObject(body)) throw badRequest("the body of the request was not a DeleteOptions object");
    const kind = body["kind"];
    if (kind !== undefined && kind !== "DeleteOptions") throw badRequest(`the kind in the data (${String(kind)}) does not match the expected kind (DeleteOptions)`);
    const g = body["gracePeriodSeconds"];
    if (typeof g === "number") out.gracePeriodSeconds = g;
    const pre = body["preconditions"];
    if (isObject(pre)) {
      out.preconditions = {};
      if (typeof pre["uid"] === "string") out.preconditions.uid = pre["uid"];
      if (typeof pre["resourceVersion"] === "string") out.preconditions.resourceVersion = pre["resourceVersion"];
    }
    const p = body["propagationPolicy"];
    if (p !== undefined && p !== null && p !== "Orphan" && p !== "Background" && p !== "Foreground") {
      throw badRequest(`propagationPolicy: Unsupported value: "${String(p)}": supported values: "Foreground", "Background", "Orphan"`);
    }
    const dr = body["dryRun"];
    if (Array.isArray(dr) && dr.includes("All")) out.dry = true;
  }
  return out;
}

export function serveDelete(ctx: Ctx, res: ServerResponse, route: Route, q: URLSearchParams, text: string): void {
  const info = route.info;
  const opts = deleteOptions(q, text);
  const before = ctx.api.get<KubeObject>(info.resource, route.namespace, route.name!);
  const returnsObject = info.resource === "pods" || info.resource === "namespaces";
  if (opts.dry) {
    const pre = opts.preconditions;
    if ((pre?.uid !== undefined && pre.uid !== before.metadata.uid) || (pre?.resourceVersion !== undefined && pre.resourceVersion !== before.metadata.resourceVersion)) {
      throw newApiError(409, "Conflict", `Operation cannot be fulfilled on ${info.resource} "${before.metadata.name}": Precondition failed`);
    }
    sendJson(res, 200, returnsObject ? before : successStatus(info, before));
    return;
  }
  const { dry: _dry, ...engineOpts } = opts;
  ctx.api.delete(info.resource, route.namespace, route.name!, engineOpts);
  const after = existing(ctx, info, route.namespace, route.name!);
  if (after !== undefined && after.metadata.uid === before.metadata.uid) { sendJson(res, 200, after); return; }
  sendJson(res, 200, returnsObject ? before : successStatus(info, before));
}

function successStatus(info: ResourceInfo, o: KubeObject): unknown {
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success",
    details: { name: o.metadata.name, group: info.group, kind: info.resource, uid: o.metadata.uid } };
}

// ───────────────────────────── /scale and pods/binding ─────────────────────────────

function scaleOf(info: ResourceInfo, o: KubeObject): JsonObject {
  const spec = (o as unknown as { spec?: { replicas?: number; selector?: { matchLabels?: Record<string, string> } } }).spec;
  const status = (o as unknown as { status?: { replicas?: number } }).status;
  const ml = spec?.selector?.matchLabels ?? {};
  return {
    kind: "Scale", apiVersion: "autoscaling/v1",
    metadata: { name: o.metadata.name, namespace: o.metadata.namespace ?? "", uid: o.metadata.uid ?? "",
      resourceVersion: o.metadata.resourceVersion ?? "", creationTimestamp: o.metadata.creationTimestamp ?? null },
    spec: { replicas: spec?.replicas ?? 1 },
    status: { replicas: status?.replicas ?? 0, selector: Object.keys(ml).sort().map((k) => `${k}=${ml[k]}`).join(",") },
  };
  void info;
}

export function serveScale(ctx: Ctx, req: IncomingMessage, res: ServerResponse, route: Route, q: URLSearchParams, text: string, method: string): void {
  const info = route.info;
  const current = ctx.api.get<KubeObject>(info.resource, route.namespace, route.name!);
  const scale = scaleOf(info, current);
  if (method === "GET") { sendJson(res, 200, scale); return; }
  let next: JsonObject;
  if (method === "PUT") {
    next = asObject(parseJsonBody(text), info);
  } else {
    const type = patchTypeOf(req.headers["content-type"]);
    if (type === undefined) throw fail(415, "UnsupportedMediaType", `the body of the request was in an unknown format - accepted media types include: ${Object.values(PATCH_CONTENT_TYPES).join(", ")}`);
    try { next = applyPatch(type, scale, text, "Scale"); } catch (e) {
      if (e instanceof PatchError) throw e.code === 422 ? newApiError(422, "Invalid", e.message) : badRequest(e.message);
      throw e;
    }
  }
  const replicas = isObject(next["spec"]) ? next["spec"]["replicas"] : undefined;
  if (typeof replicas !== "number" || !Number.isInteger(replicas) || replicas < 0) {
    throw newApiError(422, "Invalid", `Scale.autoscaling "${route.name!}" is invalid: spec.replicas: Invalid value: ${JSON.stringify(replicas ?? null)}: must be greater than or equal to 0`);
  }
  const rv = isObject(next["metadata"]) ? next["metadata"]["resourceVersion"] : undefined;
  const obj = JSON.parse(JSON.stringify(current)) as JsonObject;
  (obj["spec"] as JsonObject)["replicas"] = replicas;
  (obj["metadata"] as JsonObject)["resourceVersion"] = typeof rv === "string" && rv !== "" ? rv : current.metadata.resourceVersion ?? "";
  const stored = jsonEqual(obj["spec"], (current as unknown as JsonObject)["spec"]) ? current : store(ctx, info, current, obj, false, dryRun(q));
  sendJson(res, 200, scaleOf(info, stored));
}

export function serveBinding(ctx: Ctx, res: ServerResponse, route: Route, q: URLSearchParams, text: string): void {
  const body = asObject(parseJsonBody(text), route.info);
  const target = body["target"];
  const node = isObject(target) ? target["name"] : undefined;
  if (typeof node !== "string" || node === "") throw newApiError(422, "Invalid", `Binding "${route.name!}" is invalid: target.name: Required value`);
  const kind = isObject(target) && typeof target["kind"] === "string" ? target["kind"] : undefined;
  const meta = isObject(body["metadata"]) ? body["metadata"] : {};
  const annotations = isObject(meta["annotations"]) ? meta["annotations"] as Record<string, string> : undefined;
  if (dryRun(q)) {
    // the checks of BindingREST without the write
    const pod = ctx.api.get<KubeObject>("pods", route.namespace, route.name!);
    const bound = (pod as unknown as { spec?: { nodeName?: string } }).spec?.nodeName;
    if (bound) throw newApiError(409, "Conflict", `Operation cannot be fulfilled on pods/binding "${route.name!}": pod ${route.name!} is already assigned to node "${bound}"`, { name: route.name!, kind: "pods/binding" });
  } else {
    // the server's own pods/binding subresource (an update may not set spec.nodeName)
    ctx.api.bind({
      metadata: { name: route.name!, namespace: route.namespace ?? "default", ...(annotations !== undefined ? { annotations } : {}) },
      target: { name: node, ...(kind !== undefined ? { kind } : {}) },
    });
  }
  sendJson(res, 201, { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", code: 201 });
}
