/**
 * Patch oracle: our merge patch, JSON patch and strategic-merge-lite (src/apimachinery) against the
 * libraries the real kube-apiserver uses (test/oracle/patchoracle: gopkg.in/evanphx/json-patch.v4 and
 * k8s.io/apimachinery/pkg/util/strategicpatch), on the same generated pods and patches (fast-check,
 * fixed seeds). Per case: equal results, or the same HTTP status for an error. Differences that are
 * understood are listed below with the reason; anything else fails.
 */
import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { applyPatch, createTwoWayMergePatch, PatchError, type Json, type JsonObject, type PatchType } from "../../src/apimachinery/index.js";
import { buildTools } from "./go.js";

interface Case { id: string; type: "json" | "merge" | "strategic"; kind: string; original: JsonObject; patch: Json }
interface Outcome { result?: Json; code?: number; error?: string }

const names = fc.constantFrom("a", "b", "c", "web", "sidecar");
const labelMap = fc.dictionary(fc.constantFrom("app", "tier", "v", "x"), fc.constantFrom("1", "2", "web", "db"), { maxKeys: 3 });
const container = fc.record({
  name: names,
  image: fc.constantFrom("nginx", "nginx:1.27", "busybox"),
  ports: fc.option(fc.uniqueArray(fc.record({ containerPort: fc.constantFrom(80, 443, 8080), protocol: fc.constantFrom("TCP", "UDP") }), { selector: (p) => p.containerPort, maxLength: 2 }), { nil: undefined }),
  env: fc.option(fc.uniqueArray(fc.record({ name: fc.constantFrom("A", "B", "C"), value: fc.constantFrom("1", "2") }), { selector: (e) => e.name, maxLength: 3 }), { nil: undefined }),
  args: fc.option(fc.array(fc.constantFrom("-v", "--x", "run"), { maxLength: 3 }), { nil: undefined }),
}, { requiredKeys: ["name", "image"] });
const podArb: fc.Arbitrary<JsonObject> = fc.record({
  labels: labelMap,
  finalizers: fc.uniqueArray(fc.constantFrom("f/a", "f/b", "f/c"), { maxLength: 3 }),
  containers: fc.uniqueArray(container, { selector: (c) => c.name, minLength: 1, maxLength: 3 }),
  volumes: fc.uniqueArray(fc.record({ name: names, emptyDir: fc.constant({}) }), { selector: (v) => v.name, maxLength: 2 }),
  nodeSelector: fc.option(labelMap, { nil: undefined }),
  tolerations: fc.option(fc.array(fc.record({ key: fc.constantFrom("k1", "k2"), operator: fc.constant("Exists") }), { maxLength: 2 }), { nil: undefined }),
}).map(({ labels, finalizers, containers, volumes, nodeSelector, tolerations }) => JSON.parse(JSON.stringify({
  apiVersion: "v1", kind: "Pod",
  metadata: { name: "p", namespace: "default", labels, ...(finalizers.length ? { finalizers } : {}) },
  spec: { containers, ...(volumes.length ? { volumes } : {}), ...(nodeSelector ? { nodeSelector } : {}), ...(tolerations ? { tolerations } : {}) },
})) as JsonObject);

/** A merge patch over the pod's fields, with nulls (deletes). */
const mergePatchArb: fc.Arbitrary<JsonObject> = fc.record({
  metadata: fc.option(fc.record({ labels: fc.dictionary(fc.constantFrom("app", "tier", "v", "x"), fc.option(fc.constantFrom("1", "web"), { nil: null }), { maxKeys: 3 }) }), { nil: undefined }),
  spec: fc.option(fc.record({
    nodeSelector: fc.option(fc.option(labelMap, { nil: null }), { nil: undefined }),
    containers: fc.option(fc.array(container, { maxLength: 2 }), { nil: undefined }),
    tolerations: fc.option(fc.constant(null), { nil: undefined }),
  }, { requiredKeys: [] }), { nil: undefined }),
}, { requiredKeys: [] }).map((p) => JSON.parse(JSON.stringify(p)) as JsonObject);

