/**
 * Targets for the differential suite: the real kube-apiserver and the simulated cluster.
 *
 * Contract:
 * - Real: attaches to a running `npm run real-apiserver` (.real-apiserver/endpoint.json whose
 *   kube-apiserver PID is alive), else starts one from the binaries of tools/real-apiserver/build.sh,
 *   else answers `undefined` with the reason (the suite then compares against the recorded fixtures);
 *   REALAPI_ORACLE=fixtures skips the real server on purpose.
 * - Simulated: attaches to SIM_URL when set (plain HTTP, no credentials), else starts `npm run cluster`
 *   when the repository has that script, else `undefined` with the reason. Its storage is compacted
 *   through the playground fault endpoint.
 * - `stop()` stops only what this module started, by PID.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { compactEtcd, findBinaries, freePort, startRealApiserver } from "../../tools/real-apiserver/real-apiserver.mjs";
import { httpTarget, type Target } from "./target.js";

const REPO = join(import.meta.dirname, "..", "..");

export interface Started {
  readonly target: Target;
  readonly versions: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

export type Found = Started | { readonly missing: string };

function alive(pid: unknown): boolean {
  if (typeof pid !== "number") return false;
  try { process.kill(pid, 0); return true; } catch { return false; }
}

/**
 * Compacts etcd and waits until the apiserver shows it: an Exact list just below the compacted revision
 * answers 410 (before that its watch cache may still serve the snapshot; it polls every 15 s).
 */
function realCompact(etcdUrl: string, get: () => Target): () => Promise<void> {
  return async () => {
    const rev = await compactEtcd(etcdUrl);
    const t0 = Date.now();
    for (;;) {
      const res = await get().request({ method: "GET", path: `/api/v1/configmaps?resourceVersion=${rev - 1}&resourceVersionMatch=Exact&limit=1`, headers: { Accept: "application/json" } });
      if (res.status === 410) return;
      if (Date.now() - t0 > 40_000) throw new Error(`real: compaction at ${rev} not visible after 40 s (last answer ${res.status})`);
      await new Promise((r) => setTimeout(r, 500)); // real-time: waiting for a real server's 15 s poll
    }
  };
}

export async function realTarget(log: (m: string) => void): Promise<Found> {
  if (process.env.REALAPI_ORACLE === "fixtures") return { missing: "REALAPI_ORACLE=fixtures: the recorded answers are the oracle" };
  const endpointFile = join(REPO, ".real-apiserver", "endpoint.json");
  if (existsSync(endpointFile)) {
    const ep = JSON.parse(readFileSync(endpointFile, "utf8")) as {
      url: string; token: string; caPem: string; etcdUrl: string; pids: { apiserver: number }; versions: Record<string, string>;
    };
    if (alive(ep.pids.apiserver)) {
      log(`real: attaching to ${ep.url} (npm run real-apiserver, pid ${ep.pids.apiserver})`);
      const target: Target = httpTarget({ name: "real", base: ep.url, caPem: ep.caPem, token: ep.token, compact: realCompact(ep.etcdUrl, () => target) });
      return {
        target,
        versions: ep.versions,
        stop: async () => {},
      };
    }
  }
  try { findBinaries(); } catch (e) { return { missing: e instanceof Error ? e.message : String(e) }; }
  const api = await startRealApiserver({ log: (m) => log(`real: ${m}`) });
  const target: Target = httpTarget({ name: "real", base: api.url, caPem: api.caPem, token: api.token, compact: realCompact(api.etcdUrl, () => target) });
  return {
    target,
    versions: api.versions,
    stop: () => api.stop(),
  };
}

async function waitHttp(url: string, child: ChildProcess, ms: number): Promise<void> {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    if (child.exitCode !== null) throw new Error(`npm run cluster exited with ${child.exitCode}`);
    try { if ((await fetch(url)).ok) return; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 200)); // real-time: polling a real process for readiness
  }
  throw new Error(`${url} not ready after ${ms} ms`);
}

const simCompact = (base: string) => async (): Promise<void> => {
  const res = await fetch(new URL("/playground/v1/faults/compact", base), { method: "POST" });
  if (!res.ok) throw new Error(`sim compact: ${res.status} ${await res.text()}`);
};

export async function simTarget(log: (m: string) => void): Promise<Found> {
  const url = process.env.SIM_URL;
  if (url !== undefined && url !== "") {
    log(`sim: attaching to ${url}`);
    return { target: httpTarget({ name: "sim", base: url, compact: simCompact(url) }), versions: { sim: url }, stop: async () => {} };
  }
  const pkg = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { scripts?: Record<string, string> };
  if (pkg.scripts?.cluster === undefined) return { missing: "no `npm run cluster` in package.json yet (issue 17)" };
  const port = await freePort();
  const child = spawn("npm", ["run", "--silent", "cluster", "--", "--port", String(port)], { cwd: REPO, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  child.stdout?.on("data", (c: Buffer) => { output += c.toString(); });
  child.stderr?.on("data", (c: Buffer) => { output += c.toString(); });
  const base = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise<void>((r) => child.once("exit", () => r()));
    try { process.kill(-child.pid, "SIGINT"); } catch { /* gone */ } // its own process group: npm and node
    const t = setTimeout(() => { try { process.kill(-(child.pid ?? 0), "SIGKILL"); } catch { /* gone */ } }, 5000);
    await exited;
    clearTimeout(t);
  };
  try {
    await waitHttp(`${base}/version`, child, 60_000);
  } catch (e) {
    await stop();
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n${output}`);
  }
  log(`sim: npm run cluster on ${base} (pid ${child.pid})`);
  return { target: httpTarget({ name: "sim", base, compact: simCompact(base) }), versions: { sim: "npm run cluster" }, stop };
}
