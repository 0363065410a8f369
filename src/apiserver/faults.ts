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
 *   CLIENT_DIAL_TIMEOUT_MS (30 s) after it was sent with "dial tcp …: i/o timeout".
 * - On heal, a request held on the old connection goes out at once (TCP would resend it at its next
 *   retransmission, 200 ms or more later: not modelled). A pending dial goes out at its next SYN
 *   retransmission after the heal — SYN_RETRANSMIT_MS after the dial began — and if none is left before
 *   the 30 s dial timeout, the dial still fails then, healed network or not. A SYN due while the
 *   network is dark again goes nowhere (the next heal looks for the next one).
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

/**
 * When a client resends its SYN, counted from the dial's first one: Linux's default since 6.5 (initial RTO
 * 1 s; net.ipv4.tcp_syn_linear_timeouts = 4 linear RTOs, then doubling: 1, 1, 1, 1, 1, 2, 4, 8 s), up to
 * the dial timeout (the next would be 35 s). Older kernels resend at 1, 3, 7, 15 s: the same story, coarser.
 */
export const SYN_RETRANSMIT_MS: readonly number[] = Object.freeze([1_000, 2_000, 3_000, 4_000, 5_000, 7_000, 11_000, 19_000]);

interface HeldRequest {
  send: () => void;
  lose: (error: ApiError) => void;
  /** The client's give-up timer (connection lost, or the dial timeout). */
  timer: number;
  /** Sent after the old connection was lost: a new connection's dial, which began at `sentAt`. */
  dial: boolean;
  sentAt: number;
  /** After a heal, the SYN retransmission that will carry the dial through (0: none scheduled). */
  synTimer: number;
}

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
    const entry: HeldRequest = { send, lose, timer: 0, dial: !onOldConnection, sentAt: now, synTimer: 0 };
    entry.timer = this.scheduler.setTimeout(() => {
      this.forget(entry);
      lose(onOldConnection ? connectionLost() : dialTimeout());
    }, onOldConnection ? this.connectionLostAt - now : CLIENT_DIAL_TIMEOUT_MS);
    this.held.add(entry);
    return () => this.forget(entry);
  }

  /** Drops a held request and its timers (sent, lost, or the client gave up). */
  private forget(entry: HeldRequest): void {
    if (!this.held.delete(entry)) return;
    this.scheduler.clearTimeout(entry.timer);
    if (entry.synTimer !== 0) this.scheduler.clearTimeout(entry.synTimer);
  }

  /**
   * The partition ends: requests held on the old connection go out now, in the order they were sent; a
   * pending dial goes out at its next SYN retransmission (none left before its timeout: it still fails).
   */
  heal(): void {
    this.partitioned = false;
    this.connectionLostAt = -1;
    const now = this.scheduler.now();
    for (const h of [...this.held]) {
      if (!h.dial) {
        this.forget(h);
        h.send();
        continue;
      }
      if (h.synTimer !== 0) continue;
      const syn = SYN_RETRANSMIT_MS.find((at) => h.sentAt + at >= now);
      if (syn === undefined) continue; // the dial gives up at its timeout
      h.synTimer = this.scheduler.setTimeout(() => {
        h.synTimer = 0;
        if (this.blackholed()) return; // dark again: this SYN goes nowhere; the next heal looks again
        this.forget(h);
        h.send();
      }, h.sentAt + syn - now);
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
