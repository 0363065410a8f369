// Shared by the wire tests: a cluster on a free loopback port with a kubeconfig, and runners for the
// real clients (kubectl, python3 with the official client). Each finder returns undefined with the
// reason when a client is absent, so a test can skip saying why.
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startCluster, type Cluster, type ClusterOptions } from "../../server/cluster-server.js";

export interface TestCluster extends Cluster { dir: string; kubeconfig: string }

export async function testCluster(options: ClusterOptions = {}): Promise<TestCluster> {
  const c = await startCluster({ port: 0, ...options });
  const dir = mkdtempSync(join(tmpdir(), "playground-wire-"));
  const kubeconfig = join(dir, "kubeconfig");
  writeFileSync(kubeconfig, `apiVersion: v1
kind: Config
clusters: [{name: p, cluster: {server: "${c.url}", insecure-skip-tls-verify: true}}]
contexts: [{name: p, context: {cluster: p, user: p, namespace: default}}]
current-context: p
users: [{name: p, user: {}}]
`);
  return Object.assign(c, { dir, kubeconfig });
}

/** The versioned kubectl (gotcha G1: the machine's `kubectl` is gcloud's dispatcher), else `kubectl`. */
export function findKubectl(): { bin: string; version: string } | undefined {
  const candidates = ["/usr/lib/google-cloud-sdk/bin/kubectl.1.32", "/usr/lib/google-cloud-sdk/bin/kubectl.1.33", "kubectl"];
  for (const bin of candidates) {
    if (bin.startsWith("/") && !existsSync(bin)) continue;
    try {
      const out = execFileSync(bin, ["version", "--client", "-o", "json"], { encoding: "utf8", timeout: 20_000 });
      return { bin, version: (JSON.parse(out) as { clientVersion: { gitVersion: string } }).clientVersion.gitVersion };
    } catch { /* try the next */ }
  }
  return undefined;
}

export interface Run { code: number; stdout: string; stderr: string }

export function run(bin: string, args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number; input?: string } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(bin, args, { env: { ...process.env, ...options.env }, timeout: options.timeoutMs ?? 60_000, encoding: "utf8", maxBuffer: 1 << 24 },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr }));
    if (options.input !== undefined) { child.stdin?.end(options.input); }
  });
}

/** python3 with the official `kubernetes` client (Debian's python3-kubernetes or pip), with its version. */
export function findPython(): { bin: string; version: string } | undefined {
  for (const bin of ["/usr/bin/python3", "python3"]) {
    try {
      const v = execFileSync(bin, ["-c", "import kubernetes; print(kubernetes.__version__)"], { encoding: "utf8", timeout: 30_000 }).trim();
      return { bin, version: v };
    } catch { /* next */ }
  }
  return undefined;
}

export async function waitFor(cond: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function api(c: Cluster, method: string, path: string, body?: unknown, contentType = "application/json"): Promise<{ status: number; json: any }> {
  const r = await fetch(`${c.url}${path}`, {
    method, headers: body !== undefined ? { "Content-Type": contentType } : {},
    ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
  });
  const text = await r.text();
  let json: unknown;
  try { json = JSON.parse(text); } catch { json = text; }
  return { status: r.status, json };
}
