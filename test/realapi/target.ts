/**
 * Target — one API server the differential harness talks to over real HTTP(S): the real kube-apiserver
 * (TLS with our CA, bearer token) or the simulated cluster (`npm run cluster`, plain HTTP).
 *
 * Contract:
 * - `request()` sends one request and resolves with status, the headers the comparison keeps, and the
 *   body text; it never rejects on an HTTP status (a connection error rejects).
 * - `watch()` opens a streaming request; for a 200 it splits the body on newlines and parses each line
 *   as one watch event, calling `onEvent` per event; it resolves when the server ends the stream, when
 *   `signal` aborts it, or with the non-200 response. Headers are available as soon as they arrive
 *   (`onHeaders`), so a caller can write while the watch is open.
 * - `compact()` compacts the server's storage at its current revision (etcd's API for the real server,
 *   the playground fault endpoint for the simulated one).
 */
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";

export interface HttpRequest {
  readonly method: string;
  /** Path plus query string. */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
}

export interface WatchOutcome {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Body of a non-200 answer; "" for a stream. */
  readonly text: string;
  /** "closed" (the server ended it), "aborted" (we stopped it), "error" (connection error). */
  readonly end: "closed" | "aborted" | "error";
  /** Lines that were not JSON (never expected). */
  readonly badLines: readonly string[];
}

export interface Target {
  readonly name: string;
  readonly base: string;
  request(req: HttpRequest): Promise<HttpResponse>;
  watch(req: HttpRequest, onHeaders: () => void, onEvent: (ev: unknown) => void, signal: AbortSignal): Promise<WatchOutcome>;
  compact(): Promise<void>;
}

/** Headers the comparison keeps (everything else, e.g. Audit-Id and Date, differs by nature). */
const KEPT_HEADERS = ["content-type", "warning", "retry-after"];

function keptHeaders(res: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of KEPT_HEADERS) {
    const v = res.headers[h];
    if (v !== undefined) out[h] = Array.isArray(v) ? v.join(", ") : v;
  }
  return out;
}

export interface TargetOptions {
  readonly name: string;
  readonly base: string;
  readonly caPem?: string;
  readonly token?: string;
  readonly compact: () => Promise<void>;
}

export function httpTarget(opts: TargetOptions): Target {
  const url = new URL(opts.base);
  const secure = url.protocol === "https:";
  const send = secure ? httpsRequest : httpRequest;
  const headersFor = (req: HttpRequest): Record<string, string> => ({
    ...(opts.token !== undefined ? { Authorization: `Bearer ${opts.token}` } : {}),
    ...(req.body !== undefined ? { "Content-Length": String(Buffer.byteLength(req.body)) } : {}),
    ...req.headers,
  });
  const options = (req: HttpRequest, signal?: AbortSignal) => ({
    method: req.method,
    headers: headersFor(req),
    ...(secure && opts.caPem !== undefined ? { ca: opts.caPem } : {}),
    ...(signal !== undefined ? { signal } : {}),
    agent: false as const,
  });
  const full = (req: HttpRequest): URL => new URL(req.path, url);

  return {
    name: opts.name,
    base: opts.base,
    compact: opts.compact,
    request(req) {
      return new Promise((resolve, reject) => {
        const r = send(full(req), options(req), (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({
            status: res.statusCode ?? 0, headers: keptHeaders(res), text: Buffer.concat(chunks).toString("utf8"),
          }));
          res.on("error", reject);
        });
        r.setTimeout(30_000, () => r.destroy(new Error(`${opts.name}: ${req.method} ${req.path} timed out`)));
        r.on("error", reject);
        if (req.body !== undefined) r.write(req.body);
        r.end();
      });
    },
    watch(req, onHeaders, onEvent, signal) {
      return new Promise((resolve) => {
        let status = 0;
        let headers: Record<string, string> = {};
        const badLines: string[] = [];
        let settled = false;
        const done = (end: WatchOutcome["end"], text = ""): void => {
          if (settled) return;
          settled = true;
          resolve({ status, headers, text, end, badLines });
        };
        const r = send(full(req), options(req, signal), (res) => {
          status = res.statusCode ?? 0;
          headers = keptHeaders(res);
          if (status !== 200) {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () => { onHeaders(); done("closed", Buffer.concat(chunks).toString("utf8")); });
            return;
          }
          onHeaders();
          let buf = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => {
            buf += chunk;
            for (let i = buf.indexOf("\n"); i >= 0; i = buf.indexOf("\n")) {
              const line = buf.slice(0, i).trim();
              buf = buf.slice(i + 1);
              if (line === "") continue;
              try { onEvent(JSON.parse(line)); } catch { badLines.push(line); }
            }
          });
          res.on("end", () => {
            if (buf.trim() !== "") { try { onEvent(JSON.parse(buf)); } catch { badLines.push(buf); } }
            done("closed");
          });
          res.on("error", () => done(signal.aborted ? "aborted" : "error"));
          res.on("aborted", () => done(signal.aborted ? "aborted" : "error"));
        });
        r.on("error", () => { onHeaders(); done(signal.aborted ? "aborted" : "error"); });
        if (req.body !== undefined) r.write(req.body);
        r.end();
      });
    },
  };
}
