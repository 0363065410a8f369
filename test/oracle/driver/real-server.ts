/**
 * The oracle's scenarios against a real kube-apiserver (opt-in: ORACLE_SERVER=real, see README.md here):
 * client-go (the Go recorder) and our informer both watch the real server, through a loopback auth proxy
 * (test/realapi/auth-proxy.ts) so both use the same plain-HTTP kubeconfig as with `npm run cluster`.
 *
 * Contract:
 * - `unsupportedOnReal(s)` names why a scenario cannot run on a real server (a fault or a server-side
 *   write behind a partition: a real server has no fault switches; simulator options), or undefined.
 * - `RealOracleServer.start()` attaches to a running `npm run real-apiserver` (.real-apiserver/
 *   endpoint.json) or starts one from the built binaries (tools/real-apiserver), or throws why not.
 * - `prepare(s)` makes the scenario's namespaces exist and removes every pod, configmap, deployment,
 *   replicaset and node a previous scenario left (finalizers cleared, grace 0), outside the system
 *   namespaces, and waits until they are gone: each scenario starts from an empty store, as in-process.
 * - `finishGracefulDelete(…)` plays the kubelet the real server does not have: once a terminating pod's
 *   deletionTimestamp has passed it deletes it with grace 0 and its uid as precondition.
 * - `close()` stops only what `start()` started.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { KubeObject } from "../../../src/types.js";
import { startRealApiserver, findBinaries, type RealApiserver } from "../../../tools/real-apiserver/real-apiserver.mjs";
import { startAuthProxy, type AuthProxy } from "../../realapi/auth-proxy.js";
import * as ops from "./ops.js";
import type { OracleScenario } from "./scenario.js";

const REPO = join(import.meta.dirname, "..", "..", "..");
const SYSTEM = new Set(["kube-system", "kube-public", "kube-node-lease"]);
const CLEANED = ["pods", "configmaps", "deployments", "replicasets", "nodes"] as const;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms)); // real-time: polling a real server

export function unsupportedOnReal(s: OracleScenario): string | undefined {
  const why = new Set<string>();
  for (const a of s.steps.flatMap((st) => st.actions)) {
    if ("fault" in a) why.add(`the ${a.fault} fault`);
    if ("op" in a && a.op === "serverSide") why.add("a write on the server's side of a partition");
  }
  if (s.server !== undefined) why.add(`simulator options (${Object.keys(s.server).join(", ")})`);
  return why.size === 0 ? undefined : `needs ${[...why].join(", ")}: a real kube-apiserver has no such switch`;
}

function namespacesOf(s: OracleScenario): Set<string> {
  const out = new Set<string>(["default"]);
  const add = (ns: string | undefined): void => { if (ns) out.add(ns); };
  add(s.informer.namespace);
  add(s.barrier?.namespace);
  for (const { object } of s.initial) add(object.metadata.namespace);
  for (const a of s.steps.flatMap((st) => st.actions)) {
    if ("op" in a && a.op === "create") add(a.object.metadata.namespace);
    if ("op" in a && "namespace" in a) add(a.namespace);
  }
  return out;
}

export class RealOracleServer {
  private constructor(
    readonly url: string,
    readonly versions: Readonly<Record<string, string>>,
    private readonly proxy: AuthProxy,
    private readonly started: RealApiserver | undefined,
  ) {}

  static async start(log: (m: string) => void): Promise<RealOracleServer> {
    const endpointFile = join(REPO, ".real-apiserver", "endpoint.json");
    if (existsSync(endpointFile)) {
      const ep = JSON.parse(readFileSync(endpointFile, "utf8")) as { url: string; token: string; caPem: string; pids: { apiserver: number }; versions: Record<string, string> };
      let alive = false;
      try { process.kill(ep.pids.apiserver, 0); alive = true; } catch { /* not running */ }
      if (alive) {
        log(`real: attaching to ${ep.url} (npm run real-apiserver)`);
        const proxy = await startAuthProxy(ep.url, ep.token, ep.caPem);
        return new RealOracleServer(proxy.url, ep.versions, proxy, undefined);
      }
    }
    findBinaries();   // throws with the build instructions when they are missing
    const api = await startRealApiserver({ log: (m) => log(`real: ${m}`) });
    const proxy = await startAuthProxy(api.url, api.token, api.caPem);
    log(`real: kube-apiserver ${api.versions.kubeApiserver} at ${api.url}, plain-HTTP front ${proxy.url}`);
    return new RealOracleServer(proxy.url, api.versions, proxy, api);
  }

  async close(): Promise<void> {
    await this.proxy.close();
    await this.started?.stop();
  }

  async create(resource: string, obj: KubeObject): Promise<KubeObject> {
    return await ops.create(this.url, resource, obj) as KubeObject;
  }

  async get(resource: string, namespace: string | undefined, name: string): Promise<KubeObject | undefined> {
    const r = await fetch(`${this.url}${ops.resourcePath(resource, namespace, name)}`, { headers: { Accept: "application/json" } });
    if (r.status === 404) return undefined;
    if (!r.ok) throw new Error(`GET ${resource} ${namespace ?? ""}/${name}: ${r.status} ${await r.text()}`);
    return await r.json() as KubeObject;
  }

  async update(resource: string, obj: KubeObject): Promise<KubeObject> {
    return await ops.call(this.url, "PUT", ops.resourcePath(resource, obj.metadata.namespace, obj.metadata.name), obj) as KubeObject;
  }

  async prepare(s: OracleScenario): Promise<void> {
    for (const ns of namespacesOf(s)) {
      if (await this.get("namespaces", undefined, ns) === undefined) {
        await ops.create(this.url, "namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } } as KubeObject);
      }
    }
    for (let round = 0; ; round++) {
      let left = 0;
      for (const resource of CLEANED) {
        const path = ops.resourcePath(resource, undefined).replace("/namespaces/default", "");
        const list = await ops.call(this.url, "GET", path) as { items: KubeObject[] };
        for (const o of list.items) {
          if (o.metadata.namespace !== undefined && SYSTEM.has(o.metadata.namespace)) continue;
          left++;
          if ((o.metadata.finalizers ?? []).length > 0) {
            await ops.call(this.url, "PATCH", ops.resourcePath(resource, o.metadata.namespace, o.metadata.name),
              { metadata: { finalizers: null } }, "application/merge-patch+json").catch(() => undefined);
          }
          await ops.call(this.url, "DELETE", ops.resourcePath(resource, o.metadata.namespace, o.metadata.name),
            { kind: "DeleteOptions", apiVersion: "v1", gracePeriodSeconds: 0 }).catch(() => undefined);
        }
      }
      if (left === 0) return;
      if (round > 50) throw new Error(`real: ${left} objects of earlier scenarios are still there after 50 rounds`);
      await sleep(100);
    }
  }

  /** The kubelet's final delete of a terminating pod, then the wait until it is gone (60 s at most). */
  async finishGracefulDelete(resource: string, namespace: string, name: string): Promise<void> {
    for (let i = 0; ; i++) {
      const obj = await this.get(resource, namespace, name);
      if (obj === undefined) return;
      const ts = obj.metadata.deletionTimestamp;
      if (ts !== undefined && Date.parse(ts) <= Date.now()) {
        await ops.call(this.url, "DELETE", ops.resourcePath(resource, namespace, name),
          { kind: "DeleteOptions", apiVersion: "v1", gracePeriodSeconds: 0, preconditions: { uid: obj.metadata.uid } }).catch(() => undefined);
      }
      if (i > 600) throw new Error(`${namespace}/${name} is still on the real server after 60 s`);
      await sleep(100);
    }
  }
}
