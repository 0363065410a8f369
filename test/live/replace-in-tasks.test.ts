// A list's Replace cut into tasks (live mode: SharedIndexInformerOptions.maxPerTask → Reflector
// replacePerTask = 8 × maxPerTask, src/cache/replace-in-tasks.ts). client-go holds the DeltaFIFO's lock for
// the whole Replace; what can be observed of that must stay: nothing pops before the Replace is complete,
// the watch starts after it, and the FIFO traces the same events in the same order as one Replace.
import { describe, expect, it } from "vitest";
import { DeltaFIFO, type KubeObject } from "../../src/index.js";
import { Scheduler, type TraceEvent } from "../../src/sim/index.js";
import { pod } from "../unit/informer/fakes.js";
import { tracedInformer } from "./traced-informer.js";

const N = 1000;
const items = Array.from({ length: N }, (_, i) => pod(`p${i}`, i + 1));

const informer = (maxPerTask: number | undefined) => tracedInformer(items, "5000", maxPerTask);

/** Runs every task due within 1 s, returning each task's trace events. */
function runTasks(scheduler: Scheduler, trace: TraceEvent[]): TraceEvent[][] {
  const tasks: TraceEvent[][] = [];
  while (scheduler.nextDue() !== undefined && scheduler.nextDue()! <= scheduler.now() + 1000 && tasks.length < 10_000) {
    const before = trace.length;
    scheduler.step();
    tasks.push(trace.slice(before));
  }
  return tasks;
}

const shape = (e: TraceEvent) => { const { seq: _s, time: _t, ...rest } = e as TraceEvent & { seq: number; time: number }; return JSON.stringify(rest); };

describe("a list's Replace in tasks (live mode)", () => {
  it("queues at most 8 × maxPerTask items per task, pops nothing until the Replace is complete, and traces the Replace as one", () => {
    const sliced = informer(16);
    sliced.inf.run(new AbortController().signal);
    const tasks = runTasks(sliced.scheduler, sliced.trace);
    const queuedPerTask = tasks.map((t) => t.filter((e) => e.kind === "fifo.queued").length).filter((n) => n > 0);
    expect(queuedPerTask.length).toBe(Math.ceil(N / 128));          // the Replace took 8 tasks, not one
    expect(Math.max(...queuedPerTask)).toBe(128);
    const all = tasks.flat();
    const replaced = all.findIndex((e) => e.kind === "fifo.replace");
    const firstPop = all.findIndex((e) => e.kind === "fifo.popped");
    const watch = all.findIndex((e) => e.kind === "reflector.watch.start" || e.kind.startsWith("reflector.watch"));
    expect(replaced).toBeGreaterThan(0);
    expect(firstPop).toBeGreaterThan(replaced);                       // Pop waited for the whole Replace
    expect(watch).toBeGreaterThan(replaced);                          // and so did the watch
    expect(sliced.seen).toEqual(items.map((p) => p.metadata.name));
    expect(sliced.inf.hasSynced()).toBe(true);

    // The same events in the same order as one unsliced Replace, up to the first pop.
    const whole = informer(undefined);
    whole.inf.run(new AbortController().signal);
    const wholeTasks = runTasks(whole.scheduler, whole.trace);
    expect(wholeTasks.filter((t) => t.some((e) => e.kind === "fifo.queued")).length).toBe(1);
    const upTo = (evs: TraceEvent[]) => evs.slice(0, evs.findIndex((e) => e.kind === "fifo.popped")).map(shape);
    expect(upTo(all)).toEqual(upTo(wholeTasks.flat()));
  });

  it("DeltaFIFO.replaceInSteps: pop waits while steps are left; synced only once complete and processed; a throwing step ends it", () => {
    const fifo = new DeltaFIFO({ emitDeltaTypeReplaced: true });
    const steps = fifo.replaceInSteps(items.slice(0, 10), "10");
    const popped: string[] = [];
    const pop = () => fifo.pop((d) => { popped.push((d[0]!.object as KubeObject).metadata.name!); });
    expect(steps.step(4)).toBe(false);
    expect(fifo.length()).toBe(4);
    expect(pop()).toBeUndefined();                                   // locked: nothing pops mid-Replace
    expect(fifo.hasSynced()).toBe(false);
    expect(steps.step(4)).toBe(false);
    expect(steps.step(4)).toBe(true);
    while (pop() !== undefined) { /* drain */ }
    expect(popped).toEqual(items.slice(0, 10).map((p) => p.metadata.name));
    expect(fifo.hasSynced()).toBe(true);

    let calls = 0;
    const bad = new DeltaFIFO({ transformer: (o) => { if (++calls === 3) throw new Error("boom"); return o; } });
    const s = bad.replaceInSteps(items.slice(0, 5), "5");
    expect(() => s.step(4)).toThrow(/couldn't enqueue object: boom/);
    expect(bad.length()).toBe(2);                                    // what was queued before stays, and pops
    expect(bad.pop(() => undefined)).toBeDefined();
  });
});
