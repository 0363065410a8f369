// Events traced from outside an engine task carry the wall clock's time, not the engine's last task's:
// `session.stop()` closes the watch (TracedListerWatcher's server.watch.closed "stopped") and the
// informer (fifo.closed, …) from the page, where the Scheduler's clock still stands at its last task.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Cluster } from "../../server/cluster-server.js";
import type { LiveProxy } from "../../server/live/proxy.js";
import { startEmbeddedLive } from "./embedded-live.js";
import { LiveSession } from "../../site/live/live-session.js";
import { RESOURCES } from "../../src/apiserver/resources.js";
import type { KnownTraceEvent } from "../../src/sim/index.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const IDLE_MS = 800;

describe("live events traced from outside a task", () => {
  let cluster: Cluster;
  let proxy: LiveProxy;
  beforeAll(async () => {
    ({ cluster, proxy } = await startEmbeddedLive("stop-", 5));
  });
  afterAll(async () => { await proxy.close(); await cluster.close(); });

  it("stop() stamps the watch's close and the informer's shutdown at the time of the stop", async () => {
    const t0 = performance.now();
    const session = new LiveSession({ base: `${proxy.url}/k8s`, resource: RESOURCES["pods"]!, namespace: "default" });
    const events: KnownTraceEvent[] = [];
    session.onEvent((e) => events.push(e));
    session.start();
    for (const start = Date.now(); !events.some((e) => e.kind === "server.watch.opened");) {
      if (Date.now() - start > 20_000) throw new Error("no watch");
      await sleep(10);
    }
    await sleep(IDLE_MS);                                  // the engine is idle: its clock stands at its last task
    const before = events.length;
    const last = events[before - 1]!.time;
    const stopAt = performance.now() - t0;
    session.stop();
    const byStop = events.slice(before);
    const closed = byStop.find((e) => e.kind === "server.watch.closed");
    expect(closed?.kind === "server.watch.closed" ? closed.reason : undefined).toBe("stopped");
    expect(stopAt - last).toBeGreaterThan(IDLE_MS - 50);   // (the setup is what it claims)
    for (const e of byStop) expect([e.kind, Math.abs(e.time - stopAt) < 250]).toEqual([e.kind, true]);
  });
});
