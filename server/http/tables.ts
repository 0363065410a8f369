/**
 * Server-side printing: `Table` responses (meta.k8s.io/v1) with the column sets of upstream's printers
 * (kubernetes `pkg/printers/internalversion/printers.go`) for the kinds served, as `kubectl get` asks for
 * with `Accept: application/json;as=Table;v=v1;g=meta.k8s.io` (wire.md §2.2).
 *
 * Contract:
 * - Columns with `priority: 1` are the `-o wide` ones; kubectl hides them otherwise.
 * - Each row's `object` is a `PartialObjectMetadata` (the default `includeObject=Metadata`), the whole
 *   object with `includeObject=Object`, absent with `None` (gotcha G9: without it NAMESPACE and LABELS
 *   print empty).
 * - Age is rendered by the server at response time from the virtual clock, with apimachinery's
 *   `duration.HumanDuration` rounding.
 * - `asTable(..., withHeaders=false)` omits the column definitions (a watch sends them on its first event
 *   only, apiserver `handlers/response.go`).
 */
import type { KubeObject } from "../../src/index.js";

interface Column { name: string; type: string; format: string; description: string; priority: number }
type Printer = { columns: Column[]; cells: (o: J, now: number) => Array<string | number> };
type J = Record<string, unknown>;

const col = (name: string, priority = 0, type = "string", format = "", description = ""): Column =>
  ({ name, type, format, description, priority });
const nameCol = col("Name", 0, "string", "name", "Name must be unique within a namespace.");
const ageCol = col("Age", 0, "string", "", "CreationTimestamp is a timestamp representing the server time when this object was created.");

function at(o: unknown, ...path: string[]): unknown {
  let cur = o;
  for (const p of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as J)[p];
  }
  return cur;
}
const str = (v: unknown, none = "<none>"): string => (typeof v === "string" && v !== "" ? v : typeof v === "number" ? String(v) : none);
const arr = (v: unknown): J[] => (Array.isArray(v) ? (v as J[]) : []);

