/**
 * The graceful-delete decision for a pod: apiserver `registry/rest/delete.go BeforeDelete` with the pod
 * strategy's `CheckGracefulDelete` (`pkg/registry/core/pod/strategy.go`). Pure: times are virtual ms.
 *
 * Contract — `podDeletePlan(pod, requested, nowMs, deadlineMs)`, where `deadlineMs` is the pod's current
 * deletionTimestamp in virtual ms (undefined when it is not terminating):
 * - A negative requested grace counts as 1 (BeforeDelete); so does a stored negative
 *   deletionGracePeriodSeconds.
 * - Not terminating: the period is the request's, else spec.terminationGracePeriodSeconds, else 0; an
 *   unbound pod (no spec.nodeName) or a finished one (Succeeded/Failed) gets 0; a negative period is 1.
 *   ⇒ `{ kind: "graceful", grace, deadlineMs: now + grace }` (grace 0 included: the caller persists the
 *   deletionTimestamp, then deletes).
 * - Terminating with no or zero deletionGracePeriodSeconds ⇒ `{ kind: "immediate" }` (delete now).
 * - Terminating, no grace requested, or one ≥ the stored one ⇒ `{ kind: "pending" }` (nothing changes:
 *   only a shorter grace may be given).
 * - Terminating, a shorter grace g ⇒ the deadline moves from the ORIGINAL timestamp:
 *   old deadline − old grace + g; if that is already past it becomes now, and a non-zero g becomes 1
 *   (still graceful: someone must still do the final delete) ⇒ `{ kind: "graceful", grace, deadlineMs }`.
 */

export type DeletePlan =
  | { kind: "graceful"; grace: number; deadlineMs: number }
  | { kind: "pending" }
  | { kind: "immediate" };

interface PodShape {
  metadata?: { deletionGracePeriodSeconds?: number };
  spec?: { nodeName?: string; terminationGracePeriodSeconds?: number };
  status?: { phase?: string };
}

export function podDeletePlan(pod: unknown, requested: number | undefined, nowMs: number,
                              deadlineMs: number | undefined): DeletePlan {
  const p = pod as PodShape;
  let request = requested;
  if (request !== undefined) {
    request = Math.floor(request);
    if (request < 0) request = 1;
  }
  if (deadlineMs !== undefined) {
    let stored = p.metadata?.deletionGracePeriodSeconds;
    if (stored !== undefined && stored < 0) stored = 1;
    if (stored === undefined || stored === 0) return { kind: "immediate" };
    if (request === undefined || request >= stored) return { kind: "pending" };
    let grace = request;
    let deadline = deadlineMs - stored * 1000 + grace * 1000;
    if (deadline < nowMs) {
      deadline = nowMs;
      if (grace !== 0) grace = 1;
    }
    return { kind: "graceful", grace, deadlineMs: deadline };
  }
  let grace = request ?? p.spec?.terminationGracePeriodSeconds ?? 0;
  if (!p.spec?.nodeName) grace = 0;
  const phase = p.status?.phase;
  if (phase === "Succeeded" || phase === "Failed") grace = 0;
  if (grace < 0) grace = 1;
  grace = Math.floor(grace);
  return { kind: "graceful", grace, deadlineMs: nowMs + grace * 1000 };
}
