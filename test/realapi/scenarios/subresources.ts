/**
 * Subresource and cluster-scope scenarios: /scale and /status of a Deployment, pods/binding,
 * deletecollection, a cluster-scoped Node, and deleting a Namespace (no namespace controller runs, so
 * it stays Terminating on both servers).
 */
import { MERGE_PATCH, configMap, del, get, patch, pod, post, put, type Scenario } from "../scenario.js";

const DEPLOY = "/apis/apps/v1/namespaces/{{ns}}/deployments";
const PODS = "/api/v1/namespaces/{{ns}}/pods";
const CM = "/api/v1/namespaces/{{ns}}/configmaps";

const deployment = {
  apiVersion: "apps/v1", kind: "Deployment",
  metadata: { name: "web" },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: "web" } },
    template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "app", image: "registry.example/app:1" }] } },
  },
};

export const subresources: Scenario = {
  name: "subresources",
  title: "Deployment /scale and /status, pods/binding, deletecollection, a Node, a Namespace delete",
  steps: [
    post("create a deployment", DEPLOY, deployment),
    get("its scale", `${DEPLOY}/web/scale`, { id: "sc" }),
    patch("scale to 3 (merge patch on /scale, as kubectl scale)", `${DEPLOY}/web/scale`, MERGE_PATCH, { spec: { replicas: 3 } }),
    put("PUT /scale with the stale RV: 409", `${DEPLOY}/web/scale`, {
      apiVersion: "autoscaling/v1", kind: "Scale",
      metadata: { name: "web", namespace: "{{ns}}", resourceVersion: "{{sc.metadata.resourceVersion}}" }, spec: { replicas: 5 },
    }),
    get("the deployment after scaling: replicas 3, generation 2", `${DEPLOY}/web`, { id: "d2" }),
    put("PUT /status with the object as read", `${DEPLOY}/web/status`, "{{d2}}"),
    patch("merge patch /status: observedGeneration and replicas", `${DEPLOY}/web/status`, MERGE_PATCH, { status: { observedGeneration: 2, replicas: 1 } }),
    patch("a status change through the main endpoint is ignored", `${DEPLOY}/web`, MERGE_PATCH, { status: { replicas: 7 } }),
    get("the deployment: status from /status only", `${DEPLOY}/web`),
    post("create an unbound pod", PODS, pod("b1")),
    post("bind it to node-a", `${PODS}/b1/binding`, { apiVersion: "v1", kind: "Binding", metadata: { name: "b1" }, target: { apiVersion: "v1", kind: "Node", name: "node-a" } }),
    get("the pod after binding", `${PODS}/b1`),
    post("bind it again: 409", `${PODS}/b1/binding`, { apiVersion: "v1", kind: "Binding", metadata: { name: "b1" }, target: { apiVersion: "v1", kind: "Node", name: "node-b" } }),
    post("create c1 x=1", CM, configMap("c1", {}, { x: "1" })),
    post("create c2 x=1", CM, configMap("c2", {}, { x: "1" })),
    post("create c3 x=2", CM, configMap("c3", {}, { x: "2" })),
    del("deletecollection labelSelector=x=1", `${CM}?labelSelector=x%3D1`),
    get("what is left", CM),
    post("create a Node", "/api/v1/nodes", { apiVersion: "v1", kind: "Node", metadata: { name: "n-{{run}}", labels: { run: "{{run}}" } } }),
    get("list Nodes by label", "/api/v1/nodes?labelSelector=run%3D{{run}}"),
    get("a Node under a namespace path: 404", "/api/v1/namespaces/{{ns}}/nodes/n-{{run}}"),
    del("delete the Node", "/api/v1/nodes/n-{{run}}"),
    post("create a second namespace", "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "{{ns}}-b" } }),
    del("delete it: Terminating (no namespace controller)", "/api/v1/namespaces/{{ns}}-b"),
    get("get it", "/api/v1/namespaces/{{ns}}-b"),
    post("create in a terminating namespace: 403", "/api/v1/namespaces/{{ns}}-b/configmaps", configMap("late")),
  ],
};
