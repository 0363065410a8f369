/**
 * Read scenarios: label and field selectors, paging with continue (consistent snapshot, Exact lists),
 * and what etcd compaction does to old resourceVersions and continue tokens.
 */
import { compact, configMap, get, patch, pod, post, watch, MERGE_PATCH, type Scenario } from "../scenario.js";

const CM = "/api/v1/namespaces/{{ns}}/configmaps";
const PODS = "/api/v1/namespaces/{{ns}}/pods";
const enc = encodeURIComponent;

export const selectors: Scenario = {
  name: "selectors",
  title: "Label and field selectors on lists, valid and invalid",
  steps: [
    post("create s1 app=web,tier=fe", CM, configMap("s1", {}, { app: "web", tier: "fe" })),
    post("create s2 app=web,tier=be", CM, configMap("s2", {}, { app: "web", tier: "be" })),
    post("create s3 app=db", CM, configMap("s3", {}, { app: "db" })),
    post("create s4 without labels", CM, configMap("s4")),
    ...["app=web", "app!=web", "app in (web,db)", "tier notin (fe)", "tier", "!tier", "app=web,tier=be", "app==web", ""].map((s) =>
      get(`labelSelector=${s}`, `${CM}?labelSelector=${enc(s)}`)),
    ...["metadata.name=s2", "metadata.name!=s2", "metadata.namespace={{ns}}", "metadata.name==s3"].map((s) =>
      get(`fieldSelector=${s}`, `${CM}?fieldSelector=${enc(s)}`)),
    get("labelSelector and fieldSelector together", `${CM}?labelSelector=app%3Dweb&fieldSelector=metadata.name%3Ds1`),
    get("invalid labelSelector: 400", `${CM}?labelSelector=${enc("app=web=x")}`),
    get("invalid label value: 400", `${CM}?labelSelector=${enc("app=-bad-")}`),
    get("unsupported field: 400", `${CM}?fieldSelector=${enc("data.k=1")}`),
    get("invalid fieldSelector syntax: 400", `${CM}?fieldSelector=${enc("metadata.name")}`),
    post("create pod on node-a", PODS, pod("fp1", { nodeName: "node-a" })),
    post("create pod unbound", PODS, pod("fp2")),
    get("pods fieldSelector spec.nodeName=node-a", `${PODS}?fieldSelector=${enc("spec.nodeName=node-a")}`),
    get("pods fieldSelector spec.nodeName= (unbound)", `${PODS}?fieldSelector=${enc("spec.nodeName=")}`),
    get("pods fieldSelector status.phase=Pending", `${PODS}?fieldSelector=${enc("status.phase=Pending")}`),
    get("all-namespaces list with a labelSelector", `/api/v1/configmaps?labelSelector=${enc("app=db")}&fieldSelector=${enc("metadata.namespace={{ns}}")}`),
  ],
};

export const paging: Scenario = {
  name: "paging",
  title: "Paging with limit and continue, a consistent snapshot across writes, Exact and NotOlderThan lists",
  steps: [
    ...["p1", "p2", "p3", "p4", "p5"].map((n) => post(`create ${n}`, CM, configMap(n, { n }))),
    get("page 1 (limit=2)", `${CM}?limit=2`, { id: "l1" }),
    post("create p6 between pages", CM, configMap("p6")),
    patch("change p4 between pages", `${CM}/p4`, MERGE_PATCH, { data: { changed: "yes" } }),
    get("page 2 (from the page-1 snapshot)", `${CM}?limit=2&continue={{l1.metadata.continue}}`, { id: "l2" }),
    get("page 3", `${CM}?limit=2&continue={{l2.metadata.continue}}`),
    get("Exact list at page 1's RV", `${CM}?resourceVersion={{l1.metadata.resourceVersion}}&resourceVersionMatch=Exact`),
    get("NotOlderThan list at page 1's RV", `${CM}?resourceVersion={{l1.metadata.resourceVersion}}&resourceVersionMatch=NotOlderThan`),
    get("limit with resourceVersion=0", `${CM}?limit=2&resourceVersion=0`),
    get("continue with a different labelSelector is allowed", `${CM}?limit=2&continue={{l1.metadata.continue}}&labelSelector=${enc("n")}`),
    get("continue together with resourceVersion: 400", `${CM}?limit=2&continue={{l1.metadata.continue}}&resourceVersion={{l1.metadata.resourceVersion}}`),
    get("an invalid continue token: 400", `${CM}?limit=2&continue=not-a-token`),
    get("resourceVersionMatch without resourceVersion: 422", `${CM}?resourceVersionMatch=Exact`),
    get("resourceVersionMatch=Exact with resourceVersion=0: 422", `${CM}?resourceVersion=0&resourceVersionMatch=Exact`),
    get("an unknown resourceVersionMatch: 422", `${CM}?resourceVersion=1&resourceVersionMatch=Newest`),
    get("a non-numeric resourceVersion: 400", `${CM}?resourceVersion=abc`),
    get("limit=0 means no limit", `${CM}?limit=0`),
    get("a negative limit", `${CM}?limit=-1`),
  ],
};

export const compaction: Scenario = {
  name: "compaction",
  title: "After etcd compaction: Exact lists and continue tokens at old RVs answer 410; NotOlderThan still works",
  steps: [
    post("create k0", CM, configMap("k0", { v: "0" })),
    post("create k1", CM, configMap("k1", { v: "1" }), { id: "k1" }),
    get("page 1 (limit=1), before compaction", `${CM}?limit=1`, { id: "L0" }),
    patch("update k1", `${CM}/k1`, MERGE_PATCH, { data: { v: "2" } }),
    patch("update k1 again", `${CM}/k1`, MERGE_PATCH, { data: { v: "3" } }),
    compact("compact storage at the current revision"),
    get("Exact list at the old RV: 410", `${CM}?resourceVersion={{L0.metadata.resourceVersion}}&resourceVersionMatch=Exact`),
    get("continue with the old token: 410 (with a fresh token)", `${CM}?limit=1&continue={{L0.metadata.continue}}`, { id: "L1" }),
    get("continue with the fresh token from the 410", `${CM}?limit=1&continue={{L1.metadata.continue}}`),
    get("NotOlderThan list at the old RV", `${CM}?resourceVersion={{L0.metadata.resourceVersion}}&resourceVersionMatch=NotOlderThan`),
    get("get k1 at its old RV (not older than)", `${CM}/k1?resourceVersion={{k1.metadata.resourceVersion}}`),
    watch("watch from k1's creation RV (compacted in etcd)", `${CM}?watch=1&resourceVersion={{k1.metadata.resourceVersion}}`, { stopAfter: 2, maxMs: 4000 }),
    // Not a step: a watch from RV 1. Whether the real watch cache still holds that revision depends on
    // the server's age and on how many ConfigMap events it has seen (a fresh server replays ADDED, an
    // older one answers ERROR 410), not on this scenario.
  ],
};
