/**
 * The live view's tasks (site/live/tasks.ts): channelTask runs its function in a task after post() and never
 * after close(); urgentTask posts a user-blocking task through scheduler.postTask where there is one (the
 * re-load's layout then runs before a due frame), and falls back to a channel task where there is none.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { channelTask, urgentTask } from "../../site/live/tasks.js";

const g = globalThis as { scheduler?: unknown };
const tick = () => new Promise((r) => setTimeout(r, 10));

describe("live view tasks", () => {
  afterEach(() => { delete g.scheduler; });

  it("channelTask runs after post(), in a later task, and not after close()", async () => {
    let runs = 0;
    const t = channelTask(() => { runs++; });
    t.post();
    expect(runs).toBe(0);
    await tick();
    expect(runs).toBe(1);
    t.close();
    t.post();
    await tick();
    expect(runs).toBe(1);
  });

  it("urgentTask posts a user-blocking task through scheduler.postTask, and none runs after close()", async () => {
    const posted: Array<() => void> = [];
    const postTask = vi.fn((cb: () => void, o: { priority: string }) => { expect(o.priority).toBe("user-blocking"); posted.push(cb); return Promise.resolve(); });
    g.scheduler = { postTask };
    let runs = 0;
    const t = urgentTask(() => { runs++; });
    t.post();
    expect(postTask).toHaveBeenCalledTimes(1);
    posted[0]!();
    expect(runs).toBe(1);
    t.post();
    t.close();
    posted[1]!();
    expect(runs).toBe(1);
  });

  it("urgentTask without scheduler.postTask is a channel task", async () => {
    let runs = 0;
    const t = urgentTask(() => { runs++; });
    t.post();
    await tick();
    expect(runs).toBe(1);
    t.close();
  });
});
