/**
 * Reads: get, list and watch over HTTP (wire.md §1 #8–#10, #17).
 *
 * Contract:
 * - List/get answer the engine's objects as JSON, or a `Table` when the Accept header asks for one.
 * - A watch answers 200 with its headers flushed at once (gotcha G4), then one compact JSON event per
 *   line over chunked encoding (G5). Engine errors that happen before the stream starts are a `Status`
 *   with their code; a 410 arrives inside the stream as an ERROR event, and the stream then closes.
 *   A Table watch sends column definitions on its first event only.
 * - `watch` on a named object watches `metadata.name=<name>` (the real server's behaviour).
 * - `events` is served empty (the simulator records none): list answers an empty `EventList`, watch
 *   stays open with nothing to say, get is a 404.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError } from "../../src/index.js";
import type { ListOptions, WatchEvent, WatchOptions } from "../../src/index.js";
import type { KubeObject } from "../../src/index.js";
import { EVENTS_INFO } from "./discovery.js";
import { badRequest, fail, invalidOptions, queryBool, queryInt, sendJson } from "./respond.js";
import { asTable, wantsTable, type IncludeObject } from "./tables.js";
import { virtualNow, type Ctx, type OpenWatch, type Route } from "./context.js";

function includeObject(q: URLSearchParams): IncludeObject {
  const v = q.get("includeObject");
  if (v === null || v === "" || v === "Metadata") return "Metadata";
  if (v === "None" || v === "Object") return v;
  throw badRequest(`includeObject: Unsupported value: "${v}": supported values: "Metadata", "None", "Object"`);
}

export function listOptions(route: Route, q: URLSearchParams): ListOptions {
  const o: ListOptions = {};
  if (route.namespace !== undefined) o.namespace = route.namespace;
  const ls = q.get("labelSelector"); if (ls) o.labelSelector = ls;
  let fs = q.get("fieldSelector") ?? "";
  if (route.name !== undefined) fs = fs ? `metadata.name=${route.name},${fs}` : `metadata.name=${route.name}`;
  if (fs) o.fieldSelector = fs;
  const rv = q.get("resourceVersion"); if (rv !== null && rv !== "") o.resourceVersion = rv;
  const m = q.get("resourceVersionMatch");
  if (m !== null && m !== "") {
    if (m !== "NotOlderThan" && m !== "Exact") {
      throw invalidOptions("ListOptions", "resourceVersionMatch", `Unsupported value: "${m}": supported values: "Exact", "NotOlderThan", ""`, "FieldValueNotSupported");
    }
    o.resourceVersionMatch = m;
  }
  const limit = queryInt(q, "limit"); if (limit !== undefined && limit > 0) o.limit = limit;
  const cont = q.get("continue"); if (cont) o.continue = cont;
  return o;
}

export function serveGet(ctx: Ctx, req: IncomingMessage, res: ServerResponse, route: Route, q: URLSearchParams): void {
  const info = route.info;
  if (info === EVENTS_INFO) throw fail(404, "NotFound", `events "${route.name ?? ""}" not found`, { name: route.name ?? "", kind: "events" });
  const obj = ctx.api.get<KubeObject>(info.resource, route.namespace, route.name!);
  if (wantsTable(req.headers.accept)) {
    sendJson(res, 200, asTable(info.resource, [obj], { resourceVersion: obj.metadata.resourceVersion ?? "" }, virtualNow(ctx), includeObject(q)));
  } else {
    sendJson(res, 200, obj);
  }
}

export function serveList(ctx: Ctx, req: IncomingMessage, res: ServerResponse, route: Route, q: URLSearchParams): void {
  const info = route.info;
  const opts = listOptions(route, q);
  const list = info === EVENTS_INFO
    ? { apiVersion: "v1", kind: "EventList", items: [] as KubeObject[], metadata: { resourceVersion: ctx.api.currentResourceVersion() } }
    : ctx.api.list<KubeObject>(info.resource, opts);
  if (wantsTable(req.headers.accept)) {
    sendJson(res, 200, asTable(info.resource, list.items, list.metadata, virtualNow(ctx), includeObject(q)));
  } else {
    // The real encoder stamps kind/apiVersion on the list, not on its items.
    sendJson(res, 200, { ...list, items: list.items.map(withoutTypeMeta) });
  }
}

function withoutTypeMeta(o: KubeObject): unknown {
  const { kind: _k, apiVersion: _a, ...rest } = o as KubeObject & { kind?: string; apiVersion?: string };
  return rest;
}

export function serveWatch(ctx: Ctx, req: IncomingMessage, res: ServerResponse, route: Route, q: URLSearchParams): void {
  const info = route.info;
  const lo = listOptions(route, q);
  const opts: WatchOptions = {};
  if (lo.namespace !== undefined) opts.namespace = lo.namespace;
  if (lo.labelSelector !== undefined) opts.labelSelector = lo.labelSelector;
  if (lo.fieldSelector !== undefined) opts.fieldSelector = lo.fieldSelector;
  if (lo.resourceVersion !== undefined) opts.resourceVersion = lo.resourceVersion;
  if (lo.resourceVersionMatch === "Exact") throw badRequest(`resourceVersionMatch: Unsupported value: "Exact": supported values: "NotOlderThan"`);
  if (lo.resourceVersionMatch !== undefined) opts.resourceVersionMatch = lo.resourceVersionMatch;
  const bookmarks = queryBool(q, "allowWatchBookmarks"); if (bookmarks !== undefined) opts.allowWatchBookmarks = bookmarks;
  const initial = queryBool(q, "sendInitialEvents"); if (initial !== undefined) opts.sendInitialEvents = initial;
  const timeout = queryInt(q, "timeoutSeconds"); if (timeout !== undefined && timeout > 0) opts.timeoutSeconds = timeout;
  const table = wantsTable(req.headers.accept);
  const include = table ? includeObject(q) : "Metadata";
  let first = true;
  let ended = false;
  let corked = false;
  const write = (ev: WatchEvent<KubeObject>): void => {
    if (ended) return;
    let line: string;
    if (table && (ev.type === "ADDED" || ev.type === "MODIFIED" || ev.type === "DELETED")) {
      const o = ev.object as KubeObject;
      line = `${JSON.stringify({ type: ev.type, object: asTable(info.resource, [o], { resourceVersion: o.metadata.resourceVersion ?? "" }, virtualNow(ctx), include, first) })}\n`;
      first = false;
    } else {
      line = serialized(ev);
    }
    // A burst of events (a replay from the watch cache, a relist's worth of writes) leaves in few writes.
    if (!corked) { corked = true; res.cork(); process.nextTick(() => { corked = false; res.uncork(); }); }
    res.write(line);
  };
  const end = (): void => {
    if (ended) return;
    ended = true;
    ctx.watches.delete(open);
    res.end();
  };
  const open: OpenWatch = { res, watch: { stop: () => undefined } };
  if (info === EVENTS_INFO) {
    if (opts.timeoutSeconds !== undefined) {
      const t = ctx.scheduler.setTimeout(end, opts.timeoutSeconds * 1000);
      open.watch = { stop: () => ctx.scheduler.clearTimeout(t) };
    }
  } else {
    open.watch = ctx.api.watch<KubeObject>(info.resource, opts, {
      onEvent: write,
      onClose: (error?: ApiError) => {
        if (error !== undefined) write({ type: "ERROR", object: error.status });
        end();
      },
    });
  }
  // Events arrive from scheduled tasks only (after this handler returns): the headers go first, at once.
  res.writeHead(200, { "Content-Type": "application/json", "Cache-Control": "no-cache, private", "Transfer-Encoding": "chunked" });
  res.flushHeaders();
  ctx.watches.add(open);
  const stop = (): void => { if (!ended) { ended = true; ctx.watches.delete(open); open.watch.stop(); ctx.driver.sync(); } };
  res.on("close", stop);
}

/**
 * One serialized line per event: the engine hands every watcher that sees an event unconverted the same
 * frozen envelope, so N watchers cost one JSON.stringify, not N.
 */
const lines = new WeakMap<object, string>();
function serialized(ev: WatchEvent<KubeObject>): string {
  let line = lines.get(ev);
  if (line === undefined) {
    line = `${JSON.stringify(ev)}\n`;
    if (Object.isFrozen(ev)) lines.set(ev, line);
  }
  return line;
}

export function isWatch(q: URLSearchParams): boolean {
  return queryBool(q, "watch") === true;
}
