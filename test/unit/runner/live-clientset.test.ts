/**
 * The live worker's clientset (site/runner/worker/live/live-clientset.ts): every call is one request whose
 * path comes from the engine's resource table (group and scope), as client-go's REST mapping would build it.
 */
import { describe, expect, it } from "vitest";
import { remoteClientset, type Send } from "../../../site/runner/worker/live/live-clientset.js";

describe("live clientset", () => {
  it("builds each resource's path from the resource table: core vs apps group, namespaced vs cluster-scoped", async () => {
    const seen: string[] = [];
    const send: Send = async (method, path) => {
      seen.push(`${method} ${path}`);
      return { status: 200, body: JSON.stringify({ metadata: { name: "x" } }) };
    };
    const cs = remoteClientset(send, "team-a");
    await cs.coreV1().pods().get("web-1");
    await cs.coreV1().pods("other").get("web-1");
    await cs.coreV1().configMaps().get("settings");
    await cs.coreV1().services("shop").get("storefront");
    await cs.coreV1().nodes().get("node-1");
    await cs.coreV1().namespaces().get("shop");
    await cs.appsV1().deployments().get("storefront");
    await cs.appsV1().replicaSets("shop").get("storefront-1");
    expect(seen).toEqual([
      "GET /api/v1/namespaces/team-a/pods/web-1",
      "GET /api/v1/namespaces/other/pods/web-1",
      "GET /api/v1/namespaces/team-a/configmaps/settings",
      "GET /api/v1/namespaces/shop/services/storefront",
      "GET /api/v1/nodes/node-1",
      "GET /api/v1/namespaces/shop",
      "GET /apis/apps/v1/namespaces/team-a/deployments/storefront",
      "GET /apis/apps/v1/namespaces/shop/replicasets/storefront-1",
    ]);
  });
});
