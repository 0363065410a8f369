/**
 * Property (issue 4): over random interleavings of writes and faults against the real ApiServer, after
 * heal and quiescence: the indexer equals the server's objects under the informer's selector; every
 * handler's notifications for a key form a valid life (no update before add, nothing after a delete but
 * a new add); every object a handler was told about that is gone from the server got exactly one delete
 * (object or tombstone), and every object still there was last seen at the server's resourceVersion.
 * Faults: dropWatches, compact, partition/heal, restart (with and without downtime), 429 throttling with
 * Retry-After, handler exceptions; FIFOs: delta, real, realAtomic; list or watch-list; with or without a
 * label selector and resync. Plus determinism: the same scenario twice gives byte-identical trace JSON.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ApiServer, DeletedFinalStateUnknown, Recorder, Scheduler, SharedInformerFactory, type KubeObject, type Pod,
} from "../../../src/index.js";

type Op =
  | { at: number; op: "create"; name: string; app: string }
  | { at: number; op: "label"; name: string; app: string }
  | { at: number; op: "touch"; name: string }
  | { at: number; op: "delete"; name: string }
  | { at: number; op: "fault"; fault: "dropWatches" | "compact" | "partition" | "heal" | "restart" | "restartDown" | "throttle" | "unthrottle" }
  | { at: number; op: "throw"; handler: number };

const names = ["a", "b", "c", "d", "e", "f"];
const apps = ["web", "db"];
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ at: fc.nat(3000), op: fc.constant("create" as const), name: fc.constantFrom(...names), app: fc.constantFrom(...apps) }) },
  { weight: 3, arbitrary: fc.record({ at: fc.nat(3000), op: fc.constant("label" as const), name: fc.constantFrom(...names), app: fc.constantFrom(...apps) }) },
  { weight: 3, arbitrary: fc.record({ at: fc.nat(3000), op: fc.constant("touch" as const), name: fc.constantFrom(...names) }) },
  { weight: 3, arbitrary: fc.record({ at: fc.nat(3000), op: fc.constant("delete" as const), name: fc.constantFrom(...names) }) },
  { weight: 3, arbitrary: fc.record({ at: fc.nat(3000), op: fc.constant("fault" as const),
    fault: fc.constantFrom("dropWatches" as const, "compact" as const, "partition" as const, "heal" as const, "restart" as const,
      "restartDown" as const, "throttle" as const, "unthrottle" as const) }) },
  { weight: 1, arbitrary: fc.record({ at: fc.nat(3000), op: fc.constant("throw" as const), handler: fc.constantFrom(0, 1) }) },
);
const configArb = fc.record({
  seed: fc.nat(1_000_000),
  fifo: fc.constantFrom("delta" as const, "real" as const, "realAtomic" as const),
  watchList: fc.boolean(),
  selector: fc.constantFrom("", "app=web"),
  capacity: fc.constantFrom(3, 10, 100),
  resyncMs: fc.constantFrom(0, 0, 1500),
  initial: fc.subarray(names),
});

interface Life { present: boolean; rv: string; deletes: number }

function runScenario(config: {
  seed: number; fifo: "delta" | "real" | "realAtomic"; watchList: boolean; selector: string; capacity: number; resyncMs: number; initial: string[];
}, ops: Op[], trace: boolean) {
  const scheduler = new Scheduler({ seed: config.seed });
  const recorder = trace ? new Recorder(scheduler) : undefined;
  const api = new ApiServer(scheduler, { watchCacheCapacity: config.capacity, ...(recorder ? { tracer: recorder } : {}) });
  const mk = (name: string, app: string): Pod => ({ apiVersion: "v1", kind: "Pod",
    metadata: { namespace: "ns", name, labels: { app } }, spec: { containers: [{ name: "c" }] } });
  // a real cluster is never at revision 0 (etcd starts at 1; the namespace exists): a list at RV "0" would
  // make the reflector treat the whole first watch as synthetic and never advance its RV from ADDED events
  api.create("namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "ns" } });
  for (const n of config.initial) api.create("pods", mk(n, apps[n.charCodeAt(0) % 2]!));
  const factory = new SharedInformerFactory(api, config.resyncMs, {
    fifo: config.fifo, watchList: config.watchList, ...(recorder ? { tracer: recorder } : {}),
    ...(config.selector !== "" ? { tweakListOptions: (o) => { o.labelSelector = config.selector; } } : {}),
  });
  const informer = factory.core().v1().pods().informer();
  const violations: string[] = [];
  const lives = [new Map<string, Life>(), new Map<string, Life>()];
  const throwNext = [false, false];
  const keyOf = (o: unknown): string => o instanceof DeletedFinalStateUnknown ? o.key
    : `${(o as KubeObject).metadata.namespace}/${(o as KubeObject).metadata.name}`;
  for (const h of [0, 1]) {
    const life = lives[h]!;
    const maybeThrow = () => { if (throwNext[h]) { throwNext[h] = false; throw new Error(`handler ${h} fails`); } };
    informer.addEventHandler({
      addFunc: (o: Pod) => {
        const k = keyOf(o);
        const l = life.get(k);
        if (l?.present) violations.push(`h${h} add of present ${k}`);
        life.set(k, { present: true, rv: o.metadata.resourceVersion!, deletes: l?.deletes ?? 0 });
        maybeThrow();
      },
      updateFunc: (_old: Pod, o: Pod) => {
        const k = keyOf(o);
        const l = life.get(k);
        if (!l?.present) violations.push(`h${h} update before add ${k}`);
        life.set(k, { present: true, rv: o.metadata.resourceVersion!, deletes: l?.deletes ?? 0 });
        maybeThrow();
      },
      deleteFunc: (o: unknown) => {
        const k = keyOf(o);
        const l = life.get(k);
        if (!l?.present) violations.push(`h${h} delete of absent ${k}`);
        life.set(k, { present: false, rv: "", deletes: (l?.deletes ?? 0) + 1 });
        maybeThrow();
      },
    });
  }
  const stop = new AbortController();
  factory.start(stop.signal);
  const sorted = [...ops].sort((x, y) => x.at - y.at);
  for (const op of sorted) {
    scheduler.setTimeout(() => {
      try {
        switch (op.op) {
          case "create": api.create("pods", mk(op.name, op.app)); break;
          case "label": {
            const cur = api.get<Pod>("pods", "ns", op.name);
            api.update("pods", { ...cur, metadata: { ...cur.metadata, labels: { app: op.app } } });
            break;
          }
          case "touch": {
            const cur = api.get<Pod>("pods", "ns", op.name);
            api.update("pods", { ...cur, metadata: { ...cur.metadata, annotations: { t: String(scheduler.now()) } } });
            break;
          }
          case "delete": api.delete("pods", "ns", op.name); break;
          case "fault":
            if (op.fault === "restartDown") api.restart({ downtimeMs: 2000 });
            else if (op.fault === "throttle") api.throttle(0.5, 1);
            else if (op.fault === "unthrottle") api.throttle(0);
            else api[op.fault]();
            break;
          case "throw": throwNext[op.handler] = true; break;
        }
      } catch (e) {
        if (!(e instanceof Error) || !("code" in e)) throw e; // ApiErrors (404, 409) are expected
      }
    }, op.at);
  }
  scheduler.advance(3001);
  api.heal();
  api.throttle(0);
  scheduler.advance(400_000);
  stop.abort();
  return { api, informer, lives, violations, recorder, config };
}

function check(r: ReturnType<typeof runScenario>): void {
  const expected = new Map<string, string>();
  for (const p of r.api.list<Pod>("pods", r.config.selector !== "" ? { labelSelector: r.config.selector } : {}).items) {
    expected.set(`ns/${p.metadata.name}`, p.metadata.resourceVersion!);
  }
  const cached = new Map<string, string>();
  for (const k of r.informer.getStore().listKeys()) {
    cached.set(k, (r.informer.getStore().getByKey(k) as Pod).metadata.resourceVersion!);
  }
  expect(r.violations).toEqual([]);
  expect(Object.fromEntries([...cached].sort())).toEqual(Object.fromEntries([...expected].sort()));
  for (const life of r.lives) {
    const seen = new Map<string, string>();
    for (const [k, l] of life) {
      if (l.present) seen.set(k, l.rv);
      else expect(l.deletes).toBeGreaterThanOrEqual(1);
    }
    expect(Object.fromEntries([...seen].sort())).toEqual(Object.fromEntries([...expected].sort()));
  }
}

describe("informer property: random writes and faults against the real ApiServer", () => {
  it("converges: cache = server under the selector; valid lives; one delete per vanished object", () => {
    fc.assert(
      fc.property(configArb, fc.array(opArb, { maxLength: 30 }), (config, ops) => {
        check(runScenario(config, ops, false));
      }),
      { numRuns: 250, seed: 20261126 },
    );
  });

  it("determinism: the same scenario twice ⇒ identical trace JSON", () => {
    fc.assert(
      fc.property(configArb, fc.array(opArb, { maxLength: 20 }), (config, ops) => {
        const a = runScenario(config, ops, true);
        const b = runScenario(config, ops, true);
        const ja = JSON.stringify(a.recorder!.events);
        expect(ja).toBe(JSON.stringify(b.recorder!.events));
        expect(a.recorder!.events.some((e) => e.kind === "reflector.list.done")).toBe(true);
      }),
      { numRuns: 25, seed: 7 },
    );
  });
});
