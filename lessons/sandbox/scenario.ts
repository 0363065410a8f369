import type { ConfigMap, Deployment, KubeObject, Namespace, Pod, Scenario, Service } from "../../src/index.js";

const ns = (name: string): Namespace => ({ apiVersion: "v1", kind: "Namespace", metadata: { name } });
const pod = (namespace: string, name: string, app: string, image: string): Pod => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { namespace, name, labels: { app } },
  spec: { containers: [{ name: app, image }] },
});
const storefront: Deployment = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { namespace: "shop", name: "storefront", labels: { app: "storefront" } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: "storefront" } },
    template: { metadata: { labels: { app: "storefront" } }, spec: { containers: [{ name: "web", image: "storefront:2.1" }] } },
  },
};
const settings: ConfigMap = {
  apiVersion: "v1", kind: "ConfigMap",
  metadata: { namespace: "shop", name: "settings" },
  data: { currency: "EUR", theme: "dark" },
};
const service: Service = {
  apiVersion: "v1", kind: "Service",
  metadata: { namespace: "shop", name: "storefront" },
  spec: { selector: { app: "storefront" }, ports: [{ port: 80, targetPort: 8080 }] },
};

const initial: Array<{ resource: string; object: KubeObject }> = [
  { resource: "namespaces", object: ns("default") },
  { resource: "namespaces", object: ns("kube-system") },
  { resource: "namespaces", object: ns("shop") },
  { resource: "pods", object: pod("default", "web-1", "web", "nginx:1.27") },
  { resource: "pods", object: pod("default", "web-2", "web", "nginx:1.27") },
  { resource: "pods", object: pod("kube-system", "coredns-1", "coredns", "coredns:1.11") },
  { resource: "pods", object: pod("shop", "storefront-1", "storefront", "storefront:2.1") },
  { resource: "pods", object: pod("shop", "storefront-2", "storefront", "storefront:2.1") },
  { resource: "pods", object: pod("shop", "cart-1", "cart", "cart:0.9") },
  { resource: "deployments", object: storefront },
  { resource: "configmaps", object: settings },
  { resource: "services", object: service },
];

const scenario: Scenario = {
  seed: 1,
  durationMs: 65_000, // two 30 s resyncs fit in a run
  initial,
  // A few changes of its own, so an unchanged starter already prints an add, an update and a delete.
  timeline: [
    { at: 2_000, op: "create", resource: "pods", object: pod("default", "web-3", "web", "nginx:1.27") },
    { at: 5_000, op: "label", resource: "pods", namespace: "default", name: "web-1", labels: { tier: "frontend" } },
    { at: 9_000, op: "delete", resource: "pods", namespace: "shop", name: "cart-1" },
  ],
};

export default scenario;
