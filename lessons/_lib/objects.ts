/**
 * objects — tiny builders for the Kubernetes objects lesson scenarios start from. Plain JSON-shaped
 * objects (src/types.ts); the server assigns uid, resourceVersion and creationTimestamp.
 */
import type { Node, Pod } from "../../src/index.js";

export interface PodOptions {
  namespace?: string;
  labels?: Record<string, string>;
  /** Binds the pod to a node: deletes become graceful (terminating first, removed when grace ends). */
  nodeName?: string;
  image?: string;
}

export function pod(name: string, options: PodOptions = {}): Pod {
  const p: Pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: options.namespace ?? "default", labels: options.labels ?? { app: name.replace(/-\d+$/, "") } },
    spec: { containers: [{ name: "app", image: options.image ?? "nginx:1.27" }] },
  };
  if (options.nodeName !== undefined && p.spec !== undefined) p.spec.nodeName = options.nodeName;
  return p;
}

export function node(name: string): Node {
  return { apiVersion: "v1", kind: "Node", metadata: { name, labels: { "kubernetes.io/hostname": name } } };
}

const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

/** A pod as `kubectl apply` leaves it (lessons 15a, 15b): managedFields and a big last-applied annotation. */
export const appliedPod = (name: string, tier: string, extra: Record<string, string> = {}): Pod => {
  const spec = { containers: [{ name: "main", image: `${tier}:1.4.2`, ports: [{ containerPort: 8080 }] }] };
  const metadata = { namespace: "default", name, labels: { app: "shop", tier, ...extra } };
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      ...metadata,
      annotations: { [LAST_APPLIED]: JSON.stringify({ apiVersion: "v1", kind: "Pod", metadata, spec }) },
      managedFields: [{
        manager: "kubectl-client-side-apply", operation: "Update", apiVersion: "v1", fieldsType: "FieldsV1",
        fieldsV1: { "f:metadata": { "f:labels": { "f:app": {}, "f:tier": {} } }, "f:spec": { "f:containers": {} } },
      }],
    },
    spec,
  };
};
