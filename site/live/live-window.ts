/**
 * LiveWindow — the bounded trace of a live run (wire.md §7.4): the last `maxEvents` trace events or the
 * last `maxAgeMs` of trace time, whichever is smaller, plus the world before the first kept event.
 *
 * Contract:
 * - `append(e)` keeps every event; when the window is over a bound by a whole chunk (`chunk` events), the
 *   oldest events are folded into `base` (WorldView before events[0]) and removed, so the cost is O(1)
 *   amortized and a replay of `events` from `base` is exactly the world the full trace would give.
 * - Nothing is lost silently: `appended === events.length + dropped` at all times, and the kept events
 *   are the last `events.length` ones in order (their `seq`s are contiguous).
 * - `version` changes on every append (renderers redraw only when it moved).
 */
import { applyEvent, cloneWorld, emptyWorld, type WorldView } from "../../src/sim/index.js";
import { asKnown, type TraceEvent } from "../../src/sim/index.js";

export interface LiveWindowOptions { maxEvents?: number; maxAgeMs?: number; chunk?: number }

export class LiveWindow {
  readonly maxEvents: number;
  readonly maxAgeMs: number;
  private readonly chunk: number;
  private base: WorldView = emptyWorld();
  private kept: TraceEvent[] = [];
  appended = 0;
  dropped = 0;
  version = 0;

  constructor(o: LiveWindowOptions = {}) {
    this.maxEvents = o.maxEvents ?? 20_000;
    this.maxAgeMs = o.maxAgeMs ?? 10 * 60_000;
    this.chunk = Math.max(1, o.chunk ?? 512);
  }

  get events(): readonly TraceEvent[] { return this.kept; }

  /** A copy of the world before the first kept event. */
  baseWorld(): WorldView { return cloneWorld(this.base); }

  append(e: TraceEvent): void {
    this.kept.push(e);
    this.appended++;
    this.version++;
    const overCount = this.kept.length - this.maxEvents;
    let n = overCount >= this.chunk ? overCount : 0;
    const oldest = this.kept[0]!;
    if (e.time - oldest.time > this.maxAgeMs) {
      const cutoff = e.time - this.maxAgeMs;
      let i = 0;
      while (i < this.kept.length && this.kept[i]!.time < cutoff) i++;
      if (i >= this.chunk || i === this.kept.length - 1) n = Math.max(n, i);
    }
    if (n > 0) this.drop(n);
  }

  private drop(n: number): void {
    for (let i = 0; i < n; i++) applyEvent(this.base, asKnown(this.kept[i]!));
    this.kept = this.kept.slice(n);
    this.dropped += n;
  }
}
