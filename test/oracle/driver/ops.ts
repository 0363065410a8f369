/**
 * ops — a scenario's actions against the cluster over HTTP, as any client would send them (POST, PUT,
 * PATCH with its content type, DELETE with DeleteOptions, the loopback fault endpoints). A non-2xx
 * answer throws with the server's Status message.
 */
import { RESOURCES } from "../../../src/apiserver/resources.js";
import type { KubeObject } from "../../../src/types.js";

const PATCH_TYPES = {
  merge: "application/merge-patch+json",
  strategic: "application/strategic-merge-patch+json",
  json: "application/json-patch+json",
} as const;

export function resourcePath(resource: string, namespace: string | undefined, name?: string): string {
  const info = RESOURCES[resource];
  if (info === undefined) throw new Error(`unknown resource ${resource}`);
  const gv = info.apiVersion.includes("/") ? `/apis/${info.apiVersion}` : `/api/${info.apiVersion}`;
  const ns = info.namespaced ? `/namespaces/${encodeURIComponent(namespace ?? "default")}` : "";
  return `${gv}${ns}/${resource}${name !== undefined ? `/${encodeURIComponent(name)}` : ""}`;
}

export async function call(base: string, method: string, path: string, body?: unknown, contentType = "application/json"): Promise<unknown> {
  const init: RequestInit = { method, headers: { Accept: "application/json" } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { Accept: "application/json", "Content-Type": contentType };
  }
  const r = await fetch(`${base}${path}`, init);
  const text = await r.text();
  if (r.status < 200 || r.status > 299) throw new Error(`${method} ${path}: ${r.status} ${text.slice(0, 300)}`);
  return text === "" ? undefined : JSON.parse(text);
}

export function create(base: string, resource: string, obj: KubeObject): Promise<unknown> {
  return call(base, "POST", resourcePath(resource, obj.metadata.namespace), obj);
}

export function patch(base: string, resource: string, namespace: string, name: string, type: keyof typeof PATCH_TYPES, body: unknown): Promise<unknown> {
  return call(base, "PATCH", resourcePath(resource, namespace, name), body, PATCH_TYPES[type]);
}

export async function update(base: string, resource: string, namespace: string, name: string, change: (obj: KubeObject) => void): Promise<unknown> {
  const path = resourcePath(resource, namespace, name);
  const obj = (await call(base, "GET", path)) as KubeObject;
  change(obj);
  return call(base, "PUT", path, obj);
}

export function remove(base: string, resource: string, namespace: string, name: string, gracePeriodSeconds?: number): Promise<unknown> {
  const body: Record<string, unknown> = { kind: "DeleteOptions", apiVersion: "v1", propagationPolicy: "Background" };
  if (gracePeriodSeconds !== undefined) body.gracePeriodSeconds = gracePeriodSeconds;
  return call(base, "DELETE", resourcePath(resource, namespace, name), body);
}

export function fault(base: string, name: string, body?: Record<string, number>): Promise<unknown> {
  return call(base, "POST", `/playground/v1/faults/${name}`, body ?? {});
}
