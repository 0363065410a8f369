/**
 * Discovery, /version and the OpenAPI v3 stub, generated from the resource table (wire.md §1 #1–#7).
 *
 * Contract:
 * - `/api` and `/apis` answer aggregated discovery (apidiscovery.k8s.io/v2) with exactly
 *   `application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList` when the Accept header asks
 *   for it (client-go picks the decoder from the response Content-Type, gotcha G2), else the legacy
 *   `APIVersions` / `APIGroupList`; `/api/v1`, `/apis/apps/v1` answer `APIResourceList`.
 * - Every served kind is listed with verbs (deletecollection included), short names, categories and its
 *   subresources (status, scale, binding); `events` is listed read-only (the server keeps none, so
 *   `describe` is complete). APIResourceLists are sorted by name and carry each kind's
 *   storageVersionHash, computed as the real server does.
 * - `/openapi/v3` indexes one document per group-version; each declares, per kind, a PATCH operation with
 *   `x-kubernetes-group-version-kind` and a `fieldValidation` query parameter — all kubectl needs to send
 *   `fieldValidation=Strict` instead of downloading schemas (wire.md §2.4). `/openapi/v2` is a 404.
 */
import { createHash } from "node:crypto";
import { RESOURCES, type ResourceInfo } from "../../src/index.js";

export const AGGREGATED_CT = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
export const SERVER_VERSION = {
  major: "1", minor: "32", emulationMajor: "1", emulationMinor: "32", minCompatibilityMajor: "1", minCompatibilityMinor: "31",
  gitVersion: "v1.32.0", gitCommit: "informer-playground", gitTreeState: "clean",
  buildDate: "2025-01-01T00:00:00Z", goVersion: "n/a (Informer Playground simulated API server)", compiler: "n/a",
  platform: "linux/amd64",
};

interface Served {
  info: ResourceInfo;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  subresources: Array<{ name: string; kind: string; group: string; version: string; verbs: string[] }>;
}

const SHORT: Record<string, string[]> = {
  pods: ["po"], configmaps: ["cm"], services: ["svc"], nodes: ["no"], namespaces: ["ns"], deployments: ["deploy"],
  replicasets: ["rs"], events: ["ev"],
};
const ALL = new Set(["pods", "services", "deployments", "replicasets"]);
const RW = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

/** discovery/storageversionhash.go: the first 8 bytes of sha256("group/version/kind"), base64. */
function storageVersionHash(info: ResourceInfo): string {
  const [group, version] = splitGv(info.apiVersion);
  return createHash("sha256").update(`${group}/${version}/${info.kind}`).digest().subarray(0, 8).toString("base64");
}

/** The read-only events resource (always empty). */
export const EVENTS_INFO: ResourceInfo = Object.freeze({
  resource: "events", kind: "Event", listKind: "EventList", group: "", apiVersion: "v1", namespaced: true,
  generation: false, statusSubresource: false, annotationsBumpGeneration: false, graceful: false, fields: {},
});

export function served(): Served[] {
  const out: Served[] = [];
  for (const info of [...Object.values(RESOURCES), EVENTS_INFO]) {
    const [group, version] = splitGv(info.apiVersion);
    const subresources: Served["subresources"] = [];
    if (info.statusSubresource) subresources.push({ name: "status", kind: info.kind, group, version, verbs: ["get", "patch", "update"] });
    if (info.resource === "deployments" || info.resource === "replicasets") {
      subresources.push({ name: "scale", kind: "Scale", group: "autoscaling", version: "v1", verbs: ["get", "patch", "update"] });
    }
    if (info.resource === "pods") subresources.push({ name: "binding", kind: "Binding", group: "", version: "v1", verbs: ["create"] });
    out.push({
      info, shortNames: SHORT[info.resource] ?? [], categories: ALL.has(info.resource) ? ["all"] : [],
      // namespaces are the one served kind without deletecollection (namespace storage serves no DeleteCollection)
      verbs: info === EVENTS_INFO ? ["get", "list", "watch"] : info.resource === "namespaces" ? RW.filter((v) => v !== "deletecollection") : RW,
      subresources,
    });
  }
  return out;
}

export function splitGv(apiVersion: string): [string, string] {
  const i = apiVersion.indexOf("/");
  return i < 0 ? ["", apiVersion] : [apiVersion.slice(0, i), apiVersion.slice(i + 1)];
}

/** Group names other than core, in discovery order. */
export function groups(): string[] {
  return [...new Set(served().map((s) => s.info.group).filter((g) => g !== ""))];
}

export function wantsAggregated(accept: string | undefined): boolean {
  return (accept ?? "").includes("as=APIGroupDiscoveryList");
}

