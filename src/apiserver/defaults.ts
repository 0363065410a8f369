/**
 * API defaulting — what the real server fills in when it decodes a request body, before the strategy
 * runs (kubernetes `pkg/apis/core/v1/defaults.go`, `pkg/apis/apps/v1/defaults.go`). It runs on create
 * AND on update (every decode), so an update that omits a defaulted field does not change it.
 *
 * Contract:
 * - `applyDefaults(resource, obj)` returns the object with the defaults of its kind filled in where
 *   absent; nothing given is ever changed, and the input is never mutated (parts that need no default
 *   are shared, not copied). Kinds without defaults here come back as they are.
 * - Pod (SetDefaults_Pod, SetDefaults_PodSpec, SetDefaults_Container): spec.dnsPolicy "ClusterFirst",
 *   restartPolicy "Always", securityContext {}, terminationGracePeriodSeconds 30, schedulerName
 *   "default-scheduler", enableServiceLinks true; per container (and init container): imagePullPolicy
 *   ("Always" for a `:latest` or untagged image, else "IfNotPresent"), terminationMessagePath
 *   "/dev/termination-log", terminationMessagePolicy "File", resources {} (Go always encodes that
 *   struct), requests copied from limits where only limits are given, ports' protocol "TCP".
 * - Deployment (SetDefaults_Deployment): replicas 1, strategy RollingUpdate with maxUnavailable and
 *   maxSurge "25%", revisionHistoryLimit 10, progressDeadlineSeconds 600. ReplicaSet: replicas 1. Their
 *   pod templates get the PodSpec and container defaults (not enableServiceLinks: that one is Pod-only).
 * - Node: `status.daemonEndpoints.kubeletEndpoint.Port` 0 and the empty strings of `status.nodeInfo`
 *   (Go encodes these structs without omitempty, so a real Node always has them).
 * - `omitEmpty(resource, obj)`: Go's encoder drops empty maps and lists of `omitempty` fields: the
 *   metadata's labels, annotations, finalizers and ownerReferences, and a ConfigMap's data and
 *   binaryData. The server stores what it decoded, so an empty one is never stored or answered.
 * - Not here: priority, the not-ready / unreachable tolerations and the Node taint are admission
 *   (admission.ts); serviceAccountName "default" is the ServiceAccount admission plugin, off here as on
 *   a bare kube-apiserver without a token controller.
 */
import type { KubeObject } from "../types.js";

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** `obj` with each absent key of `defaults` added (a copy only when something is added). */
function withMissing(obj: Json, defaults: Json): Json {
  let out: Json | undefined;
  for (const k of Object.keys(defaults)) {
    if (obj[k] === undefined) (out ??= { ...obj })[k] = defaults[k];
  }
  return out ?? obj;
}

/** imagePullPolicy for an image reference (parsers.ParseImageName: no tag and no digest ⇒ "latest"). */
function defaultPullPolicy(image: unknown): "Always" | "IfNotPresent" {
  if (typeof image !== "string") return "IfNotPresent";
  const at = image.indexOf("@");
  const name = at >= 0 ? image.slice(0, at) : image;
  const lastSlash = name.lastIndexOf("/");
  const colon = name.lastIndexOf(":");
  const tag = colon > lastSlash ? name.slice(colon + 1) : "";
  if (tag === "latest") return "Always";
  if (tag === "" && at < 0) return "Always";
  return "IfNotPresent";
}

function defaultContainer(c: unknown, pod: boolean): unknown {
  if (!isObject(c)) return c;
  let out = withMissing(c, {
    imagePullPolicy: defaultPullPolicy(c["image"]),
    terminationMessagePath: "/dev/termination-log",
    terminationMessagePolicy: "File",
    resources: {},
  });
  const resources = out["resources"];
  if (pod && isObject(resources) && isObject(resources["limits"])) {
    // SetDefaults_Pod: requests default to limits (per resource) when only limits are given
    const limits = resources["limits"];
    const requests = isObject(resources["requests"]) ? resources["requests"] : {};
    const merged = withMissing(requests, limits);
    if (merged !== resources["requests"]) out = { ...out, resources: { ...resources, requests: merged } };
  }
  const ports = out["ports"];
  if (Array.isArray(ports) && ports.some((p) => isObject(p) && p["protocol"] === undefined)) {
    out = { ...out, ports: ports.map((p) => (isObject(p) ? withMissing(p, { protocol: "TCP" }) : p)) };
  }
  return out;
}

function defaultContainers(list: unknown, pod: boolean): unknown {
  if (!Array.isArray(list)) return list;
  let changed = false;
  const out = list.map((c) => {
    const d = defaultContainer(c, pod);
    if (d !== c) changed = true;
    return d;
  });
  return changed ? out : list;
}

