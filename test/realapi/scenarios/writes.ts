/**
 * Write scenarios: create/get/update with optimistic concurrency and no-op writes, deletes with grace,
 * preconditions, dry-run and finalizers, and the four patch types (merge, JSON, strategic, apply).
 */
import {
  APPLY_PATCH, JSON_PATCH, MERGE_PATCH, SMP, configMap, del, get, patch, pod, post, put, type Scenario,
} from "../scenario.js";

const CM = "/api/v1/namespaces/{{ns}}/configmaps";
const PODS = "/api/v1/namespaces/{{ns}}/pods";
const DEPLOY = "/apis/apps/v1/namespaces/{{ns}}/deployments";

export const crud: Scenario = {
  name: "crud",
  title: "Create, get, update (409 on a stale RV, unconditional, no-op) and delete a ConfigMap",
  steps: [
    post("create", CM, configMap("a", { k: "1" }), { id: "c1" }),
    get("get it", `${CM}/a`),
    post("create it again: 409 AlreadyExists", CM, configMap("a", { k: "1" })),
    put("update with the current RV", `${CM}/a`, { ...configMap("a", { k: "2" }), metadata: { name: "a", resourceVersion: "{{c1.metadata.resourceVersion}}" } }, { id: "u1" }),
    put("update with the stale RV: 409 Conflict", `${CM}/a`, { ...configMap("a", { k: "3" }), metadata: { name: "a", resourceVersion: "{{c1.metadata.resourceVersion}}" } }),
    put("update without an RV (ConfigMaps allow unconditional updates)", `${CM}/a`, configMap("a", { k: "4" }), { id: "u2" }),
    put("update with the stored object unchanged: no new RV", `${CM}/a`, "{{u2}}"),
    get("get after the no-op", `${CM}/a`),
    put("update whose body names another object: 400", `${CM}/a`, configMap("b", { k: "5" })),
    put("update of a missing object: 404", `${CM}/missing`, configMap("missing", { k: "1" })),
    del("delete", `${CM}/a`),
    get("get after delete: 404", `${CM}/a`),
    del("delete again: 404", `${CM}/a`),
    post("create with generateName", CM, { apiVersion: "v1", kind: "ConfigMap", metadata: { generateName: "gen-" }, data: {} }),
  ],
};

export const deletes: Scenario = {
  name: "deletes",
  title: "Graceful pod deletion (unbound and bound), preconditions, dry-run, finalizers",
  steps: [
    post("create an unbound pod", PODS, pod("p1")),
    del("delete it with gracePeriodSeconds=30 (unbound: at once)", `${PODS}/p1`, { gracePeriodSeconds: 30 }),
    get("get it: 404", `${PODS}/p1`),
    post("create a bound pod", PODS, pod("p2", { nodeName: "node-a" }), { id: "p2" }),
    del("delete it with gracePeriodSeconds=30: terminating", `${PODS}/p2`, { gracePeriodSeconds: 30 }),
    get("get it: still there with deletionTimestamp", `${PODS}/p2`),
    del("delete it again with a longer grace (no change)", `${PODS}/p2`, { gracePeriodSeconds: 60 }),
    del("delete it with gracePeriodSeconds=0: gone", `${PODS}/p2`, { gracePeriodSeconds: 0 }),
    get("get it: 404", `${PODS}/p2`),
    post("create a ConfigMap", "/api/v1/namespaces/{{ns}}/configmaps", configMap("pre", { k: "1" }), { id: "pre" }),
    del("delete with a uid precondition that does not match: 409", "/api/v1/namespaces/{{ns}}/configmaps/pre", { preconditions: { uid: "00000000-0000-0000-0000-000000000000" } }),
    put("update it", "/api/v1/namespaces/{{ns}}/configmaps/pre", configMap("pre", { k: "2" })),
    del("delete with a stale resourceVersion precondition: 409", "/api/v1/namespaces/{{ns}}/configmaps/pre", { preconditions: { resourceVersion: "{{pre.metadata.resourceVersion}}" } }),
    del("delete with dryRun=All", "/api/v1/namespaces/{{ns}}/configmaps/pre?dryRun=All"),
    get("still there after the dry run", "/api/v1/namespaces/{{ns}}/configmaps/pre"),
    del("delete with the matching uid precondition", "/api/v1/namespaces/{{ns}}/configmaps/pre", { preconditions: { uid: "{{pre.metadata.uid}}" } }),
    post("create a ConfigMap with a finalizer", "/api/v1/namespaces/{{ns}}/configmaps", configMap("fin", { k: "1" }, undefined, { finalizers: ["example.com/hold"] })),
    del("delete it: kept, with deletionTimestamp", "/api/v1/namespaces/{{ns}}/configmaps/fin"),
    get("get it while it terminates", "/api/v1/namespaces/{{ns}}/configmaps/fin"),
    patch("try to add a finalizer while terminating", "/api/v1/namespaces/{{ns}}/configmaps/fin", MERGE_PATCH, { metadata: { finalizers: ["example.com/hold", "example.com/more"] } }),
    patch("empty the finalizers: the object goes", "/api/v1/namespaces/{{ns}}/configmaps/fin", MERGE_PATCH, { metadata: { finalizers: null } }),
    get("get it: 404", "/api/v1/namespaces/{{ns}}/configmaps/fin"),
    post("create a pod with a finalizer, bound", PODS, pod("p3", { nodeName: "node-a", meta: { finalizers: ["example.com/hold"] } })),
    del("delete it with gracePeriodSeconds=0", `${PODS}/p3`, { gracePeriodSeconds: 0 }),
    get("get it: kept by the finalizer", `${PODS}/p3`),
    patch("empty its finalizers", `${PODS}/p3`, MERGE_PATCH, { metadata: { finalizers: null } }),
    get("get it: 404", `${PODS}/p3`),
  ],
};