function aggregatedGroup(group: string): unknown {
  const resources = served().filter((s) => s.info.group === group).sort((a, b) => a.info.resource.localeCompare(b.info.resource)).map((s) => {
    const [, version] = splitGv(s.info.apiVersion);
    return {
      resource: s.info.resource,
      responseKind: { group: "", version: "", kind: s.info.kind },   // empty: the resource's own group version
      scope: s.info.namespaced ? "Namespaced" : "Cluster",
      singularResource: s.info.kind.toLowerCase(),
      verbs: s.verbs,
      ...(s.shortNames.length > 0 ? { shortNames: s.shortNames } : {}),
      ...(s.categories.length > 0 ? { categories: s.categories } : {}),
      ...(s.subresources.length > 0 ? {
        subresources: [...s.subresources].sort((a, b) => a.name.localeCompare(b.name)).map((r) => ({
          subresource: r.name,
          responseKind: r.group === group && r.version === version ? { group: "", version: "", kind: r.kind } : { group: r.group, version: r.version, kind: r.kind },
          verbs: r.verbs,
        })),
      } : {}),
    };
  });
  return { metadata: group === "" ? {} : { name: group }, versions: [{ version: "v1", resources, freshness: "Current" }] };
}

export function aggregatedDiscovery(root: "api" | "apis"): unknown {
  const items = root === "api" ? [aggregatedGroup("")] : groups().map((g) => aggregatedGroup(g));
  return { kind: "APIGroupDiscoveryList", apiVersion: "apidiscovery.k8s.io/v2", metadata: {}, items };
}

export function legacyApiVersions(serverAddress: string): unknown {
  return { kind: "APIVersions", versions: ["v1"], serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress }] };
}

export function legacyGroupList(): unknown {
  return {
    kind: "APIGroupList", apiVersion: "v1",
    groups: groups().map((g) => {                   // items carry no kind/apiVersion (the list does)
      const { kind: _k, apiVersion: _a, ...rest } = legacyGroup(g) as Record<string, unknown>;
      return rest;
    }),
  };
}

export function legacyGroup(group: string): unknown {
  const gv = { groupVersion: `${group}/v1`, version: "v1" };
  return { kind: "APIGroup", apiVersion: "v1", name: group, versions: [gv], preferredVersion: gv };
}

/** APIResourceList for "v1" or "apps/v1", or undefined when nothing is served there. */
export function resourceList(groupVersion: string): unknown {
  const [group] = splitGv(groupVersion);
  const list = served().filter((s) => s.info.apiVersion === groupVersion);
  if (list.length === 0) return undefined;
  const resources: Array<{ name: string; [k: string]: unknown }> = [];
  for (const s of list) {
    resources.push({
      name: s.info.resource, singularName: s.info.kind.toLowerCase(), namespaced: s.info.namespaced, kind: s.info.kind,
      verbs: s.verbs, ...(s.shortNames.length > 0 ? { shortNames: s.shortNames } : {}),
      ...(s.categories.length > 0 ? { categories: s.categories } : {}),
      storageVersionHash: storageVersionHash(s.info),
    });
    for (const r of s.subresources) {
      resources.push({
        name: `${s.info.resource}/${r.name}`, singularName: "", namespaced: s.info.namespaced, kind: r.kind, verbs: r.verbs,
        ...(r.group !== group ? { group: r.group, version: r.version } : {}),
      });
    }
  }
  resources.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));   // the real list is sorted by name
  // The core group's list is encoded without apiVersion, a named group's with "v1" (as the real server).
  return { kind: "APIResourceList", ...(group === "" ? {} : { apiVersion: "v1" }), groupVersion, resources };
}

// ───────────────────────────── OpenAPI v3 stub ─────────────────────────────

const HASH = "PLAYGROUND1";

export function openApiIndex(): unknown {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const gv of gvPaths()) paths[gv] = { serverRelativeURL: `/openapi/v3/${gv}?hash=${HASH}` };
  return { paths };
}

/** "api/v1", "apis/apps/v1". */
export function gvPaths(): string[] {
  return [...new Set(served().map((s) => (s.info.group === "" ? "api/v1" : `apis/${s.info.apiVersion}`)))];
}

export function openApiDocument(gvPath: string): unknown {
  const list = served().filter((s) => (s.info.group === "" ? "api/v1" : `apis/${s.info.apiVersion}`) === gvPath);
  if (list.length === 0) return undefined;
  const paths: Record<string, unknown> = {};
  for (const s of list) {
    if (s.verbs.indexOf("patch") < 0) continue;
    const [group, version] = splitGv(s.info.apiVersion);
    const ns = s.info.namespaced ? "namespaces/{namespace}/" : "";
    paths[`/${gvPath}/${ns}${s.info.resource}/{name}`] = {
      patch: {
        operationId: `patch${s.info.kind}`,
        "x-kubernetes-group-version-kind": { group, version, kind: s.info.kind },
        "x-kubernetes-action": "patch",
        parameters: [
          { name: "dryRun", in: "query", schema: { type: "string", uniqueItems: true } },
          { name: "fieldManager", in: "query", schema: { type: "string", uniqueItems: true } },
          { name: "fieldValidation", in: "query", schema: { type: "string", uniqueItems: true } },
          { name: "force", in: "query", schema: { type: "boolean", uniqueItems: true } },
        ],
        responses: { "200": { description: "OK" }, "201": { description: "Created" } },
      },
    };
  }
  return {
    openapi: "3.0.0",
    info: { title: "Kubernetes (Informer Playground simulated API server; paths only, no schemas)", version: SERVER_VERSION.gitVersion },
    paths,
    components: { schemas: {} },
  };
}
