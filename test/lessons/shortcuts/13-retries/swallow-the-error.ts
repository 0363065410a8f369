// Shortcut: catch the NotFound in reconcile and return, so nothing is ever retried.
import { cache, informers, workqueue, type ConfigMap, type Pod, type Playground } from "playground";

export const caughtBy = ["every-pod-billed", "exponential-per-item"];

export default async function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const pods = factory.core().v1().pods();
  const configMaps = factory.core().v1().configMaps().lister();
  const controller = workqueue.newController({
    workers: 2,
    reconcile: async (key: string) => {
      const [namespace, name] = cache.splitMetaNamespaceKey(key);
      try {
        const billing = configMaps.byNamespace(namespace).get("billing") as ConfigMap;
        await clientset.coreV1().configMaps(namespace).create({
          apiVersion: "v1", kind: "ConfigMap", metadata: { namespace, name: `bill-${name}` }, data: { plan: billing.data?.["plan"] ?? "basic" },
        });
        log(`billed ${key}`);
      } catch {
        // "it will work next time"
      }
    },
  });
  pods.informer().addEventHandler({ addFunc: (pod: Pod) => controller.queue.add(cache.metaNamespaceKeyFunc(pod)) });
  factory.start(stop);
  await factory.waitForCacheSync(stop);
  controller.run(stop);
}
