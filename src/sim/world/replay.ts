/**
 * The fold over a trace, and random access into it.
 *
 * Contract:
 * - `applyEvent(w, e)` folds one event into `w` in place: the diagram's choreography is read first
 *   (stage-of.ts, from the world before the event), then the event's slice reducer updates the state
 *   (server.ts, informers.ts, workqueues.ts, runner.ts). It never re-implements engine logic: the trace
 *   describes the state AFTER each action (trace.ts). `reduce` is the pure form (a copy is folded).
 * - `WorldReplay` keeps a snapshot every K events, so `seek(n)` = clone(nearest snapshot at or before n)
 *   + fold of at most K−1 events: any step is reached in O(K), forwards or backwards. Stepping back is
 *   just seeking: nothing is ever undone. A WorldView returned by `seek` is the caller's own copy.
 * - It also grows and slides (live mode's window, wire.md §7.4) without re-folding what it holds:
 *   `append(e)` folds one event into the tip world (a snapshot every K events, counted over every event
 *   ever appended); `dropFirst(n)` forgets the oldest n events and makes the world before the new first
 *   event the base; `skip(e)` (only while empty) folds an event straight into the base. Every step
 *   number is relative to the events held now; `dropped` counts what was forgotten. After any sequence
 *   of these, `seek(n)` equals the fold of the whole history up to `dropped + n` (the property test).
 *   `fork()` freezes a copy that the original's later appends and drops never touch. `dropFirst` folds
 *   the dropped events into the base in place when that is cheaper than a seek and no fork shares it.
 * - With `sizeAware` (live mode: a world of ~10k objects), a snapshot is taken at a multiple of K only
 *   when at least max(K, size/2) events have passed since the previous one (size = `worldSize`, the
 *   entries a copy walks), so copies cost O(1) per appended event however big the world grows, and a
 *   seek still folds at most max(K, size/2) events after one copy. Only the spacing changes: every seek
 *   and peek gives the same world as without it.
 */
import { asKnown, type KnownTraceEvent, type TraceEvent } from "../trace.js";
import { reduceInformers } from "./informers.js";
import { reduceRunner } from "./runner.js";
import { reduceServer } from "./server.js";
import { stageOf } from "./stage-of.js";
import { reduceWorkqueues } from "./workqueues.js";
import { cloneWorld, emptyWorld, type WorldView } from "./world.js";

/**
 * Folds one event into `w` (mutating it) and returns it. `reduce` is the pure wrapper; the replay uses
 * this in-place form on its own private copy.
 */
export function applyEvent(w: WorldView, event: KnownTraceEvent): WorldView {
  const { stage, from } = stageOf(event, w);
  w.step = event.seq;
  w.time = event.time;
  w.event = event;
  switch (event.component) {
    case "server": case "fault": reduceServer(w, event); break;
    case "reflector": case "fifo": case "indexer": case "processor": case "listener": case "handler":
      reduceInformers(w, event);
      break;
    case "workqueue": case "worker": reduceWorkqueues(w, event); break;
    case "runner": reduceRunner(w, event); break;
    default: {
      const unknown: never = event;
      throw new Error(`WorldView: unknown trace component ${(unknown as { component: string }).component}`);
    }
  }
  w.stage = stage;
  w.edge = stage !== null && from !== null && !(from.stage === stage.stage && from.index === stage.index)
    ? { from, to: stage }
    : null;
  return w;
}

/** The pure fold: a new WorldView after `event`; `w` is left untouched. */
export function reduce(w: WorldView, event: TraceEvent): WorldView {
  return applyEvent(cloneWorld(w), asKnown(event));
}

/** Folds events[0 .. n-1] from the empty world (O(n); the replay is the fast way). */
export function foldTrace(events: readonly TraceEvent[], n: number = events.length): WorldView {
  const w = emptyWorld();
  for (let i = 0; i < n && i < events.length; i++) applyEvent(w, asKnown(events[i]!));
  return w;
}

export const DEFAULT_SNAPSHOT_EVERY = 64;

