// A failed list in live mode names the object type as client-go does: `failed to list *v1.Pod: …`
// (reflector.go list(): fmt.Errorf("failed to list %v: %w", r.typeDescription, err)), not
// `failed to list <unspecified>: …`. The live view reads it from the world the session's window folds
// (ReflectorView.lastErrorDetail, shown by site/views/reflector-error.ts). Here the embedded cluster is
// partitioned before the session starts, so the live proxy answers every list with a 502 Status.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Cluster } from "../../server/cluster-server.js";
import type { LiveProxy } from "../../server/live/proxy.js";
import { startEmbeddedLive } from "./embedded-live.js";
import { LiveSession } from "../../site/live/live-session.js";
import { RESOURCES } from "../../src/apiserver/resources.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("a live session whose list is refused", () => {
  let cluster: Cluster;
  let proxy: LiveProxy;
  beforeAll(async () => {
    ({ cluster, proxy } = await startEmbeddedLive("list-error-", 3));
  });
  afterAll(async () => { await proxy.close(); await cluster.close(); });

  it("shows `failed to list *v1.Pod: …` (and *v1.Deployment for apps/v1) in the reflector's last error", async () => {
    const partitioned = await fetch(`${cluster.url}/playground/v1/faults/partition`, { method: "POST" });
    expect(partitioned.status).toBe(200);
    const session = new LiveSession({ base: `${proxy.url}/k8s`, resources: [RESOURCES["pods"]!, RESOURCES["deployments"]!], namespace: "default" });
    const failed = new Set<string>();
    session.onEvent((e) => { if (e.kind === "reflector.list.error") failed.add(e.name); });
    session.start();
    try {
      for (const t0 = Date.now(); failed.size < 2;) {
        if (Date.now() - t0 > 20_000) throw new Error(`no failed list for ${["pods", "deployments"].filter((n) => !failed.has(n)).join(", ")}`);
        await sleep(20);
      }
      session.window.settle();
      const world = session.window.replay.seek(session.window.replay.length);
      const pods = world.informers.get("pods")!.reflector.lastErrorDetail;
      const deployments = world.informers.get("deployments")!.reflector.lastErrorDetail;
      expect(pods?.request).toBe("list");
      expect(pods?.status).toBe("502 BadGateway");
      expect(pods?.text).toMatch(/^failed to list \*v1\.Pod: the cluster at http:\/\/127\.0\.0\.1:\d+ did not answer: /);
      expect(deployments?.text).toMatch(/^failed to list \*v1\.Deployment: the cluster at /);
    } finally {
      session.stop();
      await fetch(`${cluster.url}/playground/v1/faults/heal`, { method: "POST" });
    }
  });
});
