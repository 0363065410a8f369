/**
 * Graceful deletion (apiserver's `registry/rest/delete.go` BeforeDelete with the pod strategy) and the
 * built-in kubelet that finishes it, client-go.md §11.5.
 *
 * Contract:
 * - `markDeleting` sets deletionTimestamp = now + grace and deletionGracePeriodSeconds (one MODIFIED); the
 *   first time it also bumps a positive `generation`. Objects with finalizers use it with grace 0.
 * - Pods: every delete is two-phase (MODIFIED with deletionTimestamp, then DELETED). The effective grace
 *   is the request's, else the pod's terminationGracePeriodSeconds, else 30; 0 for an unbound pod or one
 *   that has finished (Succeeded, Failed); negative means 0. A second delete can only shorten it.
 * - Grace 0: DELETED at once (unless finalizers remain). Grace > 0: when the grace ends, the kubelet
 *   (option `kubelet`, default true) deletes the pod with grace 0, as a traced request of client
 *   "kubelet", if it is still the same terminating pod.
 */
import type { Scheduler } from "../sim/scheduler.js";
import type { KubeObject, ObjectMeta } from "../types.js";
import { freezeCopy, freezeShallow } from "./frozen.js";
import { objectMeta, restamp, type MetaMinter } from "./object-meta.js";
import type { RequestTrace } from "./request-trace.js";
import type { ResourceStore, Storage } from "./resource-store.js";

interface PodShape { spec?: { nodeName?: string; terminationGracePeriodSeconds?: number }; status?: { phase?: string } }

export class GracefulDelete {
  /** Pending kubelet deletions, per store and key. */
  private readonly kubeletTimers = new Map<ResourceStore, Map<string, number>>();

  constructor(
    private readonly storage: Storage,
    private readonly minter: MetaMinter,
    private readonly scheduler: Scheduler,
    private readonly requests: RequestTrace,
    private readonly kubelet: boolean,
  ) {}

  /** Sets deletionTimestamp = now + grace (MODIFIED). Returns the stored object. */
  markDeleting(store: ResourceStore, key: string, existing: KubeObject, grace: number, first: boolean): KubeObject {
    const rv = this.storage.bump();
    const m = objectMeta(existing.metadata);
    m["deletionTimestamp"] = this.minter.timestamp(grace * 1000);
    m["deletionGracePeriodSeconds"] = grace;
    if (first && typeof m["generation"] === "number" && (m["generation"] as number) > 0) m["generation"] = (m["generation"] as number) + 1;
    m["resourceVersion"] = rv;
    const stored = freezeShallow({ ...existing, metadata: freezeCopy(m) as unknown as ObjectMeta });
    this.storage.commit(store, "MODIFIED", key, stored, existing);
    return stored;
  }

  /** Pod deletion: always graceful, two-phase. */
  /** Returns the pod as the graceful-deletion write left it (what the real pod registry answers). */
  deletePod(store: ResourceStore, key: string, existing: KubeObject, requested: number | undefined): KubeObject {
    const pod = existing as unknown as PodShape;
    let grace = requested ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
    if (!(grace > 0)) grace = 0;
    const phase = pod.status?.phase;
    if (!pod.spec?.nodeName || phase === "Succeeded" || phase === "Failed") grace = 0;
    grace = Math.floor(grace);
    const em = existing.metadata;
    const hasFinalizers = (em.finalizers ?? []).length > 0;
    let current: KubeObject;
    if (em.deletionTimestamp !== undefined) {
      const pending = em.deletionGracePeriodSeconds ?? 0;
      if (grace >= pending) return existing;             // grace can only be shortened
      current = this.markDeleting(store, key, existing, grace, false);
    } else {
      current = this.markDeleting(store, key, existing, grace, true);
    }
    this.cancelKubelet(store, key);
    if (grace === 0) {
      if (!hasFinalizers) this.storage.commit(store, "DELETED", key, restamp(current, this.storage.bump()), current);
      return current;
    }
    if (this.kubelet) this.scheduleKubelet(store, key, em.uid, grace);
    return current;
  }

  /** Forgets a pending kubelet deletion of `key` (the object went away another way). */
  cancelKubelet(store: ResourceStore, key: string): void {
    const timers = this.kubeletTimers.get(store);
    const t = timers?.get(key);
    if (t !== undefined) {
      this.scheduler.clearTimeout(t);
      timers!.delete(key);
    }
  }

  private scheduleKubelet(store: ResourceStore, key: string, uid: string | undefined, grace: number): void {
    let timers = this.kubeletTimers.get(store);
    if (timers === undefined) {
      timers = new Map();
      this.kubeletTimers.set(store, timers);
    }
    const id = this.scheduler.setTimeout(() => {
      timers.delete(key);
      const now = store.objects.get(key);
      if (now === undefined || now.metadata.uid !== uid || now.metadata.deletionTimestamp === undefined) return;
      this.requests.run("delete", store.info.resource, { namespace: now.metadata.namespace, name: now.metadata.name, client: "kubelet" },
        (_id, respond) => {
          this.deletePod(store, key, now, 0);
          respond?.({ code: 200 });
        });
    }, grace * 1000);
    timers.set(key, id);
  }
}