/** The entries `cloneWorld` copies (objects, cache keys and their index values, queued items): its cost. */
export function worldSize(w: WorldView): number {
  let n = w.server.objects.size + w.server.watches.size + w.server.pending.size + w.handlerLog.length;
  for (const inf of w.informers.values()) {
    n += inf.indexer.objects.size + inf.indexer.indexValues.size + inf.fifo.entries.length;
    for (const l of inf.listeners.values()) n += l.buffer.length;
  }
  for (const q of w.workqueues.values()) n += q.queue.length + q.dirty.length + q.processing.size + q.delayed.size + q.requeues.size;
  return n;
}

interface Snapshot { /** absolute position: events ever appended before it */ at: number; world: WorldView }

/** Random access over a trace: snapshots every K events, seek(n) in O(K); appendable and slidable. */
export class WorldReplay {
  readonly snapshotEvery: number;
  /** Space snapshots by the world's size too (see the contract). */
  private readonly sizeAware: boolean;
  private held: TraceEvent[];
  /** snapshots[0] = the base (at `dropped`); the rest at absolute multiples of K, ascending. */
  private snapshots: Snapshot[];
  /** The world after every event held (folded in place by `append`). */
  private tip: WorldView;
  /** Events forgotten by `dropFirst`/`skip`: absolute position of held[0]. */
  private offset = 0;
  /** A private world that `peek` moves forwards without copying. */
  private cursor: WorldView | null = null;
  /** Absolute position of the cursor. */
  private cursorAt = 0;
  /** Set by `skip`: snapshots[0] is the tip itself and must be copied before the tip moves. */
  private baseIsTip = false;
  /** snapshots[0]'s world is this replay's alone (no fork shares it): `dropFirst` may fold it forwards. */
  private baseOwned = true;

  /** `base`: the world before events[0] (a live window that dropped older events); default the empty world. */
  constructor(events: readonly TraceEvent[], options?: { snapshotEvery?: number; base?: WorldView; sizeAware?: boolean }) {
    const k = options?.snapshotEvery ?? DEFAULT_SNAPSHOT_EVERY;
    if (!(Number.isInteger(k) && k >= 1)) throw new Error(`Expected \`snapshotEvery\` to be an integer ≥ 1, got \`${k}\``);
    this.snapshotEvery = k;
    this.sizeAware = options?.sizeAware ?? false;
    this.held = [];
    const w = options?.base !== undefined ? cloneWorld(options.base) : emptyWorld();
    this.snapshots = [{ at: 0, world: cloneWorld(w) }];
    this.tip = w;
    for (let i = 0; i < events.length; i++) this.append(events[i]!);
  }

  /** The events held, oldest first (step n is events[n-1]). */
  get events(): readonly TraceEvent[] {
    return this.held;
  }

  /** Number of steps (= events held). */
  get length(): number {
    return this.held.length;
  }

  /** Events forgotten so far (dropFirst + skip): the absolute position of step 0. */
  get dropped(): number {
    return this.offset;
  }

  /** Snapshots kept (the base included): each cost one world copy. */
  get snapshotCount(): number {
    return this.snapshots.length;
  }

  /** A copy of the world before the first event held. */
  baseWorld(): WorldView {
    return cloneWorld(this.snapshots[0]!.world);
  }

  /**
   * An independent replay of exactly the events held now (a paused live view scrubs it while this one
   * goes on growing and sliding): O(events + snapshots) references and one world copy; the snapshots
   * are shared, which is safe because a snapshot is never folded into.
   */
  fork(): WorldReplay {
    const f = new WorldReplay([], { snapshotEvery: this.snapshotEvery, sizeAware: this.sizeAware });
    f.held = this.held.slice();
    f.snapshots = this.snapshots.slice();
    this.baseOwned = false;       // shared with the fork now: never folded into again
    f.baseOwned = false;
    if (this.baseIsTip) f.snapshots[0] = { at: this.offset, world: cloneWorld(this.tip) };
    f.offset = this.offset;
    f.tip = cloneWorld(this.tip);
    return f;
  }