const jsonPathArb = fc.constantFrom("/metadata/labels/app", "/metadata/labels/new", "/metadata/finalizers/0", "/metadata/finalizers/-",
  "/spec/containers/0/image", "/spec/containers/1", "/spec/containers/-", "/spec/nodeSelector", "/spec/missing/x", "/metadata/labels");
const jsonOpArb: fc.Arbitrary<JsonObject> = fc.oneof(
  fc.record({ op: fc.constantFrom("add", "replace", "test"), path: jsonPathArb, value: fc.constantFrom<Json>("web", 1, { a: "b" }, ["x"], null) }),
  fc.record({ op: fc.constant("remove"), path: jsonPathArb }),
  fc.record({ op: fc.constantFrom("move", "copy"), from: jsonPathArb, path: jsonPathArb }),
) as fc.Arbitrary<JsonObject>;

/** Strategic patches: our own two-way diff of two pods, plus directive-laden hand-made ones. */
const directivePatchArb: fc.Arbitrary<JsonObject> = fc.record({
  deleteContainer: fc.option(names, { nil: undefined }),
  order: fc.option(fc.uniqueArray(names, { maxLength: 3 }), { nil: undefined }),
  upsert: fc.option(container, { nil: undefined }),
  deleteFinalizers: fc.option(fc.uniqueArray(fc.constantFrom("f/a", "f/b", "f/x"), { maxLength: 2 }), { nil: undefined }),
  replaceLabels: fc.boolean(),
  retainVolumes: fc.option(fc.uniqueArray(fc.constantFrom("emptyDir", "hostPath"), { maxLength: 1 }), { nil: undefined }),
}).map(({ deleteContainer, order, upsert, deleteFinalizers, replaceLabels, retainVolumes }) => {
  const containers: Json[] = [];
  if (upsert) containers.push(JSON.parse(JSON.stringify(upsert)) as Json);
  if (deleteContainer) containers.push({ $patch: "delete", name: deleteContainer });
  const spec: JsonObject = {};
  if (containers.length) spec.containers = containers;
  if (order) spec["$setElementOrder/containers"] = order.map((name) => ({ name }));
  if (retainVolumes) spec.volumes = [{ name: "a", $retainKeys: ["name", ...retainVolumes] }];
  const metadata: JsonObject = {};
  if (deleteFinalizers) metadata["$deleteFromPrimitiveList/finalizers"] = deleteFinalizers;
  if (replaceLabels) metadata.labels = { $patch: "replace", fresh: "yes" };
  return { ...(Object.keys(metadata).length ? { metadata } : {}), ...(Object.keys(spec).length ? { spec } : {}) };
});

function cases(): Case[] {
  const out: Case[] = [];
  const pods = fc.sample(podArb, { numRuns: 150, seed: 18 });
  const others = fc.sample(podArb, { numRuns: 150, seed: 1718 });
  const merges = fc.sample(mergePatchArb, { numRuns: 150, seed: 7396 });
  const jsonOps = fc.sample(fc.array(jsonOpArb, { minLength: 1, maxLength: 3 }), { numRuns: 150, seed: 6902 });
  const directives = fc.sample(directivePatchArb, { numRuns: 150, seed: 2 });
  pods.forEach((original, i) => {
    out.push({ id: `merge-${i}`, type: "merge", kind: "Pod", original, patch: merges[i]! });
    out.push({ id: `json-${i}`, type: "json", kind: "Pod", original, patch: jsonOps[i]! as Json });
    out.push({ id: `smp-diff-${i}`, type: "strategic", kind: "Pod", original, patch: createTwoWayMergePatch(original, others[i]!, "Pod") });
    out.push({ id: `smp-directives-${i}`, type: "strategic", kind: "Pod", original, patch: directives[i]! });
  });
  return out;
}

function ours(c: Case): Outcome {
  try {
    return { result: applyPatch(c.type as PatchType, structuredClone(c.original), JSON.stringify(c.patch), c.kind) };
  } catch (e) {
    if (e instanceof PatchError) return { code: e.code, error: e.message };
    throw e;
  }
}

