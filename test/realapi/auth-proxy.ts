/**
 * A loopback plain-HTTP front for the real kube-apiserver (TLS with its own CA, a bearer token), so that
 * clients written for `npm run cluster` (plain HTTP, no credentials) — the oracle's Go recorder through
 * its kubeconfig, our HttpListerWatcher, the test drivers' fetch — reach it unchanged.
 *
 * Contract:
 * - Listens on 127.0.0.1, port 0; forwards every request (method, path, headers, body) to `upstream`
 *   with `Authorization: Bearer <token>`, trusting only `caPem`, and streams the answer back as it
 *   comes (watches stay open; nothing is buffered).
 * - A client that goes away aborts its upstream request; an upstream error answers 502 (or ends the
 *   stream if the answer had started).
 * - `close()` ends every open exchange and the listener.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { request as httpsRequest } from "node:https";
import type { AddressInfo } from "node:net";

export interface AuthProxy {
  readonly url: string;
  close(): Promise<void>;
}

export async function startAuthProxy(upstream: string, token: string, caPem: string): Promise<AuthProxy> {
  const target = new URL(upstream);
  const open = new Set<ServerResponse>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    open.add(res);
    res.on("close", () => open.delete(res));
    const headers = { ...req.headers, host: target.host, authorization: `Bearer ${token}` };
    const up = httpsRequest({
      protocol: "https:", hostname: target.hostname, port: target.port, method: req.method, path: req.url,
      headers, ca: caPem,
    }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    up.on("error", (e) => {
      if (!res.headersSent) { res.writeHead(502, { "Content-Type": "text/plain" }); res.end(`auth proxy: ${e.message}`); }
      else res.destroy();
    });
    res.on("close", () => up.destroy());
    req.pipe(up);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      for (const res of open) res.destroy();
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
