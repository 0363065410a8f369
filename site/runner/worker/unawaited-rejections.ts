/**
 * Unawaited rejections — a promise from learner code that rejects with nothing awaiting it (an
 * un-awaited `runWorker()` whose loop throws) becomes a runtime error at its step, as a thrown main() or
 * handler exception does, instead of an unhandled rejection that vanishes into the console (issue 20).
 *
 * The host reports such a rejection only between tasks (the worker's `unhandledrejection` event, Node's
 * `unhandledRejection`), after the microtask checkpoint, while a run is one long chain of microtasks. So
 * this is runScenario's `afterTask` hook (src/scenario/scenario.ts RunOptions): after main and after a
 * task it yields real macrotasks and answers with the first rejection reported meanwhile.
 *
 * Contract:
 * - `listen` subscribes to the host's report; the watch is created before learner code runs, so learner
 *   code can neither remove nor pre-empt it. A report whose event is not trusted (learner code dispatching
 *   its own event) is ignored.
 * - Yields: after main and after each of the first EVERY_TASK_UNTIL tasks, then after every EVERY_NTH-th
 *   task (a runaway run with tens of thousands of tasks stays inside the wall-clock budget). Each yield is
 *   two MessageChannel round trips: the host queues its report as a task once the microtasks are done, so
 *   the second ping arrives after it. The schedule depends only on the task count: the same program gets
 *   the same step every time. A run with no rejection gets the same trace as without the hook, as long as
 *   its promise chains settle within runScenario's drain (tested on every lesson's programs).
 * - `reset()` starts a run: reports left from an earlier run are dropped, never blamed on this one.
 */
export const EVERY_TASK_UNTIL = 2_000;
export const EVERY_NTH = 64;

export interface RejectionReport {
  reason: unknown;
  /** false for an event learner code made itself. */
  trusted: boolean;
}

export interface RejectionWatch {
  reset(): void;
  /** runScenario's afterTask. */
  afterTask(): Promise<{ error: unknown } | undefined> | undefined;
  /** After a run: waits for late reports and drops them (they belong to no step of this run). */
  settle(): Promise<void>;
  /** Closes the channel (Node tests; the worker keeps its watch for its one run). */
  close(): void;
}

export function watchRejections(listen: (report: (r: RejectionReport) => void) => void,
  makeChannel: () => MessageChannel = () => new MessageChannel()): RejectionWatch {
  const reported: unknown[] = [];
  listen((r) => {
    if (r.trusted) reported.push(r.reason);
  });
  const channel = makeChannel();
  const post = MessagePort.prototype.postMessage.bind(channel.port2);
  let waiting: Array<() => void> = [];
  channel.port1.onmessage = () => {
    const w = waiting;
    waiting = [];
    for (const resolve of w) resolve();
  };
  const ping = () => new Promise<void>((resolve) => {
    waiting.push(resolve);
    post(null);
  });
  const yieldTwice = async () => {
    await ping();
    await ping();
  };
  let calls = 0;
  return {
    reset() {
      reported.length = 0;
      calls = 0;
    },
    afterTask() {
      const n = calls++;
      // Call 0 is main's; task k is call k.
      if (n > EVERY_TASK_UNTIL && n % EVERY_NTH !== 0) return undefined;
      return yieldTwice().then(() => (reported.length > 0 ? { error: reported.shift() } : undefined));
    },
    async settle() {
      await yieldTwice();
      reported.length = 0;
    },
    close() {
      channel.port1.close();
      channel.port2.close();
    },
  };
}