/** Canonical JSON: object keys sorted (Go maps marshal sorted), list order kept. */
function canon(v: Json | undefined): string {
  return JSON.stringify(v, (_k, x: unknown) => (x !== null && typeof x === "object" && !Array.isArray(x)
    ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x));
}

const MERGE_KEYS = ["name", "containerPort", "mountPath", "uid", "type", "ip", "port"];

/** Sorts every list whose elements all carry the same merge key, by that key (order-insensitive view). */
function sortMergeLists(v: Json | undefined): Json | undefined {
  if (Array.isArray(v)) {
    const items = v.map((x) => sortMergeLists(x) as Json);
    const key = MERGE_KEYS.find((k) => items.length > 0 && items.every((x) => x !== null && typeof x === "object" && !Array.isArray(x) && k in x));
    if (key === undefined) return items;
    return [...items].sort((a, b) => {
      const x = String((a as JsonObject)[key]), y = String((b as JsonObject)[key]);
      return x < y ? -1 : x > y ? 1 : 0;
    });
  }
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, sortMergeLists(x) as Json]));
  return v;
}

/** Drops every "$retainKeys" member. */
function withoutRetainKeys(v: Json | undefined): Json | undefined {
  if (Array.isArray(v)) return v.map((x) => withoutRetainKeys(x) as Json);
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).filter(([k]) => k !== "$retainKeys").map(([k, x]) => [k, withoutRetainKeys(x) as Json]));
  return v;
}

/**
 * Differences the oracle found in src/apimachinery (owned by the cluster work, issue 17; listed here, not
 * fixed here). Found and since fixed there (07:10–07:20): new merge-list items go first (normalizeElementOrder),
 * `$patch: delete` items act before the merge, evanphx v4's replace/copy/move of a missing member. Each either excuses an error-vs-result pair or is a normalisation of both results; a case
 * passes when, after the normalisations, both sides agree. Every entry must be needed at least once.
 */
interface Known {
  name: string;
  source: string;
  /** An error on one side and a result on the other that this difference explains. */
  excuse?: (c: Case, go: Outcome, ts: Outcome) => boolean;
  /** Applied to both results before comparing. */
  normalise?: (v: Json | undefined) => Json | undefined;
  /** Our code driven to Go's semantics (undefined: not applicable to this case). */
  emulate?: (c: Case) => Outcome | undefined;
  /** Limits a normalisation to the cases it is about. */
  applies?: (c: Case) => boolean;
}

const isObj = (v: Json | undefined): v is JsonObject => v !== null && typeof v === "object" && !Array.isArray(v);
const isDeleteItem = (v: Json): boolean => isObj(v) && v.$patch === "delete";

const KNOWN: Known[] = [
  {
    name: "strategic merge: a $setElementOrder list that does not hold the patch list's items in order is an error (500); ours applies the patch",
    source: "k8s.io/apimachinery/pkg/util/strategicpatch patch.go: validatePatchWithSetOrderList (a plain error, so the apiserver's interpretStrategicMergePatchError answers 500)",
    excuse: (c, go, ts) => c.type === "strategic" && go.code === 500 && /doesn't match \$setElementOrder list/.test(go.error ?? "") && ts.code === undefined,
  },
  {
    name: "strategic merge: when $setElementOrder names an item the same patch deletes, Go's order of the merged list differs from ours (cause not pinned down)",
    source: "k8s.io/apimachinery/pkg/util/strategicpatch patch.go: mergePatchIntoOriginal → mergeSliceHandler (deleteMatchingEntries edits the live list) → normalizeElementOrder with that live list as serverOrder",
    applies: (c) => {
      const spec = isObj(c.patch) && isObj(c.patch.spec) ? c.patch.spec : undefined;
      const order = spec?.["$setElementOrder/containers"];
      const list = spec?.containers;
      if (!Array.isArray(order) || !Array.isArray(list)) return false;
      const named = new Set(order.map((x) => (isObj(x) ? x.name : undefined)));
      return list.some((x) => isDeleteItem(x) && isObj(x) && named.has(x.name));
    },
    normalise: sortMergeLists,
  },
  {
    name: "strategic merge: a $retainKeys directive in a list item with no live counterpart is kept verbatim (ours drops it)",
    source: "k8s.io/apimachinery/pkg/util/strategicpatch patch.go: mergeSliceWithoutSpecialElements appends the patch item as it is; only mergeMap (an item that exists) applies $retainKeys",
    normalise: withoutRetainKeys,
  },
];

