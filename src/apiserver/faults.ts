/**
 * The network between the server and its clients: what ListerWatcher traffic meets (spec apiserver.md
 * §4 F2–F14). Direct calls (the cluster itself) never see any of it.
 *
 * Contract:
 * - Partitions come in two kinds, as on real networks: "refused" (nothing listens: every request fails
 *   at once with connection refused) and "timeout" (packets go nowhere: a request waits — `hold` — and
 *   is delivered when the network heals, late). Clients share one HTTP/2 connection, as client-go's
 *   transport cache gives every clientset of one config. Its health check sends a ping when nothing was
 *   read for 30 s and gives up when the ping is not answered within 15 s (CLIENT_CONNECTION_TIMEOUT_MS):
 *   the connection is declared lost 45 s after the client last read anything — the last reply or watch
 *   frame (`heard()`), or the answer to the last idle ping, which a healthy connection gets every 30 s —
 *   so between 15 s and 45 s after the partition began; every request waiting on it fails then with
 *   "http2: client connection lost". (No connection yet — nothing ever answered — counts as lost.) A
 *   request sent after that dials a new connection, whose SYN goes nowhere: it fails
 *   CLIENT_DIAL_TIMEOUT_MS (30 s) after it was sent with "dial tcp …: i/o timeout". (On heal a pending
 *   dial is delivered at once; a real one would wait for the next SYN retransmission, a few seconds.)
 * - `refusal()` is the error a list or watch request through a ListerWatcher gets right now, if any:
 *   connection refused during a "refused" partition or a restart's downtime; else, with probability
 *   `throttleFraction` (the scheduler's PRNG), 429 TooManyRequests with Retry-After.
 * - `latencyFor(client)` is the delivery delay of one reply or watch event for that client: its own
 *   setting or the default, plus uniform jitter in [0, jitterMs) from the PRNG.
 * - `slowLimit` is the slow-consumer backlog limit (undefined: off), read by every watcher on each event.
 */
import { CLIENT_CONNECTION_TIMEOUT_MS, CLIENT_DIAL_TIMEOUT_MS, CLIENT_READ_IDLE_TIMEOUT_MS, connectionLost, dialTimeout,
  type ApiError } from "../apimachinery/errors.js";
import type { Scheduler } from "../sim/scheduler.js";
import { connectionRefused, tooManyRequests } from "./status.js";

export interface Latency { ms: number; jitterMs: number }

/** How a partition shows to clients: refused connections, or packets that go nowhere. */
export type PartitionMode = "refused" | "timeout";

interface HeldRequest { send: () => void; lose: (error: ApiError) => void; timer: number }

export class NetworkFaults {
  partitioned = false;
  partitionMode: PartitionMode = "refused";
  /** Requests sent into a "timeout" partition: sent on heal, lost at the client's timeout. */
  private readonly held = new Set<HeldRequest>();
  /** During a "timeout" partition: when the client's connection is declared lost (-1: no partition). */
  connectionLostAt = -1;
  /** When a ListerWatcher client last read a frame (a reply, a watch event or close); -1: never. */
  private lastHeard = -1;
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

  /** A frame reached a ListerWatcher client over the network (a list reply, a watch event or close). */
  heard(): void {
    this.lastHeard = this.scheduler.now();
  }

  /** A partition begins (a second one while partitioned keeps the first one's connection clock). */
  partition(mode: PartitionMode): void {
    if (mode === "timeout" && !this.blackholed()) {
      const now = this.scheduler.now();
      if (this.lastHeard < 0) {
        this.connectionLostAt = now;
      } else {
        // the last read: the last frame, or the answer to the last idle ping (one every 30 s of quiet)
        const pings = Math.floor((now - this.lastHeard) / CLIENT_READ_IDLE_TIMEOUT_MS);
        const lastRead = this.lastHeard + pings * CLIENT_READ_IDLE_TIMEOUT_MS;
        this.connectionLostAt = lastRead + CLIENT_CONNECTION_TIMEOUT_MS;
      }
    }
    this.partitioned = true;
    this.partitionMode = mode;
  }

  /**
   * A request sent now: undefined when the network carries it; during a "timeout" partition it is held —
   * `send()` runs if the network heals first (TCP delivers it late), else `lose(error)` runs when the
   * client gives up: at the connection's loss (ConnectionLost) if it was sent on the old connection,
   * else at the new connection's dial timeout (DialTimeout). Returns a function that forgets the
   * request (the client gave up first).
   */
  hold(send: () => void, lose: (error: ApiError) => void): (() => void) | undefined {
    if (!this.blackholed()) return undefined;
    const now = this.scheduler.now();
    const onOldConnection = now < this.connectionLostAt;
    const entry: HeldRequest = { send, lose, timer: 0 };
    entry.timer = this.scheduler.setTimeout(() => {
      this.held.delete(entry);
      lose(onOldConnection ? connectionLost() : dialTimeout());
    }, onOldConnection ? this.connectionLostAt - now : CLIENT_DIAL_TIMEOUT_MS);
    this.held.add(entry);
    return () => {
      if (this.held.delete(entry)) this.scheduler.clearTimeout(entry.timer);
    };
  }

  /** The partition ends: held requests go out now, in the order they were sent. */
  heal(): void {
    this.partitioned = false;
    this.connectionLostAt = -1;
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
