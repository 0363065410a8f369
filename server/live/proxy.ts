/**
 * The live proxy (wire.md §7.1, §7.6): serves the built app (dist/) and forwards `/k8s/*` to a
 * Kubernetes API server with the kubeconfig's credentials, so the page never holds a token and never
 * crosses CORS.
 *
 * Contract:
 * - Listens on 127.0.0.1 only. Every request passes the Host allowlist and the Origin check first (403
 *   otherwise); no response carries a CORS header.
 * - `/k8s/<path>` is checked by `checkApi` (read-only allowlist by default, writes only with
 *   `allowWrites` in `namespace`); an allowed request goes upstream with headers built from scratch
 *   (Accept, Content-Type, User-Agent plus what `KubeConfig.applyToHTTPSOptions` adds: tokens, exec
 *   plugins, client certificates, CA/skip-verify), so the browser's Authorization and Cookie never pass.
 *   Upstream Set-Cookie and Access-Control-* headers are dropped; every API answer has
 *   `Cache-Control: no-store`. A refused request is a 403 `Status`; an unreachable upstream a 502 `Status`.
 * - Streams both ways; when the browser side goes away, the upstream request is destroyed (no orphaned
 *   watch stays open on the cluster). `openUpstream()` counts the upstream requests still open.
 * - `/live/info` answers what the page is connected to (context, server, namespace, writes, embedded).
 * - Anything else is a static file from `distDir` (GET/HEAD; `/` is index.html; no path escapes distDir).
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse, type Server, type ClientRequest } from "node:http";
import { request as httpsRequest, type RequestOptions } from "node:https";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";
import type { KubeConfig } from "@kubernetes/client-node";
import { checkApi, checkHost, checkOrigin } from "./policy.js";

export interface LiveInfo { context: string; server: string; namespace: string; allowWrites: boolean; embedded: boolean; faults?: string }

export interface LiveProxyOptions {
  kubeConfig: KubeConfig;
  distDir: string;
  namespace: string;
  allowWrites: boolean;
  port?: number;
  embedded?: boolean;
  /** The embedded cluster's fault endpoint base (shown on the connect screen). */
  faults?: string;
}

export interface LiveProxy { url: string; port: number; server: Server; info: LiveInfo; openUpstream(): number; close(): Promise<void> }

const MIME: Record<string, string> = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png", ".ttf": "font/ttf", ".woff2": "font/woff2",
  ".woff": "font/woff", ".ico": "image/x-icon", ".map": "application/json", ".txt": "text/plain; charset=utf-8",
  ".wasm": "application/wasm", ".md": "text/markdown; charset=utf-8",
};
const SECURITY_HEADERS = { "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY" };

function status(res: ServerResponse, code: number, reason: string, message: string): void {
  if (res.headersSent) { res.destroy(); return; }
  const body = JSON.stringify({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason, code });
  res.writeHead(code, { "Content-Type": "application/json", "Cache-Control": "no-store", ...SECURITY_HEADERS });
  res.end(body);
}