describe("patches: our src/apimachinery vs the kube-apiserver's libraries", () => {
  const all = cases();
  const go = new Map<string, Outcome>();
  beforeAll(() => {
    const { patchoracle } = buildTools();
    const r = spawnSync(patchoracle, [], { input: all.map((c) => JSON.stringify(c)).join("\n") + "\n", encoding: "utf8", maxBuffer: 64 << 20 });
    if (r.status !== 0) throw new Error(`patchoracle failed: ${r.stderr}`);
    for (const line of r.stdout.trim().split("\n")) {
      const o = JSON.parse(line) as { id: string } & Outcome;
      go.set(o.id, o);
    }
  });

  const used = new Map<string, number>();
  for (const type of ["merge", "json", "smp-diff", "smp-directives"] as const) {
    it(`${type}: ${all.filter((c) => c.id.startsWith(`${type}-`)).length} generated cases agree`, () => {
      const problems: string[] = [];
      let errors = 0;
      let excused = 0;
      for (const c of all.filter((x) => x.id.startsWith(`${type}-`))) {
        const g = go.get(c.id);
        if (g === undefined) { problems.push(`${c.id}: no answer from the Go oracle`); continue; }
        const t = ours(c);
        if (g.code !== undefined) errors++;
        if (g.code !== undefined || t.code !== undefined) {
          if (g.code === t.code) continue;
          const k = KNOWN.find((x) => x.excuse?.(c, g, t));
          if (k !== undefined) { used.set(k.name, (used.get(k.name) ?? 0) + 1); excused++; continue; }
        } else {
          if (canon(g.result) === canon(t.result)) continue;
          // Emulations replace our result, normalisations apply to both; skip one to see if it is needed.
          const agreeWithout = (skip: string | undefined): boolean => {
            let a = g.result, b = t.result;
            for (const k of KNOWN) {
              if (k.name === skip || (k.applies !== undefined && !k.applies(c))) continue;
              const e = k.emulate?.(c);
              if (e?.result !== undefined) b = e.result;
              if (k.normalise !== undefined) [a, b] = [k.normalise(a), k.normalise(b)];
            }
            return canon(a) === canon(b);
          };
          if (agreeWithout(undefined)) {
            for (const k of KNOWN) {
              if ((k.emulate === undefined && k.normalise === undefined) || agreeWithout(k.name)) continue;
              used.set(k.name, (used.get(k.name) ?? 0) + 1);
              if (process.env.ORACLE_DUMP) console.log(`${c.id} needs "${k.name}":\n  patch: ${canon(c.patch)}\n  original: ${canon(c.original)}\n  go: ${canon(g.result)}\n  ts: ${canon(t.result)}`);
            }
            excused++;
            continue;
          }
        }
        problems.push(`${c.id}:\n  original: ${canon(c.original)}\n  patch:    ${canon(c.patch)}\n  go: ${g.code ?? ""} ${g.error ?? canon(g.result)}\n  ts: ${t.code ?? ""} ${t.error ?? canon(t.result)}`);
      }
      console.log(`${type}: ${errors} error case(s) on the Go side, ${excused} case(s) differ only by a listed difference`);
      expect(problems.slice(0, 8).join("\n"), `${problems.length} disagreement(s)`).toBe("");
    });
  }

  it("every listed difference still happens", () => {
    for (const k of KNOWN) console.log(`${used.get(k.name) ?? 0} × ${k.name}\n    (${k.source})`);
    expect(KNOWN.filter((k) => !used.has(k.name)).map((k) => k.name)).toEqual([]);
  });
});
