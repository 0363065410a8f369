/**
 * One traced request (`server.request` / `server.response` of the trace), for every verb.
 *
 * Contract:
 * - `run(verb, resource, detail, fn, gate?)` traces `server.request`, then runs `gate` (the network's
 *   refusal, for ListerWatcher traffic) and `fn`. `fn` traces its own success through the `respond`
 *   function it is handed, at the moment the reply exists (a watch answers 200 before its first event);
 *   an ApiError thrown by either is traced as the error response and rethrown; other throws pass through.
 * - Without a tracer nothing is built: `fn` gets request id 0 and `respond` undefined.
 * - Request fields: get/create/update/delete show namespace and name (when not undefined) and the client;
 *   an update also the `metadata.resourceVersion` its object carried (`objectResourceVersion`, when set);
 *   list and watch show the client and every option that is set (neither undefined nor "").
 * - `origin` (who made the request, trace.ts RequestOrigin): the one its client implies (a reflector ⇒
 *   "informer", the kubelet ⇒ "cluster"), else the innermost `withOrigin` scope around the call, else absent;
 *   that scope's `src` (where the learner made a clientset call) goes with it.
 */
import { ApiError } from "../apimachinery/errors.js";
import type { ListOptions, WatchOptions } from "../apimachinery/meta.js";
import { originOfClient, type RequestOrigin, type SourcePosition, type TraceFn, type Verb } from "../sim/trace.js";

export interface RequestDetail {
  namespace?: string | undefined;
  name?: string | undefined;
  /** Who is calling (ListerWatcher traffic, the kubelet). */
  client?: string | undefined;
  /** The options of a list or watch. */
  options?: ListOptions | WatchOptions;
  /** update: the resourceVersion the sent object carried (its precondition). */
  objectResourceVersion?: string | undefined;
}

export interface Response {
  code: number;
  resourceVersion?: string | undefined;
  items?: number;
  continue?: string | undefined;
}
export type Respond = (response: Response) => void;

export class RequestTrace {
  private nextRequestId = 1;
  private origin: RequestOrigin | undefined;
  private src: SourcePosition | undefined;

  constructor(private readonly trace: TraceFn | undefined) {}

  /** Runs `fn` (synchronously) with its requests attributed to `origin`, restoring the outer scope after. */
  withOrigin<R>(origin: RequestOrigin, fn: () => R, src?: SourcePosition): R {
    const outer = this.origin;
    const outerSrc = this.src;
    this.origin = origin;
    this.src = src;
    try {
      return fn();
    } finally {
      this.origin = outer;
      this.src = outerSrc;
    }
  }

  run<R>(verb: Verb, resource: string, detail: RequestDetail,
         fn: (requestId: number, respond: Respond | undefined) => R, gate?: () => ApiError | undefined): R {
    const trace = this.trace;
    if (trace === undefined) {
      const refused = gate?.();
      if (refused !== undefined) throw refused;
      return fn(0, undefined);
    }
    const requestId = this.nextRequestId++;
    const implied = originOfClient(detail.client);
    const origin = implied ?? this.origin;
    const src = implied === undefined ? this.src : undefined;
    trace({
      component: "server", kind: "server.request", requestId, verb, resource, ...requestFields(verb, detail),
      ...(origin !== undefined ? { origin } : {}), ...(src !== undefined ? { src } : {}),
    });
    try {
      const refused = gate?.();
      if (refused !== undefined) throw refused;
      return fn(requestId, (r) => {
        trace({
          component: "server", kind: "server.response", requestId, verb, resource, code: r.code,
          ...(r.resourceVersion !== undefined ? { resourceVersion: r.resourceVersion } : {}),
          ...(r.items !== undefined ? { items: r.items } : {}),
          ...(r.continue !== undefined ? { continue: r.continue } : {}),
        });
      });
    } catch (e) {
      if (e instanceof ApiError) {
        const ra = e.status.details?.retryAfterSeconds;
        trace({
          component: "server", kind: "server.response", requestId, verb, resource, code: e.code, reason: e.reason,
          message: e.message, ...(ra !== undefined ? { retryAfterSeconds: ra } : {}),
        });
      }
      throw e;
    }
  }
}

function requestFields(verb: Verb, d: RequestDetail): Record<string, never> {
  const o = d.options;
  if (o === undefined || (verb !== "list" && verb !== "watch")) {
    return {
      ...(d.namespace !== undefined ? { namespace: d.namespace } : {}),
      ...(d.name !== undefined ? { name: d.name } : {}),
      ...(d.client !== undefined ? { client: d.client } : {}),
      ...(verb === "update" && d.objectResourceVersion !== undefined && d.objectResourceVersion !== ""
        ? { objectResourceVersion: d.objectResourceVersion } : {}),
    } as Record<string, never>;
  }
  const base = {
    namespace: o.namespace, client: d.client, resourceVersion: o.resourceVersion,
    resourceVersionMatch: o.resourceVersionMatch, labelSelector: o.labelSelector, fieldSelector: o.fieldSelector,
  };
  if (verb === "list") {
    const l = o as ListOptions;
    return defined({ ...base, limit: l.limit, continue: l.continue });
  }
  const w = o as WatchOptions;
  return defined({ ...base, sendInitialEvents: w.sendInitialEvents, timeoutSeconds: w.timeoutSeconds });
}

/** The fields of `o` that are set (neither undefined nor ""). */
export function defined(o: Record<string, unknown>): Record<string, never> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) if (o[k] !== undefined && o[k] !== "") out[k] = o[k];
  return out as Record<string, never>;
}
