/**
 * Property tests over random operation sequences (fast-check):
 * - a watch from RV r delivers exactly the events after r, in order, once (and, with a label selector,
 *   exactly the spec W4 transitions of those events); a watch from below the window gets one ERROR 410;
 * - a list at RV r (Exact, paged or not) equals folding the event log up to r;
 * - the same seed and operations give an identical trace.
 * The event log is the server's own `server.write` trace.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ApiServer, Recorder, ResourceVersionCodec, Scheduler, asKnown, matchesSelector,
  type KubeObject, type Pod, type ResourceVersionFormat, type TraceOf,
} from "../../../src/index.js";
import { Sink } from "../../unit/apiserver/helpers.js";

type Op =
  | { op: "create"; ns: number; name: number; app: string }
  | { op: "relabel"; ns: number; name: number; app: string }
  | { op: "bind"; ns: number; name: number }
  | { op: "noop"; ns: number; name: number }
  | { op: "delete"; ns: number; name: number }
  | { op: "configmap"; name: number }
  | { op: "advance"; ms: number }
  | { op: "watch"; back: number; selector: string; namespace: number }
  | { op: "list"; back: number; limit: number };

const ns = fc.integer({ min: 0, max: 1 });
const name = fc.integer({ min: 0, max: 2 });
const app = fc.constantFrom("web", "db");
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant("create" as const), ns, name, app }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant("relabel" as const), ns, name, app }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("bind" as const), ns, name }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("noop" as const), ns, name }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant("delete" as const), ns, name }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("configmap" as const), name }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("advance" as const), ms: fc.integer({ min: 0, max: 40_000 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("watch" as const), back: fc.nat(6), selector: fc.constantFrom("", "app=web", "app!=web"), namespace: fc.integer({ min: -1, max: 1 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("list" as const), back: fc.nat(12), limit: fc.integer({ min: 0, max: 3 }) }) },
);

const ops = (max: number): fc.Arbitrary<Op[]> => fc.array(opArb, { minLength: 5, maxLength: max, size: "max" });

interface OpenWatch { from: number; openedAt: number; selector: string; namespace: string | undefined; sink: Sink }
interface ListCheck { at: number; items: string[] }

function nsName(i: number): string { return `ns${i}`; }
function podName(i: number): string { return `p${i}`; }

/** Runs ops; returns the server, recorder, open watches and lists taken along the way. */
function run(ops: Op[], seed: number, capacity: number, format: ResourceVersionFormat = "decimal") {
  const codec = new ResourceVersionCodec(format);
  const s = new Scheduler({ seed });
  const rec = new Recorder(s);
  const server = new ApiServer(s, { tracer: rec, watchCacheCapacity: capacity, resourceVersionFormat: format });
  const watches: OpenWatch[] = [];
  const lists: ListCheck[] = [];
  const swallow = (fn: () => void): void => {
    try { fn(); } catch (e) { if (!(e instanceof Error) || !("status" in e)) throw e; }
  };
  for (const o of ops) {
    const cur = (): number => codec.decode(server.currentResourceVersion())!;
    switch (o.op) {
      case "create":
        swallow(() => server.create("pods", { metadata: { name: podName(o.name), namespace: nsName(o.ns), labels: { app: o.app } }, spec: { containers: [] } }));
        break;
      case "relabel":
      case "bind":
      case "noop":
        swallow(() => {
          const p = server.get<Pod>("pods", nsName(o.ns), podName(o.name));
          if (o.op === "relabel") server.update("pods", { ...p, metadata: { ...p.metadata, labels: { app: o.app } } });
          else if (o.op === "bind") server.bind({ metadata: { name: p.metadata.name, namespace: p.metadata.namespace! }, target: { kind: "Node", name: "n1" } });
          else server.update("pods", { ...p });
        });
        break;
      case "delete":
        swallow(() => server.delete("pods", nsName(o.ns), podName(o.name)));
        break;
      case "configmap":
        swallow(() => server.create("configmaps", { metadata: { name: `c${o.name}` } }));
        break;
      case "advance":
        s.advance(o.ms);
        break;
      case "watch": {
        const from = cur() - o.back;
        if (from < 1) break;                         // RV "0" means "any", not "resume from 0"
        const sink = new Sink(s);
        const namespace = o.namespace < 0 ? undefined : nsName(o.namespace);
        server.watch("pods", {
          resourceVersion: codec.encode(from), timeoutSeconds: 1e7,
          ...(o.selector !== "" ? { labelSelector: o.selector } : {}), ...(namespace !== undefined ? { namespace } : {}),
        }, sink);
        watches.push({ from, openedAt: cur(), selector: o.selector, namespace, sink });
        break;
      }
      case "list": {
        const at = Math.max(1, cur() - o.back);
        if (at > cur()) break;
        const items: string[] = [];
        let token: string | undefined;
        do {
          const l = server.list("pods", token !== undefined ? { limit: o.limit, continue: token }
            : { resourceVersion: codec.encode(at), resourceVersionMatch: "Exact", ...(o.limit > 0 ? { limit: o.limit } : {}) });
          for (const p of l.items) items.push(JSON.stringify(p));
          token = l.metadata.continue;
        } while (token !== undefined);
        lists.push({ at, items });
        break;
      }
    }
  }
  s.advance(120_000);                        // let kubelet deletes and deliveries finish
  return { s, server, rec, watches, lists };
}

