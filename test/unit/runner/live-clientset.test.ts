/**
 * The live worker's clientset (site/runner/worker/live/live-clientset.ts): every call is one request whose
 * path comes from the engine's resource table (group, version and scope), as client-go's REST mapping would build it.
 */
import { describe, expect, it } from "vitest";
import { RESOURCES } from "../../../src/index.js";
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
    // group and version are the table's apiVersion, not a fixed "v1": every resource the clientset serves
    const served = [...seen.map((l) => l.split(" ")[1]!)];
    for (const info of Object.values(RESOURCES)) {
      const path = served.find((p) => p.split("/").includes(info.resource))!;
      expect(path.startsWith(info.group === "" ? `/api/${info.apiVersion}/` : `/apis/${info.apiVersion}/`), `${info.resource}: ${path}`).toBe(true);
    }
  });
});
