// Shortcut: retry inside reconcile with a fixed sleep until billing exists (no workqueue backoff).
import { cache, errors, informers, workqueue, type ConfigMap, type Pod, type Playground } from "playground";

export const caughtBy = ["exponential-per-item", "overall-bucket", "forget-on-success"];

export default async function main({ clientset, stop, log, sleep }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const pods = factory.core().v1().pods();
  const configMaps = factory.core().v1().configMaps().lister();
  const controller = workqueue.newController({
    workers: 2,
    reconcile: async (key: string) => {
      const [namespace, name] = cache.splitMetaNamespaceKey(key);
      for (;;) {
        try {
          const billing = configMaps.byNamespace(namespace).get("billing") as ConfigMap;
          await clientset.coreV1().configMaps(namespace).create({
            apiVersion: "v1", kind: "ConfigMap", metadata: { namespace, name: `bill-${name}` }, data: { plan: billing.data?.["plan"] ?? "basic" },
          });
          log(`billed ${key}`);
          return;
        } catch (err) {
          if (errors.isAlreadyExists(err)) return;
          await sleep(100);
        }
      }
    },
  });
  pods.informer().addEventHandler({
    addFunc: (pod: Pod) => controller.queue.add(cache.metaNamespaceKeyFunc(pod)),
    updateFunc: (_old: Pod, pod: Pod) => controller.queue.add(cache.metaNamespaceKeyFunc(pod)),
  });
  factory.start(stop);
  await factory.waitForCacheSync(stop);
  controller.run(stop);
}
