/**
 * What client-go's REST client names a list or watch request by, and the error it returns when that
 * request never got an HTTP answer (k8s.io/client-go rest/request.go, net/http, net/url).
 *
 * Contract:
 * - `requestURL(info, options, watch)` is the URL a typed client (gentype List / Watch) sends for these
 *   options, as rest/request.go `URL()` builds it: the in-cluster host (`https://10.96.0.1:443`, rest
 *   InClusterConfig), `/api/v1` or `/apis/<group>/<version>`, `/namespaces/<ns>` for a namespaced
 *   resource with a namespace, the resource; the query is the ListOptions as the parameter codec writes
 *   them (zero values left out: `omitempty`), `watch=true` for a watch, and `timeout=<Go duration>` when
 *   `timeoutSeconds` is set (`.Timeout(…)`), encoded as Go's url.Values.Encode (keys sorted, values
 *   escaped by url.QueryEscape).
 * - `urlError(url, cause)` is net/http's *url.Error for a GET: `Get "<url>": <cause>`.
 */
import type { ListOptions, WatchOptions } from "../apimachinery/meta.js";
import { resourcePath } from "../apimachinery/resource-path.js";
import type { ResourceInfo } from "./resources.js";

/** The in-cluster API server address (the kubernetes Service's ClusterIP and port). */
export const IN_CLUSTER_HOST = "https://10.96.0.1:443";

/**
 * Go's url.QueryEscape: letters, digits and "-_.~" stay; a space becomes "+"; the rest is %XX of UTF-8
 * (encodeURIComponent, which also leaves "!'()*" alone: Go escapes those too).
 */
export function queryEscape(s: string): string {
  return encodeURIComponent(s)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, "+");
}

/** Go's time.Duration.String() for whole seconds: "0s", "45s", "5m0s", "1h2m3s". */
export function goDuration(seconds: number): string {
  const s = Math.trunc(seconds);
  if (s === 0) return "0s";
  const h = Math.trunc(s / 3600);
  const m = Math.trunc((s % 3600) / 60);
  const rest = s % 60;
  return `${h > 0 ? `${h}h` : ""}${h > 0 || m > 0 ? `${m}m` : ""}${rest}s`;
}

/** The fields of a list's or a watch's options (resourceVersionMatch as either allows). */
type RequestOptions = Omit<ListOptions, "resourceVersionMatch"> & Omit<WatchOptions, "resourceVersionMatch"> & { resourceVersionMatch?: string };

export function requestURL(info: ResourceInfo, request: ListOptions | WatchOptions, watch: boolean): string {
  const options: RequestOptions = request;
  const path = resourcePath(info.apiVersion, info.resource, info.namespaced ? options.namespace : undefined);
  const query: [string, string][] = [];
  const put = (key: string, value: string | number | boolean | undefined) => {
    if (value === undefined || value === "" || value === 0 || value === false) return;
    query.push([key, String(value)]);
  };
  put("labelSelector", options.labelSelector);
  put("fieldSelector", options.fieldSelector);
  put("watch", watch);
  put("allowWatchBookmarks", options.allowWatchBookmarks);
  put("resourceVersion", options.resourceVersion);
  put("resourceVersionMatch", options.resourceVersionMatch);
  // timeoutSeconds and sendInitialEvents are pointers in Go: set means sent, even when zero or false
  if (options.timeoutSeconds !== undefined) query.push(["timeoutSeconds", String(options.timeoutSeconds)]);
  put("limit", options.limit);
  put("continue", options.continue);
  if (options.sendInitialEvents !== undefined) query.push(["sendInitialEvents", String(options.sendInitialEvents)]);
  if (options.timeoutSeconds !== undefined && options.timeoutSeconds !== 0) query.push(["timeout", goDuration(options.timeoutSeconds)]);
  query.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const encoded = query.map(([k, v]) => `${queryEscape(k)}=${queryEscape(v)}`).join("&");
  return `${IN_CLUSTER_HOST}${path}${encoded === "" ? "" : `?${encoded}`}`;
}

/** net/url Error.Error(): `fmt.Sprintf("%s %q: %s", op, url, err)`, op "Get" (the reflector only GETs). */
export function urlError(url: string, cause: string): string {
  return `Get ${JSON.stringify(url)}: ${cause}`;
}
