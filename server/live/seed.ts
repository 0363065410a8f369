/**
 * The embedded cluster's starting objects for live mode: a few pods in `default` and one deployment, so
 * the first list already carries something to follow and `kubectl scale` has a target (lesson 18's session).
 */
import type { ApiServer } from "../../src/index.js";

export function seedEmbedded(api: ApiServer, extraPods = 0): void {
  for (let i = 0; i < extraPods; i++) {
    api.create("pods", {
      apiVersion: "v1", kind: "Pod",
      metadata: { name: `load-${i}`, namespace: "default", labels: { app: "load" } },
      spec: { nodeName: "node-1", containers: [{ name: "main", image: "nginx:1.27" }] },
    });
  }
  for (const name of ["web-1", "web-2", "db-0"]) {
    api.create("pods", {
      apiVersion: "v1", kind: "Pod",
      metadata: { name, namespace: "default", labels: { app: name.startsWith("web") ? "web" : "db" } },
      // Bound to a node, as a scheduled pod is: a delete is graceful (terminating first, then gone).
      spec: { nodeName: "node-1", containers: [{ name: "main", image: name.startsWith("web") ? "nginx:1.27" : "postgres:16" }] },
    });
  }
  api.create("deployments", {
    apiVersion: "apps/v1", kind: "Deployment",
    metadata: { name: "shop", namespace: "default", labels: { app: "shop" } },
    spec: { replicas: 1, selector: { matchLabels: { app: "shop" } },
      template: { metadata: { labels: { app: "shop" } }, spec: { containers: [{ name: "main", image: "nginx:1.27" }] } } },
  });
}
