/**
 * Responses and request parsing shared by the routes: JSON bodies, `Status` errors with the real codes
 * and reasons, query booleans parsed as apimachinery does, and bounded body reading.
 *
 * Contract:
 * - `sendJson` writes one compact JSON body (never pretty-printed) with `Content-Type: application/json`
 *   unless told otherwise, and `Cache-Control: no-cache, private` as the real server does.
 * - `sendStatus` answers an ApiError (or a code/reason/message) as a `Status`; 429 and 504 carry
 *   `Retry-After` from the status details.
 * - `queryBool` is false only for "0" or a case-insensitive "false" (apimachinery
 *   `Convert_Slice_string_To_bool`): `watch=True` and a bare `watch` are true.
 * - `readBody` resolves with the body text, or rejects with a 413 ApiError past `limit` bytes.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError, newApiError, type Status } from "../../src/index.js";

export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export function sendJson(res: ServerResponse, code: number, body: unknown, contentType = "application/json"): void {
  const text = JSON.stringify(body);
  res.writeHead(code, {
    "Content-Type": contentType,
    "Content-Length": Buffer.byteLength(text),
    "Cache-Control": "no-cache, private",
  });
  res.end(text);
}

export function sendStatus(res: ServerResponse, error: ApiError | Status): void {
  const status = error instanceof ApiError ? error.status : error;
  const headers: Record<string, string | number> = { "Content-Type": "application/json", "Cache-Control": "no-cache, private" };
  const retry = status.details?.retryAfterSeconds;
  if (retry !== undefined) headers["Retry-After"] = String(retry);
  // Go's omitempty: empty details fields are not sent.
  let out: Status = status;
  if (status.details !== undefined) {
    const d: Record<string, unknown> = { ...status.details };
    for (const k of ["name", "group", "kind"]) if (d[k] === "") delete d[k];
    out = { ...status, details: d as Status["details"] };
  }
  const text = JSON.stringify({ metadata: {}, ...out });
  headers["Content-Length"] = Buffer.byteLength(text);
  if (!res.headersSent) res.writeHead(status.code, headers);
  res.end(text);
}

export function fail(code: number, reason: string, message: string, details?: Status["details"]): ApiError {
  return newApiError(code, reason, message, details);
}

export const badRequest = (message: string): ApiError => fail(400, "BadRequest", message);

/** The 422 the real server answers for invalid request options: `<Kind>.meta.k8s.io "" is invalid: …` with causes. */
export function invalidOptions(kind: string, field: string, detail: string, reason: string): ApiError {
  return fail(422, "Invalid", `${kind}.meta.k8s.io "" is invalid: ${field}: ${detail}`,
    { group: "meta.k8s.io", kind, causes: [{ reason, message: detail, field }] });
}
// The real server's generic errors carry an empty (non-nil) details object.
export const notFoundPath = (): ApiError => fail(404, "NotFound", "the server could not find the requested resource", {});
export const methodNotAllowed = (): ApiError => fail(405, "MethodNotAllowed", "the server does not allow this method on the requested resource", {});

export function queryBool(q: URLSearchParams, name: string): boolean | undefined {
  if (!q.has(name)) return undefined;
  const v = q.get(name) ?? "";
  return !(v === "0" || v.toLowerCase() === "false");
}

export function queryInt(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === "") return undefined;
  if (!/^-?[0-9]+$/.test(v)) throw badRequest(`strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
  return Number(v);
}

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? "0");
    if (declared > limit) {
      reject(fail(413, "RequestEntityTooLarge", `Request entity too large: limit is ${limit}`));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("data", (c: Buffer) => {
      if (over) return;
      size += c.length;
      if (size > limit) {
        over = true;
        reject(fail(413, "RequestEntityTooLarge", `Request entity too large: limit is ${limit}`));
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => { if (!over) resolve(Buffer.concat(chunks).toString("utf8")); });
    req.on("error", (e) => { if (!over) reject(e); });
  });
}

/** Parses a JSON request body the way the real decoder reports failures (400). */
export function parseJsonBody(text: string, kind = "the expected kind"): unknown {
  const prefix = `the object provided is unrecognized (must be of type ${kind}): couldn't get version/kind; json parse error`;
  if (text.trim() === "") throw badRequest(`${prefix}: unexpected end of JSON input`);
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw badRequest(`${prefix}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
