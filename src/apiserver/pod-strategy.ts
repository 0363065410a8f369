/**
 * The pod registry's strategy (kubernetes `pkg/registry/core/pod/strategy.go`, the pod parts of
 * `pkg/apis/core/validation/validation.go` and `pkg/registry/core/pod/storage` BindingREST), plus the
 * status reset the apps strategies do on create. Pure functions over plain JSON objects; the server
 * turns a returned field error into a 422 (or 409 for binding conflicts).
 *
 * Contract:
 * - `prepareForCreate(resource, obj)`: Pod ⇒ status = { phase: "Pending", qosClass } (PrepareForCreate);
 *   Deployment ⇒ status = {}; ReplicaSet ⇒ status = { replicas: 0 } (their PrepareForCreate clears
 *   status; `replicas` is the one status field Go always encodes). Other kinds keep what was sent.
 * - `podQOSClass(pod)`: BestEffort when no container requests or limits cpu/memory; Guaranteed when
 *   every container limits both and requests equal limits; Burstable otherwise (qos.ComputePodQOS).
 * - `validatePodUpdate(new, old)` (ValidatePodUpdate): the field error of an update that changes the
 *   spec beyond what is mutable, else undefined. Mutable: container and init-container images,
 *   activeDeadlineSeconds (nil → positive, or lowered, never raised or cleared), tolerations (only
 *   additions), schedulingGates (only removals), terminationGracePeriodSeconds only from negative to 1.
 *   Adding/removing containers, or anything else (spec.nodeName included: that is `pods/binding`), is
 *   "spec: Forbidden: pod updates may not change fields other than …".
 * - `bindPod(pod, nodeName, nowStamp)` (BindingREST setPodNodeAndMetadata): the bound pod, or an error
 *   message: a terminating pod "is being deleted, cannot be assigned to a host"; a bound one "is already
 *   assigned to node …". Binding sets spec.nodeName and the PodScheduled=True condition.
 */
import { deepEqual } from "./frozen.js";

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function containersOf(spec: Json): Json[] {
  const out: Json[] = [];
  for (const field of ["initContainers", "containers"]) {
    const list = spec[field];
    if (Array.isArray(list)) for (const c of list) if (isObject(c)) out.push(c);
  }
  return out;
}

function podQOSClass(pod: unknown): "BestEffort" | "Burstable" | "Guaranteed" {
  const spec = isObject(pod) && isObject(pod["spec"]) ? pod["spec"] : {};
  const containers = containersOf(spec);
  let any = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const res = isObject(c["resources"]) ? c["resources"] : {};
    const req = isObject(res["requests"]) ? res["requests"] : {};
    const lim = isObject(res["limits"]) ? res["limits"] : {};
    for (const r of ["cpu", "memory"]) {
      if (req[r] !== undefined || lim[r] !== undefined) any = true;
      if (lim[r] === undefined || (req[r] !== undefined && String(req[r]) !== String(lim[r]))) guaranteed = false;
    }
  }
  if (!any) return "BestEffort";
  return guaranteed ? "Guaranteed" : "Burstable";
}

export function prepareForCreate<T>(resource: string, obj: T): T {
  const body = obj as unknown as Json;
  switch (resource) {
    case "pods":
      return { ...body, status: { phase: "Pending", qosClass: podQOSClass(body) } } as unknown as T;
    case "deployments":
      return { ...body, status: {} } as unknown as T;
    case "replicasets":
      return { ...body, status: { replicas: 0 } } as unknown as T;
    default:
      return obj;
  }
}

const UPDATABLE_POD_SPEC_FIELDS = [
  "`spec.containers[*].image`",
  "`spec.initContainers[*].image`",
  "`spec.activeDeadlineSeconds`",
  "`spec.tolerations` (only additions to existing tolerations)",
  "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
].join(",");

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** The spec's top-level fields that differ (for the error's diff line). */
function changedFields(a: Json, b: Json): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const out: string[] = [];
  for (const k of [...keys].sort()) {
    if (!deepEqual(a[k], b[k])) out.push(`spec.${k}: ${JSON.stringify(b[k]) ?? "null"} → ${JSON.stringify(a[k]) ?? "null"}`);
  }
  return out;
}

