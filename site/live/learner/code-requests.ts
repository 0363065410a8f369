/**
 * The learner's clientset requests in live mode, on the page's side (issue 19): checked, sent through the
 * live proxy, answered to the worker — and traced as the client saw them, like a simulated run's.
 *
 * Contract:
 * - `forward(m, respond)` first checks the request with checkLiveRequest against the proxy's policy
 *   (from /live/info) and the in-flight cap (LIVE_MAX_REQUESTS): a refused one is answered 403 (429 over
 *   the cap) with the reason as a Status, never sent and never traced as a request (the learner's call
 *   rejects with it). An allowed one is traced as `server.request` (origin "code", `remote: true`, the
 *   verb, resource, namespace, name and query the path names, and `src`: the learner's line, when the
 *   worker could place the call), fetched through the proxy (`base` + path), traced as `server.response`
 *   (its status, and a Status's reason/message or the object's / list's resourceVersion and item count),
 *   and its status and body passed to `respond`. A transport failure is traced and answered as 503.
 * - `requestOf(method, path)` reads an API path the way the apiserver routes it (core /api/v1 and
 *   /apis/{group}/{version}; namespaced under namespaces/{ns}; one subresource).
 */
import type { TraceInput, Verb } from "../../../src/sim/index.js";
import type { ApiPolicy } from "../../../server/live/policy.js";
import { LIVE_BODY_CHARS, LIVE_MAX_REQUESTS, type LiveRequestMessage } from "../../runner/worker/live/live-protocol.js";
import { checkLiveRequest } from "./request-check.js";

export interface ApiRequest { verb: Verb; resource: string; namespace?: string; name?: string; query: URLSearchParams }

const VERBS: Record<string, Verb> = { POST: "create", PUT: "update", PATCH: "patch", DELETE: "delete" };

export function requestOf(method: string, path: string): ApiRequest {
  const q = path.indexOf("?");
  const query = new URLSearchParams(q < 0 ? "" : path.slice(q + 1));
  const parts = (q < 0 ? path : path.slice(0, q)).split("/").filter((p) => p !== "").map(decodeURIComponent);
  const rest = parts[0] === "api" ? parts.slice(2) : parts.slice(3);
  const namespaced = rest[0] === "namespaces" && rest.length >= 3;
  const [resource = "", name] = namespaced ? rest.slice(2) : rest;
  const verb = VERBS[method] ?? (name === undefined ? "list" : "get");
  return { verb, resource, query, ...(namespaced ? { namespace: rest[1] } : {}), ...(name !== undefined ? { name } : {}) };
}

export function statusJson(code: number, reason: string, message: string): string {
  return JSON.stringify({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason, code });
}

/** What a response body tells the trace: a Status's reason and message, an object's or list's RV, a list's items. */
function answerOf(text: string): { reason?: string; message?: string; resourceVersion?: string; items?: number } {
  let v: unknown;
  try { v = JSON.parse(text); } catch { return {}; }
  if (typeof v !== "object" || v === null) return {};
  const o: { kind?: unknown; reason?: unknown; message?: unknown; metadata?: { resourceVersion?: unknown }; items?: unknown } = v;
  if (o.kind === "Status") return { ...(typeof o.reason === "string" ? { reason: o.reason } : {}), ...(typeof o.message === "string" ? { message: o.message.slice(0, 500) } : {}) };
  const rv = o.metadata?.resourceVersion;
  return { ...(typeof rv === "string" ? { resourceVersion: rv } : {}), ...(Array.isArray(o.items) ? { items: o.items.length } : {}) };
}

export interface CodeRequestsOptions {
  policy: ApiPolicy;
  base: string;
  trace(e: TraceInput): void;
  nextRequestId(): number;
}

export class CodeRequests {
  private inflight = 0;

  constructor(private readonly o: CodeRequestsOptions) {}

  async forward(m: LiveRequestMessage, respond: (status: number, body: string) => void): Promise<void> {
    if (this.inflight >= LIVE_MAX_REQUESTS) {
      respond(429, statusJson(429, "TooManyRequests", `at most ${LIVE_MAX_REQUESTS} requests of your code at once`));
      return;
    }
    const why = checkLiveRequest(m, this.o.policy);
    if (why !== undefined) {
      // The learner's promise rejects with it (unhandled, it is traced as the code's error).
      respond(403, statusJson(403, "Forbidden", `${m.method} ${m.path} was refused by the page and not sent: ${why}`));
      return;
    }
    const r = requestOf(m.method, m.path);
    const requestId = this.o.nextRequestId();
    const opt = (k: string, name: string): Record<string, string> => { const v = r.query.get(k); return v === null ? {} : { [name]: v }; };
    const limit = Number(r.query.get("limit"));
    this.o.trace({ component: "server", kind: "server.request", requestId, verb: r.verb, resource: r.resource, origin: "code", client: "your code", remote: true,
      ...(r.namespace !== undefined ? { namespace: r.namespace } : {}), ...(r.name !== undefined ? { name: r.name } : {}),
      ...opt("resourceVersion", "resourceVersion"), ...opt("labelSelector", "labelSelector"), ...opt("fieldSelector", "fieldSelector"),
      ...(Number.isSafeInteger(limit) && limit > 0 ? { limit } : {}), ...(m.src !== undefined ? { src: m.src } : {}) });
    const answer = (code: number, text: string, traced: ReturnType<typeof answerOf>): void => {
      this.o.trace({ component: "server", kind: "server.response", requestId, verb: r.verb, resource: r.resource, code, ...traced });
      respond(code, text);
    };
    this.inflight++;
    try {
      const res = await fetch(`${this.o.base}${m.path}`, {
        method: m.method, cache: "no-store", ...(m.body !== undefined ? { body: m.body } : {}),
        headers: { Accept: "application/json", ...(m.contentType !== undefined ? { "Content-Type": m.contentType } : {}) },
      });
      const text = await res.text();
      if (text.length > LIVE_BODY_CHARS) {
        const message = `the answer was over ${LIVE_BODY_CHARS.toLocaleString("en")} characters`;
        answer(502, statusJson(502, "InternalError", message), { reason: "InternalError", message });
      } else answer(res.status, text, answerOf(text));
    } catch (e) {
      const message = `the request failed: ${e instanceof Error ? e.message : String(e)}`;
      answer(503, statusJson(503, "ServiceUnavailable", message), { reason: "ServiceUnavailable", message });
    } finally {
      this.inflight--;
    }
  }
}
