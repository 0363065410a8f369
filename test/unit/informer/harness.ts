/** A shared informer over a FakeListerWatcher whose list answers with a mutable "server" state. */
import {
  DeletedFinalStateUnknown, metaNamespaceIndexFunc, NamespaceIndex, Recorder, Scheduler, SharedIndexInformer,
  type ListerWatcher, type ResourceEventHandlerFuncs, type SharedIndexInformerOptions,
} from "../../../src/index.js";
import { FakeListerWatcher, pod, type Obj } from "./fakes.js";

export interface Seen {
  h: string;
  type: "add" | "update" | "delete";
  name: string;
  rv: string;
  oldRv?: string;
  initial?: boolean;
  tombstone?: boolean;
  t: number;
}

export function harness(options: Partial<SharedIndexInformerOptions> & { pods?: Obj[] } = {}) {
  const scheduler = new Scheduler({ seed: 3 });
  const recorder = new Recorder(scheduler);
  const state = new Map<string, Obj>();
  let rv = 0;
  for (const p of options.pods ?? []) {
    state.set(p.metadata.name, p);
    rv = Math.max(rv, Number(p.metadata.resourceVersion));
  }
  const server = {
    put(name: string, extra: Partial<Obj["metadata"]> = {}): Obj {
      const o = pod(name, ++rv, extra);
      state.set(name, o);
      return o;
    },
    remove(name: string): void {
      state.delete(name);
      ++rv;
    },
    rv: () => String(rv),
  };
  const lw = new FakeListerWatcher(scheduler, () => ({ items: [...state.values()], rv: String(rv) }));
  const { pods: _pods, ...rest } = options;
  type Named = Obj & { metadata: { name: string } };
  const informer = new SharedIndexInformer<Named>(lw as unknown as ListerWatcher<Named>, {
    scheduler, tracer: recorder, name: "pods", indexers: { [NamespaceIndex]: metaNamespaceIndexFunc }, ...rest,
  });
  const seen: Seen[] = [];
  const handler = (h: string, opts: { throwOnAdd?: boolean } = {}): ResourceEventHandlerFuncs<Obj> => ({
    addFunc(obj, initial) {
      seen.push({ h, type: "add", name: obj.metadata.name, rv: obj.metadata.resourceVersion ?? "", initial, t: scheduler.now() });
      if (opts.throwOnAdd) throw new Error(`${h} cannot add`);
    },
    updateFunc(old, obj) {
      seen.push({ h, type: "update", name: obj.metadata.name, rv: obj.metadata.resourceVersion ?? "",
        oldRv: old.metadata.resourceVersion ?? "", t: scheduler.now() });
    },
    deleteFunc(obj) {
      const tombstone = obj instanceof DeletedFinalStateUnknown;
      const o = (tombstone ? (obj as DeletedFinalStateUnknown).obj : obj) as Obj;
      seen.push({ h, type: "delete", name: o.metadata.name, rv: o.metadata.resourceVersion ?? "", tombstone, t: scheduler.now() });
    },
  });
  const stop = new AbortController();
  const of = (h: string) => seen.filter((s) => s.h === h).map((s) => `${s.type} ${s.name}@${s.rv}`);
  return { scheduler, recorder, lw, informer, seen, handler, stop, server, state, of,
           run: () => informer.run(stop.signal) };
}
