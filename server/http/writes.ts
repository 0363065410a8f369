/**
 * Writes over HTTP: POST, PUT (main and /status), DELETE with DeleteOptions, PATCH in the four content
 * types, the /scale subresource and pods/binding (wire.md §1 #11–#15, #18).
 *
 * Contract:
 * - Every write is the engine's (ApiServer.create/update/updateStatus/delete/patch/updateScale), so
 *   resourceVersions, 409s on a stale RV or failed precondition, the no-op short-circuit (same RV, no
 *   event), generation bumps and dry runs (`dryRun=All`) are the engine's; this layer decodes, checks the
 *   URL against the body and encodes.
 * - The URL wins: a body whose apiVersion/kind, name or namespace disagrees with it is a 400.
 * - DELETE answers the object for pods and namespaces (the real registries' ReturnDeletedObject) —
 *   still present with deletionTimestamp when graceful — and a `Status` Success for other kinds.
 * - `fieldManager` is accepted and not recorded (no managedFields); `fieldValidation=Strict` rejects
 *   unknown fields (field-validation.ts).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { listOptions } from "./reads.js";
import { newApiError } from "../../src/index.js";
import type { DeleteOptions } from "../../src/index.js";
import type { ResourceInfo } from "../../src/index.js";
import { applyPatch, patchTypeOf, type PatchType } from "../../src/index.js";
import { PatchError, isObject, type JsonObject } from "../../src/index.js";
import { applyMergePatch } from "../../src/index.js";
import type { KubeObject } from "../../src/index.js";
import { badRequest, fail, invalidOptions, parseJsonBody, queryInt, sendJson } from "./respond.js";
import { checkFields, pruneUnknownFields } from "./field-validation.js";
import type { Ctx, Route } from "./context.js";

function dryRun(q: URLSearchParams): boolean {
  const all = q.getAll("dryRun");
  for (const v of all) if (v !== "All") throw badRequest(`dryRun: Unsupported value: "${v}": supported values: "All"`);
  return all.length > 0;
}

/**
 * fieldValidation: Strict rejects unknown fields (400); Warn (the default) and Ignore drop them from the
 * body, Warn with one `Warning: 299 - "unknown field …"` header each, as the real decoder and handler do.
 */
function validation(res: ServerResponse | undefined, q: URLSearchParams, info: ResourceInfo, body: JsonObject): void {
  const v = q.get("fieldValidation") ?? "";
  if (v !== "" && v !== "Ignore" && v !== "Warn" && v !== "Strict") {
    throw badRequest(`fieldValidation: Unsupported value: "${v}": supported values: "Ignore", "Strict", "Warn"`);
  }
  if (v === "Strict") {
    const unknown = checkFields(info.kind, body);
    if (unknown.length > 0) {
      throw badRequest(`${info.kind} in version "${info.apiVersion.split("/").pop()!}" cannot be handled as a ${info.kind}: strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(", ")}`);
    }
    return;
  }
  const dropped = pruneUnknownFields(info.kind, body);
  if (v !== "Ignore" && dropped.length > 0 && res !== undefined) {
    res.setHeader("Warning", dropped.map((f) => `299 - ${JSON.stringify(`unknown field ${JSON.stringify(f)}`)}`));
  }
}

function asObject(body: unknown, info: ResourceInfo): JsonObject {
  if (!isObject(body)) throw badRequest(`the object provided is unrecognized (must be of type ${info.kind}): couldn't get version/kind; json parse error: the body is not a JSON object`);
  return body;
}