/** apimachinery `util/duration.HumanDuration`. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 10) { const s = seconds % 60; return s === 0 ? `${minutes}m` : `${minutes}m${s}s`; }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(ms / 3_600_000);
  if (hours < 8) { const m = minutes % 60; return m === 0 ? `${hours}h` : `${hours}h${m}m`; }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) { const h = hours % 24; return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`; }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) { const dy = Math.floor(hours / 24) % 365; return dy === 0 ? `${Math.floor(hours / 24 / 365)}y` : `${Math.floor(hours / 24 / 365)}y${dy}d`; }
  return `${Math.floor(hours / 24 / 365)}y`;
}

function age(o: J, now: number): string {
  const ts = at(o, "metadata", "creationTimestamp");
  if (typeof ts !== "string") return "<unknown>";
  return humanDuration(now - Date.parse(ts));
}

function podStatus(o: J): string {
  let reason = str(at(o, "status", "reason"), "") || str(at(o, "status", "phase"), "");
  for (const cs of arr(at(o, "status", "initContainerStatuses"))) {
    const w = str(at(cs, "state", "waiting", "reason"), "");
    if (w !== "" && w !== "PodInitializing") { reason = `Init:${w}`; break; }
  }
  for (const cs of arr(at(o, "status", "containerStatuses")).slice().reverse()) {
    const w = str(at(cs, "state", "waiting", "reason"), "");
    const t = str(at(cs, "state", "terminated", "reason"), "");
    if (w !== "") reason = w;
    else if (t !== "") reason = t;
  }
  if (at(o, "metadata", "deletionTimestamp") !== undefined) reason = at(o, "status", "reason") === "NodeLost" ? "Unknown" : "Terminating";
  return reason;
}

function containers(o: J): string {
  return arr(at(o, "spec", "template", "spec", "containers")).map((c) => str(c["name"], "")).join(",") || "<none>";
}
function images(o: J): string {
  return arr(at(o, "spec", "template", "spec", "containers")).map((c) => str(c["image"], "")).join(",") || "<none>";
}
function selector(o: J): string {
  const sel = at(o, "spec", "selector");
  const ml = (at(sel, "matchLabels") ?? (at(sel, "matchExpressions") === undefined ? sel : undefined)) as J | undefined;
  if (ml === undefined || ml === null || typeof ml !== "object") return "<none>";
  const parts = Object.keys(ml).sort().map((k) => `${k}=${String(ml[k])}`);
  return parts.length > 0 ? parts.join(",") : "<none>";
}
const num = (v: unknown): number => (typeof v === "number" ? v : 0);

const PRINTERS: Record<string, Printer> = {
  pods: {
    columns: [nameCol, col("Ready", 0, "string", "", "The aggregate readiness state of this pod for accepting traffic."),
      col("Status", 0, "string", "", "The aggregate status of the containers in this pod."),
      col("Restarts", 0, "string", "", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
      ageCol, col("IP", 1, "string", "", "IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated."),
      col("Node", 1, "string", "", "NodeName is a request to schedule this pod onto a specific node."),
      col("Nominated Node", 1, "string", "", "nominatedNodeName is set only when this pod preempts other pods on the node."),
      col("Readiness Gates", 1, "string", "", "If specified, all readiness gates will be evaluated for pod readiness.")],
    cells: (o, now) => {
      const total = arr(at(o, "spec", "containers")).length;
      const statuses = arr(at(o, "status", "containerStatuses"));
      const ready = statuses.filter((c) => c["ready"] === true).length;
      const restarts = statuses.reduce((n, c) => n + num(c["restartCount"]), 0);
      const gates = arr(at(o, "spec", "readinessGates"));
      const conds = arr(at(o, "status", "conditions"));
      const gateText = gates.length === 0 ? "<none>"
        : `${gates.filter((g) => conds.some((c) => c["type"] === g["conditionType"] && c["status"] === "True")).length}/${gates.length}`;
      return [str(at(o, "metadata", "name")), `${ready}/${total}`, podStatus(o), String(restarts), age(o, now),
        str(at(o, "status", "podIP")), str(at(o, "spec", "nodeName")), str(at(o, "status", "nominatedNodeName")), gateText];
    },
  },
  configmaps: {
    columns: [nameCol, col("Data", 0, "string"), ageCol],
    cells: (o, now) => [str(at(o, "metadata", "name")),
      Object.keys((at(o, "data") ?? {}) as J).length + Object.keys((at(o, "binaryData") ?? {}) as J).length, age(o, now)],
  },
  services: {
    columns: [nameCol, col("Type"), col("Cluster-IP"), col("External-IP"), col("Port(s)"), ageCol, col("Selector", 1)],
    cells: (o, now) => {
      const type = str(at(o, "spec", "type"), "ClusterIP");
      const ports = arr(at(o, "spec", "ports")).map((p) => {
        const np = p["nodePort"];
        return `${String(p["port"])}${typeof np === "number" && np > 0 ? `:${np}` : ""}/${str(p["protocol"], "TCP")}`;
      }).join(",") || "<none>";
      const ext = arr(at(o, "spec", "externalIPs")).map(String);
      const sel = at(o, "spec", "selector") as J | undefined;
      const selText = sel && Object.keys(sel).length > 0 ? Object.keys(sel).sort().map((k) => `${k}=${String(sel[k])}`).join(",") : "<none>";
      return [str(at(o, "metadata", "name")), type, str(at(o, "spec", "clusterIP")),
        ext.length > 0 ? ext.join(",") : type === "LoadBalancer" ? "<pending>" : "<none>", ports, age(o, now), selText];
    },
  },
  nodes: {
    columns: [nameCol, col("Status"), col("Roles"), ageCol, col("Version"), col("Internal-IP", 1), col("External-IP", 1),
      col("OS-Image", 1), col("Kernel-Version", 1), col("Container-Runtime", 1)],
    cells: (o, now) => {
      const ready = arr(at(o, "status", "conditions")).find((c) => c["type"] === "Ready");
      let status = ready === undefined ? "Unknown" : ready["status"] === "True" ? "Ready" : "NotReady";
      if (at(o, "spec", "unschedulable") === true) status += ",SchedulingDisabled";
      const labels = (at(o, "metadata", "labels") ?? {}) as J;
      const roles = Object.keys(labels).filter((k) => k.startsWith("node-role.kubernetes.io/")).map((k) => k.slice(24)).sort();
      const addr = (t: string): string => str(arr(at(o, "status", "addresses")).find((a) => a["type"] === t)?.["address"]);
      return [str(at(o, "metadata", "name")), status, roles.join(",") || "<none>", age(o, now),
        str(at(o, "status", "nodeInfo", "kubeletVersion"), ""), addr("InternalIP"), addr("ExternalIP"),
        str(at(o, "status", "nodeInfo", "osImage"), "<unknown>"), str(at(o, "status", "nodeInfo", "kernelVersion"), "<unknown>"),
        str(at(o, "status", "nodeInfo", "containerRuntimeVersion"), "<unknown>")];
    },
  },
  namespaces: {
    columns: [nameCol, col("Status", 0, "string", "", "The status of the namespace"), ageCol],
    cells: (o, now) => [str(at(o, "metadata", "name")), str(at(o, "status", "phase"), "Active"), age(o, now)],
  },
  deployments: {
    columns: [nameCol, col("Ready"), col("Up-to-date"), col("Available"), ageCol, col("Containers", 1), col("Images", 1), col("Selector", 1)],
    cells: (o, now) => [str(at(o, "metadata", "name")), `${num(at(o, "status", "readyReplicas"))}/${num(at(o, "spec", "replicas"))}`,
      num(at(o, "status", "updatedReplicas")), num(at(o, "status", "availableReplicas")), age(o, now), containers(o), images(o), selector(o)],
  },
  replicasets: {
    columns: [nameCol, col("Desired"), col("Current"), col("Ready"), ageCol, col("Containers", 1), col("Images", 1), col("Selector", 1)],
    cells: (o, now) => [str(at(o, "metadata", "name")), num(at(o, "spec", "replicas")), num(at(o, "status", "replicas")),
      num(at(o, "status", "readyReplicas")), age(o, now), containers(o), images(o), selector(o)],
  },
  events: {
    columns: [col("Last Seen"), col("Type"), col("Reason"), col("Object"), col("Message")],
    cells: () => [],
  },
};

export type IncludeObject = "None" | "Metadata" | "Object";

export function wantsTable(accept: string | undefined): boolean {
  return /(^|[;,\s])as=Table(;|,|$)/.test(accept ?? "") && /g=meta\.k8s\.io/.test(accept ?? "");
}

function partialMetadata(o: KubeObject): unknown {
  return { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: o.metadata };
}

export function asTable(resource: string, objects: readonly KubeObject[], meta: { resourceVersion?: string; continue?: string },
                        now: number, include: IncludeObject, withHeaders = true): unknown {
  const p = PRINTERS[resource];
  const columns = p?.columns ?? [nameCol, ageCol];
  const rows = objects.map((o) => {
    const cells = p !== undefined ? p.cells(o as unknown as J, now) : [o.metadata.name, age(o as unknown as J, now)];
    return {
      cells,
      object: include === "None" ? null : include === "Object" ? o : partialMetadata(o),
    };
  });
  return {
    kind: "Table", apiVersion: "meta.k8s.io/v1", metadata: meta,
    columnDefinitions: withHeaders ? columns : null,
    rows,
  };
}
