/**
 * A real kube-apiserver and etcd on loopback, for the differential server tests and for trying clients
 * against the real thing (`npm run real-apiserver`).
 *
 * Contract:
 * - `startRealApiserver(opts)` finds the binaries built by tools/real-apiserver/build.sh, makes a temp
 *   dir with self-signed certificates (openssl), a service-account key pair and a static token file,
 *   starts etcd (temp data dir, client and peer URLs on 127.0.0.1) and kube-apiserver (bound to
 *   127.0.0.1, AlwaysAllow, no admission plugin that needs a controller), waits for /readyz, writes a
 *   kubeconfig (embedded CA, bearer token) and resolves to an endpoint description with `stop()`.
 * - Both processes are stopped by PID: `stop()` sends SIGTERM (SIGKILL after 10 s), apiserver first,
 *   then removes the temp dir. If the Node process exits without `stop()`, an exit hook kills both.
 * - Nothing listens on anything but 127.0.0.1. No controller-manager, scheduler or kubelet runs: the
 *   same bare server envtest gives (no GC, no namespace finalization, pods stay Pending).
 * - `compactEtcd(etcdUrl)` compacts etcd at its current revision through etcd's JSON gateway, as
 *   kube-apiserver's compactor does (compact_rev_key, then /v3/kv/compaction): old resourceVersions
 *   then answer 410 once the apiserver has noticed (up to ~16 s: its watch cache polls every 15 s).
 */
import { spawn, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, openSync, closeSync } from "node:fs";
import { request as httpsRequest } from "node:https";
import { createServer } from "node:net";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";

const DEFAULT_CACHE = process.env.REAL_APISERVER_CACHE
  ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "informer-playground", "real-apiserver");

/** Paths of the built binaries (stable symlinks written by build.sh), or an error saying how to build. */
export function findBinaries(cache = DEFAULT_CACHE) {
  const etcd = process.env.REAL_ETCD_BIN ?? join(cache, "bin", "etcd");
  const apiserver = process.env.REAL_KUBE_APISERVER_BIN ?? join(cache, "bin", "kube-apiserver");
  const missing = [etcd, apiserver].filter((p) => !existsSync(p));
  if (missing.length > 0) {
    throw new Error(`real-apiserver: not built (${missing.join(", ")} missing).\n` +
      "Build once with: tools/real-apiserver/build.sh   (Go >= 1.26, the Go module proxy; ~25 min on 2 cores)");
  }
  return { etcd, apiserver };
}

/** A free TCP port on 127.0.0.1 (bind to port 0, read it, close). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const addr = s.address();
      s.close(() => resolve(typeof addr === "object" && addr ? addr.port : 0));
    });
  });
}

function openssl(args, cwd) {
  execFileSync("openssl", args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
}

/** CA, serving certificate for 127.0.0.1/localhost, service-account RSA key pair. */
function makeCerts(dir) {
  openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
    "-days", "2", "-subj", "/CN=informer-playground-real-apiserver-ca"], dir);
  openssl(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
    "-subj", "/CN=kube-apiserver"], dir);
  writeFileSync(join(dir, "server.ext"),
    "subjectAltName=IP:127.0.0.1,DNS:localhost,IP:10.0.0.1,DNS:kubernetes,DNS:kubernetes.default," +
    "DNS:kubernetes.default.svc\nextendedKeyUsage=serverAuth\nkeyUsage=digitalSignature,keyEncipherment\n");
  openssl(["x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
    "-out", "server.crt", "-days", "2", "-extfile", "server.ext"], dir);
  openssl(["genrsa", "-out", "sa.key", "2048"], dir);
  openssl(["rsa", "-in", "sa.key", "-pubout", "-out", "sa.pub"], dir);
}

function kubeconfigYaml(url, caPem, token) {
  const ca = Buffer.from(caPem).toString("base64");
  return [
    "apiVersion: v1", "kind: Config",
    "clusters:", "- name: real-apiserver", "  cluster:", `    server: ${url}`,
    `    certificate-authority-data: ${ca}`,
    "users:", "- name: admin", "  user:", `    token: ${token}`,
    "contexts:", "- name: real-apiserver", "  context:", "    cluster: real-apiserver", "    user: admin",
    "    namespace: default",
    "current-context: real-apiserver", "",
  ].join("\n");
}