export async function startLiveProxy(o: LiveProxyOptions): Promise<LiveProxy> {
  const kc = o.kubeConfig;
  const cluster = kc.getCurrentCluster();
  if (cluster === null) throw new Error(`context ${kc.getCurrentContext()} has no cluster`);
  const upstream = new URL(cluster.server);
  const basePath = upstream.pathname.replace(/\/$/, "");
  const open = new Set<ClientRequest>();
  const info: LiveInfo = {
    context: kc.getCurrentContext(), server: cluster.server, namespace: o.namespace, allowWrites: o.allowWrites,
    embedded: o.embedded ?? false, ...(o.faults !== undefined ? { faults: o.faults } : {}),
  };
  let port = o.port ?? 0;

  async function forward(req: IncomingMessage, res: ServerResponse, apiPath: string, search: string): Promise<void> {
    const headers: Record<string, string> = { Accept: req.headers.accept ?? "application/json", "User-Agent": "informer-playground-live" };
    if (req.headers["content-type"] !== undefined) headers["Content-Type"] = req.headers["content-type"];
    const opts: RequestOptions = {
      method: req.method, protocol: upstream.protocol, hostname: upstream.hostname.replace(/^\[|\]$/g, ""),
      port: upstream.port, path: basePath + apiPath + search, headers,
    };
    await kc.applyToHTTPSOptions(opts);
    const up = (upstream.protocol === "https:" ? httpsRequest : httpRequest)(opts);
    open.add(up);
    up.on("close", () => open.delete(up));
    // The browser went away (closed tab, aborted fetch): close the upstream request too.
    res.on("close", () => { if (!res.writableFinished) up.destroy(); });
    req.on("aborted", () => up.destroy());
    up.on("response", (ur) => {
      const out: Record<string, string | string[]> = { "Cache-Control": "no-store", ...SECURITY_HEADERS };
      for (const [k, v] of Object.entries(ur.headers)) {
        const key = k.toLowerCase();
        if (v === undefined || key.startsWith("access-control-") || key === "set-cookie" || key === "cache-control"
          || key === "connection" || key === "keep-alive" || key === "transfer-encoding" || key === "www-authenticate") continue;
        out[k] = v;
      }
      res.writeHead(ur.statusCode ?? 502, out);
      res.flushHeaders();
      ur.on("data", (chunk: Buffer) => { res.write(chunk); });
      ur.on("end", () => res.end());
      ur.on("error", () => res.destroy());
      ur.on("aborted", () => res.destroy());
    });
    up.on("error", (e) => status(res, 502, "BadGateway", `the cluster at ${cluster!.server} did not answer: ${e.message}`));
    req.pipe(up);
  }

  function serveStatic(req: IncomingMessage, res: ServerResponse, path: string): void {
    if (req.method !== "GET" && req.method !== "HEAD") { status(res, 405, "MethodNotAllowed", "static files are read-only"); return; }
    let rel: string;
    try { rel = decodeURIComponent(path); } catch { status(res, 400, "BadRequest", "bad path"); return; }
    if (rel === "/" || rel === "") rel = "/index.html";
    const root = normalize(o.distDir);
    const file = normalize(join(root, rel));
    if (!file.startsWith(root.endsWith(sep) ? root : root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      status(res, 404, "NotFound", `${path} not found`);
      return;
    }
    const immutable = rel.startsWith("/assets/");
    res.writeHead(200, {
      "Content-Type": MIME[extname(file)] ?? "application/octet-stream", ...SECURITY_HEADERS,
      "Cache-Control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
    });
    if (req.method === "HEAD") { res.end(); return; }
    createReadStream(file).pipe(res);
  }

  const server = createServer((req, res) => {
    const hostProblem = checkHost(req.headers.host, port);
    if (hostProblem !== undefined) { req.resume(); status(res, 403, "Forbidden", hostProblem); return; }
    const fetchSite = req.headers["sec-fetch-site"];
    const originProblem = checkOrigin(req.headers.origin, typeof fetchSite === "string" ? fetchSite : undefined, port);
    if (originProblem !== undefined) { req.resume(); status(res, 403, "Forbidden", originProblem); return; }
    const raw = req.url ?? "/";
    const q = raw.indexOf("?");
    const path = q < 0 ? raw : raw.slice(0, q);
    const search = q < 0 ? "" : raw.slice(q);
    if (path === "/k8s" || path.startsWith("/k8s/")) {
      const apiPath = path.slice(4) || "/";
      const problem = checkApi(req.method ?? "GET", apiPath, req.headers["content-type"], { allowWrites: o.allowWrites, namespace: o.namespace });
      if (problem !== undefined) { req.resume(); status(res, 403, "Forbidden", problem); return; }
      forward(req, res, apiPath, search).catch((e: unknown) => status(res, 502, "BadGateway", `credentials for ${info.context}: ${e instanceof Error ? e.message : String(e)}`));
      return;
    }
    if (path === "/live/info") {
      req.resume();
      res.writeHead(200, { "Content-Type": "application/json", "Cache-Control": "no-store", ...SECURITY_HEADERS });
      res.end(JSON.stringify(info));
      return;
    }
    serveStatic(req, res, path);
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port ?? 0, "127.0.0.1", () => { server.off("error", reject); resolve(); });
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`, port, server, info,
    openUpstream: () => open.size,
    close: () => new Promise<void>((resolve) => {
      for (const up of open) up.destroy();
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
