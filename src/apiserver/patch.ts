/**
 * PATCH and the /scale subresource (apiserver's `endpoints/handlers/patch.go` and the apps registries'
 * ScaleREST), over the registry's update path.
 *
 * Contract:
 * - patch: get the stored object, apply the patch (src/apimachinery: merge, JSON patch, strategic-merge-
 *   lite, apply-lite), then update — conditioned on the resourceVersion that was read unless the patch
 *   itself set one (optimistic locking: a stale one is a 409). So RVs, 409s, the no-op short-circuit
 *   (same RV, no event), generation bumps and the status-subresource rule are the update path's.
 * - A patch that changes metadata.name or metadata.namespace is a 400; a patch that cannot be decoded is
 *   a 400, one that cannot be applied (a failed JSON-patch test, a list element without its merge key) a
 *   422. Patching an absent object is a 404, except an apply patch, which creates it (`created: true`).
 * - Scale: `getScale` answers an autoscaling/v1 Scale for deployments and replicasets (spec.replicas,
 *   status.replicas, status.selector from matchLabels); `updateScale` sets spec.replicas through the same
 *   update (a Scale carrying a resourceVersion is a precondition); replicas must be an integer ≥ 0 (422).
 * - Dry run: as the registry's (nothing committed).
 */
import { applyPatch, type PatchType } from "../apimachinery/patch.js";
import { PatchError, isObject, type JsonObject } from "../apimachinery/json.js";
import { newApiError, type ApiError } from "../apimachinery/errors.js";
import type { KubeObject } from "../types.js";
import type { ResourceInfo } from "./resources.js";
import type { Registry } from "./registry.js";
import { notFound } from "./status.js";

export interface PatchOptions {
  /** "status" patches through updateStatus (only .status is kept). */
  subresource?: "status";
  dryRun?: boolean;
}

export interface Scale {
  kind: "Scale";
  apiVersion: "autoscaling/v1";
  metadata: { name: string; namespace?: string; uid?: string; resourceVersion?: string; creationTimestamp?: string };
  spec: { replicas: number };
  status: { replicas: number; selector: string };
}

function badRequest(message: string): ApiError {
  return newApiError(400, "BadRequest", message);
}

function patchFailure(e: unknown, type: PatchType): unknown {
  if (!(e instanceof PatchError)) return e;
  // handlers/patch.go applyJSPatch: a JSON patch that fails to apply is a generic 422 without its reason
  if (e.code === 422 && type === "json") return newApiError(422, "Invalid", "the server rejected our request due to an error in our request", {});
  if (e.code === 422) return newApiError(422, "Invalid", e.message);
  if (e.code === 415) return newApiError(415, "UnsupportedMediaType", e.message);
  return badRequest(e.message);
}

export function patchObject(registry: Registry, info: ResourceInfo, namespace: string | undefined, name: string,
                            type: PatchType, body: string, options: PatchOptions): { object: KubeObject; created: boolean } {
  let current: KubeObject | undefined;
  try {
    current = registry.get(info.resource, namespace, name);
  } catch (e) {
    if (type !== "apply") throw e;
  }
  let next: JsonObject;
  try {
    next = applyPatch(type, (current ?? {}) as unknown as JsonObject, body, info.kind);
  } catch (e) {
    throw patchFailure(e, type);
  }
  const meta = isObject(next["metadata"]) ? next["metadata"] : undefined;
  const nextName = meta?.["name"];
  if (nextName !== undefined && nextName !== name) {
    throw badRequest(`the name of the object (${String(nextName)}) does not match the name on the URL (${name})`);
  }
  const nextNs = meta?.["namespace"];
  if (info.namespaced && nextNs !== undefined && nextNs !== "" && nextNs !== (current?.metadata.namespace ?? namespace ?? "default")) {
    throw badRequest("the namespace of the provided object does not match the namespace sent on the request");
  }
  if (current === undefined) {
    if (options.subresource === "status") throw notFound(info, name);
    const m: JsonObject = { ...(meta ?? {}), name };
    if (info.namespaced) m["namespace"] = namespace ?? "default";
    const obj = { ...next, metadata: m } as unknown as KubeObject;
    return { object: registry.create(info.resource, obj, options.dryRun === true), created: true };
  }
  const m: JsonObject = { ...(meta ?? {}) };
  const rv = m["resourceVersion"];
  if (typeof rv !== "string" || rv === "") m["resourceVersion"] = current.metadata.resourceVersion ?? "";
  const obj = { ...next, metadata: m } as unknown as KubeObject;
  return { object: registry.update(info.resource, obj, options.subresource === "status", options.dryRun === true), created: false };
}

function hasScale(info: ResourceInfo): boolean {
  return info.resource === "deployments" || info.resource === "replicasets";
}

function scaleOf(o: KubeObject): Scale {
  const spec = (o as unknown as { spec?: { replicas?: number; selector?: { matchLabels?: Record<string, string> } } }).spec;
  const status = (o as unknown as { status?: { replicas?: number } }).status;
  const ml = spec?.selector?.matchLabels ?? {};
  const md = o.metadata;
  return {
    kind: "Scale", apiVersion: "autoscaling/v1",
    metadata: {
      name: md.name,
      ...(md.namespace !== undefined ? { namespace: md.namespace } : {}),
      ...(md.uid !== undefined ? { uid: md.uid } : {}),
      ...(md.resourceVersion !== undefined ? { resourceVersion: md.resourceVersion } : {}),
      ...(md.creationTimestamp !== undefined ? { creationTimestamp: md.creationTimestamp } : {}),
    },
    spec: { replicas: spec?.replicas ?? 1 },
    status: { replicas: status?.replicas ?? 0, selector: Object.keys(ml).sort().map((k) => `${k}=${ml[k]!}`).join(",") },
  };
}

export function getScale(registry: Registry, info: ResourceInfo, namespace: string | undefined, name: string): Scale {
  if (!hasScale(info)) throw newApiError(404, "NotFound", `the server could not find the requested resource (${info.resource}/scale)`);
  return scaleOf(registry.get(info.resource, namespace, name));
}

export function updateScale(registry: Registry, info: ResourceInfo, namespace: string | undefined, name: string,
                            replicas: unknown, resourceVersion: string | undefined, dryRun: boolean): Scale {
  const current = registry.get(info.resource, namespace, name);
  if (!hasScale(info)) throw newApiError(404, "NotFound", `the server could not find the requested resource (${info.resource}/scale)`);
  if (typeof replicas !== "number" || !Number.isInteger(replicas) || replicas < 0) {
    throw newApiError(422, "Invalid", `Scale.autoscaling "${name}" is invalid: spec.replicas: Invalid value: ${JSON.stringify(replicas ?? null)}: must be greater than or equal to 0`);
  }
  const spec = { ...((current as unknown as { spec?: JsonObject }).spec ?? {}), replicas };
  const obj = {
    ...(current as unknown as JsonObject), spec,
    metadata: { ...current.metadata, resourceVersion: resourceVersion !== undefined && resourceVersion !== "" ? resourceVersion : current.metadata.resourceVersion },
  } as unknown as KubeObject;
  return scaleOf(registry.update(info.resource, obj, false, dryRun));
}