/** GET/POST over HTTPS with our CA and token; resolves {status, body} (never rejects on HTTP status). */
function httpsJson(url, { method = "GET", ca, token, body, headers = {}, timeoutMs = 5000 } = {}) {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, {
      method, ca, timeout: timeoutMs,
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
    }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

async function postJson(url, payload) {
  const res = await fetch(url, { method: "POST", body: JSON.stringify(payload), headers: { "Content-Type": "application/json" } });
  const text = await res.text();
  if (!res.ok) throw new Error(`${url}: ${res.status} ${text}`);
  return JSON.parse(text);
}

const b64 = (s) => Buffer.from(s).toString("base64");
const COMPACT_REV_KEY = "compact_rev_key"; // apiserver pkg/storage/etcd3/compact.go compactRevKey

/**
 * Compacts etcd at its current revision the way kube-apiserver's own compactor does
 * (apiserver pkg/storage/etcd3/compact.go Compact): a transaction that bumps `compact_rev_key` to the
 * revision (if nobody else moved it), then the compaction. The key matters: kube-apiserver watches it
 * (runWatchLoop) to learn the compacted revision, and its watch cache drops list snapshots older than
 * that (cacher/compactor.go, polled every 15 s). A bare etcd compaction would leave those snapshots
 * answering old Exact lists and continue tokens.
 */
export async function compactEtcd(etcdUrl) {
  const got = await postJson(`${etcdUrl}/v3/kv/range`, { key: b64(COMPACT_REV_KEY) });
  const revision = Number(got.header.revision);
  const version = got.kvs?.[0]?.version ?? "0";
  const txn = await postJson(`${etcdUrl}/v3/kv/txn`, {
    compare: [{ target: "VERSION", key: b64(COMPACT_REV_KEY), version: String(version), result: "EQUAL" }],
    success: [{ requestPut: { key: b64(COMPACT_REV_KEY), value: b64(String(revision)) } }],
  });
  if (!txn.succeeded) throw new Error("compactEtcd: compact_rev_key moved concurrently; try again");
  await postJson(`${etcdUrl}/v3/kv/compaction`, { revision: String(revision), physical: true });
  return revision;
}

async function waitFor(what, check, timeoutMs, proc) {
  const t0 = Date.now();
  let last = "";
  while (Date.now() - t0 < timeoutMs) {
    if (proc.exitCode !== null || proc.signalCode !== null) {
      throw new Error(`${what} exited (${proc.exitCode ?? proc.signalCode}) before it was ready`);
    }
    try {
      if (await check()) return Date.now() - t0;
    } catch (e) { last = String(e); }
    await new Promise((r) => setTimeout(r, 250)); // real-time: polling a real process for readiness
  }
  throw new Error(`${what} not ready after ${timeoutMs} ms ${last}`);
}

function killAndWait(proc, ms) {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) { resolve(); return; }
    const t = setTimeout(() => { try { process.kill(proc.pid, "SIGKILL"); } catch { /* gone */ } }, ms);
    proc.once("exit", () => { clearTimeout(t); resolve(); });
    try { process.kill(proc.pid, "SIGTERM"); } catch { clearTimeout(t); resolve(); }
  });
}

function tail(file, n = 30) {
  try { return readFileSync(file, "utf8").trimEnd().split("\n").slice(-n).join("\n"); } catch { return ""; }
}

/**
 * Starts etcd + kube-apiserver. Options: port (apiserver, default a free one), dir (default a temp dir),
 * kubeconfigPath (extra copy), extraArgs (more apiserver flags), readyTimeoutMs (default 180 s), log.
 */
