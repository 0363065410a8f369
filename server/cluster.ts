/**
 * `npm run cluster [-- --port 8080] [--scenario <lesson id or file>] [--play] [--speed N] [--address A]`
 * — the simulated cluster over the real Kubernetes wire, KWOK-style: prints the kubectl lines to use
 * and writes `.cluster/kubeconfig` (plain http, `insecure-skip-tls-verify: true` so client-node accepts
 * it, no user credentials). Binds 127.0.0.1 unless `--address` says otherwise (with a warning: there is
 * no authentication). Ctrl-C stops it cleanly.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Scenario } from "../src/scenario/index.js";
import { startCluster } from "./cluster-server.js";

const lessonScenarios = import.meta.glob<{ default: Scenario }>("../lessons/*/scenario.ts");

function usage(message?: string): never {
  if (message) console.error(`error: ${message}`);
  console.error("usage: npm run cluster [-- --port 8080] [--scenario <lesson id | scenario.json>] [--play] [--speed N] [--address 127.0.0.1]");
  process.exit(2);
}

function parseArgs(argv: string[]): { port: number; address: string; speed: number; scenario?: string; play: boolean } {
  const out: { port: number; address: string; speed: number; scenario?: string; play: boolean } = { port: 8080, address: "127.0.0.1", speed: 1, play: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => { const v = argv[++i]; if (v === undefined) usage(`${a} needs a value`); return v; };
    if (a === "--port") { out.port = Number(value()); if (!Number.isInteger(out.port) || out.port < 0 || out.port > 65535) usage("--port must be 0–65535"); }
    else if (a === "--address") out.address = value();
    else if (a === "--speed") { out.speed = Number(value()); if (!(out.speed > 0)) usage("--speed must be > 0"); }
    else if (a === "--scenario") out.scenario = value();
    else if (a === "--play") out.play = true;
    else if (a === "--help" || a === "-h") usage();
    else usage(`unknown argument ${a}`);
  }
  return out;
}

async function loadScenario(spec: string): Promise<Scenario> {
  if (spec.endsWith(".json")) return JSON.parse(readFileSync(resolve(spec), "utf8")) as Scenario;
  const keys = Object.keys(lessonScenarios);
  const id = spec.replace(/^lessons\//, "").replace(/\/(scenario\.ts)?$/, "");
  const match = keys.find((k) => k.split("/")[2] === id) ?? keys.find((k) => k.split("/")[2]!.startsWith(`${id.padStart(2, "0")}-`));
  if (match === undefined) {
    usage(`no lesson "${spec}"; known: ${keys.map((k) => k.split("/")[2]).join(", ")} (or a scenario .json file)`);
  }
  return (await lessonScenarios[match]!()).default;
}

const args = parseArgs(process.argv.slice(2));
const loopback = args.address === "127.0.0.1" || args.address === "::1" || args.address === "localhost";
if (!loopback) console.warn(`WARNING: listening on ${args.address}: anyone who can reach it can read and write this cluster (no authentication).`);
const scenario = args.scenario !== undefined ? await loadScenario(args.scenario) : undefined;
const cluster = await startCluster({
  port: args.port, host: args.address, speed: args.speed,
  ...(scenario !== undefined ? { scenario, playTimeline: args.play } : {}),
}).catch((e: NodeJS.ErrnoException) => {
  console.error(e.code === "EADDRINUSE" ? `error: port ${args.port} is in use; try --port 0 or another port` : `error: ${e.message}`);
  process.exit(1);
});
mkdirSync(".cluster", { recursive: true });
const kubeconfig = `apiVersion: v1
kind: Config
clusters:
- name: playground
  cluster:
    server: ${cluster.url}
    insecure-skip-tls-verify: true
contexts:
- name: playground
  context:
    cluster: playground
    user: playground
    namespace: default
current-context: playground
users:
- name: playground
  user: {}
`;
writeFileSync(".cluster/kubeconfig", kubeconfig);
console.log(`Informer Playground cluster (simulated, in memory) on ${cluster.url}${args.speed !== 1 ? `, time × ${args.speed}` : ""}`);
if (scenario !== undefined) console.log(`  scenario ${args.scenario}: ${scenario.initial.length} initial objects${args.play ? `, ${scenario.timeline.length} timed operations playing` : ""}`);
console.log(`
  export KUBECONFIG=${resolve(".cluster/kubeconfig")}
  kubectl get pods
  kubectl apply -f pod.yaml
  kubectl get pods -w

or without the kubeconfig:
  kubectl -s ${cluster.url} get pods

faults: curl -X POST ${cluster.url}/playground/v1/faults/{compact,dropWatches,partition,heal,restart}
Ctrl-C stops the cluster (everything is in memory and is forgotten).`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  console.log("\nstopping the cluster…");
  void cluster.close().then(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
