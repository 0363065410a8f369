/**
 * The REST path of a resource collection, as client-go's rest client and the API server spell it.
 *
 * Contract: `resourcePath(apiVersion, resource, namespace)` is `/api/<v>` for the core group ("v1") or
 * `/apis/<group>/<v>` otherwise, then `/namespaces/<namespace>` when a namespace is given (non-empty), then
 * `/<resource>` (the plural). The namespace is URI-escaped (a no-op for valid names). Pure.
 */
export function resourcePath(apiVersion: string, resource: string, namespace?: string): string {
  const gv = apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  const ns = namespace !== undefined && namespace !== "" ? `/namespaces/${encodeURIComponent(namespace)}` : "";
  return `${gv}${ns}/${resource}`;
}
