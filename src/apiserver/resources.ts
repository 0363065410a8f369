/**
 * Resource registry — what the simulated server serves (its discovery document), and each kind's
 * strategy knobs from the real registry (`pkg/registry/.../strategy.go`).
 *
 * Contract:
 * - A resource is named by its plural ("pods"); it has a kind, a group version, a scope (namespaced or
 *   cluster), whether it uses `metadata.generation`, whether it has a status subresource (then the main
 *   endpoint ignores `.status` changes), whether annotation changes also bump the generation
 *   (Deployments), whether deletion is graceful (pods), and its field-selector whitelist.
 * - `fieldValue(resource, obj, field)` gives the string a field selector compares ("" when absent);
 *   fields outside the whitelist are rejected by the server with 400 "field label not supported".
 */
import type { KubeObject } from "../types.js";

export interface ResourceInfo {
  readonly resource: string;
  readonly kind: string;
  readonly listKind: string;
  readonly group: string;          // "" for core
  readonly apiVersion: string;     // "v1" or "apps/v1"
  readonly namespaced: boolean;
  readonly generation: boolean;
  readonly statusSubresource: boolean;
  readonly annotationsBumpGeneration: boolean;
  readonly graceful: boolean;
  /** Field-selector fields beyond metadata.name / metadata.namespace, with their getters. */
  readonly fields: Readonly<Record<string, (obj: KubeObject) => string>>;
}

type Json = Record<string, unknown>;
function path(obj: KubeObject, a: string, b: string): string {
  const outer = (obj as unknown as Json)[a];
  if (outer === null || typeof outer !== "object") return "";
  const v = (outer as Json)[b];
  if (v === undefined || v === null) return "";
  return typeof v === "string" ? v : String(v);
}
const field = (a: string, b: string) => (obj: KubeObject): string => path(obj, a, b);

function info(resource: string, kind: string, apiVersion: string, opts: Partial<ResourceInfo>): ResourceInfo {
  const group = apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.indexOf("/")) : "";
  return Object.freeze({
    resource, kind, listKind: `${kind}List`, group, apiVersion,
    namespaced: true, generation: false, statusSubresource: false, annotationsBumpGeneration: false,
    graceful: false, fields: {}, ...opts,
  });
}

export const RESOURCES: Readonly<Record<string, ResourceInfo>> = Object.freeze({
  pods: info("pods", "Pod", "v1", {
    generation: true, statusSubresource: true, graceful: true,
    fields: {
      "spec.nodeName": field("spec", "nodeName"),
      "spec.restartPolicy": field("spec", "restartPolicy"),
      "spec.schedulerName": field("spec", "schedulerName"),
      "spec.serviceAccountName": field("spec", "serviceAccountName"),
      "status.phase": field("status", "phase"),
      "status.podIP": field("status", "podIP"),
    },
  }),
  configmaps: info("configmaps", "ConfigMap", "v1", {}),
  services: info("services", "Service", "v1", { statusSubresource: true }),
  nodes: info("nodes", "Node", "v1", {
    namespaced: false, statusSubresource: true,
    fields: { "spec.unschedulable": (o) => path(o, "spec", "unschedulable") || "false" },
  }),
  namespaces: info("namespaces", "Namespace", "v1", {
    namespaced: false, statusSubresource: true, fields: { "status.phase": field("status", "phase") },
  }),
  deployments: info("deployments", "Deployment", "apps/v1", {
    generation: true, statusSubresource: true, annotationsBumpGeneration: true,
  }),
  replicasets: info("replicasets", "ReplicaSet", "apps/v1", {
    generation: true, statusSubresource: true, fields: { "status.replicas": field("status", "replicas") },
  }),
});

/** The value a field selector compares for this object, or undefined when the field is not supported. */
export function fieldGetter(info: ResourceInfo, name: string): ((obj: KubeObject) => string) | undefined {
  if (name === "metadata.name") return (o) => o.metadata.name;
  if (name === "metadata.namespace") return (o) => o.metadata.namespace ?? "";
  return info.fields[name];
}