export async function startRealApiserver(opts = {}) {
  const bins = findBinaries(opts.cache);
  const log = opts.log ?? (() => {});
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), "real-apiserver-"));
  makeCerts(dir);
  const token = randomBytes(24).toString("hex");
  writeFileSync(join(dir, "tokens.csv"), `${token},admin,admin-uid,"system:masters"\n`, { mode: 0o600 });
  const [etcdPort, peerPort] = [await freePort(), await freePort()];
  const port = opts.port ?? await freePort();
  const etcdUrl = `http://127.0.0.1:${etcdPort}`;
  const url = `https://127.0.0.1:${port}`;
  const caPem = readFileSync(join(dir, "ca.crt"), "utf8");
  const procs = [];
  const killAllSync = () => { for (const p of procs) { try { process.kill(p.pid, "SIGKILL"); } catch { /* gone */ } } };
  process.once("exit", killAllSync);

  const spawnLogged = (name, bin, args) => {
    const fd = openSync(join(dir, `${name}.log`), "a");
    const p = spawn(bin, args, { stdio: ["ignore", fd, fd] });
    closeSync(fd);
    procs.push(p);
    return p;
  };
  try {
    const etcd = spawnLogged("etcd", bins.etcd, [
      "--name", "default", "--data-dir", join(dir, "etcd-data"),
      "--listen-client-urls", etcdUrl, "--advertise-client-urls", etcdUrl,
      "--listen-peer-urls", `http://127.0.0.1:${peerPort}`,
      "--initial-advertise-peer-urls", `http://127.0.0.1:${peerPort}`,
      "--initial-cluster", `default=http://127.0.0.1:${peerPort}`,
      "--unsafe-no-fsync", "--log-level", "warn",
    ]);
    log(`etcd pid ${etcd.pid} on ${etcdUrl}`);
    const etcdMs = await waitFor("etcd", async () => (await fetch(`${etcdUrl}/health`)).ok, 30_000, etcd)
      .catch((e) => { throw new Error(`${e.message}\n${tail(join(dir, "etcd.log"))}`); });
    log(`etcd ready in ${etcdMs} ms`);

    const apiserverArgs = [
      `--etcd-servers=${etcdUrl}`,
      "--bind-address=127.0.0.1", `--secure-port=${port}`, "--advertise-address=127.0.0.1",
      `--cert-dir=${dir}`,
      `--tls-cert-file=${join(dir, "server.crt")}`, `--tls-private-key-file=${join(dir, "server.key")}`,
      `--client-ca-file=${join(dir, "ca.crt")}`,
      `--token-auth-file=${join(dir, "tokens.csv")}`,
      `--service-account-key-file=${join(dir, "sa.pub")}`,
      `--service-account-signing-key-file=${join(dir, "sa.key")}`,
      "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
      "--service-cluster-ip-range=10.0.0.0/24",
      "--authorization-mode=AlwaysAllow",
      // ServiceAccount admission needs the default ServiceAccount that only kube-controller-manager creates.
      "--disable-admission-plugins=ServiceAccount",
      // etcd is compacted only when a test asks (compactEtcd), not every 5 minutes. Not 0: with 0 the
      // apiserver starts no compactor at all, so it never watches compact_rev_key and its watch cache
      // would keep serving compacted revisions (storagebackend/factory/etcd3.go startCompactorOnce).
      "--etcd-compaction-interval=24h",
      // The kubernetes Service's endpoint reconciler refuses a loopback advertise address.
      "--endpoint-reconciler-type=none",
      "--profiling=false",
      ...(opts.extraArgs ?? []),
    ];
    const startApiserver = async () => {
      const p = spawnLogged("kube-apiserver", bins.apiserver, apiserverArgs);
      log(`kube-apiserver pid ${p.pid} on ${url}`);
      const ms = await waitFor("kube-apiserver", async () =>
        (await httpsJson(`${url}/readyz`, { ca: caPem, token })).status === 200, opts.readyTimeoutMs ?? 180_000, p)
        .catch((e) => { throw new Error(`${e.message}\n${tail(join(dir, "kube-apiserver.log"))}`); });
      return { p, ms };
    };
    let { p: apiserver, ms: apiMs } = await startApiserver();
    log(`kube-apiserver ready in ${apiMs} ms`);

    const version = JSON.parse((await httpsJson(`${url}/version`, { ca: caPem, token })).body);
    const etcdVersion = await (await fetch(`${etcdUrl}/version`)).json();
    const kubeconfig = join(dir, "kubeconfig");
    const yaml = kubeconfigYaml(url, caPem, token);
    writeFileSync(kubeconfig, yaml, { mode: 0o600 });
    if (opts.kubeconfigPath) writeFileSync(opts.kubeconfigPath, yaml, { mode: 0o600 });

    let stopped = false;
    return {
      url, token, caPem, etcdUrl, dir, kubeconfig, port,
      pids: { etcd: etcd.pid, apiserver: apiserver.pid },
      /** Stops kube-apiserver and starts it again on the same port and etcd (its watch cache starts empty). */
      async restartApiserver() {
        await killAndWait(apiserver, 10_000);
        ({ p: apiserver, ms: apiMs } = await startApiserver());
        this.pids.apiserver = apiserver.pid;
        log(`kube-apiserver restarted, ready in ${apiMs} ms`);
        return apiMs;
      },
      versions: { kubeApiserver: version.gitVersion, etcd: etcdVersion.etcdserver, goVersion: version.goVersion },
      startupMs: { etcd: etcdMs, apiserver: apiMs },
      async stop() {
        if (stopped) return;
        stopped = true;
        await killAndWait(apiserver, 10_000);
        await killAndWait(etcd, 10_000);
        process.removeListener("exit", killAllSync);
        if (!opts.keep && !opts.dir) rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    for (const p of procs.reverse()) await killAndWait(p, 5_000);
    process.removeListener("exit", killAllSync);
    if (!opts.keep && !opts.dir) rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
