import { cache, errors, informers, workqueue, type ConfigMap, type Pod, type Playground } from "playground";

// Your controller from lesson 12 (keys into a workqueue, reconcile from the lister, two workers, started
// after waitForCacheSync), with a new reconcile: bill each pod, using the `billing` ConfigMap.
export default async function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const pods = factory.core().v1().pods();
  const configMaps = factory.core().v1().configMaps();
  // Asking for the lister (or the informer) is what creates the informer: do it before start.
  const configMapLister = configMaps.lister();

  const controller = workqueue.newController({
    workers: 2,
    reconcile: async (key: string) => {
      const [namespace, name] = cache.splitMetaNamespaceKey(key);
      try {
        pods.lister().pods(namespace).get(name);
        // Throws NotFound until the `billing` ConfigMap exists.
        const billing = configMapLister.byNamespace(namespace).get("billing") as ConfigMap;
        const plan = billing.data?.["plan"] ?? "basic";
        await clientset.coreV1().configMaps(namespace).create({
          apiVersion: "v1", kind: "ConfigMap",
          metadata: { namespace, name: `bill-${name}` },
          data: { pod: name, plan },
        });
        log(`billed ${key} plan=${plan}`);
      } catch (err) {
        if (errors.isAlreadyExists(err)) return; // billed already
        log(`failed ${key}: ${String(err)}`); // TODO: this swallows the error
      }
    },
  });

  const enqueue = (obj: unknown) => controller.queue.add(cache.deletionHandlingMetaNamespaceKeyFunc(obj));
  pods.informer().addEventHandler({
    addFunc: (pod: Pod) => enqueue(pod),
    updateFunc: (_old: Pod, pod: Pod) => enqueue(pod),
  });

  factory.start(stop);
  const synced = await cache.waitForCacheSync(stop,
    () => pods.informer().hasSynced(), () => configMaps.informer().hasSynced());
  if (!synced) return;
  controller.run(stop);
}
