/**
 * Serving scenarios: discovery (aggregated and legacy, narrowed to the kinds the simulator serves),
 * /version's shape, the OpenAPI v3 index, server-side printing (Tables), and the Status answers to bad
 * input listed in the cluster issue.
 */
import {
  DISCOVERY_V2_ACCEPT, JSON_PATCH, TABLE_ACCEPT, configMap, del, get, patch, pod, post, watch, type RequestStep, type Scenario,
} from "../scenario.js";

const CM = "/api/v1/namespaces/{{ns}}/configmaps";
const PODS = "/api/v1/namespaces/{{ns}}/pods";
const CORE = ["pods", "configmaps", "services", "nodes", "namespaces"];
const APPS = ["deployments", "replicasets"];

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Aggregated discovery narrowed to our groups and resources (the real server serves ~50 more). */
function pickAggregated(groups: Record<string, readonly string[]>) {
  return (body: unknown): unknown => {
    if (!isObj(body)) return body;
    return {
      ...body,
      items: arr(body.items).filter((g) => isObj(g) && isObj(g.metadata) && String(g.metadata.name ?? "") in groups).map((g) => {
        const gg = g as Json;
        const name = String((gg.metadata as Json).name ?? "");
        return {
          ...gg,
          versions: arr(gg.versions).filter((v) => isObj(v) && v.version === "v1").map((v) => ({
            ...(v as Json),
            resources: arr((v as Json).resources).filter((r) => isObj(r) && (groups[name] ?? []).includes(String(r.resource))),
          })),
        };
      }),
    };
  };
}

function pickResourceList(names: readonly string[]) {
  return (body: unknown): unknown => isObj(body)
    ? { ...body, resources: arr(body.resources).filter((r) => isObj(r) && names.includes(String(r.name).split("/")[0] ?? "")) }
    : body;
}

function pickGroupList(body: unknown): unknown {
  return isObj(body) ? { ...body, groups: arr(body.groups).filter((g) => isObj(g) && g.name === "apps") } : body;
}

export const discovery: Scenario = {
  name: "discovery",
  title: "Discovery (aggregated v2 and legacy), /version, the OpenAPI v3 index",
  steps: [
    get("aggregated /api", "/api", { accept: DISCOVERY_V2_ACCEPT, pick: pickAggregated({ "": CORE }) }),
    get("aggregated /apis (apps only)", "/apis", { accept: DISCOVERY_V2_ACCEPT, pick: pickAggregated({ apps: APPS }) }),
    get("legacy /api", "/api", { pick: (b) => (isObj(b) ? { kind: b.kind, versions: b.versions } : b) }),
    get("legacy /apis (apps only)", "/apis", { pick: pickGroupList }),
    get("legacy /api/v1", "/api/v1", { pick: pickResourceList(CORE) }),
    get("legacy /apis/apps/v1", "/apis/apps/v1", { pick: pickResourceList(APPS) }),
    get("an unknown group version: 404", "/apis/nope.example/v1"),
    get("/version: the keys", "/version", { pick: (b) => (isObj(b) ? Object.keys(b).sort() : b) }),
    get("/openapi/v3: the paths for our group versions", "/openapi/v3", {
      pick: (b) => (isObj(b) && isObj(b.paths) ? Object.keys(b.paths).filter((p) => p === "api/v1" || p === "apis/apps/v1").sort() : b),
    }),
  ],
};

