/**
 * The state one HTTP front end shares across its routes: the engine, the wall-clock driver, the
 * virtual "now" in Unix milliseconds (for Table ages), and the open HTTP watches (so a partition fault
 * can cut them like a broken network would).
 */
import type { ServerResponse } from "node:http";
import type { ApiServer } from "../../src/index.js";
import type { Scheduler } from "../../src/sim/index.js";
import type { RealTimeDriver } from "../../src/sim/index.js";
import type { Watch } from "../../src/index.js";
import type { ResourceInfo } from "../../src/index.js";

export interface OpenWatch { res: ServerResponse; watch: Watch }

export interface Ctx {
  api: ApiServer;
  scheduler: Scheduler;
  driver: RealTimeDriver;
  /** Unix ms of virtual time 0 (the engine's epoch). */
  epochMs: number;
  watches: Set<OpenWatch>;
  /** Network faults applied by the HTTP layer (the engine's apply only to its in-process ListerWatchers). */
  net: { partitioned: boolean; downUntilWallMs: number };
}

export interface Route {
  info: ResourceInfo;
  namespace?: string;
  name?: string;
  sub?: string;
}

export function virtualNow(ctx: Ctx): number {
  return ctx.epochMs + ctx.scheduler.now();
}
