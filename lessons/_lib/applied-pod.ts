/**
 * appliedPod — a pod as `kubectl apply` leaves it, for the lessons about keeping less (15a, 15b): managedFields
 * and a large last-applied-configuration annotation, next to labels app=shop and tier. Plain JSON; the
 * server assigns uid, resourceVersion and creationTimestamp.
 */
import type { Pod } from "../../src/index.js";

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
