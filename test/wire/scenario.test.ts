// `npm run cluster -- --scenario <lesson> [--play]` (server/cluster-server.ts): a lesson's initial objects are
// there at start, and with playTimeline its timed operations happen on the (sped-up) wall clock.
import { describe, expect, it } from "vitest";
import scenario from "../../lessons/10-reflector-under-stress/scenario.js";
import { api, testCluster, waitFor } from "./harness.js";

describe("cluster with a lesson's scenario", () => {
  it("seeds lesson 03's pods and, with --play at speed 20, plays its timeline (web-3 at 2 s of virtual time)", async () => {
    const c = await testCluster({ scenario, playTimeline: true, speed: 20 });
    try {
      const names = async () => (await api(c, "GET", "/api/v1/namespaces/default/pods")).json.items.map((p: { metadata: { name: string } }) => p.metadata.name);
      expect(await names()).toEqual(expect.arrayContaining(["web-1", "web-2"]));
      await waitFor(async () => (await names()).includes("web-3"), "the timeline's create of web-3", 10_000);
    } finally { await c.close(); }
  });
  it("without --play only the initial objects exist", async () => {
    const c = await testCluster({ scenario, speed: 20 });
    try {
      await new Promise((r) => setTimeout(r, 300));        // 6 s of virtual time
      const list = (await api(c, "GET", "/api/v1/namespaces/default/pods")).json;
      expect(list.items.map((p: { metadata: { name: string } }) => p.metadata.name).sort()).toEqual(["web-1", "web-2"]);
    } finally { await c.close(); }
  });
});
