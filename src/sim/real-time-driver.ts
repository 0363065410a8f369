/**
 * RealTimeDriver — keeps a Scheduler's virtual time in step with a wall clock, for the engine served to
 * real clients (`npm run cluster`, live mode). src/ stays free of real time: the clock and the timer are
 * injected (Node passes its wall clock and timer functions).
 *
 * Contract:
 * - Virtual time = (clock.now() − start) × speed. `sync()` advances the scheduler to it (running every
 *   task due by then, including 0-delay tasks queued by a write) and re-arms one timer for the next due
 *   task, so timers inside the engine (kubelet grace, bookmarks, watch timeouts) fire on the wall clock.
 * - Call `sync()` after anything that touched the engine from outside a scheduled task (an HTTP request);
 *   it is re-entrancy safe (a sync requested while one is running is folded into it).
 * - `stop()` clears the timer; the scheduler is left as it is.
 * - With `sliceMs` (a page's main thread, live mode), one `sync()` runs due tasks for at most about that
 *   long by the clock, then yields: the rest run from a 0 ms timer, in the same order, with virtual time
 *   lagging the wall clock meanwhile. A single task is never cut (the engine bounds its own tasks:
 *   SharedIndexInformerOptions.maxPerTask).
 */
import type { Scheduler } from "./scheduler.js";

export interface WallClock {
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export class RealTimeDriver {
  private readonly start: number;
  private timer: unknown = undefined;
  private timerDue = Number.POSITIVE_INFINITY;
  private running = false;
  private again = false;
  private stopped = false;

  private readonly sliceMs: number;
  /** The last sync stopped at its slice with tasks still due. */
  private behind = false;

  constructor(private readonly scheduler: Scheduler, private readonly clock: WallClock, private readonly speed = 1,
    options?: { sliceMs?: number }) {
    if (!(speed > 0)) throw new Error(`speed must be > 0, got ${speed}`);
    const slice = options?.sliceMs;
    if (slice !== undefined && !(slice > 0)) throw new Error(`sliceMs must be > 0, got ${slice}`);
    this.sliceMs = slice ?? Number.POSITIVE_INFINITY;
    this.start = clock.now() - scheduler.now() / speed;
  }

  /** Virtual milliseconds the wall clock says it should be now. */
  target(): number {
    return (this.clock.now() - this.start) * this.speed;
  }

  sync(): void {
    if (this.stopped) return;
    if (this.running) { this.again = true; return; }
    this.running = true;
    this.behind = false;
    try {
      if (this.sliceMs === Number.POSITIVE_INFINITY) {
        do {
          this.again = false;
          const ahead = this.target() - this.scheduler.now();
          this.scheduler.advance(ahead > 0 ? ahead : 0);
        } while (this.again);
      } else {
        this.runSlice();
      }
    } finally {
      this.running = false;
    }
    this.arm();
  }

  /** Runs due tasks one by one until none is due or the slice is used up (then `behind`). */
  private runSlice(): void {
    const deadline = this.clock.now() + this.sliceMs;
    do {
      this.again = false;
      const target = this.target();
      for (;;) {
        const due = this.scheduler.nextDue();
        if (due === undefined || due > target) {
          const ahead = target - this.scheduler.now();
          if (ahead > 0) this.scheduler.advance(ahead);
          break;
        }
        if (this.clock.now() >= deadline) { this.behind = true; return; }
        this.scheduler.step();
      }
    } while (this.again);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timer = undefined;
  }

  private arm(): void {
    const due = this.scheduler.nextDue();
    if (due === undefined) {
      if (this.timer !== undefined) this.clock.clearTimer(this.timer);
      this.timer = undefined;
      this.timerDue = Number.POSITIVE_INFINITY;
      return;
    }
    if (this.timer !== undefined && due === this.timerDue && !this.behind) return;
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timerDue = due;
    const wait = this.behind ? 0 : Math.max(0, Math.ceil((due - this.scheduler.now()) / this.speed));
    this.timer = this.clock.setTimer(() => { this.timer = undefined; this.timerDue = Number.POSITIVE_INFINITY; this.sync(); }, wait);
  }
}
