/**
 * LiveWindow — the bounded trace of a live run (wire.md §7.4): the last `maxEvents` trace events or the
 * last `maxAgeMs` of trace time, whichever is smaller, folded incrementally into an appending
 * WorldReplay (src/sim/world/replay.ts) whose base is the world before the first kept event.
 *
 * Contract:
 * - `append(e)` is O(1): the event waits in `pending` (the informer's task never folds anything).
 * - `settle(timeLeft?)` folds pending events into the replay, oldest first, and applies the bounds:
 *   when the window is over a bound by a whole chunk (`chunk` events), the oldest events are dropped
 *   down to the bound (from the replay with `dropFirst`, or, for a burst older than the window, folded
 *   straight into the base with `skip`). With `timeLeft`, it stops when that says no (checked every 64
 *   events) and returns false while events are still pending; the view calls it once per frame.
 * - A window nobody settles (no view) settles itself synchronously once `4 × maxEvents` are pending, so
 *   memory stays bounded anyway.
 * - Nothing is lost silently: `appended === events.length + pending + dropped` at all times, and the
 *   kept events are the last ones settled, in order (their `seq`s are contiguous). After `settle()`,
 *   `replay.seek(n)` is exactly the world the full trace gives after `dropped + n` events.
 * - `version` changes on every append; `settledVersion` on every change of the replay.
 */
import { WorldReplay, type TraceEvent, type WorldView } from "../../src/sim/index.js";

export interface LiveWindowOptions { maxEvents?: number; maxAgeMs?: number; chunk?: number; snapshotEvery?: number }

/**
 * Snapshots at multiples of 64 events, spaced by the world's size too (WorldReplay `sizeAware`): a live
 * world holds up to ~10k objects, and a copy every 256 events cost 2/3 of the fold of a 10k-pod list
 * (70k events: 809 ms → ~100 ms in Node).
 */
export const LIVE_SNAPSHOT_EVERY = 64;

export class LiveWindow {
  readonly maxEvents: number;
  readonly maxAgeMs: number;
  readonly replay: WorldReplay;
  private readonly chunk: number;
  private incoming: TraceEvent[] = [];
  /** Index of the first unsettled event in `incoming`. */
  private head = 0;
  /** Events still to fold straight into the base (a burst older than the window). */
  private toSkip = 0;
  appended = 0;
  version = 0;
  settledVersion = 0;

  constructor(o: LiveWindowOptions = {}) {
    this.maxEvents = o.maxEvents ?? 20_000;
    this.maxAgeMs = o.maxAgeMs ?? 10 * 60_000;
    this.chunk = Math.max(1, o.chunk ?? 512);
    this.replay = new WorldReplay([], { snapshotEvery: o.snapshotEvery ?? LIVE_SNAPSHOT_EVERY, sizeAware: true });
  }

  /** The settled events, oldest first. */
  get events(): readonly TraceEvent[] { return this.replay.events; }
  /** Events forgotten (before the base). */
  get dropped(): number { return this.replay.dropped; }
  /** Events appended but not yet settled. */
  get pending(): number { return this.incoming.length - this.head; }

  /** A copy of the world before the first kept event. */
  baseWorld(): WorldView { return this.replay.baseWorld(); }

  append(e: TraceEvent): void {
    this.incoming.push(e);
    this.appended++;
    this.version++;
    if (this.pending >= 4 * this.maxEvents) this.settle();
  }

  /** Folds pending events in (see the contract); true when nothing is pending. */
  settle(timeLeft?: () => boolean): boolean {
    if (this.pending === 0) return true;
    if (this.toSkip === 0) this.applyBounds();
    const r = this.replay;
    const inc = this.incoming;
    let i = this.head;
    let n = 0;
    for (; i < inc.length; n++) {
      if ((n & 63) === 63 && timeLeft !== undefined && !timeLeft()) break;
      if (this.toSkip > 0) { r.skip(inc[i++]!); this.toSkip--; } else r.append(inc[i++]!);
    }
    this.head = i;
    if (i === inc.length) { this.incoming = []; this.head = 0; }
    else if (i > 8192 && i * 2 > inc.length) { this.incoming = inc.slice(i); this.head = 0; }
    if (n > 0) this.settledVersion++;
    return this.pending === 0;
  }

  /** Drops (or marks to skip) the oldest events over a bound, counting every pending event as kept. */
  private applyBounds(): void {
    const r = this.replay;
    const inc = this.incoming;
    const total = r.length + this.pending;
    const overCount = total - this.maxEvents;
    let over = overCount >= this.chunk ? overCount : 0;
    const newest = inc[inc.length - 1]!;
    const cutoff = newest.time - this.maxAgeMs;
    const timeAt = (k: number): number => (k < r.length ? r.events[k]! : inc[this.head + k - r.length]!).time;
    if (timeAt(0) < cutoff) {
      let lo = 0, hi = total - 1;             // times never go back: the first event at or after the cutoff
      while (lo < hi) { const mid = (lo + hi) >> 1; if (timeAt(mid) < cutoff) lo = mid + 1; else hi = mid; }
      if (lo >= this.chunk || lo === total - 1) over = Math.max(over, lo);
    }
    if (over === 0) return;
    const fromReplay = Math.min(over, r.length);
    if (fromReplay > 0) { r.dropFirst(fromReplay); this.settledVersion++; }
    this.toSkip = over - fromReplay;
  }
}
