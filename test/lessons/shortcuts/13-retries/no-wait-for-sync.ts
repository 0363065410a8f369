// Shortcut (sweep 28): run the controller right after factory.start, without waitForCacheSync.
import { cache, errors, informers, workqueue, type ConfigMap, type Pod, type Playground } from "playground";

export const caughtBy = ["sync-before-work"];

export default async function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const pods = factory.core().v1().pods();
  const configMaps = factory.core().v1().configMaps();
  // Asking for the lister (or the informer) is what creates the informer: do it before start.
  const configMapLister = configMaps.lister();

  const controller = workqueue.newController({
    workers: 2,
    maxRetries: 15, // ride out a few seconds of outage; the default 5 gives up after ~155 ms
    reconcile: async (key: string) => {
      const [namespace, name] = cache.splitMetaNamespaceKey(key);
      try {
        pods.lister().pods(namespace).get(name);
      } catch (err) {
        if (errors.isNotFound(err)) return; // the pod is gone: nothing to bill
        throw err;
      }
      // NotFound until `billing` exists: let it throw, the controller retries with rate limiting.
      const billing = configMapLister.byNamespace(namespace).get("billing") as ConfigMap;
      const plan = billing.data?.["plan"] ?? "basic";
      try {
        await clientset.coreV1().configMaps(namespace).create({
          apiVersion: "v1", kind: "ConfigMap",
          metadata: { namespace, name: `bill-${name}` },
          data: { pod: name, plan },
        });
        log(`billed ${key} plan=${plan}`);
      } catch (err) {
        if (errors.isAlreadyExists(err)) return; // billed already: success
        throw err;
      }
    },
  });

  const enqueue = (obj: unknown) => controller.queue.add(cache.deletionHandlingMetaNamespaceKeyFunc(obj));
  pods.informer().addEventHandler({
    addFunc: (pod: Pod) => enqueue(pod),
    updateFunc: (_old: Pod, pod: Pod) => enqueue(pod),
  });

  factory.start(stop);
  controller.run(stop);
}
