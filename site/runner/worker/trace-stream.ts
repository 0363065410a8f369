/**
 * The run's trace, streamed from the run worker (run-worker.ts) to the page in batches while the run
 * goes on, so the page keeps the trace so far when it has to kill the worker.
 *
 * Contract:
 * - `streamTrace(post, stringify)` returns a `sink` for runScenario's `onEvent`, `flush()` and `limited`.
 *   `stringify` is JSON.stringify as captured before learner code ran (learner code may replace it).
 * - Each event is serialised on its own, so one huge event is measured before it is batched; an event
 *   that cannot be serialised is sent as its seq, time, component and kind.
 * - The trace is cut before the event that would make it larger than MAX_TRACE_CHARS (or one event
 *   larger than half a batch): everything before is flushed, then one `limit` message ("size"), then
 *   nothing. Past MAX_EVENTS + 5,000 events the same happens with "events" (a backstop: runScenario's
 *   `maxEvents` ends the run first, with error kind "eventLimit").
 * - A batch is flushed at 500 events, at half MAX_BATCH_CHARS, after 40 ms, right before learner code
 *   can run (ENTERS_LEARNER_CODE) and after each of the run's first EAGER_LOG_LINES log lines, so an
 *   endless loop in learner code loses nothing the page needs (issue 21 item 10).
 * - Events with a seq not above the last one sent are dropped (seq is strictly increasing).
 */
import type { TraceEvent } from "../../../src/sim/index.js";
import type { LimitReason, WorkerMessage } from "./protocol.js";
import { MAX_BATCH_CHARS, MAX_EVENTS, MAX_TRACE_CHARS } from "./protocol.js";

const EAGER_LOG_LINES = 1_000;
const ENTERS_LEARNER_CODE = new Set(["handler.called", "runner.start", "runner.op", "worker.reconcile", "fifo.popped", "processor.distribute"]);

export interface TraceStream {
  sink(e: TraceEvent): void;
  flush(): void;
  readonly limited: boolean;
}

export function streamTrace(post: (m: WorkerMessage) => void, stringify: typeof JSON.stringify): TraceStream {
  let batch: string[] = [];
  let batchChars = 0;
  let lastFlush = performance.now();
  let lastSeq = 0;
  let count = 0;
  let total = 0;
  let limited = false;
  let logLines = 0;
  const flush = () => {
    if (batch.length === 0 || limited) return;
    const json = `[${batch.join(",")}]`;
    const n = batch.length;
    batch = [];
    batchChars = 0;
    lastFlush = performance.now();
    post({ type: "events", json, count: n });
  };
  const limit = (reason: LimitReason) => {
    flush();
    limited = true;
    post({ type: "limit", reason });
  };
  const sink = (e: TraceEvent) => {
    if (e.seq <= lastSeq || limited) return;
    lastSeq = e.seq;
    count++;
    let one: string;
    try {
      one = stringify(e) ?? "null";
    } catch {
      one = stringify({ seq: e.seq, time: e.time, component: String(e.component), kind: String(e.kind) });
    }
    // The trace is cut before the event that would make it too large: the page keeps everything before.
    if (total + one.length > MAX_TRACE_CHARS || one.length > MAX_BATCH_CHARS / 2) return limit("size");
    total += one.length + 1;
    batch.push(one);
    batchChars += one.length + 1;
    // Flush right before learner code can run (a handler, main, a reconcile, a pop that may call
    // index/transform functions): if it never returns, the page still has every event up to it.
    // The run's first EAGER_LOG_LINES log lines are flushed at once too: the learner's code printed
    // them and may hang right after (issue 21 item 10: the line printed before an endless loop reaches
    // the page). Past that, a flood of lines is batched again (at most ~40 ms of output can be lost).
    const eagerLog = e.kind === "runner.log" && ++logLines <= EAGER_LOG_LINES;
    if (batch.length >= 500 || batchChars > MAX_BATCH_CHARS / 2 || performance.now() - lastFlush > 40 || ENTERS_LEARNER_CODE.has(e.kind) || eagerLog) flush();
    // The engine stops itself at MAX_EVENTS (error kind "eventLimit"); this is only the backstop.
    if (count >= MAX_EVENTS + 5_000) limit("events");
  };
  return { sink, flush, get limited() { return limited; } };
}