type Write = TraceOf<"server.write">;
function podWrites(rec: Recorder): Write[] {
  return rec.events.map(asKnown).filter((e): e is Write & { seq: number; time: number } => e.kind === "server.write" && e.resource === "pods");
}

/** The spec W4 conversion of the log after `from`, for one watch (computed from the log, not the server). */
function expectedEvents(writes: Write[], w: OpenWatch): string[] {
  const state = new Map<string, KubeObject>();
  const out: string[] = [];
  const matches = (o: KubeObject): boolean =>
    (w.namespace === undefined || o.metadata.namespace === w.namespace) && matchesSelector(o.metadata.labels, w.selector);
  for (const e of writes) {
    const rev = Number(e.resourceVersion);
    const prev = state.get(e.key);
    if (rev > w.from) {
      const now = e.type === "DELETED" ? false : matches(e.object);
      const before = e.type === "ADDED" ? false : e.type === "DELETED" ? matches(e.object) : matches(prev!);
      if (now && before) out.push(`MODIFIED ${e.key}@${rev}`);
      else if (now) out.push(`ADDED ${e.key}@${rev}`);
      else if (before) out.push(`DELETED ${e.key}@${rev}`);
    }
    if (e.type === "DELETED") state.delete(e.key);
    else state.set(e.key, e.object);
  }
  return out;
}

function delivered(w: OpenWatch): string[] {
  return w.sink.events.map((e) => {
    const o = e.object as KubeObject;
    return `${e.type} ${o.metadata.namespace}/${o.metadata.name}@${e.rv}`;
  });
}

describe("apiserver properties", () => {
  it("a watch from RV r delivers exactly the events after r, in order, once (selector transitions included)", () => {
    fc.assert(fc.property(ops(60), fc.integer({ min: 1, max: 1000 }), (ops, seed) => {
      const { rec, watches } = run(ops, seed, 10_000);
      const writes = podWrites(rec);
      for (const w of watches) {
        expect(delivered(w)).toEqual(expectedEvents(writes, w));
        expect(w.sink.closed).toBeUndefined();
      }
    }), { numRuns: 150 });
  });

  it("with a small window: a watch from below it gets one ERROR 410, otherwise exactly the events after r", () => {
    fc.assert(fc.property(ops(60), fc.integer({ min: 1, max: 8 }), (ops, capacity) => {
      const { rec, watches } = run(ops, 1, capacity);
      const writes = podWrites(rec);
      for (const w of watches) {
        // spec §3.2: served iff r >= (oldest buffered rev − 1) once the window has evicted anything.
        const held = writes.map((e) => Number(e.resourceVersion)).filter((rev) => rev <= w.openedAt);
        const expired = held.length > capacity && w.from < held[held.length - capacity]! - 1;
        if (expired) {
          expect(w.sink.events.map((e) => e.type)).toEqual(["ERROR"]);
          expect((w.sink.events[0]!.object as { code: number }).code).toBe(410);
          expect(w.sink.closed).toBeDefined();
        } else {
          expect(delivered(w)).toEqual(expectedEvents(writes, w));
          expect(w.sink.closed).toBeUndefined();
        }
      }
    }), { numRuns: 150 });
  });

  it("a list at RV r (Exact, paged or not) equals folding the event log up to r", () => {
    fc.assert(fc.property(ops(60), fc.integer({ min: 1, max: 1000 }), (ops, seed) => {
      const { rec, lists } = run(ops, seed, 100);
      const writes = podWrites(rec);
      for (const l of lists) {
        const state = new Map<string, KubeObject>();
        for (const e of writes) {
          if (Number(e.resourceVersion) > l.at) break;
          if (e.type === "DELETED") state.delete(e.key);
          else state.set(e.key, e.object);
        }
        const expected = [...state.keys()].sort().map((k) => JSON.stringify(state.get(k)));
        expect(l.items).toEqual(expected);
      }
    }), { numRuns: 150 });
  });

  it("the same seed and operations give an identical trace", () => {
    fc.assert(fc.property(ops(40), fc.integer({ min: 1, max: 1000 }), (ops, seed) => {
      const a = run(ops, seed, 5);
      const b = run(ops, seed, 5);
      expect(JSON.stringify(b.rec.events)).toBe(JSON.stringify(a.rec.events));
    }), { numRuns: 60 });
  });

  it("opaque RVs change nothing but the strings: the trace equals the decimal run's, RV for RV", () => {
    fc.assert(fc.property(ops(40), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 2, max: 50 }), (o, seed, capacity) => {
      const decimal = JSON.stringify(run(o, seed, capacity, "decimal").rec.events);
      const opaque = JSON.stringify(run(o, seed, capacity, "opaque").rec.events);
      if (decimal.includes('"server.write"')) expect(opaque).toMatch(/rv\.[0-9a-z]+/);
      expect(opaque.replace(/rv\.([0-9a-z]+)/g, (_m, x: string) => String(parseInt(x, 36)))).toBe(decimal);
    }), { numRuns: 60 });
  });
});
