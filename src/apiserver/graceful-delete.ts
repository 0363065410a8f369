/**
 * Graceful deletion (apiserver's `registry/rest/delete.go` BeforeDelete with the pod strategy) and the
 * built-in kubelet that finishes it, client-go.md §11.5.
 *
 * Contract:
 * - `markDeleting` sets deletionTimestamp = now + grace and deletionGracePeriodSeconds (one MODIFIED); the
 *   first time it also bumps a positive `generation`. Objects with finalizers use it with grace 0.
 * - Pods: every delete is two-phase (MODIFIED with deletionTimestamp, then DELETED). The grace and the
 *   deadline come from before-delete.ts (BeforeDelete + CheckGracefulDelete): the request's grace, else
 *   the pod's terminationGracePeriodSeconds; 0 for an unbound or finished pod; a negative one is 1. A
 *   second delete can only shorten it, and then the deadline moves from the original timestamp (old −
 *   old grace + new grace; if that is past: now, and a non-zero grace becomes 1).
 * - Grace 0: DELETED at once (unless finalizers remain). Grace > 0: at the deadline (or one grace
 *   period from now when it was moved into the past) the kubelet (option `kubelet`, default true)
 *   deletes the pod with grace 0, as a traced request of client "kubelet", if it is still the same
 *   terminating pod.
 */
import type { Scheduler } from "../sim/scheduler.js";
import type { KubeObject, ObjectMeta } from "../types.js";
import { podDeletePlan } from "./before-delete.js";
import { freezeCopy, freezeShallow } from "./frozen.js";
import { objectMeta, restamp, type MetaMinter } from "./object-meta.js";
import type { RequestTrace } from "./request-trace.js";
import type { ResourceStore, Storage } from "./resource-store.js";

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

  /**
   * Sets deletionTimestamp (now + grace, or the given virtual-time deadline) and
   * deletionGracePeriodSeconds (one MODIFIED). Returns the stored object.
   */
  markDeleting(store: ResourceStore, key: string, existing: KubeObject, grace: number, first: boolean,
               deadlineMs?: number): KubeObject {
    const rv = this.storage.bump();
    const m = objectMeta(existing.metadata);
    m["deletionTimestamp"] = this.minter.timestamp(deadlineMs === undefined ? grace * 1000 : deadlineMs - this.scheduler.now());
    m["deletionGracePeriodSeconds"] = grace;
    if (first && typeof m["generation"] === "number" && (m["generation"] as number) > 0) m["generation"] = (m["generation"] as number) + 1;
    m["resourceVersion"] = rv;
    const stored = freezeShallow({ ...existing, metadata: freezeCopy(m) as unknown as ObjectMeta });
    this.storage.commit(store, "MODIFIED", key, stored, existing);
    return stored;
  }

  /**
   * Pod deletion: always graceful, two-phase; the grace arithmetic is before-delete.ts. Returns the pod as
   * the deletion left it (what the real pod registry answers: ReturnDeletedObject).
   */
  deletePod(store: ResourceStore, key: string, existing: KubeObject, requested: number | undefined): KubeObject {
    const em = existing.metadata;
    const now = this.scheduler.now();
    const terminating = em.deletionTimestamp !== undefined ? this.minter.virtualMs(em.deletionTimestamp) : undefined;
    const plan = podDeletePlan(existing, requested, now, terminating);
    const hasFinalizers = (em.finalizers ?? []).length > 0;
    if (plan.kind === "pending") return existing;
    if (plan.kind === "immediate") {
      if (hasFinalizers) return existing;
      this.cancelKubelet(store, key);
      this.storage.commit(store, "DELETED", key, restamp(existing, this.storage.bump()), existing);
      return existing;
    }
    const current = this.markDeleting(store, key, existing, plan.grace, terminating === undefined, plan.deadlineMs);
    this.cancelKubelet(store, key);
    if (plan.grace === 0) {
      if (!hasFinalizers) this.storage.commit(store, "DELETED", key, restamp(current, this.storage.bump()), current);
      return current;
    }
    // The kubelet does the final delete at the deadline (or, when shortening moved it into the past,
    // one grace period — 1 s — from now).
    const delayMs = plan.deadlineMs > now ? plan.deadlineMs - now : plan.grace * 1000;
    if (this.kubelet) this.scheduleKubelet(store, key, em.uid, delayMs);
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

  private scheduleKubelet(store: ResourceStore, key: string, uid: string | undefined, delayMs: number): void {
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
    }, delayMs);
    timers.set(key, id);
  }
}
