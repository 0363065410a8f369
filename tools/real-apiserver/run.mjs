#!/usr/bin/env node
/**
 * `npm run real-apiserver [-- --port 6443] [--keep]`: a real etcd + kube-apiserver on 127.0.0.1 until
 * Ctrl-C, for kubectl, client-node and the differential tests (test/realapi).
 *
 * Contract: needs the binaries of tools/real-apiserver/build.sh. Writes .real-apiserver/kubeconfig and
 * .real-apiserver/endpoint.json (URL, token, CA, etcd URL, PIDs: what `npm run test:realapi` attaches
 * to) in the repository (git-ignored), prints how to use them, and on SIGINT/SIGTERM stops both
 * processes by PID, removes the endpoint file and the temp dir (kept with --keep).
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { startRealApiserver } from "./real-apiserver.mjs";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const args = process.argv.slice(2);
const flag = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const unknown = args.filter((a, i) => a.startsWith("--") && !["--port", "--keep"].includes(a) && args[i - 1] !== "--port");
if (unknown.length > 0 || args.includes("--help")) {
  console.error("usage: npm run real-apiserver [-- --port <port>] [--keep]");
  process.exit(unknown.length > 0 ? 2 : 0);
}
const portArg = flag("--port");
const port = portArg === undefined ? undefined : Number(portArg);
if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
  console.error(`real-apiserver: --port ${portArg} is not a port number`);
  process.exit(2);
}

const outDir = join(repo, ".real-apiserver");
mkdirSync(outDir, { recursive: true });
const kubeconfigPath = join(outDir, "kubeconfig");
const endpointPath = join(outDir, "endpoint.json");

let api;
try {
  api = await startRealApiserver({ port, keep: args.includes("--keep"), kubeconfigPath, log: (m) => console.log(`[real-apiserver] ${m}`) });
} catch (e) {
  console.error(String(e instanceof Error ? e.message : e));
  process.exit(1);
}
writeFileSync(endpointPath, JSON.stringify({
  url: api.url, token: api.token, caPem: api.caPem, etcdUrl: api.etcdUrl, kubeconfig: kubeconfigPath,
  pids: api.pids, versions: api.versions, dir: api.dir,
}, null, 2) + "\n", { mode: 0o600 });

const kc = relative(process.cwd(), kubeconfigPath) || kubeconfigPath;
console.log(`
A real kube-apiserver ${api.versions.kubeApiserver} (etcd ${api.versions.etcd}) is serving on ${api.url}
(loopback only; AlwaysAllow; no controllers, scheduler or kubelet: pods stay Pending).

  export KUBECONFIG=${kubeconfigPath}
  kubectl get ns
  kubectl --kubeconfig ${kc} run web --image=nginx
  kubectl --kubeconfig ${kc} get pods -w

Differential tests against it (from another terminal): npm run test:realapi
Compact etcd as kube-apiserver's compactor does (old resourceVersions answer 410 within ~16 s):
  node -e 'import("./tools/real-apiserver/real-apiserver.mjs").then((m) => m.compactEtcd("${api.etcdUrl}")).then(console.log)'
Logs and certificates: ${api.dir}
Ctrl-C stops etcd (pid ${api.pids.etcd}) and kube-apiserver (pid ${api.pids.apiserver}).`);

let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  console.log("\n[real-apiserver] stopping kube-apiserver and etcd");
  await api.stop();
  rmSync(endpointPath, { force: true });
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
// A process that dies on its own ends the session (the other one is stopped too).
const watchdog = setInterval(() => {
  for (const [name, pid] of Object.entries(api.pids)) {
    try { process.kill(pid, 0); } catch {
      console.error(`[real-apiserver] ${name} (pid ${pid}) exited; see ${api.dir}`);
      clearInterval(watchdog);
      void shutdown(1);
      return;
    }
  }
}, 1000); // real-time: watching real processes
