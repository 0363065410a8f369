/**
 * The HTTP front end of the simulated API server: routing over the resource table (wire.md §1), the
 * request limits of a real server, and the driver sync that keeps virtual time in step.
 *
 * Contract:
 * - Paths: /version, /api, /apis, /api/v1, /apis/{group}, /apis/{group}/v1, /openapi/v3[/…], /healthz,
 *   /livez, /readyz, the resource paths `/api/v1/[namespaces/{ns}/]{resource}[/{name}[/{sub}]]` (and the
 *   /apis/apps/v1 ones), and the fault endpoints. Anything else is a 404 `Status`; a method a path does
 *   not serve is a 405.
 * - Limits: bodies over 3 MiB are a 413; more than `maxInFlight` non-watch requests at once (as
 *   --max-requests-inflight) get 429 with Retry-After: 1; watches are long-running and exempt.
 * - Every answer is JSON (never 406, even to a protobuf-first Accept: gotcha G13).
 * - A handler error that is not an ApiError is a 500 `Status` and the server keeps serving; nothing is
 *   stored by a rejected request (the engine validates before it commits).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError } from "../../src/index.js";
import { RESOURCES, type ResourceInfo } from "../../src/index.js";
import {
  AGGREGATED_CT, aggregatedDiscovery, EVENTS_INFO, groups, legacyApiVersions, legacyGroup, legacyGroupList,
  openApiDocument, openApiIndex, resourceList, SERVER_VERSION, wantsAggregated,
} from "./discovery.js";
import { FAULT_PREFIX, networkDown, serveFault } from "./faults.js";
import { isWatch, serveGet, serveList, serveWatch } from "./reads.js";
import { fail, methodNotAllowed, notFoundPath, readBody, sendJson, sendStatus } from "./respond.js";
import { serveBinding, serveCreate, serveDelete, servePatch, serveScale, serveUpdate, serveDeleteCollection } from "./writes.js";
import type { Ctx, Route } from "./context.js";

const ALL_INFOS: ResourceInfo[] = [...Object.values(RESOURCES), EVENTS_INFO];

export interface HandlerOptions { maxInFlight?: number; serverAddress?: string; log?: (line: string) => void }

export function createHandler(ctx: Ctx, options: HandlerOptions = {}): (req: IncomingMessage, res: ServerResponse) => void {
  const maxInFlight = options.maxInFlight ?? 400;
  let inFlight = 0;
  return (req, res) => {
    if (networkDown(ctx) && !(req.url ?? "").startsWith(FAULT_PREFIX)) { req.socket.destroy(); return; }
    let url: URL;
    try {
      url = new URL(`http://localhost${(req.url ?? "/").startsWith("/") ? "" : "/"}${req.url ?? "/"}`);
    } catch {
      req.resume();
      sendStatus(res, fail(400, "BadRequest", `invalid request URI: ${JSON.stringify((req.url ?? "").slice(0, 200))}`));
      return;
    }
    const q = url.searchParams;
    const long = isWatch(q);
    if (options.log !== undefined) {
      const log = options.log;
      if (long) log(`... ${req.method ?? ""} ${req.url ?? ""} (watch opened)`);
      res.on("finish", () => log(`${res.statusCode} ${req.method ?? ""} ${req.url ?? ""}`));
    }
    if (!long && inFlight >= maxInFlight) {
      req.resume();
      sendStatus(res, fail(429, "TooManyRequests", "Too many requests, please try again later.", { retryAfterSeconds: 1 }));
      return;
    }
    if (!long) { inFlight++; res.on("close", () => { inFlight--; }); }
    const finish = (e: unknown): void => {
      if (e instanceof ApiError) sendStatus(res, e);
      else sendStatus(res, fail(500, "InternalError", `an error on the server ("${e instanceof Error ? e.message : String(e)}") has prevented the request from succeeding`));
      ctx.driver.sync();
    };
    const method = req.method ?? "GET";
    const bodyNeeded = method === "POST" || method === "PUT" || method === "PATCH" || method === "DELETE";
    const body = bodyNeeded ? readBody(req) : (req.resume(), Promise.resolve(""));
    body.then((text) => {
      ctx.driver.sync();                       // bring virtual time up to now before acting
      try {
        route(ctx, req, res, url.pathname, q, text, method, options);
      } catch (e) {
        finish(e);
        return;
      }
      ctx.driver.sync();                       // deliver what the request caused (watch events)
    }, finish);
  };
}

function route(ctx: Ctx, req: IncomingMessage, res: ServerResponse, path: string, q: URLSearchParams, text: string,
               method: string, options: HandlerOptions): void {
  const p = path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
  if (p.startsWith(FAULT_PREFIX)) { serveFault(ctx, req, res, p, text); return; }
  const get = (): void => { if (method !== "GET") throw methodNotAllowed(); };
  switch (p) {
    case "/version": get(); sendJson(res, 200, SERVER_VERSION); return;
    case "/healthz": case "/livez": case "/readyz":
      get(); res.writeHead(200, { "Content-Type": "text/plain; charset=utf-8" }); res.end("ok"); return;
    case "/api":
      get();
      if (wantsAggregated(req.headers.accept)) sendJson(res, 200, aggregatedDiscovery("api"), AGGREGATED_CT);
      else sendJson(res, 200, legacyApiVersions(options.serverAddress ?? "127.0.0.1"));
      return;
    case "/apis":
      get();
      if (wantsAggregated(req.headers.accept)) sendJson(res, 200, aggregatedDiscovery("apis"), AGGREGATED_CT);
      else sendJson(res, 200, legacyGroupList());
      return;
    // the real index is JSON sent as text/plain (kube-openapi handler3 writes it without a JSON Content-Type)
    case "/openapi/v3": get(); sendJson(res, 200, openApiIndex(), "text/plain; charset=utf-8"); return;
    default: break;
  }
  if (p.startsWith("/openapi/v3/")) {
    get();
    const doc = openApiDocument(p.slice("/openapi/v3/".length));
    if (doc === undefined) throw notFoundPath();
    sendJson(res, 200, doc);
    return;
  }
  let segs: string[];
  try {
    segs = p.split("/").filter((s) => s !== "").map((s) => decodeURIComponent(s));
  } catch {
    throw fail(400, "BadRequest", `invalid path encoding: ${JSON.stringify(p.slice(0, 200))}`);
  }
  let gv: string;
  let rest: string[];
  if (segs[0] === "api" && segs[1] === "v1") { gv = "v1"; rest = segs.slice(2); }
  else if (segs[0] === "apis" && segs.length >= 2 && groups().includes(segs[1]!)) {
    if (segs.length === 2) { get(); sendJson(res, 200, legacyGroup(segs[1]!)); return; }
    if (segs[2] !== "v1") { pageNotFound(res); return; }
    gv = `${segs[1]}/v1`; rest = segs.slice(3);
  } else { pageNotFound(res); return; }
  if (rest.length === 0) { get(); sendJson(res, 200, resourceList(gv)); return; }
  const r = parseRoute(gv, rest);
  if (r === undefined) throw notFoundPath();
  if (!acceptable(req.headers.accept)) {
    throw fail(406, "NotAcceptable", "406: Not Acceptable\n\nAvailable representations: application/json, application/json;stream=watch", {});
  }
  dispatch(ctx, req, res, r, q, text, method);
}

/** Outside the API groups the real server's non-API mux answers plain text. */
function pageNotFound(res: ServerResponse): void {
  res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" });
  res.end("404 page not found\n");
}

