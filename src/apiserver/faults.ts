/**
 * The network between the server and its clients: what ListerWatcher traffic meets (spec apiserver.md
 * §4 F2–F14). Direct calls (the cluster itself) never see any of it.
 *
 * Contract:
 * - `refusal()` is the error a list or watch request through a ListerWatcher gets right now, if any:
 *   connection refused while partitioned or during a restart's downtime; else, with probability
 *   `throttleFraction` (the scheduler's PRNG), 429 TooManyRequests with Retry-After.
 * - `latencyFor(client)` is the delivery delay of one reply or watch event for that client: its own
 *   setting or the default, plus uniform jitter in [0, jitterMs) from the PRNG.
 * - `slowLimit` is the slow-consumer backlog limit (undefined: off), read by every watcher on each event.
 */
import type { ApiError } from "../apimachinery/errors.js";
import type { Scheduler } from "../sim/scheduler.js";
import { connectionRefused, tooManyRequests } from "./status.js";

export interface Latency { ms: number; jitterMs: number }

export class NetworkFaults {
  partitioned = false;
  /** Virtual time until which the restarted server answers nothing (-1: up). */
  downUntil = -1;
  throttleFraction = 0;
  throttleRetryAfter = 1;
  defaultLatency: Latency;
  readonly clientLatency: Map<string, Latency> = new Map();
  slowLimit: number | undefined;

  constructor(private readonly scheduler: Scheduler, latencyMs: number, slowLimit: number | undefined) {
    this.defaultLatency = { ms: Math.max(0, latencyMs), jitterMs: 0 };
    this.slowLimit = slowLimit;
  }

  refusal(): ApiError | undefined {
    if (this.partitioned) return connectionRefused();
    if (this.downUntil >= 0 && this.scheduler.now() < this.downUntil) return connectionRefused();
    if (this.throttleFraction > 0 && this.scheduler.random() < this.throttleFraction) {
      return tooManyRequests(this.throttleRetryAfter);
    }
    return undefined;
  }

  latencyFor(client: string | undefined): number {
    const spec = (client !== undefined ? this.clientLatency.get(client) : undefined) ?? this.defaultLatency;
    return spec.jitterMs > 0 ? spec.ms + Math.floor(this.scheduler.random() * spec.jitterMs) : spec.ms;
  }

  setLatency(ms: number, client: string | undefined, jitterMs: number): Latency {
    const spec = { ms: Math.max(0, ms), jitterMs: Math.max(0, jitterMs) };
    if (client !== undefined) this.clientLatency.set(client, spec);
    else this.defaultLatency = spec;
    return spec;
  }
}
