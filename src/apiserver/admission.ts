/**
 * Admission — the plugins of a default kube-apiserver that change or refuse a create before it is
 * stored (kubernetes `plugin/pkg/admission/*`), as far as the simulated kinds meet them. They run after
 * defaulting and the strategy's PrepareForCreate, and never on update.
 *
 * Contract:
 * - `admitCreate(resource, obj)` returns the object with the mutating plugins applied (a copy only when
 *   something is added; the input is never mutated):
 *   - Priority (`plugin/pkg/admission/priority`): a Pod without priorityClassName gets `spec.priority` 0
 *     and `spec.preemptionPolicy` "PreemptLowerPriority" (no PriorityClass is a global default here).
 *   - DefaultTolerationSeconds (`plugin/pkg/admission/defaulttolerationseconds`): a Pod that does not
 *     tolerate `node.kubernetes.io/not-ready` / `unreachable` with effect NoExecute gets the toleration
 *     `{key, operator: Exists, effect: NoExecute, tolerationSeconds: 300}` for each.
 *   - NodeTaint (`plugin/pkg/admission/nodetaint`): a new Node gets the taint
 *     `node.kubernetes.io/not-ready:NoSchedule` unless it has it.
 * - `admitUpdate(resource, obj, existing)`: the plugins that also run on update — DefaultTolerationSeconds
 *   adds its tolerations again when an update leaves them out, and Priority keeps the stored
 *   `spec.priority` and `spec.preemptionPolicy` (its admitPod: "preserve the existing priority").
 * - `namespaceLifecycle(namespaces, resource, name, namespace)` (`plugin/pkg/admission/namespace/
 *   lifecycle`) throws 403 Forbidden, cause NamespaceTerminating, for a create in a namespace whose
 *   Namespace object is being deleted. Deliberately not modelled: the 404 for a namespace that has no
 *   Namespace object (the simulated worlds create objects in namespaces nothing declares; see
 *   docs/realapi-differences.md D11).
 */
import { newApiError, type ApiError } from "../apimachinery/errors.js";
import type { KubeObject } from "../types.js";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

const NOT_READY = "node.kubernetes.io/not-ready";
const UNREACHABLE = "node.kubernetes.io/unreachable";

/** The plugin's check (admission.go Admit): a toleration with this key or none, effect NoExecute or none. */
function tolerates(tolerations: unknown[], key: string): boolean {
  return tolerations.some((t) => isObject(t)
    && (t["key"] === undefined || t["key"] === "" || t["key"] === key)
    && (t["effect"] === undefined || t["effect"] === "" || t["effect"] === "NoExecute"));
}

function admitPod(pod: Json): Json {
  const spec = pod["spec"];
  if (!isObject(spec)) return pod;
  let next = spec;
  if (next["priorityClassName"] === undefined || next["priorityClassName"] === "") {
    if (next["priority"] === undefined) next = { ...next, priority: 0 };
    if (next["preemptionPolicy"] === undefined) next = { ...next, preemptionPolicy: "PreemptLowerPriority" };
  }
  const tolerations = Array.isArray(next["tolerations"]) ? next["tolerations"] as unknown[] : [];
  const add = [NOT_READY, UNREACHABLE].filter((key) => !tolerates(tolerations, key))
    .map((key) => ({ key, operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 }));
  if (add.length > 0) next = { ...next, tolerations: [...tolerations, ...add] };
  return next === spec ? pod : { ...pod, spec: next };
}

function admitNode(node: Json): Json {
  const spec = isObject(node["spec"]) ? node["spec"] : {};
  const taints = Array.isArray(spec["taints"]) ? spec["taints"] as unknown[] : [];
  if (taints.some((t) => isObject(t) && t["key"] === NOT_READY && t["effect"] === "NoSchedule")) return node;
  return { ...node, spec: { ...spec, taints: [...taints, { key: NOT_READY, effect: "NoSchedule" }] } };
}

export function admitCreate<T extends KubeObject>(resource: string, obj: T): T {
  const body = obj as unknown as Json;
  switch (resource) {
    case "pods": return admitPod(body) as unknown as T;
    case "nodes": return admitNode(body) as unknown as T;
    default: return obj;
  }
}

export function admitUpdate<T extends KubeObject>(resource: string, obj: T, existing: KubeObject): T {
  if (resource !== "pods") return obj;
  const body = obj as unknown as Json;
  const spec = body["spec"];
  const old = (existing as unknown as Json)["spec"];
  if (!isObject(spec)) return obj;
  let next: Json = spec;
  if (isObject(old)) {
    for (const k of ["priority", "preemptionPolicy"]) if (old[k] !== undefined && next[k] === undefined) next = { ...next, [k]: old[k] };
  }
  const tolerations = Array.isArray(next["tolerations"]) ? next["tolerations"] as unknown[] : [];
  const add = [NOT_READY, UNREACHABLE].filter((key) => !tolerates(tolerations, key))
    .map((key) => ({ key, operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 }));
  if (add.length > 0) next = { ...next, tolerations: [...tolerations, ...add] };
  return (next === spec ? obj : { ...body, spec: next }) as unknown as T;
}

/** A create in a terminating namespace: 403 (lifecycle admission.go Validate); `resource` as GroupResource prints it. */
function namespaceTerminating(resource: string, name: string, namespace: string): ApiError {
  return newApiError(403, "Forbidden",
    `${resource} "${name}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`,
    { name, kind: resource, causes: [{ reason: "NamespaceTerminating", message: `namespace ${namespace} is being terminated`, field: "metadata.namespace" }] });
}

/** NamespaceLifecycle for a create: `lookup` finds the Namespace object (undefined: none, allowed here). */
export function namespaceLifecycle(lookup: (ns: string) => KubeObject | undefined, resource: string, name: string, namespace: string | undefined): void {
  if (namespace === undefined) return;
  const ns = lookup(namespace);
  if (ns === undefined) return;
  const phase = (ns as unknown as { status?: { phase?: string } }).status?.phase;
  if (ns.metadata.deletionTimestamp !== undefined || phase === "Terminating") throw namespaceTerminating(resource, name, namespace);
}
