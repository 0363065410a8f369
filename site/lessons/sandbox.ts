/** The free playground (`#/sandbox`): a small scenario and a starter, no goals. */
import type { Scenario } from "../../src/scenario/index.js";
import type { Pod } from "../../src/index.js";

const pod = (name: string, app: string, image: string): Pod => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: "default", labels: { app } },
  spec: { containers: [{ name: app, image }] },
});

export const sandboxScenario: Scenario = {
  seed: 7,
  durationMs: 40_000,
  initial: [
    { resource: "pods", object: pod("web-1", "web", "nginx:1.27") },
    { resource: "pods", object: pod("db-1", "db", "postgres:16") },
  ],
  timeline: [
    { at: 2_000, op: "create", resource: "pods", object: pod("web-2", "web", "nginx:1.27") },
    { at: 5_000, op: "label", resource: "pods", namespace: "default", name: "web-1", labels: { tier: "frontend" } },
    { at: 9_000, op: "delete", resource: "pods", namespace: "default", name: "db-1" },
  ],
};

export const sandboxStarter = `import { cache, informers, type Pod, type Playground } from "playground";

// The sandbox: any informer program. Use the stage's actions to change the cluster while it runs.
export default function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 30_000);
  const podInformer = factory.core().v1().pods();
  podInformer.informer().addEventHandler({
    addFunc: (pod: Pod) => log(\`added \${pod.metadata.name}\`),
    updateFunc: (_old: Pod, pod: Pod) => log(\`updated \${pod.metadata.name} rv=\${pod.metadata.resourceVersion}\`),
    deleteFunc: (obj: unknown) => log(\`deleted \${cache.deletionHandlingMetaNamespaceKeyFunc(obj)}\`),
  });
  factory.start(stop);
}
`;
