/** Small object builders for the oracle scenarios. */
import type { KubeObject } from "../../../src/types.js";

export function pod(namespace: string, name: string, o: { labels?: Record<string, string>; node?: string; finalizers?: string[]; image?: string } = {}): KubeObject {
  return {
    apiVersion: "v1", kind: "Pod",
    metadata: { namespace, name, ...(o.labels ? { labels: o.labels } : {}), ...(o.finalizers ? { finalizers: o.finalizers } : {}) },
    spec: { containers: [{ name: "c", image: o.image ?? "nginx" }], ...(o.node ? { nodeName: o.node } : {}) },
  } as KubeObject;
}

export function configMap(namespace: string, name: string, data: Record<string, string> = {}, finalizers?: string[]): KubeObject {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { namespace, name, ...(finalizers ? { finalizers } : {}) }, data } as KubeObject;
}

export function deployment(namespace: string, name: string): KubeObject {
  return {
    apiVersion: "apps/v1", kind: "Deployment", metadata: { namespace, name },
    spec: { replicas: 1, selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "c", image: "nginx" }] } } },
  } as KubeObject;
}

/** A server-side write (the other side of a partition): delete. */
export function serverDelete(resource: string, namespace: string, name: string) {
  return { op: "serverSide" as const, describe: `delete ${namespace}/${name}`, run: (api: import("../../../src/apiserver/api-server.js").ApiServer) => api.delete(resource, namespace, name, { gracePeriodSeconds: 0 }) };
}

export function serverCreate(resource: string, obj: KubeObject) {
  return { op: "serverSide" as const, describe: `create ${obj.metadata.namespace}/${obj.metadata.name}`, run: (api: import("../../../src/apiserver/api-server.js").ApiServer) => { api.create(resource, structuredClone(obj)); } };
}

export function serverLabel(resource: string, namespace: string, name: string, labels: Record<string, string>) {
  return {
    op: "serverSide" as const, describe: `label ${namespace}/${name}`,
    run: (api: import("../../../src/apiserver/api-server.js").ApiServer) => {
      const o = structuredClone(api.get<KubeObject>(resource, namespace, name));
      o.metadata.labels = { ...(o.metadata.labels ?? {}), ...labels };
      api.update(resource, o);
    },
  };
}
