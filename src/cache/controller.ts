/**
 * controller — the informer's Reflector, queue and processLoop, built when the informer runs (client-go
 * tools/cache controller.go `Config` + `controller`; sharedIndexInformer.Run builds it).
 *
 * Contract:
 * - Building it builds the queue for `fifoMode` (informer-queue.ts) and a Reflector that writes to it;
 *   nothing runs and nothing is traced until `run()` starts the Reflector.
 * - processLoop: every write the Reflector makes to the queue schedules one processing task (unless one
 *   is pending or the controller stopped). The task pops and processes entries (`process`, or
 *   `processBatch` with `batch`) until the queue is empty, calling `onProgress` after each one while
 *   the informer is not synced, and once more at the end. A closed queue (FIFOClosedError) ends the
 *   task quietly; any other error propagates. With `maxPerTask` (live mode) a task pops at most that
 *   many entries and schedules the next task for the rest.
 * - `hold(true)` (live mode's "hold the handlers", not a client-go API): tasks pop nothing, as if
 *   processLoop were stuck, so the queue fills; `hold(false)` schedules a task to drain it.
 * - `stop()`: later tasks do nothing, the Reflector stops, the queue is closed.
 */
import type { Scheduler } from "../sim/scheduler.js";
import type { Tracer } from "../sim/trace.js";
import { newInformerQueue, type InformerQueue, type ProcessFunc } from "./informer-queue.js";
import type { ListerWatcher } from "./listwatch.js";
import { FIFOClosedError, type FIFOOptions } from "./queue.js";
import type { BatchProcessFunc } from "./real-fifo.js";
import { Reflector, type ReflectorOptions } from "./reflector.js";
import type { FifoMode } from "./types.js";

export interface ControllerConfig {
  lw: ListerWatcher<unknown>;
  scheduler: Scheduler;
  fifoMode: FifoMode;
  batch: boolean;
  queue: FIFOOptions & { tracer: Tracer | undefined };
  reflector: Omit<ReflectorOptions, "scheduler">;
  process: ProcessFunc;
  processBatch: BatchProcessFunc;
  /** True once the informer latched "synced". */
  synced: () => boolean;
  /** After each processed entry while not synced, and at the end of each task. */
  onProgress: () => void;
  held: boolean;
  /** Live mode: pop at most this many entries per task, then go on in a new task (SharedIndexInformerOptions.maxPerTask). */
  maxPerTask?: number;
}

export class Controller {
  readonly queue: InformerQueue;
  private readonly reflector: Reflector;
  private readonly popNext: () => boolean;
  private scheduled = false;
  private held: boolean;
  private stopped = false;
  private readonly task = (): void => this.processLoop();

  constructor(private readonly config: ControllerConfig) {
    this.held = config.held;
    const queue = newInformerQueue(config.fifoMode, config.batch, config.queue, this, config.process, config.processBatch);
    this.queue = queue.fifo;
    this.popNext = queue.popNext;
    // Live mode's task bound cuts a list's replace too (replace-in-tasks.ts), 8 × maxPerTask items a task.
    const replacePerTask = config.maxPerTask !== undefined ? config.maxPerTask * 8 : undefined;
    this.reflector = new Reflector(config.lw, queue.feeder, { ...config.reflector, scheduler: config.scheduler, ...(replacePerTask !== undefined ? { replacePerTask } : {}) });
  }

  run(): void {
    this.reflector.run();
  }

  stop(): void {
    this.stopped = true;
    this.reflector.stop();
    this.queue.close();
  }

  lastSyncResourceVersion(): string {
    return this.reflector.lastSyncResourceVersion();
  }

  hold(held: boolean): void {
    this.held = held;
    if (!held) this.kick();
  }

  /** The Reflector wrote to the queue: make sure a processing task is scheduled. */
  kick(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    this.config.scheduler.setTimeout(this.task, 0);
  }

  private processLoop(): void {
    this.scheduled = false;
    if (this.stopped || this.held) return;
    const { synced, onProgress } = this.config;
    const max = this.config.maxPerTask ?? Number.POSITIVE_INFINITY;
    try {
      for (let popped = 0; this.popNext();) {
        if (!synced()) onProgress();
        if (this.stopped) return;
        if (++popped >= max) { this.kick(); return; }   // live mode: the rest in the next task
      }
    } catch (e) {
      if (!(e instanceof FIFOClosedError)) throw e;
      return;
    }
    if (!synced()) onProgress();
  }
}
