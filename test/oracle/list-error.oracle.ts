/**
 * The watch error handler's text for a refused first LIST, from real client-go and from our engine: the
 * recorder (an informer from a SharedInformerFactory, WatchListClient off so the Reflector lists) points at
 * a loopback port nothing listens on; our factory's informer runs against the simulated server in a
 * "refused" partition. With the host and port of the dial swapped for the in-cluster address our messages
 * use, the two must be the same text, byte for byte (reflector.go list(): "failed to list %v: %w" around
 * the REST client's url.Error, rest/request.go URL()).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";
import { ApiServer, Scheduler } from "../../src/index.js";
import { SharedInformerFactory } from "../../src/informers/shared-informer-factory.js";
import { buildTools, hasGo } from "./go.js";

/** A loopback port that was free a moment ago (nothing listens on it now). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The recorder's first watchError line against https://127.0.0.1:<port>. */
async function goFirstWatchError(recorder: string, port: number): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "ip-list-error-"));
  const kubeconfig = join(dir, "kubeconfig");
  writeFileSync(kubeconfig, [
    "apiVersion: v1", "kind: Config",
    "clusters:", "- name: dead", "  cluster:", `    server: https://127.0.0.1:${port}`, "    insecure-skip-tls-verify: true",
    "contexts:", "- name: dead", "  context: {cluster: dead, user: u}", "current-context: dead",
    "users:", "- name: u", "  user: {token: x}", "",
  ].join("\n"));
  const child = spawn(recorder, ["-kubeconfig", kubeconfig, "-resource", "pods"], {
    env: { ...process.env, KUBE_FEATURE_WatchListClient: "false" }, stdio: ["pipe", "pipe", "ignore"],
  });
  try {
    const lines = createInterface({ input: child.stdout });
    for await (const line of lines) {
      const record = JSON.parse(line) as { kind: string; error?: string };
      if (record.kind === "watchError") return record.error ?? "";
    }
    throw new Error("the recorder ended without a watch error");
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Our factory's pods informer, its first LIST refused: the handler's first error. */
function ourFirstWatchError(): string {
  const s = new Scheduler({ seed: 1 });
  const server = new ApiServer(s, {});
  server.partition("refused");
  const informer = new SharedInformerFactory(server, 0).core().v1().pods().informer();
  const errors: string[] = [];
  informer.setWatchErrorHandler((e) => errors.push(e.message));
  informer.run(new AbortController().signal);
  s.advance(500);
  return errors[0] ?? "";
}

describe.skipIf(!hasGo())("a refused first LIST, as the watch error handler hears it", () => {
  it("reads the same from client-go and from our engine", async () => {
    const { recorder } = buildTools();
    const port = await closedPort();
    const real = await goFirstWatchError(recorder, port);
    expect(real).toMatch(/^failed to list \*v1\.Pod: Get "https:\/\/127\.0\.0\.1:\d+\/api\/v1\/pods\?limit=500&resourceVersion=0": dial tcp 127\.0\.0\.1:\d+: connect: connection refused$/);
    expect(ourFirstWatchError()).toBe(real.replaceAll(`127.0.0.1:${port}`, "10.96.0.1:443"));
  }, 30 * 60_000);
});
