/**
 * The learner's clientset in live mode: the playground's Clientset shape (`clientset.coreV1().pods(ns)
 * .create(pod)`), every call sent over the worker's message transport as one Kubernetes API request
 * (method, path, JSON body) for the page to check against the live proxy's policy and send.
 *
 * Contract:
 * - Paths are the real API's: core resources under /api/v1, apps under /apis/apps/v1; namespaced
 *   clients use their namespace, else the object's (create/update), else the followed namespace.
 * - 2xx answers resolve with the decoded body (a fresh object); any other status rejects with the
 *   Status the server (or the page, when it refused the request) sent, as the playground's ApiError, so
 *   `errors.isNotFound(e)`, `isConflict(e)`, … work as in lessons. An answer that is not JSON rejects
 *   with an ApiError carrying the raw text.
 */
import { ApiError, newApiError, RESOURCES, type Binding, type Clientset, type KubeList, type KubeObject, type ListOptions,
  type Pod, type PodClient, type ResourceClient, type Status } from "../../../../src/index.js";
import type { LiveMethod } from "./live-protocol.js";

export type Send = (method: LiveMethod, path: string, body?: string) => Promise<{ status: number; body: string }>;

interface Kind { group: string; apiVersion: string; resource: string; namespaced: boolean }

/** A resource's group, version and scope, from the engine's one resource table (src/apiserver/resources.ts). */
function kindOf(resource: string): Kind {
  const info = RESOURCES[resource];
  if (info === undefined) throw new Error(`live clientset: no resource "${resource}" in the resource table`);
  return { group: info.group, apiVersion: info.apiVersion, resource, namespaced: info.namespaced };
}

function errorOf(status: number, text: string): ApiError {
  try {
    const s = JSON.parse(text) as Partial<Status>;
    if (s.kind === "Status" && typeof s.message === "string") return new ApiError({ ...s, code: s.code ?? status } as Status);
  } catch { /* not JSON */ }
  return newApiError(status, status === 0 ? "ServiceUnavailable" : "Unknown", text.slice(0, 500) || `HTTP ${status}`);
}

class RemoteClient<T extends KubeObject> implements ResourceClient<T> {
  constructor(private readonly send: Send, private readonly kind: Kind, private readonly namespace: string | undefined,
              private readonly followed: string) {}

  protected path(ns: string | undefined, name?: string, sub?: string): string {
    // core: /api/<version>; a named group: /apis/<group>/<version> (apiVersion "apps/v1" is both)
    const base = this.kind.group === "" ? `/api/${this.kind.apiVersion}` : `/apis/${this.kind.apiVersion}`;
    const scope = this.kind.namespaced ? `/namespaces/${encodeURIComponent(ns ?? this.namespace ?? (this.followed || "default"))}` : "";
    return `${base}${scope}/${this.kind.resource}${name !== undefined ? `/${encodeURIComponent(name)}` : ""}${sub !== undefined ? `/${sub}` : ""}`;
  }

  protected async call<R>(method: LiveMethod, path: string, body?: unknown): Promise<R> {
    const r = await this.send(method, path, body === undefined ? undefined : JSON.stringify(body));
    if (r.status < 200 || r.status > 299) throw errorOf(r.status, r.body);
    return (r.body === "" ? undefined : JSON.parse(r.body)) as R;
  }

  private nsOf(obj: T): string | undefined {
    return this.namespace ?? obj.metadata?.namespace ?? undefined;
  }

  create(obj: T): Promise<T> { return this.call("POST", this.path(this.nsOf(obj)), obj); }
  update(obj: T): Promise<T> { return this.call("PUT", this.path(this.nsOf(obj), obj.metadata.name), obj); }
  updateStatus(obj: T): Promise<T> { return this.call("PUT", this.path(this.nsOf(obj), obj.metadata.name, "status"), obj); }
  get(name: string): Promise<T> { return this.call("GET", this.path(undefined, name)); }
  async delete(name: string, options?: { gracePeriodSeconds?: number }): Promise<void> {
    await this.call("DELETE", this.path(undefined, name),
      options?.gracePeriodSeconds === undefined ? undefined : { kind: "DeleteOptions", apiVersion: "v1", gracePeriodSeconds: options.gracePeriodSeconds });
  }
  list(options?: ListOptions): Promise<KubeList<T>> {
    const q = new URLSearchParams();
    if (options?.labelSelector) q.set("labelSelector", options.labelSelector);
    if (options?.fieldSelector) q.set("fieldSelector", options.fieldSelector);
    if (options?.resourceVersion !== undefined) q.set("resourceVersion", options.resourceVersion);
    if (options?.limit !== undefined) q.set("limit", String(options.limit));
    const qs = q.toString();
    return this.call("GET", `${this.path(undefined)}${qs ? `?${qs}` : ""}`);
  }
}

class RemotePodClient extends RemoteClient<Pod> implements PodClient {
  async bind(binding: Binding): Promise<void> {
    const ns = binding.metadata.namespace ?? undefined;
    await this.call("POST", this.path(ns, binding.metadata.name, "binding"), { apiVersion: "v1", kind: "Binding", ...binding });
  }
}

/** A Clientset whose every call is one request over `send`; `followed` is the page's namespace ("" for all). */
export function remoteClientset(send: Send, followed: string): Clientset {
  const c = <T extends KubeObject>(resource: string, ns?: string) => new RemoteClient<T>(send, kindOf(resource), ns, followed);
  return {
    coreV1: () => ({
      pods: (ns?: string): PodClient => new RemotePodClient(send, kindOf("pods"), ns, followed),
      configMaps: (ns?: string) => c("configmaps", ns),
      services: (ns?: string) => c("services", ns),
      nodes: () => c("nodes"),
      namespaces: () => c("namespaces"),
    }),
    appsV1: () => ({
      deployments: (ns?: string) => c("deployments", ns),
      replicaSets: (ns?: string) => c("replicasets", ns),
    }),
  };
}