export const tables: Scenario = {
  name: "tables",
  title: "Server-side printing: Table lists, gets and includeObject for pods, ConfigMaps, deployments",
  steps: [
    post("create pod t1", PODS, pod("t1", { labels: { app: "t" } })),
    post("create pod t2 on node-a", PODS, pod("t2", { nodeName: "node-a", containers: ["a", "b"] })),
    post("create ConfigMap tc", CM, configMap("tc", { a: "1", b: "2" })),
    get("pods as a Table", PODS, { accept: TABLE_ACCEPT }),
    get("one pod as a Table", `${PODS}/t1`, { accept: TABLE_ACCEPT }),
    get("pods as a Table with includeObject=Object", `${PODS}?includeObject=Object`, { accept: TABLE_ACCEPT }),
    get("pods as a Table with includeObject=None", `${PODS}?includeObject=None`, { accept: TABLE_ACCEPT }),
    get("an empty Table", `${PODS}?labelSelector=app%3Dnone`, { accept: TABLE_ACCEPT }),
    get("ConfigMaps as a Table", CM, { accept: TABLE_ACCEPT }),
    get("deployments as a Table (none)", "/apis/apps/v1/namespaces/{{ns}}/deployments", { accept: TABLE_ACCEPT }),
    get("a paged Table", `${PODS}?limit=1`, { accept: TABLE_ACCEPT }),
    get("Accept only a Table (no JSON fallback)", PODS, { accept: "application/json;as=Table;v=v1;g=meta.k8s.io" }),
    get("Accept an unknown media type: 406", PODS, { accept: "application/x-unknown" }),
  ],
};

const big = JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "big" }, data: { x: "x".repeat(3 * 1024 * 1024 + 10) } });

const raw = (note: string, method: string, path: string, body: string, contentType = "application/json"): RequestStep =>
  ({ do: "request", note, method, path, body, contentType });

export const badInput: Scenario = {
  name: "bad-input",
  title: "Status codes and reasons for bad input",
  steps: [
    raw("malformed JSON body: 400", "POST", CM, "{not json"),
    post("kind does not match the resource: 400", CM, { apiVersion: "v1", kind: "Secret", metadata: { name: "x" } }),
    post("apiVersion does not match: 400", CM, { apiVersion: "apps/v1", kind: "ConfigMap", metadata: { name: "x" } }),
    post("metadata.namespace differs from the URL: 400", CM, { ...configMap("x"), metadata: { name: "x", namespace: "elsewhere" } }),
    post("no name and no generateName: 422", CM, { apiVersion: "v1", kind: "ConfigMap", metadata: {} }),
    post("an invalid name: 422", CM, configMap("Bad_Name")),
    post("an invalid label value: 422", CM, configMap("badlabel", {}, { app: "-x-" })),
    post("into a namespace that does not exist: 404", "/api/v1/namespaces/nope-{{run}}/configmaps", configMap("x")),
    post("an unknown field with fieldValidation=Strict: 400", `${CM}?fieldValidation=Strict`, { ...configMap("strict"), bogus: 1 }),
    post("an unknown field with fieldValidation=Warn: a Warning header", `${CM}?fieldValidation=Warn`, { ...configMap("warn"), bogus: 1 }),
    post("an unknown field by default (Warn)", CM, { ...configMap("default-warn"), bogus: 1 }),
    post("a pod without containers: 422", PODS, { apiVersion: "v1", kind: "Pod", metadata: { name: "empty" }, spec: { containers: [] } }),
    get("an unknown resource: 404", "/api/v1/namespaces/{{ns}}/widgets"),
    get("a missing object: 404", `${CM}/missing`),
    raw("PUT on a collection: 405", "PUT", CM, JSON.stringify(configMap("x"))),
    raw("POST on an object path: 405", "POST", `${CM}/x`, JSON.stringify(configMap("x"))),
    patch("an unsupported patch type: 415", `${CM}/x`, "application/xml", "<a/>"),
    raw("a body over 3 MiB: 413", "POST", CM, big),
    raw("DELETE with a malformed body: 400", "DELETE", `${CM}/x`, "{nope"),
    del("DELETE with propagationPolicy=Sideways: 422", `${CM}/x`, { propagationPolicy: "Sideways" }),
    post("create one to patch", CM, configMap("jp", { a: "1" })),
    patch("JSON patch test failure: 422", `${CM}/jp`, JSON_PATCH, [{ op: "test", path: "/data/a", value: "2" }]),
    get("a non-numeric resourceVersion on get (the real server answers 500)", `${CM}/jp?resourceVersion=abc`),
    get("an invalid limit: 400", `${CM}?limit=abc`),
    watch("watch=maybe is a watch (any value but 0/false is true)", `${CM}?watch=maybe&fieldSelector=metadata.name%3Djp`, { stopAfter: 1, maxMs: 5000 }),
  ],
};
