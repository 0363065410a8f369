/**
 * Fault endpoints: `POST /playground/v1/faults/{compact,dropWatches,partition,heal,restart,watchError,
 * stallWatches}` (optional JSON body: `{"downtimeMs": N}` for restart, `{"code": N}` for watchError),
 * loopback clients only, so tests, lessons and a learner's terminal can break the cluster on purpose.
 * `GET /playground/v1/faults` lists them.
 *
 * Contract:
 * - compact, dropWatches, restart, watchError and stallWatches are the engine's faults (ApiServer).
 * - partition is a network fault, so it is applied here: every open HTTP watch is cut (the socket is
 *   destroyed, as a broken network would) and, until heal, every other request's connection is reset
 *   without an answer. restart's downtime likewise resets connections for that many wall-clock ms.
 * - Answers `{"fault": name, "resourceVersion": current}`; an unknown fault is a 404, a non-loopback
 *   client a 403.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { isObject } from "../../src/index.js";
import { badRequest, fail, parseJsonBody, sendJson } from "./respond.js";
import type { Ctx } from "./context.js";

export const FAULTS = ["compact", "dropWatches", "partition", "heal", "restart", "watchError", "stallWatches"] as const;
export const FAULT_PREFIX = "/playground/v1/faults";

export function isLoopback(addr: string | undefined): boolean {
  return addr === "127.0.0.1" || addr === "::1" || addr === "::ffff:127.0.0.1" || (addr ?? "").startsWith("127.");
}

export function serveFault(ctx: Ctx, req: IncomingMessage, res: ServerResponse, path: string, text: string): void {
  if (!isLoopback(req.socket.remoteAddress)) throw fail(403, "Forbidden", "faults are served to loopback clients only");
  const name = path.slice(FAULT_PREFIX.length + 1);
  if (path === FAULT_PREFIX && req.method === "GET") { sendJson(res, 200, { faults: FAULTS }); return; }
  if (!(FAULTS as readonly string[]).includes(name)) throw fail(404, "NotFound", `fault "${name}" not found; known faults: ${FAULTS.join(", ")}`);
  if (req.method !== "POST") throw fail(405, "MethodNotAllowed", "faults are injected with POST");
  const body = text.trim() === "" ? {} : parseJsonBody(text);
  if (!isObject(body)) throw badRequest("the fault body must be a JSON object");
  const num = (k: string): number | undefined => {
    const v = body[k];
    if (v === undefined) return undefined;
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) throw badRequest(`${k}: must be a non-negative number`);
    return v;
  };
  switch (name) {
    case "compact": ctx.api.compact(); break;
    case "dropWatches": ctx.api.dropWatches(); break;
    case "watchError": ctx.api.watchError(num("code") ?? 500); break;
    case "stallWatches": ctx.api.stallWatches(); break;
    case "restart": {
      const downtimeMs = num("downtimeMs") ?? 0;
      ctx.api.restart({ downtimeMs });
      if (downtimeMs > 0) ctx.net.downUntilWallMs = Date.now() + downtimeMs;  // real-time: the network layer is wall-clock
      break;
    }
    case "partition":
      ctx.api.partition();
      ctx.net.partitioned = true;
      for (const w of [...ctx.watches]) { ctx.watches.delete(w); w.watch.stop(); w.res.destroy(); }
      break;
    case "heal": ctx.api.heal(); ctx.net.partitioned = false; ctx.net.downUntilWallMs = 0; break;
  }
  ctx.driver.sync();
  sendJson(res, 200, { fault: name, resourceVersion: ctx.api.currentResourceVersion() });
}

/** true when the network is down for ordinary requests (partition or restart downtime). */
export function networkDown(ctx: Ctx): boolean {
  return ctx.net.partitioned || Date.now() < ctx.net.downUntilWallMs;   // real-time: see restart above
}
