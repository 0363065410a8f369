/**
 * Tasks of their own for the live view (live-view.ts): the fold, the stage re-load and the re-load's layout
 * each run in a task of their own, so no one task holds the main thread long (issue 19's 50 ms budget).
 *
 * Contract: `channelTask(run)` returns a Task whose `post()` queues `run` as a task right away (a MessageChannel
 * message: no timer clamping); `urgentTask(run)` queues it as a user-blocking task (`scheduler.postTask`) where
 * the browser has one, else as channelTask does. Chromium runs a due animation frame before a plain task posted
 * during the task before it, most of the time, and a user-blocking one after it (10 times in 11 in the live
 * bench). After `close()`, `run` is not called again.
 */
export interface Task { post(): void; close(): void }

export function channelTask(run: () => void): Task {
  const c = new MessageChannel();
  c.port1.onmessage = () => run();
  return { post: () => c.port2.postMessage(0), close: () => c.port1.close() };
}

type PostTask = (cb: () => void, o: { priority: "user-blocking" }) => Promise<unknown>;

export function urgentTask(run: () => void): Task {
  const scheduler = (globalThis as { scheduler?: { postTask?: PostTask } }).scheduler;
  if (scheduler?.postTask === undefined) return channelTask(run);
  let closed = false;
  return {
    post: () => { void scheduler.postTask!(() => { if (!closed) run(); }, { priority: "user-blocking" }); },
    close: () => { closed = true; },
  };
}