function checkTypeMeta(info: ResourceInfo, body: JsonObject): void {
  const av = body["apiVersion"];
  const kind = body["kind"];
  const version = info.apiVersion.split("/").pop()!;
  if (kind !== undefined && kind !== info.kind) {
    throw badRequest(`${String(kind)} in version "${version}" cannot be handled as a ${info.kind}: converting (${String(av ?? info.apiVersion)}.${String(kind)}) to (${info.group || "core"}.${info.kind}): unknown conversion`);
  }
  if (av !== undefined && av !== info.apiVersion) {
    throw badRequest(`${info.kind} in version "${version}" cannot be handled as a ${info.kind}: no kind "${info.kind}" is registered for version "${String(av)}"`);
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
  const body = asObject(parseJsonBody(text, info.kind), info);
  checkTypeMeta(info, body);
  checkNamespace(info, route, metaOf(body));
  validation(res, q, info, body);
  sendJson(res, 201, ctx.api.create(info.resource, body as unknown as KubeObject, { dryRun: dryRun(q) }));
}

export function serveUpdate(ctx: Ctx, res: ServerResponse, route: Route, q: URLSearchParams, text: string): void {
  const info = route.info;
  const body = asObject(parseJsonBody(text, info.kind), info);
  checkTypeMeta(info, body);
  const m = metaOf(body);
  if (m["name"] !== route.name) {
    throw badRequest(`the name of the object (${String(m["name"] ?? "")}) does not match the name on the URL (${route.name ?? ""})`);
  }
  checkNamespace(info, route, m);
  validation(res, q, info, body);
  const obj = body as unknown as KubeObject;
  const opts = { dryRun: dryRun(q) };
  sendJson(res, 200, route.sub === "status" ? ctx.api.updateStatus(info.resource, obj, opts) : ctx.api.update(info.resource, obj, opts));
}

function patchType(req: IncomingMessage): PatchType {
  const type = patchTypeOf(req.headers["content-type"]);
  if (type === undefined) {
    // the real patch handler answers a bare NewGenericServerResponse(415)
    throw fail(415, "UnsupportedMediaType", "415: Unsupported Media Type", {});
  }
  return type;
}

export function servePatch(ctx: Ctx, req: IncomingMessage, res: ServerResponse, route: Route, q: URLSearchParams, text: string): void {
  const info = route.info;
  const type = patchType(req);
  if (type === "apply" && !q.get("fieldManager")) {
    throw invalidOptions("PatchOptions", "fieldManager", "Required value: is required for apply patch", "FieldValueRequired");
  }
  const dry = dryRun(q);
  if (q.get("fieldValidation") === "Strict") {
    // The patched object is what must be known fields only: check it on a dry run first.
    const r = ctx.api.patch<KubeObject>(info.resource, route.namespace, route.name!, type, text,
      { dryRun: true, ...(route.sub === "status" ? { subresource: "status" as const } : {}) });
    validation(undefined, q, info, JSON.parse(JSON.stringify(r.object)) as JsonObject);
  }
  const r = ctx.api.patch<KubeObject>(info.resource, route.namespace, route.name!, type, text,
    { dryRun: dry, ...(route.sub === "status" ? { subresource: "status" as const } : {}) });
  checkTypeMeta(info, r.object as unknown as JsonObject);
  sendJson(res, r.created ? 201 : 200, r.object);
}

function deleteOptions(q: URLSearchParams, text: string): DeleteOptions & { dryRun: boolean } {
  const out: DeleteOptions & { dryRun: boolean } = { dryRun: dryRun(q) };
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
      throw invalidOptions("DeleteOptions", "propagationPolicy", `Unsupported value: "${String(p)}": supported values: "Foreground", "Background", "Orphan", "nil"`, "FieldValueNotSupported");
    }
    const dr = body["dryRun"];
    if (Array.isArray(dr) && dr.includes("All")) out.dryRun = true;
  }
  return out;
}

export function serveDelete(ctx: Ctx, res: ServerResponse, route: Route, q: URLSearchParams, text: string): void {
  const info = route.info;
  const obj = ctx.api.delete(info.resource, route.namespace, route.name!, deleteOptions(q, text));
  const terminating = obj.metadata.deletionTimestamp !== undefined;
  // The pod and namespace registries return the object (ReturnDeletedObject), with its deletion stamp;
  // others a Status Success once the object is gone.
  if (terminating || info.resource === "pods" || info.resource === "namespaces") { sendJson(res, 200, obj); return; }
  sendJson(res, 200, { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success",
    details: { name: obj.metadata.name, ...(info.group !== "" ? { group: info.group } : {}), kind: info.resource, uid: obj.metadata.uid } });
}

/** DELETE on a collection: the list of what was deleted (items without kind/apiVersion, as every list). */
export function serveDeleteCollection(ctx: Ctx, res: ServerResponse, route: Route, q: URLSearchParams, text: string): void {
  const info = route.info;
  const list = ctx.api.deleteCollection(info.resource, { ...listOptions(route, q), ...deleteOptions(q, text) });
  sendJson(res, 200, { ...list, items: list.items.map((o) => {
    const { kind: _k, apiVersion: _a, ...rest } = o as KubeObject & { kind?: string; apiVersion?: string };
    return rest;
  }) });
}

// ───────────────────────────── /scale and pods/binding ─────────────────────────────

export function serveScale(ctx: Ctx, req: IncomingMessage, res: ServerResponse, route: Route, q: URLSearchParams, text: string, method: string): void {
  const info = route.info;
  const scale = ctx.api.getScale(info.resource, route.namespace, route.name!);
  if (method === "GET") { sendJson(res, 200, scale); return; }
  let next: JsonObject;
  if (method === "PUT") {
    next = asObject(parseJsonBody(text), info);
  } else {
    try { next = applyPatch(patchType(req), scale as unknown as JsonObject, text, "Scale"); } catch (e) {
      if (e instanceof PatchError) throw e.code === 422 ? newApiError(422, "Invalid", e.message) : badRequest(e.message);
      throw e;
    }
  }
  const replicas = isObject(next["spec"]) ? next["spec"]["replicas"] : undefined;
  const rv = isObject(next["metadata"]) ? next["metadata"]["resourceVersion"] : undefined;
  sendJson(res, 200, ctx.api.updateScale(info.resource, route.namespace, route.name!, replicas as number,
    { dryRun: dryRun(q), ...(typeof rv === "string" && method === "PUT" ? { resourceVersion: rv } : {}) }));
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