/** SetDefaults_PodSpec (+ containers); `pod` adds the Pod-only defaults (SetDefaults_Pod). */
function defaultPodSpec(spec: unknown, pod: boolean): unknown {
  if (!isObject(spec)) return spec;
  let out = withMissing(spec, {
    dnsPolicy: "ClusterFirst",
    restartPolicy: "Always",
    securityContext: {},
    terminationGracePeriodSeconds: 30,
    schedulerName: "default-scheduler",
    ...(pod ? { enableServiceLinks: true } : {}),
  });
  for (const field of ["containers", "initContainers"] as const) {
    const next = defaultContainers(out[field], pod);
    if (next !== out[field]) out = { ...out, [field]: next };
  }
  return out;
}

function defaultTemplate(spec: Json): Json {
  const template = spec["template"];
  if (!isObject(template)) return spec;
  const podSpec = defaultPodSpec(template["spec"], false);
  return podSpec === template["spec"] ? spec : { ...spec, template: { ...template, spec: podSpec } };
}

const isEmpty = (v: unknown): boolean =>
  (Array.isArray(v) && v.length === 0) || (isObject(v) && Object.keys(v).length === 0);

export function omitEmpty<T extends KubeObject>(resource: string, obj: T): T {
  const body = obj as unknown as Json;
  let out = body;
  const meta = body["metadata"];
  if (isObject(meta) && ["labels", "annotations", "finalizers", "ownerReferences"].some((k) => isEmpty(meta[k]))) {
    const m = { ...meta };
    for (const k of ["labels", "annotations", "finalizers", "ownerReferences"]) if (isEmpty(m[k])) delete m[k];
    out = { ...out, metadata: m };
  }
  if (resource === "configmaps" && (isEmpty(body["data"]) || isEmpty(body["binaryData"]))) {
    out = { ...out };
    for (const k of ["data", "binaryData"]) if (isEmpty(out[k])) delete out[k];
  }
  return out as unknown as T;
}

const NODE_INFO = ["machineID", "systemUUID", "bootID", "kernelVersion", "osImage", "containerRuntimeVersion",
  "kubeletVersion", "kubeProxyVersion", "operatingSystem", "architecture"];

function defaultNodeStatus(body: Json): Json {
  const status = isObject(body["status"]) ? body["status"] : {};
  const de = isObject(status["daemonEndpoints"]) ? status["daemonEndpoints"] : {};
  const ke = isObject(de["kubeletEndpoint"]) ? de["kubeletEndpoint"] : {};
  const info = isObject(status["nodeInfo"]) ? status["nodeInfo"] : {};
  const nextInfo = withMissing(info, Object.fromEntries(NODE_INFO.map((k) => [k, ""])));
  const nextKe = withMissing(ke, { Port: 0 });
  if (nextInfo === status["nodeInfo"] && nextKe === de["kubeletEndpoint"]) return body;
  return { ...body, status: { ...status, daemonEndpoints: { ...de, kubeletEndpoint: nextKe }, nodeInfo: nextInfo } };
}

export function applyDefaults<T extends KubeObject>(resource: string, obj: T): T {
  const body = obj as unknown as Json;
  const spec = body["spec"];
  switch (resource) {
    case "pods": {
      if (!isObject(spec)) return obj;
      const next = defaultPodSpec(spec, true);
      return (next === spec ? obj : { ...body, spec: next }) as unknown as T;
    }
    case "deployments": {
      if (!isObject(spec)) return obj;
      let next = withMissing(spec, { replicas: 1, revisionHistoryLimit: 10, progressDeadlineSeconds: 600 });
      const strategy = isObject(next["strategy"]) ? next["strategy"] : {};
      const type = strategy["type"] ?? "RollingUpdate";
      let filled = withMissing(strategy, { type });
      if (type === "RollingUpdate") {
        const ru = isObject(filled["rollingUpdate"]) ? filled["rollingUpdate"] : {};
        const ruFilled = withMissing(ru, { maxUnavailable: "25%", maxSurge: "25%" });
        if (ruFilled !== filled["rollingUpdate"]) filled = { ...filled, rollingUpdate: ruFilled };
      }
      if (filled !== next["strategy"]) next = { ...next, strategy: filled };
      next = defaultTemplate(next);
      return (next === spec ? obj : { ...body, spec: next }) as unknown as T;
    }
    case "replicasets": {
      if (!isObject(spec)) return obj;
      const next = defaultTemplate(withMissing(spec, { replicas: 1 }));
      return (next === spec ? obj : { ...body, spec: next }) as unknown as T;
    }
    case "nodes":
      return defaultNodeStatus(body) as unknown as T;
    default:
      return obj;
  }
}