  /** Folds `event` in as the last step: O(1), plus one world copy every K events. */
  append(event: TraceEvent): void {
    if (this.baseIsTip) {
      this.snapshots[0] = { at: this.offset, world: cloneWorld(this.tip) };
      this.baseIsTip = false;
      this.baseOwned = true;
    }
    this.held.push(event);
    applyEvent(this.tip, asKnown(event));
    const at = this.offset + this.held.length;
    if (at % this.snapshotEvery !== 0) return;
    if (this.sizeAware && at - this.snapshots[this.snapshots.length - 1]!.at < worldSize(this.tip) / 2) return;
    this.snapshots.push({ at, world: cloneWorld(this.tip) });
  }

  /** Folds `event` into the base without holding it; only while nothing is held (a burst older than the window). */
  skip(event: TraceEvent): void {
    if (this.held.length !== 0) throw new Error(`WorldReplay.skip needs an empty replay, ${this.held.length} events are held`);
    applyEvent(this.tip, asKnown(event));
    this.offset++;
    this.snapshots = [{ at: this.offset, world: this.tip }];   // shared until the next append copies it
    this.baseIsTip = true;
  }

  /**
   * Forgets the oldest `n` events (clamped to what is held): the world before the new first event
   * becomes the base (one seek, O(K)); snapshots at or before it go; steps renumber from 1.
   */
  dropFirst(n: number): void {
    const count = Math.max(0, Math.min(this.held.length, Math.floor(n)));
    if (count === 0) return;
    const at = this.offset + count;
    let base: WorldView;
    if (count === this.held.length) base = cloneWorld(this.tip);
    else {
      // Folding the dropped events into the base (when no fork shares it) beats a copy of the nearest
      // snapshot + the folds after it whenever there are fewer of them than the copy walks entries.
      const snap = this.snapshotBefore(at);
      if (this.baseOwned && !this.baseIsTip && count <= worldSize(snap.world) + (at - snap.at)) {
        base = this.snapshots[0]!.world;
        for (let i = 0; i < count; i++) applyEvent(base, asKnown(this.held[i]!));
      } else base = this.seek(count);
    }
    this.baseOwned = true;
    this.snapshots = [{ at, world: base }, ...this.snapshots.filter((s) => s.at > at)];
    this.held.splice(0, count);
    this.offset = at;
    if (this.cursorAt < at) this.cursor = null;
  }

  /** The last snapshot at or before absolute position `a` (binary search; snapshots[0].at ≤ a). */
  private snapshotBefore(a: number): Snapshot {
    const s = this.snapshots;
    let lo = 0, hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid]!.at <= a) lo = mid; else hi = mid - 1;
    }
    return s[lo]!;
  }

  /** The world after step n (clamped to 0..length); the caller owns the returned copy. */
  seek(step: number): WorldView {
    const n = Math.max(0, Math.min(this.held.length, Math.floor(step)));
    const a = this.offset + n;
    const snap = this.snapshotBefore(a);
    const w = cloneWorld(snap.world);
    for (let i = snap.at - this.offset; i < n; i++) applyEvent(w, asKnown(this.held[i]!));
    return w;
  }

  /**
   * The world after step n, read-only and valid only until the next `peek`, `append`, `skip` or
   * `dropFirst`: the last step is the tip itself (live follow shows the newest step: no copy of a
   * 10k-object world per frame, however far it jumped); playing forwards folds the next events into
   * one private world (no copy per step); any other move restarts from the nearest snapshot, as `seek`
   * does. For renderers that never mutate what they draw.
   */
  peek(step: number): Readonly<WorldView> {
    const n = Math.max(0, Math.min(this.held.length, Math.floor(step)));
    if (n === this.held.length) return this.tip;
    const a = this.offset + n;
    const c = this.cursor;
    const snapAt = this.snapshotBefore(a).at;
    if (c === null || this.cursorAt > a || this.cursorAt < snapAt) {
      this.cursor = this.seek(n);
      this.cursorAt = a;
      return this.cursor;
    }
    for (let i = this.cursorAt - this.offset; i < n; i++) applyEvent(c, asKnown(this.held[i]!));
    this.cursorAt = a;
    return c;
  }
}
