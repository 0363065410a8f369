/**
 * startCluster — the simulated ApiServer on the wall clock, served over HTTP on 127.0.0.1 (the
 * programmatic form of `npm run cluster`, used by the tests and the bench).
 *
 * Contract:
 * - A fresh Scheduler and ApiServer whose epoch is the wall-clock start, so creationTimestamps and
 *   ages are real (× speed); a RealTimeDriver keeps virtual time in step.
 * - Binds `host` (default 127.0.0.1) on `port` (0 = any free port); `close()` ends every open watch,
 *   stops the driver and resolves when the listener is closed.
 * - Optional `scenario`: its initial objects are created at start; with `playTimeline` its timed ops
 *   are played at their (virtual) times through the same applyOp the lessons use.
 * - Slow or stuck clients: headers must arrive within `headersTimeoutMs` (default 10 s) or the
 *   connection is closed.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApiServer, type ApiServerOptions } from "../src/index.js";
import { Scheduler } from "../src/sim/index.js";
import { RealTimeDriver } from "../src/sim/index.js";
import { applyOp } from "../src/scenario/index.js";
import type { Scenario } from "../src/scenario/index.js";
import { createHandler } from "./http/handler.js";
import type { Ctx } from "./http/context.js";

export interface ClusterOptions {
  port?: number;
  host?: string;
  speed?: number;
  seed?: number;
  server?: ApiServerOptions;
  scenario?: Scenario;
  playTimeline?: boolean;
  maxInFlight?: number;
  headersTimeoutMs?: number;
  /** Called with "<code> <method> <url>" as each response finishes (`npm run cluster -- --log`). */
  log?: (line: string) => void;
}

export interface Cluster {
  url: string;
  port: number;
  ctx: Ctx;
  api: ApiServer;
  http: Server;
  close(): Promise<void>;
}

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const scenario = options.scenario;
  const scheduler = new Scheduler({ seed: options.seed ?? scenario?.seed ?? 1 });
  const epochMs = Math.floor(Date.now() / 1000) * 1000;          // real-time: the cluster's epoch is now
  const api = new ApiServer(scheduler, {
    watchCacheCapacity: 1000,
    ...(scenario?.server ?? {}),
    ...(options.server ?? {}),
    epoch: new Date(epochMs).toISOString(),
  });
  const driver = new RealTimeDriver(scheduler, {
    now: () => Date.now(),                                         // real-time: the driver's clock
    setTimer: (fn, ms) => setTimeout(fn, Math.min(ms, 2 ** 31 - 1)),
    clearTimer: (h) => clearTimeout(h as NodeJS.Timeout),
  }, options.speed ?? 1);
  const ctx: Ctx = { api, scheduler, driver, epochMs, watches: new Set(), net: { partitioned: false, downUntilWallMs: 0 } };
  if (scenario !== undefined) {
    for (const { resource, object } of scenario.initial) api.create(resource, object);
    if (options.playTimeline) {
      const tracer = { emit: () => undefined };
      const target = { server: api, tracer, setListenerDelay: () => undefined, after: (ms: number, fn: () => void) => { scheduler.setTimeout(fn, ms); } };
      for (const op of scenario.timeline) scheduler.setTimeout(() => applyOp(target, op, false), op.at);
    }
  }
  const host = options.host ?? "127.0.0.1";
  const headersTimeout = options.headersTimeoutMs ?? 10_000;
  const http = createServer({ headersTimeout, requestTimeout: 0, keepAliveTimeout: 5_000,
    connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(headersTimeout / 2))) });
  http.on("request", createHandler(ctx, { maxInFlight: options.maxInFlight ?? 400, serverAddress: `${host}:${options.port ?? 0}`,
    ...(options.log !== undefined ? { log: options.log } : {}) }));
  http.on("clientError", (err: NodeJS.ErrnoException, socket) => {
    const timeout = err.code === "ERR_HTTP_REQUEST_TIMEOUT";
    if (socket.writable) socket.end(`HTTP/1.1 ${timeout ? "408 Request Timeout" : "400 Bad Request"}\r\nConnection: close\r\n\r\n`);
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(options.port ?? 0, host, () => { http.off("error", reject); resolve(); });
  });
  const port = (http.address() as AddressInfo).port;
  driver.sync();
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`, port, ctx, api, http,
    close: () => new Promise<void>((resolve) => {
      for (const w of [...ctx.watches]) { w.watch.stop(); w.res.end(); }
      ctx.watches.clear();
      driver.stop();
      http.close(() => resolve());
      http.closeAllConnections();
    }),
  };
}