/** An Accept the server can answer: none, or one naming JSON or a wildcard (G13: protobuf-first is fine). */
function acceptable(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === "") return true;
  return accept.split(",").some((r) => {
    const type = r.split(";")[0]!.trim().toLowerCase();
    return type === "*/*" || type === "application/*" || type === "application/json";
  });
}

function parseRoute(gv: string, rest: string[]): Route | undefined {
  const find = (name: string): ResourceInfo | undefined => ALL_INFOS.find((i) => i.resource === name && i.apiVersion === gv);
  let ns: string | undefined;
  let segs = rest;
  if (segs[0] === "namespaces" && segs.length >= 3) {
    const nsd = find(segs[2]!);
    if (nsd !== undefined && nsd.namespaced) { ns = segs[1]; segs = segs.slice(2); }
  }
  if (segs.length > 3) return undefined;
  const info = find(segs[0]!);
  if (info === undefined) return undefined;
  if (ns !== undefined && !info.namespaced) return undefined;
  const route: Route = { info };
  if (ns !== undefined) route.namespace = ns;
  if (segs[1] !== undefined) route.name = segs[1];
  if (segs[2] !== undefined) route.sub = segs[2];
  return route;
}

function dispatch(ctx: Ctx, req: IncomingMessage, res: ServerResponse, r: Route, q: URLSearchParams, text: string, method: string): void {
  const info = r.info;
  const readOnly = info === EVENTS_INFO;
  if (r.sub !== undefined) {
    if (r.sub === "status" && info.statusSubresource) {
      if (method === "GET") { serveGet(ctx, req, res, r, q); return; }
      if (method === "PUT") { serveUpdate(ctx, res, r, q, text); return; }
      if (method === "PATCH") { servePatch(ctx, req, res, r, q, text); return; }
      throw methodNotAllowed();
    }
    if (r.sub === "scale" && (info.resource === "deployments" || info.resource === "replicasets")) {
      if (method === "GET" || method === "PUT" || method === "PATCH") { serveScale(ctx, req, res, r, q, text, method); return; }
      throw methodNotAllowed();
    }
    if (r.sub === "binding" && info.resource === "pods") {
      if (method === "POST") { serveBinding(ctx, res, r, q, text); return; }
      throw methodNotAllowed();
    }
    throw notFoundPath();
  }
  if (r.name === undefined) {
    if (method === "GET") { if (isWatch(q)) serveWatch(ctx, req, res, r, q); else serveList(ctx, req, res, r, q); return; }
    if (method === "POST" && !readOnly) {
      if (!info.namespaced || r.namespace !== undefined) { serveCreate(ctx, res, r, q, text); return; }
    }
    if (method === "DELETE" && !readOnly) {
      if (!info.namespaced || r.namespace !== undefined) { serveDeleteCollection(ctx, res, r, q, text); return; }
    }
    throw methodNotAllowed();
  }
  if (info.namespaced && r.namespace === undefined) throw notFoundPath();
  if (method === "GET") { if (isWatch(q)) serveWatch(ctx, req, res, r, q); else serveGet(ctx, req, res, r, q); return; }
  if (readOnly) throw methodNotAllowed();
  if (method === "PUT") { serveUpdate(ctx, res, r, q, text); return; }
  if (method === "PATCH") { servePatch(ctx, req, res, r, q, text); return; }
  if (method === "DELETE") { serveDelete(ctx, res, r, q, text); return; }
  throw methodNotAllowed();
}
