/**
 * Status errors as the real API server returns them: a `Status` body with code and reason, wrapped in
 * `ApiError`, and the `is*` predicates client-go's `k8s.io/apimachinery/pkg/api/errors` offers.
 */
export interface Status {
  kind: "Status";
  apiVersion: "v1";
  status: "Failure" | "Success";
  message: string;
  reason: string;
  code: number;
  details?: {
    name?: string; kind?: string; group?: string; retryAfterSeconds?: number;
    /** Machine-readable causes, e.g. `{ reason: "ResourceVersionTooLarge" }` on a 504. */
    causes?: Array<{ reason?: string; message?: string; field?: string }>;
  };
  /** ListMeta of the failed list: a 410 for an expired continue token carries a fresh `continue` here. */
  metadata?: { continue?: string; resourceVersion?: string };
}

export class ApiError extends Error {
  readonly status: Status;
  readonly code: number;
  readonly reason: string;

  constructor(status: Status) {
    super(status.message);
    this.name = "ApiError";
    this.status = status;
    this.code = status.code;
    this.reason = status.reason;
  }
}

export function newApiError(code: number, reason: string, message: string,
                            details?: Status["details"]): ApiError {
  const status: Status = { kind: "Status", apiVersion: "v1", status: "Failure", message, reason, code };
  if (details !== undefined) status.details = details;
  return new ApiError(status);
}

function reasonOf(e: unknown): string | undefined {
  if (e instanceof ApiError) return e.reason;
  if (typeof e === "object" && e !== null && "status" in e) {
    const s = (e as { status: unknown }).status;
    if (typeof s === "object" && s !== null && "reason" in s) {
      const r = (s as { reason: unknown }).reason;
      return typeof r === "string" ? r : undefined;
    }
  }
  return undefined;
}
function codeOf(e: unknown): number | undefined {
  if (e instanceof ApiError) return e.code;
  return undefined;
}

export function isNotFound(e: unknown): boolean {
  return reasonOf(e) === "NotFound" || codeOf(e) === 404;
}
export function isAlreadyExists(e: unknown): boolean {
  return reasonOf(e) === "AlreadyExists";
}
export function isConflict(e: unknown): boolean {
  return reasonOf(e) === "Conflict" || codeOf(e) === 409 && reasonOf(e) !== "AlreadyExists";
}
/** 410 Gone / Expired: the requested resourceVersion is no longer in the server's history. */
export function isResourceExpired(e: unknown): boolean {
  return reasonOf(e) === "Expired" || reasonOf(e) === "Gone" || codeOf(e) === 410;
}
export function isTooManyRequests(e: unknown): boolean {
  return reasonOf(e) === "TooManyRequests" || codeOf(e) === 429;
}
export function isBadRequest(e: unknown): boolean {
  return reasonOf(e) === "BadRequest" || codeOf(e) === 400;
}
export function isInvalid(e: unknown): boolean {
  return reasonOf(e) === "Invalid" || codeOf(e) === 422;
}

/** 504 "too large resource version": the requested RV is ahead of the server (client-go IsTooLargeResourceVersion). */
export function isTooLargeResourceVersion(e: unknown): boolean {
  if (!(e instanceof ApiError) || e.code !== 504) return false;
  return (e.status.details?.causes ?? []).some((c) => c.reason === "ResourceVersionTooLarge") ||
    /too large resource version/i.test(e.message);
}
/** 504 Timeout (of any cause). */
export function isTimeout(e: unknown): boolean {
  return reasonOf(e) === "Timeout" || codeOf(e) === 504;
}
/**
 * The request never reached a server (network partition, server down). Not an HTTP status: modelled as an
 * ApiError with code 0 and reason "ConnectionRefused" (client-go: utilnet.IsConnectionRefused). A reflector
 * retries the watch after a backoff step, without relisting.
 */
export function isConnectionRefused(e: unknown): boolean {
  return reasonOf(e) === "ConnectionRefused";
}
/**
 * How long a client waits on a dead connection before giving up: client-go's HTTP/2 health check
 * (k8s.io/apimachinery util/net SetTransportDefaults: ReadIdleTimeout 30 s, then a ping answered within
 * PingTimeout 15 s, or the connection is closed).
 */
export const CLIENT_CONNECTION_TIMEOUT_MS = 45_000;
/** The first half of it: how long a connection may read nothing before the health check pings (30 s). */
export const CLIENT_READ_IDLE_TIMEOUT_MS = 30_000;

/**
 * A request that hung on a dead connection ("timeout" partition) until the client's health check closed
 * it: not an HTTP status, code 0, reason "ConnectionLost". Unlike connection refused, a reflector does
 * not retry it in place: a list or watch request failing with it ends the ListAndWatch (handler, relist).
 */
export function connectionLost(): ApiError {
  return newApiError(0, "ConnectionLost", "http2: client connection lost");
}
export function isConnectionLost(e: unknown): boolean {
  return reasonOf(e) === "ConnectionLost";
}
/**
 * How long a client dials a new connection before giving up: client-go's transport dialer
 * (k8s.io/client-go/transport/cache.go: net.Dialer{Timeout: 30 * time.Second}). A request sent once the
 * old connection was declared lost dials anew; into a "timeout" partition the SYN goes nowhere.
 */
export const CLIENT_DIAL_TIMEOUT_MS = 30_000;
/**
 * A new connection could not be made within the dial timeout ("timeout" partition, after the old
 * connection was lost): code 0, reason "DialTimeout". Like ConnectionLost, not retried in place by a
 * reflector (isWatchErrorRetriable knows only connection refused and 429): handler, backoff, relist.
 */
export function dialTimeout(): ApiError {
  return newApiError(0, "DialTimeout", "dial tcp 10.96.0.1:443: i/o timeout");
}
/**
 * What an established watch reports when its connection is lost: client-go's stream watcher turns the
 * read error into an ERROR event, a 500 from the client-side error reporter (rest/request.go
 * newStreamWatcher + apimachinery streamwatcher.go receive).
 */
export function watchConnectionLost(): Status {
  const cause = "unable to decode an event from the watch stream: http2: client connection lost";
  return {
    kind: "Status", apiVersion: "v1", status: "Failure", code: 500, reason: "InternalError",
    message: `an error on the server ("${cause}") has prevented the request from succeeding`,
    details: { causes: [{ reason: "ClientWatchDecoding", message: cause }] },
  };
}

/** The Retry-After seconds a 429 (or 504 too-large RV) asks for, if any. */
export function retryAfterSeconds(e: unknown): number | undefined {
  return e instanceof ApiError ? e.status.details?.retryAfterSeconds : undefined;
}
