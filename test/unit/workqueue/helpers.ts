import type { Scheduler } from "../../../src/sim/scheduler.js";

/** Lets pending promise callbacks run (several hops, for chained thens). */
export async function drainMicrotasks(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

/** Runs every task due within `ms`, one at a time, draining microtasks after each (API.md drive loop). */
export async function drive(s: Scheduler, ms: number): Promise<void> {
  const target = s.now() + ms;
  await drainMicrotasks();
  for (;;) {
    const due = s.nextDue();
    if (due === undefined || due > target) break;
    s.step();
    await drainMicrotasks();
  }
  s.advance(target - s.now());
}