export function validatePodUpdate(newPod: unknown, oldPod: unknown): string | undefined {
  const ns = isObject(newPod) && isObject(newPod["spec"]) ? newPod["spec"] : {};
  const os = isObject(oldPod) && isObject(oldPod["spec"]) ? oldPod["spec"] : {};
  for (const field of ["containers", "initContainers"]) {
    const n = list(ns[field]);
    const o = list(os[field]);
    if (n.length !== o.length) return `spec.${field}: Forbidden: pod updates may not add or remove containers`;
    for (let i = 0; i < n.length; i++) {
      const image = isObject(n[i]) ? (n[i] as Json)["image"] : undefined;
      if (typeof image !== "string" || image === "") return `spec.${field}[${i}].image: Required value`;
    }
  }
  const nd = ns["activeDeadlineSeconds"];
  const od = os["activeDeadlineSeconds"];
  if (nd !== undefined && nd !== null) {
    if (typeof nd !== "number" || nd < 0 || nd > 2147483647) {
      return `spec.activeDeadlineSeconds: Invalid value: ${JSON.stringify(nd)}: must be between 0 and 2147483647, inclusive`;
    }
    if (typeof od === "number" && od < nd) {
      return `spec.activeDeadlineSeconds: Invalid value: ${nd}: must be less than or equal to previous value`;
    }
  } else if (od !== undefined && od !== null) {
    return "spec.activeDeadlineSeconds: Invalid value: \"null\": must not update from a positive integer to nil value";
  }
  const newTolerations = list(ns["tolerations"]);
  for (const t of list(os["tolerations"])) {
    if (!newTolerations.some((n) => deepEqual(n, t))) {
      return "spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds";
    }
  }
  const oldGates = list(os["schedulingGates"]);
  for (const g of list(ns["schedulingGates"])) {
    if (!oldGates.some((o) => deepEqual(o, g))) return "spec.schedulingGates: Forbidden: only deletion is allowed, but found new scheduling gate";
  }
  if (deepEqual(ns, os)) return undefined;
  // Munge the mutable fields back to the old values, then the specs must be equal.
  const munged: Json = { ...ns };
  for (const field of ["containers", "initContainers"]) {
    const o = list(os[field]);
    if (ns[field] !== undefined) {
      munged[field] = list(ns[field]).map((c, i) => (isObject(c) ? { ...c, image: (o[i] as Json)["image"] } : c));
    }
  }
  munged["activeDeadlineSeconds"] = od;
  munged["schedulingGates"] = os["schedulingGates"];
  munged["tolerations"] = os["tolerations"];
  const og = os["terminationGracePeriodSeconds"];
  if (typeof og === "number" && og < 0 && munged["terminationGracePeriodSeconds"] === 1) munged["terminationGracePeriodSeconds"] = og;
  for (const k of Object.keys(munged)) if (munged[k] === undefined) delete munged[k];
  if (deepEqual(munged, os)) return undefined;
  return `spec: Forbidden: pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS}\n${changedFields(munged, os).join("\n")}`;
}

export function bindPod<T>(pod: T, nodeName: string, nowStamp: string): { pod: T } | { error: string } {
  const body = pod as unknown as Json;
  const meta = isObject(body["metadata"]) ? body["metadata"] : {};
  const name = String(meta["name"] ?? "");
  const spec = isObject(body["spec"]) ? body["spec"] : {};
  if (meta["deletionTimestamp"] !== undefined) return { error: `pod ${name} is being deleted, cannot be assigned to a host` };
  const current = typeof spec["nodeName"] === "string" ? spec["nodeName"] : "";
  if (current !== "") return { error: `pod ${name} is already assigned to node "${current}"` };
  if (list(spec["schedulingGates"]).length > 0) return { error: `pod ${name} has non-empty .spec.schedulingGates` };
  const status = isObject(body["status"]) ? body["status"] : {};
  const conditions = list(status["conditions"]).filter((c) => !(isObject(c) && c["type"] === "PodScheduled"));
  conditions.push({ type: "PodScheduled", status: "True", lastProbeTime: null, lastTransitionTime: nowStamp });
  return {
    pod: { ...body, spec: { ...spec, nodeName }, status: { ...status, conditions } } as unknown as T,
  };
}
