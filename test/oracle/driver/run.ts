/**
 * runOracle — one differential run (see scenario.ts): the cluster in-process on a free loopback port
 * (or, given one, a real kube-apiserver: real-server.ts), the Go recorder and our informer side by side,
 * the steps with a barrier after each, then both caches. Everything started here is stopped here, also
 * on failure (a real server is the caller's).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startCluster, type Cluster } from "../../../server/cluster-server.js";
import { isNotFound } from "../../../src/apimachinery/errors.js";
import type { KubeObject } from "../../../src/types.js";
import { RESOURCES } from "../../../src/apiserver/resources.js";
import { GoSide, recorderArgs, type GoState } from "./go-side.js";
import * as ops from "./ops.js";
import type { Recording } from "./recording.js";
import type { Action, OracleScenario } from "./scenario.js";
import { TsSide } from "./ts-side.js";
import type { RealOracleServer } from "./real-server.js";

/** What the run needs from the cluster under the two informers. */
interface ClusterUnder {
  url: string;
  create(resource: string, obj: KubeObject): Promise<KubeObject>;
  get(resource: string, namespace: string | undefined, name: string): Promise<KubeObject | undefined>;
  update(resource: string, obj: KubeObject): Promise<KubeObject>;
  /** Lets virtual time catch up after a direct write (in-process only). */
  sync(): void;
  /** Waits until a gracefully deleted object is gone (on a real server: plays its kubelet). */
  waitGone(resource: string, namespace: string, name: string): Promise<void>;
  api?: import("../../../src/apiserver/api-server.js").ApiServer;
}

function inProcess(c: Cluster): ClusterUnder {
  const api = c.api;
  return {
    url: c.url, api,
    create: async (r, o) => api.create(r, o),
    get: async (r, ns, name) => { try { return api.get(r, ns, name); } catch (e) { if (isNotFound(e)) return undefined; throw e; } },
    update: async (r, o) => api.update(r, o),
    sync: () => c.ctx.driver.sync(),
    waitGone: async (r, namespace, name) => {
      for (let i = 0; ; i++) {
        try { api.get(r, namespace, name); } catch (e) { if (isNotFound(e)) return; throw e; }
        if (i > 600) throw new Error(`${namespace}/${name} is still on the server after 60 s`);
        await sleep(100);
      }
    },
  };
}

function onReal(real: RealOracleServer): ClusterUnder {
  return {
    url: real.url,
    create: (r, o) => real.create(r, o),
    get: (r, ns, name) => real.get(r, ns, name),
    update: (r, o) => real.update(r, o),
    sync: () => undefined,
    waitGone: (r, namespace, name) => real.finishGracefulDelete(r, namespace, name),
  };
}

export const BARRIER_NAME = "zz-oracle-barrier";
const BARRIER_TIMEOUT_MS = 30_000;

export interface OracleRun {
  /** Steps without a barrier: what happens in them is compared with the following step. */
  unbarriered: Set<number>;
  go: Recording;
  ts: Recording;
  goState: GoState;
  tsState: GoState;
  gates: Record<string, boolean>;
  goStderr: string[];
  ms: number;
}

function barrierObject(s: OracleScenario, resource: string): KubeObject {
  const info = RESOURCES[resource]!;
  const namespace = info.namespaced ? (s.informer.namespace || s.barrier?.namespace || "default") : undefined;
  const metadata = { name: BARRIER_NAME, ...(namespace ? { namespace } : {}), labels: { ...(s.barrier?.labels ?? {}) },
    annotations: { "oracle.informer-playground/barrier": "0" } };
  if (resource === "pods") {
    return { apiVersion: "v1", kind: "Pod", metadata,
      spec: { containers: [{ name: "c", image: "busybox" }], ...(s.barrier?.nodeName ? { nodeName: s.barrier.nodeName } : {}) } } as KubeObject;
  }
  if (resource === "deployments") {
    // a valid Deployment: a real server validates the spec (the simulated one does not)
    const labels = { app: BARRIER_NAME };
    return { apiVersion: info.apiVersion, kind: info.kind, metadata,
      spec: { replicas: 0, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: "c", image: "busybox" }] } } } } as KubeObject;
  }
  return { apiVersion: info.apiVersion, kind: info.kind, metadata, data: {} } as KubeObject;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms)); // real-time: test driver

