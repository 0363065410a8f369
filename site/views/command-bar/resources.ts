/**
 * Which resources the command bar knows: the API server's own table (src/apiserver/resources.ts) plus
 * kubectl's short names, and finding an object of the current step by resource, namespace and name.
 */
import type { ServerObjectView } from "../../../src/sim/index.js";
import { RESOURCES as SERVED_RESOURCES, type ResourceInfo } from "../../../src/index.js";
import type { CommandContext } from "./types.js";

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

export function kindInfo(kind: string): ResourceInfo | undefined {
  return RESOURCES.find((r) => r.kind.toLowerCase() === kind.toLowerCase());
}

export function findObject(ctx: CommandContext, info: ResourceInfo, ns: string, name: string): ServerObjectView | undefined {
  const key = info.namespaced ? `${ns}/${name}` : name;
  for (const o of ctx.objects) if (o.resource === info.resource && o.key === key) return o;
  return undefined;
}