const deployment = (name: string, containers: readonly string[]): Record<string, unknown> => ({
  apiVersion: "apps/v1", kind: "Deployment",
  metadata: { name },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: containers.map((c) => ({ name: c, image: `registry.example/${c}:1` })) },
    },
  },
});

export const patches: Scenario = {
  name: "patches",
  title: "PATCH: merge, JSON (incl. a failing test), strategic (merge keys, directives), apply, bad patch types",
  steps: [
    post("create", CM, configMap("pc", { a: "1" }, { x: "1" }), { id: "pc" }),
    patch("merge patch: add/remove labels and data", `${CM}/pc`, MERGE_PATCH, { metadata: { labels: { y: "2", x: null } }, data: { b: "2" } }),
    patch("JSON patch: add and replace", `${CM}/pc`, JSON_PATCH, [{ op: "add", path: "/data/c", value: "3" }, { op: "replace", path: "/data/a", value: "9" }]),
    patch("JSON patch whose test fails: 422", `${CM}/pc`, JSON_PATCH, [{ op: "test", path: "/data/a", value: "nope" }]),
    patch("JSON patch removing a missing path: 422", `${CM}/pc`, JSON_PATCH, [{ op: "remove", path: "/data/zzz" }]),
    patch("JSON patch that is not a list: 400", `${CM}/pc`, JSON_PATCH, { op: "add" }),
    patch("strategic merge patch on a ConfigMap", `${CM}/pc`, SMP, { data: { d: "4" } }),
    patch("merge patch with a stale RV: 409", `${CM}/pc`, MERGE_PATCH, { metadata: { resourceVersion: "{{pc.metadata.resourceVersion}}" }, data: { e: "5" } }),
    patch("merge patch that changes nothing: same RV", `${CM}/pc`, MERGE_PATCH, { data: { d: "4" } }),
    patch("merge patch of a missing object: 404", `${CM}/nope`, MERGE_PATCH, { data: { a: "1" } }),
    patch("malformed merge patch: 400", `${CM}/pc`, MERGE_PATCH, "{not json"),
    patch("unsupported patch type: 415", `${CM}/pc`, "text/plain", "a=b"),
    post("create a deployment with containers a, b", DEPLOY, deployment("d1", ["a", "b"])),
    patch("SMP: set c's image by merge key, delete a, set the order", `${DEPLOY}/d1`, SMP, {
      spec: { template: { spec: {
        "$setElementOrder/containers": [{ name: "b" }, { name: "c" }],
        containers: [{ name: "c", image: "registry.example/c:1" }, { $patch: "delete", name: "a" }],
      } } },
    }),
    patch("SMP: replace the whole container list", `${DEPLOY}/d1`, SMP, {
      spec: { template: { spec: { containers: [{ name: "z", image: "registry.example/z:1" }, { $patch: "replace" }] } } },
    }),
    patch("merge patch on the deployment (lists replace)", `${DEPLOY}/d1`, MERGE_PATCH, { spec: { replicas: 3 } }),
    patch("apply: create a new ConfigMap", `${CM}/applied?fieldManager=tester`, APPLY_PATCH, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "applied" }, data: { a: "1" } }),
    patch("apply again with a change", `${CM}/applied?fieldManager=tester`, APPLY_PATCH, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "applied" }, data: { a: "2", b: "1" } }),
    patch("apply the same field from another manager: 409 conflict", `${CM}/applied?fieldManager=other`, APPLY_PATCH, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "applied" }, data: { a: "3" } }),
    patch("apply with force from another manager", `${CM}/applied?fieldManager=other&force=true`, APPLY_PATCH, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "applied" }, data: { a: "3" } }),
    patch("apply without fieldManager: 422", `${CM}/applied`, APPLY_PATCH, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "applied" }, data: { a: "4" } }),
    patch("apply as YAML: 409, .data.a now belongs to \"other\"", `${CM}/applied?fieldManager=tester`, APPLY_PATCH, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\ndata:\n  a: \"2\"\n  c: \"1\"\n"),
    get("get the applied ConfigMap", `${CM}/applied`),
  ],
};
