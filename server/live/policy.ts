/**
 * The live proxy's security policy (wire.md §7.6), as pure functions of a request's method, path and
 * headers, so each checklist item is tested on its own.
 *
 * Contract:
 * - `checkHost`: the Host header must be 127.0.0.1:PORT, localhost:PORT or [::1]:PORT (DNS rebinding).
 * - `checkOrigin`: a present Origin must be one of those origins; `Sec-Fetch-Site: cross-site` is refused too.
 * - `checkApi(method, path, …)` for a path under /k8s (the prefix removed):
 *   - GET on /version, /api, /apis and their group/version discovery documents;
 *   - GET (list, watch, get) of the READ_ALLOWLIST resources, plus their `status` and `scale` subresources;
 *   - secrets, exec, attach, portforward, proxy and log are refused (403), whatever the method;
 *   - POST/PUT/PATCH/DELETE only with `allowWrites`, only inside `namespace`, and (for a body) only with a
 *     JSON Content-Type, which a cross-site "simple" request cannot send.
 *   Answers `undefined` when allowed, else the reason (the proxy answers 403 with it).
 * - `isLocalContext`: the context names that look like a local cluster (kind-*, minikube, k3d-*,
 *   docker-desktop, kwok-*, rancher-desktop, the embedded one).
 */

export const READ_ALLOWLIST: ReadonlySet<string> = new Set([
  "pods", "services", "endpoints", "configmaps", "nodes", "namespaces", "events", "persistentvolumeclaims",
  "deployments", "replicasets", "statefulsets", "daemonsets", "jobs", "cronjobs", "endpointslices", "leases",
]);
export const DENIED: ReadonlySet<string> = new Set(["secrets", "exec", "attach", "portforward", "proxy", "log"]);
const READ_SUBRESOURCES = new Set(["status", "scale"]);
const WRITE_CONTENT_TYPES = [
  "application/json", "application/merge-patch+json", "application/strategic-merge-patch+json", "application/json-patch+json",
];

export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
}

export function checkHost(host: string | undefined, port: number): string | undefined {
  if (host === undefined || !allowedHosts(port).has(host.toLowerCase())) {
    return `Host ${JSON.stringify(host ?? "")} is not this proxy (allowed: ${[...allowedHosts(port)].join(", ")}): refusing, against DNS rebinding`;
  }
  return undefined;
}

export function checkOrigin(origin: string | undefined, fetchSite: string | undefined, port: number): string | undefined {
  if (fetchSite === "cross-site") return "a cross-site request is refused";
  if (origin === undefined) return undefined;
  const ok = [...allowedHosts(port)].map((h) => `http://${h}`);
  if (!ok.includes(origin.toLowerCase())) return `Origin ${JSON.stringify(origin)} is not this proxy's page`;
  return undefined;
}

export interface ApiPolicy { allowWrites: boolean; namespace: string }

interface Parsed { discovery: boolean; namespace?: string; resource?: string; name?: string; sub?: string }

/** Splits a Kubernetes API path; undefined for anything that is not one. */
export function parseApiPath(path: string): Parsed | undefined {
  const parts = path.split("/").filter((p) => p !== "");
  if (parts.some((p) => p === "." || p === ".." || p.includes("%2f") || p.includes("%2F"))) return undefined;
  if (parts.length === 1 && (parts[0] === "version" || parts[0] === "api" || parts[0] === "apis")) return { discovery: true };
  let rest: string[];
  if (parts[0] === "api") {
    if (parts.length === 2) return { discovery: true };
    rest = parts.slice(2);
  } else if (parts[0] === "apis") {
    if (parts.length <= 3) return parts.length >= 2 ? { discovery: true } : undefined;
    rest = parts.slice(3);
  } else return undefined;
  let namespace: string | undefined;
  if (rest[0] === "namespaces" && rest.length >= 3) {
    namespace = decodeURIComponent(rest[1]!);
    rest = rest.slice(2);
  }
  const [resource, name, sub, ...more] = rest;
  if (resource === undefined || more.length > 0) return undefined;
  return { discovery: false, ...(namespace !== undefined ? { namespace } : {}), resource,
    ...(name !== undefined ? { name } : {}), ...(sub !== undefined ? { sub } : {}) };
}

export function checkApi(method: string, path: string, contentType: string | undefined, policy: ApiPolicy): string | undefined {
  const p = parseApiPath(path);
  const denied = path.split("/").find((seg) => DENIED.has(seg));
  if (denied !== undefined) return `${denied} is never served through the live proxy`;
  if (p === undefined) return `${path} is not a Kubernetes API path the live proxy serves`;
  if (p.discovery) return method === "GET" ? undefined : `${method} ${path}: discovery is read-only`;
  const resource = p.resource!;
  // /api/v1/namespaces/{ns} (one namespace) parses as resource "namespaces" named ns.
  if (!READ_ALLOWLIST.has(resource)) return `${resource} is not in the live proxy's resource allowlist`;
  if (p.sub !== undefined && !READ_SUBRESOURCES.has(p.sub)) return `the ${p.sub} subresource is not served through the live proxy`;
  if (method === "GET") return undefined;
  if (!["POST", "PUT", "PATCH", "DELETE"].includes(method)) return `${method} is not served through the live proxy`;
  if (!policy.allowWrites) return `the live proxy is read-only (${method} refused); start it with --allow-writes to let the page write`;
  const ns = resource === "namespaces" ? p.name : p.namespace;
  if (ns !== policy.namespace) return `writes are limited to namespace ${JSON.stringify(policy.namespace)}`;
  const ct = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  const needsBody = method !== "DELETE";
  if ((needsBody || ct !== "") && !WRITE_CONTENT_TYPES.includes(ct)) {
    return `a write needs Content-Type application/json (or a JSON patch type), got ${JSON.stringify(contentType ?? "")}`;
  }
  return undefined;
}

const LOCAL_CONTEXT = [/^kind-/, /^minikube$/, /^k3d-/, /^docker-desktop$/, /^docker-for-desktop$/, /^kwok-/, /^rancher-desktop$/, /^playground(-embedded)?$/];

export function isLocalContext(name: string): boolean {
  return LOCAL_CONTEXT.some((re) => re.test(name));
}
