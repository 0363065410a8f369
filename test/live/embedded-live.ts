/**
 * The embedded cluster behind a read-only live proxy, as `npm run live -- --embedded` serves them, for the
 * live tests that drive a LiveSession from Node.
 *
 * Contract:
 * - `startEmbeddedLive(tag, seed)`: a simulated cluster on a free port, seeded like `--embedded`
 *   (seedEmbedded: web-1, web-2, db-0 and `seed` more pods when `seed` is a number; nothing when it is
 *   false) and synced, and a read-only live proxy in front of it (context "playground-embedded", namespace
 *   "default", an empty dist directory named after `tag`). Both listen on 127.0.0.1; the caller closes both.
 */
import { KubeConfig } from "@kubernetes/client-node";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startCluster, type Cluster } from "../../server/cluster-server.js";
import { startLiveProxy, type LiveProxy } from "../../server/live/proxy.js";
import { seedEmbedded } from "../../server/live/seed.js";

export async function startEmbeddedLive(tag: string, seed?: number | false): Promise<{ cluster: Cluster; proxy: LiveProxy }> {
  const cluster = await startCluster({ port: 0 });
  if (seed !== false) {
    seedEmbedded(cluster.api, seed);
    cluster.ctx.driver.sync();
  }
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: "c", server: cluster.url, skipTLSVerify: true }], users: [{ name: "u" }],
    contexts: [{ name: "playground-embedded", cluster: "c", user: "u", namespace: "default" }], currentContext: "playground-embedded",
  });
  const proxy = await startLiveProxy({ kubeConfig: kc, distDir: mkdtempSync(join(tmpdir(), tag)), namespace: "default", allowWrites: false, port: 0, embedded: true });
  return { cluster, proxy };
}
