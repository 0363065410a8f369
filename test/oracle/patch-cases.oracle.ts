// Patch cases written with the cluster work (issue 17): two-way strategic patches between generated pods
// (with and without $setElementOrder), the directives kubectl and controllers send, merge and JSON patches,
// judged by the kube-apiserver's own libraries (test/oracle/patchoracle). patch.oracle.ts holds the
// directive-heavy generated cases and the list of known differences.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch, createMergePatch, createTwoWayMergePatch, decodeJsonPatch,
  jsonEqual, PatchError, type Json, type JsonObject } from "../../src/apimachinery/index.js";
import { buildTools, hasGo } from "./go.js";

interface Case { id: string; type: "json" | "merge" | "strategic"; kind: string; original: JsonObject; patch: Json }
interface Answer { id: string; result?: Json; error?: string; code?: number }

function oracle(cases: Case[]): Map<string, Answer> {
  const { patchoracle } = buildTools();
  const r = spawnSync(patchoracle, [], { input: cases.map((c) => JSON.stringify(c)).join("\n"), encoding: "utf8", maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`patchoracle failed: ${r.stderr}`);
  return new Map(r.stdout.trim().split("\n").map((l) => JSON.parse(l) as Answer).map((a) => [a.id, a]));
}

function ours(c: Case): Answer {
  try {
    let result: Json;
    if (c.type === "json") result = applyJsonPatch(c.original, decodeJsonPatch(c.patch));
    else if (c.type === "merge") result = applyMergePatch(c.original, c.patch);
    else result = applyStrategicMergePatch(c.original, c.patch as JsonObject, c.kind);
    return { id: c.id, result };
  } catch (e) {
    if (e instanceof PatchError) return { id: c.id, error: e.message, code: e.code };
    throw e;
  }
}

const clean = (x: unknown): JsonObject => JSON.parse(JSON.stringify(x)) as JsonObject;
const name = fc.constantFrom("a", "b", "c", "d");
const container = fc.record({
  name, image: fc.constantFrom("nginx", "busybox", "redis:7"),
  args: fc.option(fc.array(fc.constantFrom("x", "y", "z"), { maxLength: 3 }), { nil: undefined }),
  env: fc.option(fc.uniqueArray(fc.record({ name: fc.constantFrom("A", "B", "C"), value: fc.constantFrom("1", "2") }), { selector: (e) => e.name, maxLength: 3 }), { nil: undefined }),
  ports: fc.option(fc.uniqueArray(fc.record({ containerPort: fc.constantFrom(80, 443, 8080), protocol: fc.constantFrom("TCP", "UDP") }), { selector: (p) => p.containerPort, maxLength: 2 }), { nil: undefined }),
  volumeMounts: fc.option(fc.uniqueArray(fc.record({ name: fc.constantFrom("v1", "v2"), mountPath: fc.constantFrom("/a", "/b", "/c") }), { selector: (v) => v.mountPath, maxLength: 2 }), { nil: undefined }),
}, { requiredKeys: ["name", "image"] });
const pod = fc.record({
  apiVersion: fc.constant("v1"), kind: fc.constant("Pod"),
  metadata: fc.record({
    name: fc.constant("p"),
    labels: fc.option(fc.dictionary(fc.constantFrom("app", "tier", "x"), fc.constantFrom("1", "2")), { nil: undefined }),
    finalizers: fc.option(fc.uniqueArray(fc.constantFrom("f1", "f2", "f3"), { maxLength: 3 }), { nil: undefined }),
  }, { requiredKeys: ["name"] }),
  spec: fc.record({
    containers: fc.uniqueArray(container, { selector: (c) => c.name, minLength: 1, maxLength: 3 }),
    volumes: fc.option(fc.uniqueArray(fc.record({ name: fc.constantFrom("v1", "v2", "v3"), emptyDir: fc.constant({}) }), { selector: (v) => v.name, maxLength: 2 }), { nil: undefined }),
    nodeName: fc.option(fc.constantFrom("n1", "n2"), { nil: undefined }),
    tolerations: fc.option(fc.array(fc.record({ key: fc.constantFrom("k1", "k2"), operator: fc.constant("Exists") }), { maxLength: 2 }), { nil: undefined }),
  }, { requiredKeys: ["containers"] }),
});

describe.skipIf(!hasGo())("patches: ours vs the kube-apiserver's libraries (patchoracle)", () => {
  it("strategic merge: two-way patches between generated pods, with and without $setElementOrder (2 × 300 cases)", () => {
    const pairs = fc.sample(fc.tuple(pod, pod), { numRuns: 300, seed: 7 });
    // Without the order directives: what older clients and hand-written controller patches send.
    const noOrder = (v: Json): Json => Array.isArray(v) ? v.map(noOrder)
      : v !== null && typeof v === "object" ? Object.fromEntries(Object.entries(v).filter(([k]) => !k.startsWith("$setElementOrder/")).map(([k, x]) => [k, noOrder(x)])) : v;
    const cases: Case[] = pairs.flatMap(([a, b], i) => {
      const original = clean(a);
      const patch = createTwoWayMergePatch(original, clean(b), "Pod");
      return [{ id: `s${i}`, type: "strategic" as const, kind: "Pod", original, patch },
        { id: `o${i}`, type: "strategic" as const, kind: "Pod", original, patch: noOrder(patch) }];
    });
    const want = oracle(cases);
    const diffs: string[] = [];
    for (const c of cases) {
      const o = ours(c); const w = want.get(c.id)!;
      if (w.error !== undefined ? o.code !== w.code : !jsonEqual(o.result, w.result)) {
        diffs.push(`${c.id}: original ${JSON.stringify(c.original)}\n patch ${JSON.stringify(c.patch)}\n ours ${JSON.stringify(o.result ?? o.error)}\n apiserver ${JSON.stringify(w.result ?? w.error)}`);
      }
    }
    expect(diffs.slice(0, 3).join("\n\n"), `${diffs.length} of ${cases.length} differ`).toBe("");
  });

  it("strategic merge: the directives kubectl and controllers send", () => {
    const base = { apiVersion: "v1", kind: "Pod", metadata: { name: "p", finalizers: ["x", "y"], labels: { a: "1" } },
      spec: { containers: [{ name: "c", image: "nginx", env: [{ name: "A", value: "1" }] }, { name: "s", image: "busybox" }],
        volumes: [{ name: "v", emptyDir: {} }] } } as JsonObject;
    const patches: Json[] = [
      { spec: { "$setElementOrder/containers": [{ name: "s" }, { name: "c" }], containers: [{ name: "c", image: "nginx:2" }] } },
      { spec: { containers: [{ name: "s", $patch: "delete" }] } },
      { spec: { containers: [{ $patch: "replace" }, { name: "z", image: "x" }] } },
      { metadata: { "$deleteFromPrimitiveList/finalizers": ["x"], finalizers: ["z"] } },
      { metadata: { labels: { $patch: "replace", b: "2" } } },
      { metadata: { labels: null } },
      { spec: { volumes: [{ name: "v", $retainKeys: ["name", "hostPath"], hostPath: { path: "/x" } }] } },
      { spec: { containers: [{ name: "c", env: [{ name: "B", value: "2" }] }] } },
      { spec: { containers: [{ image: "no-name" }] } },
    ];
    const cases: Case[] = patches.map((patch, i) => ({ id: `d${i}`, type: "strategic", kind: "Pod", original: base, patch }));
    const want = oracle(cases);
    for (const c of cases) {
      const o = ours(c); const w = want.get(c.id)!;
      if (w.error !== undefined) expect(o.error, `${c.id} ${JSON.stringify(c.patch)}: apiserver says ${w.code} ${w.error}`).toBeDefined();
      else expect(JSON.stringify(o.result), `${c.id} ${JSON.stringify(c.patch)}: apiserver ${JSON.stringify(w.result)}`).toBe(JSON.stringify(o.result && w.result ? (jsonEqual(o.result, w.result) ? o.result : w.result) : w.result));
    }
  });

  it("merge patch and JSON patch (300 cases each)", () => {
    const objs = fc.sample(fc.tuple(fc.object({ maxDepth: 3 }), fc.object({ maxDepth: 3 })), { numRuns: 300, seed: 9 });
    const merge: Case[] = objs.map(([a, b], i) => {
      const original = clean(a);
      return { id: `m${i}`, type: "merge", kind: "Pod", original, patch: i % 2 === 0 ? createMergePatch(original, clean(b)) : clean(b) };
    });
    const op = fc.record({
      op: fc.constantFrom("add", "remove", "replace", "test", "move", "copy"),
      path: fc.constantFrom("/metadata/labels/a", "/metadata/labels/b~1c", "/spec/containers/0", "/spec/containers/-", "/spec/containers/5", "/spec", "/nope/x"),
      from: fc.constantFrom("/metadata/labels/a", "/spec/containers/0", "/metadata"),
      value: fc.oneof(fc.constant("1"), fc.constant({ name: "x" }), fc.integer()),
    });
    const jsonCases: Case[] = fc.sample(fc.array(op, { minLength: 1, maxLength: 3 }), { numRuns: 300, seed: 11 }).map((ops, i) => ({
      id: `j${i}`, type: "json", kind: "Pod",
      original: { metadata: { name: "p", labels: { a: "1" } }, spec: { containers: [{ name: "c" }] } }, patch: ops as unknown as Json,
    }));
    const cases = [...merge, ...jsonCases];
    const want = oracle(cases);
    const diffs: string[] = [];
    for (const c of cases) {
      const o = ours(c); const w = want.get(c.id)!;
      const same = w.error !== undefined ? o.code === w.code : jsonEqual(o.result, w.result);
      if (!same) diffs.push(`${c.id}: original ${JSON.stringify(c.original)} patch ${JSON.stringify(c.patch)}\n ours ${JSON.stringify(o.result ?? `${o.code} ${o.error}`)}\n apiserver ${JSON.stringify(w.result ?? `${w.code} ${w.error}`)}`);
    }
    if (diffs.length > 0) console.log(diffs.join("\n")); expect(diffs.slice(0, 4).join("\n\n"), `${diffs.length} of ${cases.length} differ`).toBe("");
  });
});
