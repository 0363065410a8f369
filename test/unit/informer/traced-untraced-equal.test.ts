/**
 * Tracing changes nothing but the trace: an informer run without a tracer (the path `npm run bench`
 * measures) and one with a tracer (the path every lesson runs) take the same single pipeline
 * (process-deltas.ts), so for any stream of watch events delivered in chunks (so that keys collect several
 * deltas) and an optional relist, both make the same handler calls in the same order, and end with the
 * same cache contents, key order and namespace-index order — for every queue mode, with and without batch
 * processing; and batching itself changes nothing a handler or the cache shows.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  NamespaceIndex,
  Scheduler,
  SharedIndexInformer,
  metaNamespaceIndexFunc,
  type KubeObject,
  type ListerWatcher,
  type WatchEvent,
  type WatchSink,
} from "../../../src/index.js";

interface Ev { type: "ADDED" | "MODIFIED" | "DELETED"; ns: string; name: string; sameRv: boolean }

const evArb: fc.Arbitrary<Ev> = fc.record({
  type: fc.constantFrom("ADDED" as const, "MODIFIED" as const, "MODIFIED" as const, "DELETED" as const),
  ns: fc.constantFrom("a", "b", ""),
  name: fc.constantFrom("p1", "p2", "p3", "p4"),
  sameRv: fc.boolean(),
});

function mk(ns: string, name: string, rv: string): KubeObject {
  return { apiVersion: "v1", kind: "Pod", metadata: { name, ...(ns !== "" ? { namespace: ns } : {}), resourceVersion: rv } } as KubeObject;
}

interface Scenario { initial: Ev[]; events: Ev[]; chunk: number; relist: Ev[] | undefined }
interface Config { fifo?: "delta" | "real" | "realAtomic"; batchProcess?: boolean }

/** Runs one informer over the scenario; returns what its handler saw and its final cache. */
function run(s: Scenario, traced: boolean, config: Config = {}): unknown {
  const scheduler = new Scheduler({ seed: 7 });
  let rv = 100;
  const live = new Map<string, KubeObject>();
  const apply = (e: Ev): WatchEvent<KubeObject> => {
    const key = `${e.ns}/${e.name}`;
    const prev = live.get(key);
    const nextRv = e.sameRv && prev !== undefined && e.type === "MODIFIED" ? prev.metadata.resourceVersion! : String(++rv);
    const o = mk(e.ns, e.name, nextRv);
    if (e.type === "DELETED") live.delete(key);
    else live.set(key, o);
    return { type: e.type, object: e.type === "DELETED" && prev !== undefined ? prev : o };
  };
  for (const e of s.initial) if (e.type !== "DELETED") apply({ ...e, type: "ADDED" });
  const firstList = [...live.values()];
  const events = s.events.map(apply);
  let relistItems: KubeObject[] = [];
  if (s.relist !== undefined) {
    for (const e of s.relist) apply(e);
    relistItems = [...live.values()];
  }
  let lists = 0;
  let sink: WatchSink<KubeObject> | undefined;
  const lw: ListerWatcher<KubeObject> = {
    list(_o, done) {
      lists++;
      const items = lists === 1 ? firstList : relistItems;
      scheduler.setTimeout(() => done(undefined, { apiVersion: "v1", kind: "PodList", items, metadata: { resourceVersion: String(lists === 1 ? 100 : rv) } }), 0);
    },
    watch(_o, w) {
      sink = w;
      return { stop() { if (sink === w) sink = undefined; } };
    },
  };
  const informer = new SharedIndexInformer(lw, {
    scheduler, indexers: { [NamespaceIndex]: metaNamespaceIndexFunc }, resyncPeriodMs: 0, ...config,
    ...(traced ? { tracer: { emit() {} } } : {}),
  });
  const calls: unknown[] = [];
  const rvOf = (o: unknown): unknown => (o as KubeObject).metadata?.resourceVersion ?? "tombstone";
  informer.addEventHandler({
    onAdd(o: KubeObject, initial: boolean) { calls.push(["add", o.metadata.namespace, o.metadata.name, rvOf(o), initial]); },
    onUpdate(o: KubeObject, n: KubeObject) { calls.push(["update", n.metadata.namespace, n.metadata.name, rvOf(o), rvOf(n)]); },
    onDelete(o: unknown) { calls.push(["delete", rvOf(o)]); },
  });
  const stop = new AbortController();
  informer.run(stop.signal);
  scheduler.advance(10);
  for (let start = 0; start < events.length; start += s.chunk) {
    scheduler.setTimeout(() => {
      for (let i = start; i < Math.min(events.length, start + s.chunk); i++) sink?.onEvent(events[i]!);
    }, 0);
  }
  scheduler.flush();
  if (s.relist !== undefined && sink !== undefined) {
    sink.onEvent({ type: "ERROR", object: { kind: "Status", apiVersion: "v1", status: "Failure", code: 410, reason: "Expired", message: "too old" } as unknown as KubeObject });
    scheduler.advance(60_000);
  }
  scheduler.flush();
  const indexer = informer.getIndexer();
  const byNs = indexer.listIndexFuncValues(NamespaceIndex).sort()
    .map((ns) => [ns, indexer.byIndex(NamespaceIndex, ns).map((o) => [o.metadata.name, o.metadata.resourceVersion])]);
  const store = indexer.listKeys().map((k) => [k, indexer.getByKey(k)?.metadata.resourceVersion]);
  stop.abort();
  return { calls, store, byNs, synced: informer.hasSynced(), storeRv: informer.lastStoreSyncResourceVersion() };
}

