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

  constructor(private readonly scheduler: Scheduler, private readonly clock: WallClock, private readonly speed = 1) {
    if (!(speed > 0)) throw new Error(`speed must be > 0, got ${speed}`);
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
    try {
      do {
        this.again = false;
        const ahead = this.target() - this.scheduler.now();
        this.scheduler.advance(ahead > 0 ? ahead : 0);
      } while (this.again);
    } finally {
      this.running = false;
    }
    this.arm();
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
    if (this.timer !== undefined && due === this.timerDue) return;
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timerDue = due;
    const wait = Math.max(0, Math.ceil((due - this.scheduler.now()) / this.speed));
    this.timer = this.clock.setTimer(() => { this.timer = undefined; this.timerDue = Number.POSITIVE_INFINITY; this.sync(); }, wait);
  }
}
