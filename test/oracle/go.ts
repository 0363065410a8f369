/**
 * go — runs the Go toolchain for the oracle module (test/oracle/go.mod), politely: `nice -n 10`
 * and GOFLAGS=-p=2 (the machine's two cores are shared), module downloads from the ordinary cache.
 *
 * Contract: `go(args)` runs synchronously in test/oracle and returns exit status and output (never
 * throws for a non-zero exit); `buildTools()` builds the recorder and the patch oracle into bin/ once
 * per process and returns their paths (throws with the compiler output on failure).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ORACLE_DIR } from "./gomd.js";

export const BIN_DIR = join(ORACLE_DIR, "bin");

export interface GoResult {
  status: number;
  output: string;
  ms: number;
}

export function goEnv(): NodeJS.ProcessEnv {
  const flags = (process.env.GOFLAGS ?? "").split(/\s+/).filter((f) => f !== "" && !f.startsWith("-p="));
  if (!flags.some((f) => f.startsWith("-buildvcs"))) flags.push("-buildvcs=false");
  return { ...process.env, GOFLAGS: [...flags, "-p=2"].join(" "), GOTOOLCHAIN: "local" };
}

export function hasGo(): boolean {
  return spawnSync("go", ["version"], { encoding: "utf8" }).status === 0;
}

export function go(args: string[], timeoutMs = 30 * 60_000): GoResult {
  const start = Date.now();
  const r = spawnSync("nice", ["-n", "10", "go", ...args], {
    cwd: ORACLE_DIR,
    env: goEnv(),
    encoding: "utf8",
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${r.stdout ?? ""}${r.stderr ?? ""}${r.error ? `\n${r.error.message}` : ""}`;
  return { status: r.status ?? -1, output, ms: Date.now() - start };
}

let tools: { recorder: string; patchoracle: string } | undefined;

export function buildTools(): { recorder: string; patchoracle: string } {
  if (tools !== undefined) return tools;
  const r = go(["build", "-o", `${BIN_DIR}/`, "./recorder", "./patchoracle"]);
  if (r.status !== 0) throw new Error(`go build ./recorder ./patchoracle failed:\n${r.output}`);
  const built = { recorder: join(BIN_DIR, "recorder"), patchoracle: join(BIN_DIR, "patchoracle") };
  for (const p of Object.values(built)) if (!existsSync(p)) throw new Error(`go build did not write ${p}`);
  tools = built;
  return built;
}
