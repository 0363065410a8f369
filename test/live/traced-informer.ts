// One traced SharedIndexInformer over a fake list of pods, for the live slicing tests (slicing.test.ts,
// replace-in-tasks.test.ts): its Scheduler, the trace it records (seq and virtual time stamped), and the
// names its one handler saw added. `maxPerTask` undefined ⇒ the unsliced (simulated) configuration.
import { SharedIndexInformer, type KubeObject } from "../../src/index.js";
import { Scheduler, type TraceEvent, type TraceInput } from "../../src/sim/index.js";
import { FakeListerWatcher } from "../unit/informer/fakes.js";

export function tracedInformer(items: KubeObject[], rv: string, maxPerTask: number | undefined) {
  const scheduler = new Scheduler({ seed: 1 });
  const trace: TraceEvent[] = [];
  let seq = 0;
  const tracer = { emit: (e: TraceInput) => { trace.push({ ...e, seq: ++seq, time: scheduler.now() } as TraceEvent); } };
  const lw = new FakeListerWatcher(scheduler, () => ({ items, rv }));
  const inf = new SharedIndexInformer<KubeObject>(lw as never, { scheduler, tracer, name: "pods", ...(maxPerTask !== undefined ? { maxPerTask } : {}) });
  const seen: string[] = [];
  inf.addEventHandler({ onAdd: (o) => { seen.push(o.metadata.name!); }, onUpdate: () => undefined, onDelete: () => undefined });
  return { scheduler, trace, inf, seen };
}
