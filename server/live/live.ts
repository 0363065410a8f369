/**
 * `npm run live [-- --kubeconfig K] [--context C] [--namespace N] [--allow-writes] [--port P] [--embedded]
 * [--confirm-context C] [--seed-pods N]` — the app's live mode: serves dist/ and forwards /k8s/* to a cluster with the
 * kubeconfig's credentials (server/live/proxy.ts), then prints the URL to open (#/live).
 *
 * Contract:
 * - With `--embedded`, or when there is no kubeconfig at all (no --kubeconfig, no $KUBECONFIG, no
 *   ~/.kube/config), the simulated cluster starts in this process and the proxy attaches to it; its
 *   kubeconfig is written to .cluster/live-kubeconfig for kubectl, and the fault endpoint is printed.
 *   `--seed-pods N` adds N more pods to it (the live bench's 10k-pod initial list).
 * - Otherwise the kubeconfig is read by client-node's KubeConfig (context from --context, else its
 *   current one). A context that does not look local (policy.isLocalContext) is refused unless
 *   `--confirm-context <that name>` is given: a tutorial never streams a production cluster by accident.
 * - Read-only unless --allow-writes; writes only in the namespace (--namespace, else the context's, else
 *   "default"). Listens on 127.0.0.1 only. Ctrl-C stops everything it started.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { startCluster, type Cluster } from "../cluster-server.js";
import { isLocalContext } from "./policy.js";
import { startLiveProxy } from "./proxy.js";
import { seedEmbedded } from "./seed.js";

interface Args { kubeconfig?: string; context?: string; namespace?: string; allowWrites: boolean; port: number; embedded: boolean; confirm?: string; seedPods: number }

function usage(message?: string): never {
  if (message) console.error(`error: ${message}`);
  console.error("usage: npm run live [-- --kubeconfig FILE] [--context NAME] [--namespace NS] [--allow-writes] [--port 5175] [--embedded] [--confirm-context NAME]");
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const out: Args = { allowWrites: false, port: 5175, embedded: false, seedPods: 0 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => { const v = argv[++i]; if (v === undefined || v.startsWith("--")) usage(`${a} needs a value`); return v; };
    if (a === "--kubeconfig") out.kubeconfig = value();
    else if (a === "--context") out.context = value();
    else if (a === "--namespace" || a === "-n") out.namespace = value();
    else if (a === "--allow-writes") out.allowWrites = true;
    else if (a === "--embedded") out.embedded = true;
    else if (a === "--confirm-context") out.confirm = value();
    else if (a === "--seed-pods") { out.seedPods = Number(value()); if (!Number.isInteger(out.seedPods) || out.seedPods < 0) usage("--seed-pods must be a whole number"); }
    else if (a === "--port") { out.port = Number(value()); if (!Number.isInteger(out.port) || out.port < 0 || out.port > 65535) usage("--port must be 0–65535"); }
    else if (a === "--address") usage("the live proxy listens on 127.0.0.1 only (it holds your cluster credentials)");
    else if (a === "--help" || a === "-h") usage();
    else usage(`unknown argument ${a}`);
  }
  return out;
}

const args = parseArgs(process.argv.slice(2));
const root = resolve(".");
const dist = join(root, "dist");
const defaultKubeconfig = process.env.KUBECONFIG ?? join(homedir(), ".kube", "config");
const embedded = args.embedded || (args.kubeconfig === undefined && !process.env.KUBECONFIG?.split(":").some((f) => existsSync(f)) && !existsSync(defaultKubeconfig));

let cluster: Cluster | undefined;
const kc = new KubeConfig();
let namespace = args.namespace ?? "default";
if (embedded) {
  cluster = await startCluster({ port: 0 });
  seedEmbedded(cluster.api, args.seedPods);
  cluster.ctx.driver.sync();
  kc.loadFromOptions({
    clusters: [{ name: "playground-embedded", server: cluster.url, skipTLSVerify: true }],
    users: [{ name: "playground" }],
    contexts: [{ name: "playground-embedded", cluster: "playground-embedded", user: "playground", namespace }],
    currentContext: "playground-embedded",
  });
  mkdirSync(".cluster", { recursive: true });
  writeFileSync(".cluster/live-kubeconfig", `apiVersion: v1
kind: Config
clusters: [{name: playground-embedded, cluster: {server: "${cluster.url}", insecure-skip-tls-verify: true}}]
contexts: [{name: playground-embedded, context: {cluster: playground-embedded, user: playground, namespace: ${namespace}}}]
current-context: playground-embedded
users: [{name: playground, user: {}}]
`);
} else {
  try {
    if (args.kubeconfig !== undefined) kc.loadFromFile(args.kubeconfig);
    else kc.loadFromDefault();
  } catch (e) {
    console.error(`error: cannot read the kubeconfig ${args.kubeconfig ?? defaultKubeconfig}: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
  if (args.context !== undefined) {
    if (kc.getContextObject(args.context) === null) usage(`no context ${args.context} in the kubeconfig (known: ${kc.getContexts().map((c) => c.name).join(", ")})`);
    kc.setCurrentContext(args.context);
  }
  const ctxName = kc.getCurrentContext();
  if (!ctxName || kc.getCurrentCluster() === null) usage("the kubeconfig has no current context; pass --context");
  namespace = args.namespace ?? kc.getContextObject(ctxName)?.namespace ?? "default";
  if (!isLocalContext(ctxName) && args.confirm !== ctxName) {
    console.error(`Context "${ctxName}" (${kc.getCurrentCluster()!.server}) does not look like a local cluster
(kind-*, minikube, k3d-*, docker-desktop, kwok-*, rancher-desktop). Live mode streams what it watches into a
tutorial page; if you really mean this cluster, run again with --confirm-context ${ctxName}`);
    process.exit(3);
  }
}

if (!existsSync(join(dist, "index.html"))) {
  console.log("building the app (dist/ is missing): npm run build …");
  try { execFileSync("npm", ["run", "build"], { stdio: "inherit", cwd: root }); } catch { console.error("error: npm run build failed"); process.exit(1); }
}

const proxy = await startLiveProxy({
  kubeConfig: kc, distDir: dist, namespace, allowWrites: args.allowWrites, port: args.port, embedded,
  ...(cluster !== undefined ? { faults: `${cluster.url}/playground/v1/faults` } : {}),
}).catch((e: NodeJS.ErrnoException) => {
  console.error(e.code === "EADDRINUSE" ? `error: port ${args.port} is in use; try --port 0 or another port` : `error: ${e.message}`);
  process.exit(1);
});

console.log(`Live mode: context ${proxy.info.context} → ${proxy.info.server} (namespace ${namespace}, ${args.allowWrites ? "writes allowed in that namespace" : "read-only"})`);
if (cluster !== undefined) {
  console.log(`  the simulated cluster runs in this process; use kubectl on it:
  export KUBECONFIG=${resolve(".cluster/live-kubeconfig")}
  kubectl get pods
  faults: curl -X POST ${cluster.url}/playground/v1/faults/{compact,dropWatches,partition,heal,restart}`);
}
console.log(`Open ${proxy.url}/#/live`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void Promise.all([proxy.close(), cluster?.close()]).then(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
