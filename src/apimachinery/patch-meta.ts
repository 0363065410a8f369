/**
 * Strategic-merge patch metadata — which lists merge by key, for the kinds the simulator serves. The
 * real table lives in the Go types' `patchStrategy`/`patchMergeKey` struct tags (k8s.io/api); this is
 * the subset of those tags that Pod, ConfigMap, Service, Node, Namespace, Deployment and ReplicaSet
 * (and their pod templates) carry.
 *
 * Contract:
 * - `listMeta(kind, path)` takes the field path without list indices (e.g. ["spec", "template", "spec",
 *   "containers", "ports"]) and says how that list merges: by a key, as a set of primitives
 *   (`finalizers`), or not at all (replaced whole: every list not named here).
 * - `retainKeys(path)` is true for maps whose patch strategy includes `retainKeys` (volumes, a
 *   Deployment's strategy): there a `$retainKeys` directive clears the keys it does not name.
 */
export interface ListMeta {
  /** Elements are maps matched by this field. */
  mergeKey?: string;
  /** A list of primitives merged as a set. */
  primitiveMerge?: boolean;
}

const CONTAINER_LISTS = new Set(["containers", "initContainers", "ephemeralContainers"]);
const POD_SPEC_KEYS: Record<string, string> = {
  containers: "name", initContainers: "name", ephemeralContainers: "name", volumes: "name",
  imagePullSecrets: "name", hostAliases: "ip", topologySpreadConstraints: "topologyKey",
  resourceClaims: "name", schedulingGates: "name",
};
const CONTAINER_KEYS: Record<string, string> = {
  env: "name", ports: "containerPort", volumeMounts: "mountPath", volumeDevices: "devicePath",
};

export function listMeta(kind: string, path: readonly string[]): ListMeta {
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (last === undefined) return {};
  if (parent === "metadata") {
    if (last === "finalizers") return { primitiveMerge: true };
    if (last === "ownerReferences") return { mergeKey: "uid" };
    return {};
  }
  if (parent !== undefined && CONTAINER_LISTS.has(parent)) {
    const key = CONTAINER_KEYS[last];
    return key !== undefined ? { mergeKey: key } : {};
  }
  if (parent === "spec") {
    const key = POD_SPEC_KEYS[last];
    const isPodSpec = kind === "Pod" ? path.length === 2 : path.length >= 3 && path[path.length - 3] === "template";
    if (key !== undefined && isPodSpec) return { mergeKey: key };
    if (kind === "Service" && last === "ports" && path.length === 2) return { mergeKey: "port" };
    if (kind === "Node" && last === "podCIDRs") return { primitiveMerge: true };
    return {};
  }
  if (parent === "status") {
    if (last === "conditions") return { mergeKey: "type" };
    if (kind === "Node" && last === "addresses") return { mergeKey: "type" };
    if (kind === "Pod" && (last === "podIPs" || last === "hostIPs")) return { mergeKey: "ip" };
  }
  return {};
}

export function retainKeys(path: readonly string[]): boolean {
  const last = path[path.length - 1];
  return last === "volumes" || last === "strategy" || last === "resourceClaims";
}