export async function runOracle(s: OracleScenario, recorderBin: string, real?: RealOracleServer): Promise<OracleRun> {
  const started = Date.now();
  const resource = s.informer.resource ?? "pods";
  const dir = mkdtempSync(join(tmpdir(), "oracle-"));
  let cluster: Cluster | undefined;
  let go: GoSide | undefined;
  let ts: TsSide | undefined;
  try {
    let c: ClusterUnder;
    if (real !== undefined) {
      await real.prepare(s);
      c = onReal(real);
    } else {
      cluster = await startCluster({ port: 0, seed: 1, server: { watchCacheCapacity: 1000, ...(s.server ?? {}) } });
      c = inProcess(cluster);
    }
    const sync = (): void => c.sync();
    for (const { resource: r, object } of s.initial) await c.create(r ?? resource, structuredClone(object));
    const barrier = await c.create(resource, barrierObject(s, resource));
    const barrierKey = barrier.metadata.namespace ? `${barrier.metadata.namespace}/${BARRIER_NAME}` : BARRIER_NAME;
    sync();

    const kubeconfig = join(dir, "kubeconfig");
    writeFileSync(kubeconfig, `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: ${c.url}\n` +
      "contexts:\n- name: c\n  context:\n    cluster: c\n    user: u\ncurrent-context: c\nusers:\n- name: u\n  user: {}\n");
    go = new GoSide(recorderBin, recorderArgs(kubeconfig, s.informer), s.mode, barrierKey);
    ts = new TsSide(c.url, s.informer, s.mode, barrierKey);
    const sides = [go, ts] as const;
    const handlers = new Set(s.informer.handlers.map((h) => h.id));
    const mustSync = (h: string): boolean => ![...s.informer.handlers, ...s.steps.flatMap((st) => st.actions.flatMap((a) => ("addHandler" in a ? [a.addHandler] : [])))]
      .some((spec) => spec.id === h && spec.neverSynced === true);
    go.start();
    ts.start();

    let counter = 0;
    const runBarrier = async (): Promise<void> => {
      for (let round = 0; round < 2; round++) {  // two rounds: a DeltaFIFO relist queues its tombstones after the listed barrier object
        const current = structuredClone(await c.get(resource, barrier.metadata.namespace, BARRIER_NAME));
        if (current === undefined) throw new Error("the barrier object is gone");
        current.metadata.annotations = { ...(current.metadata.annotations ?? {}), "oracle.informer-playground/barrier": String(++counter) };
        const rv = (await c.update(resource, current)).metadata.resourceVersion!;
        sync();
        // Every handler saw the barrier write, and every registration reports synced (a late one
        // turns synced once its initial adds were handled; polling makes that moment land late).
        await Promise.all(sides.map((side) => side.recording.until(
          () => [...handlers].every((h) => side.recording.sawBarrier(h, rv) && (!mustSync(h) || side.recording.handlerSynced.has(h))) ||
            (side instanceof GoSide && side.failed() !== undefined),
          BARRIER_TIMEOUT_MS,
          () => `every handler (${[...handlers].join(", ")}) to see barrier rv ${rv} and report synced${side instanceof GoSide ? `; recorder stderr tail:\n${side.stderr.slice(-15).join("\n")}` : ""}`)));
        if (go!.failed() !== undefined) throw new Error(go!.failed());
      }
    };

    const act = async (a: Action): Promise<void> => {
      if ("op" in a) {
        const r = ("resource" in a && a.resource) || resource;
        switch (a.op) {
          case "create": await ops.create(c.url, r, structuredClone(a.object)); break;
          case "label": await ops.patch(c.url, r, a.namespace, a.name, "merge", { metadata: { labels: a.labels } }); break;
          case "patch": await ops.patch(c.url, r, a.namespace, a.name, a.type, a.patch); break;
          case "update": await ops.update(c.url, r, a.namespace, a.name, a.change); break;
          case "delete": await ops.remove(c.url, r, a.namespace, a.name, a.gracePeriodSeconds); break;
          case "bind": await ops.call(c.url, "POST", `${ops.resourcePath("pods", a.namespace, a.name)}/binding`,
            { apiVersion: "v1", kind: "Binding", metadata: { name: a.name, namespace: a.namespace }, target: { kind: "Node", name: a.node } }); break;
          case "serverSide":
            if (c.api === undefined) throw new Error(`${a.describe}: a server-side write needs the in-process cluster`);
            a.run(c.api); sync(); break;
        }
      } else if ("fault" in a) {
        await ops.fault(c.url, a.fault, a.body);
      } else if ("addHandler" in a) {
        await go!.addHandler(a.addHandler);
        ts!.addHandler(a.addHandler);
        handlers.add(a.addHandler.id);
      } else if ("removeHandler" in a) {
        await go!.removeHandler(a.removeHandler);
        ts!.removeHandler(a.removeHandler);
        handlers.delete(a.removeHandler);
      } else if ("sleepMs" in a) {
        await sleep(a.sleepMs);
      } else if ("waitGone" in a) {
        await c.waitGone(a.waitGone.resource ?? resource, a.waitGone.namespace, a.waitGone.name);
      }
    };

    // Step 0: the initial list. Both informers synced, every handler synced, then a barrier.
    await Promise.all(sides.map((side) => side.recording.until(
      () => side.recording.informerSynced !== undefined && [...handlers].every((h) => !mustSync(h) || side.recording.handlerSynced.has(h)),
      BARRIER_TIMEOUT_MS, () => "the informer and every handler to report synced")));
    await runBarrier();
    for (const [i, step] of s.steps.entries()) {
      for (const side of sides) side.recording.step = i + 1;
      for (const a of step.actions) await act(a);
      if (step.barrier !== false) await runBarrier();
    }
    const [goState, tsState] = [await go.state(), ts.state()];
    delete goState.items[barrierKey];
    delete tsState.items[barrierKey];
    const unbarriered = new Set(s.steps.flatMap((st, i) => (st.barrier === false ? [i + 1] : [])));
    return { unbarriered, go: go.recording, ts: ts.recording, goState, tsState, gates: go.gates, goStderr: go.stderr, ms: Date.now() - started };
  } finally {
    ts?.close();
    await go?.stop();
    await cluster?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
