/**
 * The `Status` errors the simulated server answers with, one constructor per failure (the messages of
 * apiserver's `registry/generic/registry/store.go`, `storage/errors.go` and `apimachinery/pkg/api/errors`).
 *
 * Contract: each returns a fresh ApiError whose code, reason, message and details are the real server's
 * for the same failure; nothing here throws or records anything. Resources of a named group are
 * qualified as Go's GroupResource / GroupKind print them: `deployments.apps "x" not found`,
 * `Deployment.apps "x" is invalid: …`; core resources are bare (`pods "x" not found`).
 */
import { ApiError, newApiError, type Status } from "../apimachinery/errors.js";
import { freezeCopy } from "./frozen.js";
import type { ResourceInfo } from "./resources.js";

/** GroupResource.String(): "pods", "deployments.apps" — how errors name a resource. */
export function qualifiedResource(info: ResourceInfo): string {
  return info.group === "" ? info.resource : `${info.resource}.${info.group}`;
}

/** GroupKind.String(): "Pod", "Deployment.apps" — how Invalid errors name a kind. */
function qualifiedKind(info: ResourceInfo): string {
  return info.group === "" ? info.kind : `${info.kind}.${info.group}`;
}

export function notFound(info: ResourceInfo, name: string): ApiError {
  return newApiError(404, "NotFound", `${qualifiedResource(info)} "${name}" not found`, { name, kind: info.resource, group: info.group });
}

/** A resource (or subresource) this server does not serve. */
export function noSuchResource(what: string): ApiError {
  return newApiError(404, "NotFound", `the server could not find the requested resource (${what})`);
}

export function alreadyExists(info: ResourceInfo, name: string): ApiError {
  return newApiError(409, "AlreadyExists", `${qualifiedResource(info)} "${name}" already exists`, { name, kind: info.resource, group: info.group });
}

export function conflict(info: ResourceInfo, name: string, why: string): ApiError {
  return newApiError(409, "Conflict", `Operation cannot be fulfilled on ${qualifiedResource(info)} "${name}": ${why}`,
    { name, kind: info.resource, group: info.group });
}

/** NewConflict on GroupResource{Group, Resource: Kind}, as rest/delete.go builds it for failed preconditions. */
export function conflictOnKind(info: ResourceInfo, name: string, why: string): ApiError {
  return newApiError(409, "Conflict", `Operation cannot be fulfilled on ${qualifiedKind(info)} "${name}": ${why}`,
    { name, kind: info.kind, group: info.group });
}

/** A pods/binding write that lost (NewConflict on the "pods/binding" resource). */
export function bindingConflict(name: string, why: string): ApiError {
  return newApiError(409, "Conflict", `Operation cannot be fulfilled on pods/binding "${name}": ${why}`,
    { name, kind: "pods/binding", group: "" });
}

/** field.Error types as their ErrorBody prints them, with the CauseType NewInvalid reports for each. */
const CAUSE_REASONS: ReadonlyArray<[string, string]> = [
  ["Forbidden", "FieldValueForbidden"], ["Invalid value", "FieldValueInvalid"], ["Required value", "FieldValueRequired"],
  ["Unsupported value", "FieldValueNotSupported"], ["Duplicate value", "FieldValueDuplicate"], ["Too long", "FieldValueTooLong"],
];

/**
 * 422 Invalid, as errors.NewInvalid builds it from one field error `why` ("<field>: <Type>: <detail>"):
 * the message, and details.causes [{ reason, message, field }] — what kubectl prints after "is invalid:".
 */
/** The one field error `why` ("<field>: <Type>: <detail>") as a Status cause, when its type is known. */
function causeOf(why: string): { causes?: Array<{ reason: string; message: string; field: string }> } {
  const colon = why.indexOf(": ");
  const field = colon > 0 ? why.slice(0, colon) : "";
  const body = colon > 0 ? why.slice(colon + 2) : why;
  const reason = CAUSE_REASONS.find(([prefix]) => body.startsWith(prefix))?.[1];
  return reason !== undefined ? { causes: [{ reason, message: body, field }] } : {};
}

export function invalid(info: ResourceInfo, name: string, why: string): ApiError {
  return newApiError(422, "Invalid", `${qualifiedKind(info)} "${name}" is invalid: ${why}`,
    { name, kind: info.kind, group: info.group, ...causeOf(why) });
}

/** 422 for invalid ListOptions (validateListOptions), with its cause as the real server sends it. */
export function invalidOptions(why: string): ApiError {
  return newApiError(422, "Invalid", `ListOptions.meta.k8s.io "" is invalid: ${why}`, { kind: "ListOptions", group: "meta.k8s.io", ...causeOf(why) });
}

export function badRequest(message: string): ApiError {
  return newApiError(400, "BadRequest", message);
}

/** 504 "too large resource version" (without the real server's 3 s wait). */
export function tooLarge(rv: string, current: string): ApiError {
  return newApiError(504, "Timeout", `Too large resource version: ${rv}, current: ${current}`,
    { causes: [{ reason: "ResourceVersionTooLarge", message: "Too large resource version" }], retryAfterSeconds: 1 });
}

export function tooManyRequests(retryAfterSeconds: number): ApiError {
  return newApiError(429, "TooManyRequests", "Too many requests, please try again later.", { retryAfterSeconds });
}

/** No server answered (partition, restart downtime): not an HTTP status, so code 0 (errors.ts isConnectionRefused). */
export function connectionRefused(): ApiError {
  return newApiError(0, "ConnectionRefused", "dial tcp 10.96.0.1:443: connect: connection refused");
}

/** The frozen `Status` body of an ERROR watch event. */
export function watchErrorStatus(code: number, reason: string, message: string): Status {
  return freezeCopy<Status>({ kind: "Status", apiVersion: "v1", status: "Failure", code, reason, message });
}
