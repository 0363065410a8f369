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

/** Random access over a trace: snapshots every K events, seek(n) in O(K). */
export class WorldReplay {
  readonly events: readonly TraceEvent[];
  readonly snapshotEvery: number;
  /** snapshots[i] = the world at step i*K. */
  private readonly snapshots: WorldView[] = [];
  /** A private world that `peek` moves forwards without copying. */
  private cursor: WorldView | null = null;
  /** How many events the cursor has folded. */
  private cursorAt = 0;

  constructor(events: readonly TraceEvent[], options?: { snapshotEvery?: number }) {
    const k = options?.snapshotEvery ?? DEFAULT_SNAPSHOT_EVERY;
    if (!(Number.isInteger(k) && k >= 1)) throw new Error(`Expected \`snapshotEvery\` to be an integer ≥ 1, got \`${k}\``);
    this.events = events;
    this.snapshotEvery = k;
    const w = emptyWorld();
    this.snapshots.push(cloneWorld(w));
    for (let i = 0; i < events.length; i++) {
      applyEvent(w, asKnown(events[i]!));
      if ((i + 1) % k === 0) this.snapshots.push(cloneWorld(w));
    }
  }

  /** Number of steps (= events). */
  get length(): number {
    return this.events.length;
  }

  /** The world after step n (clamped to 0..length); the caller owns the returned copy. */
  seek(step: number): WorldView {
    const n = Math.max(0, Math.min(this.events.length, Math.floor(step)));
    const base = Math.floor(n / this.snapshotEvery);
    const w = cloneWorld(this.snapshots[base]!);
    for (let i = base * this.snapshotEvery; i < n; i++) applyEvent(w, asKnown(this.events[i]!));
    return w;
  }

  /**
   * The world after step n, read-only and valid only until the next `peek`: playing forwards folds the
   * next events into one private world (no copy per step); any other move restarts from the nearest
   * snapshot, as `seek` does. For renderers that never mutate what they draw.
   */
  peek(step: number): Readonly<WorldView> {
    const n = Math.max(0, Math.min(this.events.length, Math.floor(step)));
    const c = this.cursor;
    const base = Math.floor(n / this.snapshotEvery) * this.snapshotEvery;
    if (c === null || this.cursorAt > n || this.cursorAt < base) {
      this.cursor = this.seek(n);
      this.cursorAt = n;
      return this.cursor;
    }
    for (let i = this.cursorAt; i < n; i++) applyEvent(c, asKnown(this.events[i]!));
    this.cursorAt = n;
    return c;
  }
}
