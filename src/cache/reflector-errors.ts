/**
 * How the Reflector reads the errors and objects its ListerWatcher hands it (client-go tools/cache
 * reflector.go: isTooLargeResourceVersionError, isWatchErrorRetriable, the REST client's Retry-After).
 *
 * Contract:
 * - `isTooLargeRV(e)`: "too large resource version" in all its shapes: the ResourceVersionTooLarge
 *   cause, or a 504 whose cause message says so (older servers).
 * - `isRetriableWatchError(e)`: a watch that failed to start with connection refused or 429 is retried
 *   after a backoff without a relist.
 * - `retryAfterOf(e)`: the Status' Retry-After in ms (0 when none).
 * - `toApiError(obj)`: the Status of an ERROR watch event (a 500 when the object is not a Status).
 * - `traceKey(obj)`: "<namespace>/<name>" (or "<name>") of a watched object for traces, "" without meta.
 * - `messageOf(e)`: an Error's message, or the value as a string.
 * - `typeDescriptionOf(apiVersion, kind)`: how client-go names the informer's object type in its errors
 *   ("failed to list *v1.Pod: …"): reflector.go getTypeDescriptionFromObject is reflect.TypeOf(expectedType)
 *   .String(), and a typed informer's expected type is `&<version>.<Kind>{}` (the Go package is named
 *   after the version). UNSPECIFIED_TYPE is its name without an expected type.
 */
import { ApiError, isConnectionRefused, isTooLargeResourceVersion, isTooManyRequests, newApiError, retryAfterSeconds,
  type Status } from "../apimachinery/errors.js";

export interface ObjectLike {
  kind?: unknown;
  metadata?: { name?: unknown; namespace?: unknown; resourceVersion?: unknown; annotations?: Record<string, string> };
}

export const UNSPECIFIED_TYPE = "<unspecified>";

export function typeDescriptionOf(apiVersion: string, kind: string): string {
  return `*${apiVersion.slice(apiVersion.indexOf("/") + 1)}.${kind}`;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function traceKey(obj: ObjectLike): string {
  const meta = obj.metadata;
  if (meta === undefined) return "";
  const name = typeof meta.name === "string" ? meta.name : "";
  const ns = typeof meta.namespace === "string" ? meta.namespace : "";
  return ns.length > 0 ? ns + "/" + name : name;
}

export function toApiError(object: unknown): ApiError {
  if (typeof object === "object" && object !== null && (object as { kind?: unknown }).kind === "Status") {
    return new ApiError(object as Status);
  }
  return newApiError(500, "InternalError", "unexpected ERROR watch event object");
}

export function isTooLargeRV(error: unknown): boolean {
  if (isTooLargeResourceVersion(error)) return true;
  if (!(error instanceof ApiError) || error.code !== 504) return false;
  return (error.status.details?.causes ?? []).some((c) => /too large resource version/i.test(c.message ?? ""));
}

export function isRetriableWatchError(error: ApiError): boolean {
  return isConnectionRefused(error) || isTooManyRequests(error);
}

export function retryAfterOf(error: ApiError): number {
  const s = retryAfterSeconds(error);
  return typeof s === "number" && s > 0 ? s * 1000 : 0;
}
