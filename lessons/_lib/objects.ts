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
