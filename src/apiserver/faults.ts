/**
 * The network between the server and its clients: what ListerWatcher traffic meets (spec apiserver.md
 * §4 F2–F14). Direct calls (the cluster itself) never see any of it.
 *
 * Contract:
 * - Partitions come in two kinds, as on real networks: "refused" (nothing listens: every request fails
 *   at once with connection refused) and "timeout" (packets go nowhere: a request waits — `hold` — and
 *   is delivered late if the network heals within the client's timeout, CLIENT_CONNECTION_TIMEOUT_MS =
 *   client-go's HTTP/2 health check, else it fails there with "http2: client connection lost").
 * - `refusal()` is the error a list or watch request through a ListerWatcher gets right now, if any:
 *   connection refused during a "refused" partition or a restart's downtime; else, with probability
 *   `throttleFraction` (the scheduler's PRNG), 429 TooManyRequests with Retry-After.
 * - `latencyFor(client)` is the delivery delay of one reply or watch event for that client: its own
 *   setting or the default, plus uniform jitter in [0, jitterMs) from the PRNG.
 * - `slowLimit` is the slow-consumer backlog limit (undefined: off), read by every watcher on each event.
 */
import { CLIENT_CONNECTION_TIMEOUT_MS, type ApiError } from "../apimachinery/errors.js";
import type { Scheduler } from "../sim/scheduler.js";
import { connectionRefused, tooManyRequests } from "./status.js";

export interface Latency { ms: number; jitterMs: number }

/** How a partition shows to clients: refused connections, or packets that go nowhere. */
export type PartitionMode = "refused" | "timeout";

interface HeldRequest { send: () => void; lose: () => void; timer: number }

export class NetworkFaults {
  partitioned = false;
  partitionMode: PartitionMode = "refused";
  /** Requests sent into a "timeout" partition: sent on heal, lost at the client's timeout. */
  private readonly held = new Set<HeldRequest>();
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

  /** True while a "timeout" partition swallows ListerWatcher traffic. */
  blackholed(): boolean {
    return this.partitioned && this.partitionMode === "timeout";
  }

  /**
   * A request sent now: undefined when the network carries it; during a "timeout" partition it is held —
   * `send()` runs if the network heals within the client's timeout (TCP delivers it late), else `lose()`
   * runs at that timeout. Returns a function that forgets the request (the client gave up first).
   */
  hold(send: () => void, lose: () => void): (() => void) | undefined {
    if (!this.blackholed()) return undefined;
    const entry: HeldRequest = { send, lose, timer: 0 };
    entry.timer = this.scheduler.setTimeout(() => {
      this.held.delete(entry);
      lose();
    }, CLIENT_CONNECTION_TIMEOUT_MS);
    this.held.add(entry);
    return () => {
      if (this.held.delete(entry)) this.scheduler.clearTimeout(entry.timer);
    };
  }

  /** The partition ends: held requests go out now, in the order they were sent. */
  heal(): void {
    this.partitioned = false;
    const held = [...this.held];
    this.held.clear();
    for (const h of held) {
      this.scheduler.clearTimeout(h.timer);
      h.send();
    }
  }

  refusal(): ApiError | undefined {
    if (this.partitioned && this.partitionMode === "refused") return connectionRefused();
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