describe("untraced fast path", () => {
  it("makes the same handler calls and ends with the same cache as the traced path", () => {
    fc.assert(fc.property(
      fc.array(evArb, { maxLength: 8 }),
      fc.array(evArb, { maxLength: 60 }),
      fc.integer({ min: 1, max: 20 }),
      fc.option(fc.array(evArb, { maxLength: 10 }), { nil: undefined }),
      (initial, events, chunk, relist) => {
        const s: Scenario = { initial, events, chunk, relist };
        const fast = run(s, false);
        expect(fast).toEqual(run(s, true));
      },
    ), { numRuns: 300 });
  });

  it("batch processing (in-order FIFOs): untraced equals traced, and equals unbatched", () => {
    fc.assert(fc.property(
      fc.array(evArb, { maxLength: 8 }),
      fc.array(evArb, { maxLength: 60 }),
      fc.integer({ min: 1, max: 20 }),
      fc.option(fc.array(evArb, { maxLength: 10 }), { nil: undefined }),
      fc.constantFrom("real" as const, "realAtomic" as const),
      (initial, events, chunk, relist, fifo) => {
        const s: Scenario = { initial, events, chunk, relist };
        const batched = run(s, false, { fifo, batchProcess: true });
        expect(batched).toEqual(run(s, true, { fifo, batchProcess: true }));
        expect(batched).toEqual(run(s, true, { fifo }));
      },
    ), { numRuns: 200 });
  });

  it("sees several deltas per key in one pop (the coalesced case is exercised)", () => {
    const events: Ev[] = [];
    for (let i = 0; i < 5; i++) events.push({ type: "MODIFIED", ns: "a", name: "p1", sameRv: false });
    events.push({ type: "DELETED", ns: "a", name: "p1", sameRv: false }, { type: "ADDED", ns: "a", name: "p1", sameRv: false });
    const s: Scenario = { initial: [{ type: "ADDED", ns: "a", name: "p1", sameRv: false }, { type: "ADDED", ns: "a", name: "p2", sameRv: false }], events, chunk: 100, relist: undefined };
    const fast = run(s, false) as { calls: unknown[][]; store: unknown[][] };
    expect(fast).toEqual(run(s, true));
    expect(fast.calls.map((c) => c[0])).toEqual(["add", "add", "update", "update", "update", "update", "update", "delete", "add"]);
    // a delete + re-add moves the key to the end of the cache, as the traced path does
    expect(fast.store.map((e) => e[0])).toEqual(["a/p2", "a/p1"]);
  });
});
