import { cache, errors, informers, workqueue, type Pod, type Playground } from "playground";

export default async function main({ clientset, stop, log, sleep }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const podInformer = factory.core().v1().pods();
  const lister = podInformer.lister();

  const controller = workqueue.newController({
    workers: 2,
    reconcile: async (key: string) => {
      const [namespace, name] = cache.splitMetaNamespaceKey(key);
      let pod: Pod;
      try {
        pod = lister.pods(namespace).get(name); // the cache, as it is now
      } catch (err) {
        if (errors.isNotFound(err)) {
          log(`gone ${key}`);
          return;
        }
        throw err;
      }
      log(`reconcile ${key} version=${pod.metadata.labels?.["version"] ?? "?"}`);
      await sleep(300); // push to a slow external system
    },
  });

  const enqueue = (obj: unknown) => controller.queue.add(cache.deletionHandlingMetaNamespaceKeyFunc(obj));
  podInformer.informer().addEventHandler({
    addFunc: (pod: Pod) => enqueue(pod),
    updateFunc: (_old: Pod, pod: Pod) => enqueue(pod),
    deleteFunc: (obj: unknown) => enqueue(obj),
  });

  factory.start(stop);
  if (!(await cache.waitForCacheSync(stop, () => podInformer.informer().hasSynced()))) return;
  controller.run(stop);
}
