/**
 * Namespaces (kubernetes `pkg/registry/core/namespace`: strategy.go and storage/storage.go) and a
 * built-in namespace controller (`pkg/controller/namespace`), like the built-in kubelet of
 * graceful-delete.ts.
 *
 * Contract:
 * - `prepareNamespace(obj)`, on create and update (SetDefaults_Namespace, PrepareForCreate): the label
 *   `kubernetes.io/metadata.name` = the name; on create also `spec.finalizers` ["kubernetes"] when
 *   missing and `status.phase` "Active".
 * - `deleteNamespace` (namespace storage Delete): the first delete sets deletionTimestamp (now) and
 *   `status.phase` "Terminating" in one MODIFIED and answers that object; while `spec.finalizers` or
 *   `metadata.finalizers` remain the namespace stays (a second delete answers it unchanged); with
 *   neither it is deleted at once (one DELETED).
 * - The controller (option `namespaceController`, default true; a real cluster runs one, a bare
 *   kube-apiserver as in envtest does not): `controllerDelayMs` (5 s) of virtual time after a namespace
 *   starts terminating, it deletes every namespaced object in it (traced requests of client
 *   "namespace-controller"; pods gracefully, so the kubelet finishes them), then checks every second;
 *   once the namespace is empty it removes "kubernetes" from `spec.finalizers` (the /finalize write)
 *   and, with no finalizer left, the namespace is deleted.
 */
import type { Scheduler } from "../sim/scheduler.js";
import type { KubeObject, ObjectMeta } from "../types.js";
import { freezeCopy, freezeShallow } from "./frozen.js";
import { objectMeta, restamp, type MetaMinter } from "./object-meta.js";
import type { RequestTrace } from "./request-trace.js";
import type { ResourceStore, Storage } from "./resource-store.js";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";
const KUBERNETES_FINALIZER = "kubernetes";
const CONTROLLER_DELAY_MS = 5_000;
const CONTROLLER_RECHECK_MS = 1_000;

export function prepareNamespace<T extends KubeObject>(obj: T, name: string, create: boolean): T {
  const body = obj as unknown as Json;
  const meta = obj.metadata;
  let out: Json = body;
  if (meta.labels?.[NAMESPACE_NAME_LABEL] !== name) {
    out = { ...out, metadata: { ...meta, labels: { ...(meta.labels ?? {}), [NAMESPACE_NAME_LABEL]: name } } };
  }
  if (create) {
    const spec = isObject(body["spec"]) ? body["spec"] : {};
    const finalizers = Array.isArray(spec["finalizers"]) ? spec["finalizers"] as unknown[] : [];
    if (!finalizers.includes(KUBERNETES_FINALIZER)) out = { ...out, spec: { ...spec, finalizers: [...finalizers, KUBERNETES_FINALIZER] } };
    out = { ...out, status: { ...(isObject(body["status"]) ? body["status"] : {}), phase: "Active" } };
  }
  return out as unknown as T;
}

const specFinalizers = (ns: KubeObject): string[] => {
  const spec = (ns as unknown as Json)["spec"];
  return isObject(spec) && Array.isArray(spec["finalizers"]) ? spec["finalizers"] as string[] : [];
};

export interface NamespaceHooks {
  /** Deletes one namespaced object as a client would (pods gracefully). */
  deleteObject(resource: string, namespace: string, name: string): void;
}

export class NamespaceLifecycle {
  private readonly pending = new Set<string>();

  constructor(
    private readonly storage: Storage,
    private readonly minter: MetaMinter,
    private readonly scheduler: Scheduler,
    private readonly requests: RequestTrace,
    private readonly controller: boolean,
    private readonly hooks: NamespaceHooks,
  ) {}

  deleteNamespace(store: ResourceStore, key: string, existing: KubeObject): KubeObject {
    const held = specFinalizers(existing).length > 0 || (existing.metadata.finalizers ?? []).length > 0;
    if (existing.metadata.deletionTimestamp !== undefined) return existing;
    if (!held) {
      this.storage.commit(store, "DELETED", key, restamp(existing, this.storage.bump()), existing);
      return existing;
    }
    const m = objectMeta(existing.metadata);
    m["deletionTimestamp"] = this.minter.timestamp();
    m["resourceVersion"] = this.storage.bump();
    const status = (existing as unknown as Json)["status"];
    const stored = freezeShallow({
      ...existing, metadata: freezeCopy(m) as unknown as ObjectMeta,
      status: freezeCopy({ ...(isObject(status) ? status : {}), phase: "Terminating" }),
    }) as KubeObject;
    this.storage.commit(store, "MODIFIED", key, stored, existing);
    if (this.controller) this.schedule(store, key, existing.metadata.uid, CONTROLLER_DELAY_MS, true);
    return stored;
  }

  private schedule(store: ResourceStore, key: string, uid: string | undefined, delayMs: number, first: boolean): void {
    if (this.pending.has(key) && first) return;
    this.pending.add(key);
    this.scheduler.setTimeout(() => {
      this.pending.delete(key);
      const ns = store.objects.get(key);
      if (ns === undefined || ns.metadata.uid !== uid || ns.metadata.deletionTimestamp === undefined) return;
      const name = ns.metadata.name;
      let left = 0;
      for (const other of this.storage.resources()) {
        const s = this.storage.store(other);
        if (!s.info.namespaced) continue;
        for (const obj of [...s.objects.values()]) {
          if (obj.metadata.namespace !== name) continue;
          left++;
          if (first) this.hooks.deleteObject(other, name, obj.metadata.name);
        }
      }
      if (left > 0) { this.schedule(store, key, uid, CONTROLLER_RECHECK_MS, false); return; }
      this.finalize(store, key, ns);
    }, delayMs);
  }

  /** The controller's /finalize write: "kubernetes" leaves spec.finalizers; with no finalizer left, deleted. */
  private finalize(store: ResourceStore, key: string, ns: KubeObject): void {
    this.requests.run("update", "namespaces", { name: ns.metadata.name, client: "namespace-controller" }, (_id, respond) => {
      const body = ns as unknown as Json;
      const spec = isObject(body["spec"]) ? body["spec"] : {};
      const rest = specFinalizers(ns).filter((f) => f !== KUBERNETES_FINALIZER);
      const m = objectMeta(ns.metadata);
      m["resourceVersion"] = this.storage.bump();
      const nextSpec: Json = { ...spec, finalizers: rest.length > 0 ? rest : undefined };  // omitempty
      const finalized = freezeCopy({ ...body, metadata: m, spec: nextSpec }) as unknown as KubeObject;
      this.storage.commit(store, "MODIFIED", key, finalized, ns);
      if (rest.length === 0 && (ns.metadata.finalizers ?? []).length === 0) {
        this.storage.commit(store, "DELETED", key, restamp(finalized, this.storage.bump()), finalized);
      }
      respond?.({ code: 200 });
    });
  }
}
