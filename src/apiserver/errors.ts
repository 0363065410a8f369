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
  details?: { name?: string; kind?: string; retryAfterSeconds?: number };
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
