// Patch types (src/apimachinery): merge patch, JSON patch (evanphx error codes), strategic-merge-lite
// with the directives kubectl sends (patches copied from wire.md §2.5's probe log), and a property test:
// our two-way SMP diff applied by our SMP gives the target.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  applyJsonPatch, applyMergePatch, applyPatch, applyStrategicMergePatch, createMergePatch, createTwoWayMergePatch,
  decodeJsonPatch, PatchError, patchTypeOf, type Json, type JsonObject,
} from "../../../src/apimachinery/index.js";

const pod = (containers: JsonObject[], extra: JsonObject = {}): JsonObject => ({
  apiVersion: "v1", kind: "Pod", metadata: { name: "alpha", labels: { app: "web" } }, spec: { containers }, ...extra,
});

describe("merge patch (RFC 7396)", () => {
  it("null deletes, objects merge, lists replace", () => {
    expect(applyMergePatch({ a: 1, b: { c: 2, d: 3 }, l: [1, 2] }, { a: null, b: { c: 5 }, l: [3] }))
      .toEqual({ b: { c: 5, d: 3 }, l: [3] });
  });
  it("kubectl label a- sends null", () => {
    expect(applyMergePatch(pod([]), { metadata: { labels: { app: null, a: "b" } } })).toEqual({
      ...pod([]), metadata: { name: "alpha", labels: { a: "b" } },
    });
  });
  it("inherited names and __proto__ are plain fields (a counterexample fast-check found: a key named toString)", () => {
    expect(applyMergePatch({}, createMergePatch({ toString: {} } as JsonObject, {}))).toEqual({});
    expect(applyMergePatch({ constructor: 1 } as JsonObject, { constructor: null })).toEqual({});
    const proto = JSON.parse('{"__proto__": {"polluted": 1}}') as JsonObject;
    const out = applyMergePatch({}, proto) as JsonObject;
    expect(Object.keys(out)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(applyStrategicMergePatch({}, { toString: { a: 1 } } as JsonObject, "Pod")).toEqual({ toString: { a: 1 } });
  });
  it("createMergePatch round-trips", () => {
    fc.assert(fc.property(fc.object() as fc.Arbitrary<JsonObject>, fc.object() as fc.Arbitrary<JsonObject>, (a, b) => {
      // JSON first (Infinity and NaN become null), then drop object nulls (they mean "delete" in a merge patch).
      const clean = (x: unknown): JsonObject => JSON.parse(JSON.stringify(JSON.parse(JSON.stringify(x)), (_k, v) => (v === null ? undefined : v)) ?? "{}") as JsonObject;
      const x = clean(a); const y = clean(b);
      expect(applyMergePatch(x, createMergePatch(x, y))).toEqual(y);
    }), { numRuns: 500 });
  });
});

describe("JSON patch (RFC 6902)", () => {
  const doc: Json = { metadata: { labels: { a: "1" } }, spec: { list: [1, 2, 3] } };
  it("applies add/remove/replace/move/copy/test in order", () => {
    const out = applyJsonPatch(doc, decodeJsonPatch([
      { op: "test", path: "/metadata/labels/a", value: "1" },
      { op: "add", path: "/metadata/labels/b~1c", value: "2" },
      { op: "replace", path: "/spec/list/0", value: 9 },
      { op: "add", path: "/spec/list/-", value: 4 },
      { op: "remove", path: "/spec/list/1" },
      { op: "copy", from: "/metadata/labels/a", path: "/metadata/labels/z" },
      { op: "move", from: "/metadata/labels/a", path: "/metadata/labels/y" },
    ]));
    expect(out).toEqual({ metadata: { labels: { "b/c": "2", z: "1", y: "1" } }, spec: { list: [9, 3, 4] } });
    expect(doc).toEqual({ metadata: { labels: { a: "1" } }, spec: { list: [1, 2, 3] } });   // not mutated
  });
  it("a failed test is a 422; a body that is not a list is a 400; a missing path is a 422", () => {
    const code = (f: () => unknown): number => { try { f(); } catch (e) { return (e as PatchError).code; } return 0; };
    expect(code(() => applyJsonPatch(doc, decodeJsonPatch([{ op: "test", path: "/metadata/labels/a", value: "2" }])))).toBe(422);
    expect(code(() => decodeJsonPatch({ op: "add" }))).toBe(400);
    expect(code(() => decodeJsonPatch([{ op: "frob", path: "/a" }]))).toBe(400);
    expect(code(() => applyJsonPatch(doc, decodeJsonPatch([{ op: "remove", path: "/nope/x" }])))).toBe(422);
    expect(code(() => applyJsonPatch(doc, decodeJsonPatch([{ op: "replace", path: "/spec/list/7", value: 1 }])))).toBe(422);
  });
});

describe("strategic merge patch (lite)", () => {
  const base = pod([{ name: "c", image: "nginx" }]);
  it("kubectl apply: image changed and a container added ($setElementOrder)", () => {
    const out = applyStrategicMergePatch(base, { spec: {
      "$setElementOrder/containers": [{ name: "c" }, { name: "sidecar" }],
      containers: [{ image: "nginx:1.27", name: "c" }, { image: "busybox", name: "sidecar" }] } } as JsonObject, "Pod");
    expect(out["spec"]).toEqual({ containers: [{ name: "c", image: "nginx:1.27" }, { name: "sidecar", image: "busybox" }] });
  });
  it("kubectl apply: a container removed with $patch: delete", () => {
    const two = pod([{ name: "c", image: "nginx:1.27" }, { name: "sidecar", image: "busybox" }]);
    const out = applyStrategicMergePatch(two, { spec: {
      "$setElementOrder/containers": [{ name: "c" }],
      containers: [{ image: "nginx", name: "c" }, { $patch: "delete", name: "sidecar" }] } } as JsonObject, "Pod");
    expect(out["spec"]).toEqual({ containers: [{ name: "c", image: "nginx" }] });
  });
  it("ports merge by containerPort inside containers, by port in a Service", () => {
    const p = pod([{ name: "c", ports: [{ containerPort: 80, name: "http" }] }]);
    const out = applyStrategicMergePatch(p, { spec: { containers: [{ name: "c", ports: [{ containerPort: 443 }] }] } } as JsonObject, "Pod");
    // Without $setElementOrder a new element comes before the server-only ones (upstream normalizeElementOrder).
    expect((out["spec"] as JsonObject)["containers"]).toEqual([{ name: "c", ports: [{ containerPort: 443 }, { containerPort: 80, name: "http" }] }]);
    const svc = { kind: "Service", metadata: { name: "s" }, spec: { ports: [{ port: 80, targetPort: 8080 }] } } as JsonObject;
    const s2 = applyStrategicMergePatch(svc, { spec: { ports: [{ port: 80, targetPort: 9090 }] } } as JsonObject, "Service");
    expect(s2["spec"]).toEqual({ ports: [{ port: 80, targetPort: 9090 }] });
  });
  it("finalizers merge as a set; $deleteFromPrimitiveList removes; other lists replace", () => {
    const o = { metadata: { name: "a", finalizers: ["x", "y"] }, spec: { containers: [{ name: "c", args: ["1", "2"] }] } } as JsonObject;
    const out = applyStrategicMergePatch(o, { metadata: { finalizers: ["z"], "$deleteFromPrimitiveList/finalizers": ["x"] },
      spec: { containers: [{ name: "c", args: ["3"] }] } } as JsonObject, "Pod");
    expect(out).toEqual({ metadata: { name: "a", finalizers: ["z", "y"] }, spec: { containers: [{ name: "c", args: ["3"] }] } });
  });
  it("$patch: replace on a map and on a list; $retainKeys on a Deployment strategy", () => {
    const o = { spec: { selector: { a: "1", b: "2" }, containers: [{ name: "a" }, { name: "b" }] } } as JsonObject;
    const out = applyStrategicMergePatch(o, { spec: { selector: { $patch: "replace", c: "3" },
      containers: [{ $patch: "replace" }, { name: "z" }] } } as JsonObject, "Pod");
    expect(out).toEqual({ spec: { selector: { c: "3" }, containers: [{ name: "z" }] } });
    const d = { kind: "Deployment", spec: { strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1 } } } } as JsonObject;
    const d2 = applyStrategicMergePatch(d, { spec: { strategy: { $retainKeys: ["type"], type: "Recreate" } } } as JsonObject, "Deployment");
    expect(d2).toEqual({ kind: "Deployment", spec: { strategy: { type: "Recreate" } } });
  });
  it("an element without its merge key is a 422", () => {
    expect(() => applyStrategicMergePatch(base, { spec: { containers: [{ image: "x" }] } } as JsonObject, "Pod")).toThrow(/merge key: name/);
  });

  // Generated pod specs: containers with env/ports, labels, finalizers, a replaced list (args).
  const name = fc.constantFrom("a", "b", "c", "d");
  const container = fc.record({
    name, image: fc.constantFrom("nginx", "busybox", "redis:7"),
    args: fc.option(fc.array(fc.constantFrom("x", "y", "z"), { maxLength: 3 }), { nil: undefined }),
    env: fc.option(fc.uniqueArray(fc.record({ name: fc.constantFrom("A", "B", "C"), value: fc.constantFrom("1", "2") }), { selector: (e) => e.name, maxLength: 3 }), { nil: undefined }),
    ports: fc.option(fc.uniqueArray(fc.record({ containerPort: fc.constantFrom(80, 443, 8080), protocol: fc.constantFrom("TCP", "UDP") }), { selector: (p) => p.containerPort, maxLength: 2 }), { nil: undefined }),
  }, { requiredKeys: ["name", "image"] });
  const podArb = fc.record({
    metadata: fc.record({
      name: fc.constant("p"),
      labels: fc.option(fc.dictionary(fc.constantFrom("app", "tier", "x"), fc.constantFrom("1", "2")), { nil: undefined }),
      finalizers: fc.option(fc.uniqueArray(fc.constantFrom("f1", "f2", "f3"), { maxLength: 3 }), { nil: undefined }),
    }, { requiredKeys: ["name"] }),
    spec: fc.record({
      containers: fc.uniqueArray(container, { selector: (c) => c.name, minLength: 1, maxLength: 3 }),
      nodeName: fc.option(fc.constantFrom("n1", "n2"), { nil: undefined }),
    }, { requiredKeys: ["containers"] }),
  });
  const clean = (x: unknown): JsonObject => JSON.parse(JSON.stringify(x)) as JsonObject;
  it("property: apply(createTwoWayMergePatch(a, b), a) == b over generated pods", () => {
    fc.assert(fc.property(podArb, podArb, (a0, b0) => {
      const a = clean(a0); const b = clean(b0);
      const patch = createTwoWayMergePatch(a, b, "Pod");
      expect(applyStrategicMergePatch(a, patch, "Pod")).toEqual(b);
    }), { numRuns: 500 });
  });
});

describe("applyPatch dispatch", () => {
  it("maps content types and decodes YAML for apply", () => {
    expect(patchTypeOf("application/merge-patch+json; charset=utf-8")).toBe("merge");
    expect(patchTypeOf("application/json")).toBeUndefined();
    const out = applyPatch("apply", pod([{ name: "c", image: "nginx" }]), "spec:\n  containers:\n  - name: c\n    image: redis\n", "Pod");
    expect((out["spec"] as JsonObject)["containers"]).toEqual([{ name: "c", image: "redis" }]);
    expect(() => applyPatch("merge", pod([]), "{not json", "Pod")).toThrow(PatchError);
  });
});
