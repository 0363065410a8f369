/**
 * lesson-run — a lesson's Go program (extracted from go.md and built by gomd.oracle.ts into bin/) run
 * for real: against the cluster in-process with the lesson's scenario, or alone (a program that needs
 * no cluster), and its stdout lines.
 *
 * Contract:
 * - The cluster starts with the scenario's initial objects at `speed` (virtual ms per wall ms). The Go
 *   program gets a kubeconfig both ways its go.md reads one ($KUBECONFIG and $HOME/.kube/config).
 * - The timeline starts once the program watches (the server has an open watch): every op at op.at /
 *   speed wall-clock ms later. Writes go to the cluster itself (applyOp, as `npm run cluster --play`
 *   does); faults go through the HTTP fault endpoints, so a partition cuts the program's connections.
 * - At durationMs / speed + `graceMs` the program gets SIGINT (every go.md program stops on it); after
 *   5 s more, SIGKILL. Everything started is stopped, also on failure.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startCluster, type Cluster } from "../../server/cluster-server.js";
import { applyOp } from "../../src/scenario/apply-op.js";
import type { Scenario } from "../../src/scenario/scenario.js";
import { fault } from "./driver/ops.js";

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms)); // real-time: test driver

export interface GoRun {
  lines: string[];
  stderr: string;
  code: number | null;
  ms: number;
}

/** Runs `bin` until SIGINT at `stopAfterMs` (or its own exit), with `env`; resolves with its output. */
export function runProgram(bin: string, env: NodeJS.ProcessEnv, stopAfterMs: number | undefined, onStart?: () => void): Promise<GoRun> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(bin, [], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => { out += d.toString(); });
    child.stderr.on("data", (d: Buffer) => { if (err.length < 200_000) err += d.toString(); });
    child.on("error", reject);
    const timers: NodeJS.Timeout[] = [];
    if (stopAfterMs !== undefined) {
      timers.push(setTimeout(() => child.kill("SIGINT"), stopAfterMs)); // real-time: test driver
      timers.push(setTimeout(() => child.kill("SIGKILL"), stopAfterMs + 5_000)); // real-time: test driver
    }
    child.on("exit", (code) => {
      for (const t of timers) clearTimeout(t);
      resolve({ lines: out.split("\n").filter((l) => l !== ""), stderr: err, code, ms: Date.now() - start });
    });
    onStart?.();
  });
}

export async function runLessonProgram(bin: string, scenario: Scenario,
                                       o: { speed?: number; graceMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<GoRun> {
  const speed = o.speed ?? 1;
  const dir = mkdtempSync(join(tmpdir(), "oracle-lesson-"));
  let cluster: Cluster | undefined;
  const pending: Array<Promise<unknown>> = [];
  try {
    cluster = await startCluster({ port: 0, seed: scenario.seed, speed,
      server: { watchCacheCapacity: 1000, ...(scenario.server ?? {}) } });
    const c = cluster;
    for (const { resource, object } of scenario.initial) c.api.create(resource, structuredClone(object));
    c.ctx.driver.sync();
    const kubeconfig = `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: ${c.url}\n` +
      "contexts:\n- name: c\n  context:\n    cluster: c\n    user: u\n    namespace: default\ncurrent-context: c\nusers:\n- name: u\n  user: {}\n";
    mkdirSync(join(dir, ".kube"));
    writeFileSync(join(dir, ".kube", "config"), kubeconfig);
    const play = async (): Promise<void> => {
      for (let i = 0; c.api.openWatches() === 0; i++) {
        if (i > 600) throw new Error("the Go program never opened a watch (60 s)");
        await sleep(100);
      }
      const t0 = Date.now();
      const target = { server: c.api, tracer: { emit: () => undefined }, setListenerDelay: () => undefined, after: (ms: number, fn: () => void) => { c.ctx.scheduler.setTimeout(fn, ms); } };
      for (const op of [...scenario.timeline].sort((a, b) => a.at - b.at)) {
        const wait = t0 + op.at / speed - Date.now();
        if (wait > 0) await sleep(wait);
        if (op.op === "fault") await fault(c.url, op.fault);
        else if (op.op === "slowHandler") throw new Error("slowHandler has no Go counterpart");
        else { applyOp(target, op, false); c.ctx.driver.sync(); }
      }
    };
    const stopAfter = scenario.durationMs / speed + (o.graceMs ?? 1_500);
    let played: Promise<void> | undefined;
    const run = await runProgram(bin, { ...(o.env ?? {}), KUBECONFIG: join(dir, ".kube", "config"), HOME: dir }, stopAfter + 2_000, () => {
      played = play();
      pending.push(played.catch(() => undefined));
    });
    await played;
    return run;
  } finally {
    await Promise.all(pending);
    await cluster?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
