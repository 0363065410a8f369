// Shortcut: keys into a workqueue and a reconcile from the lister, but the slow push is left out of the
// workers (no `await sleep(300)`): each reconcile is instant, so no key is ever re-added while it is
// processing, and the queue's processing rule is never exercised.
import { cache, errors, informers, workqueue, type Pod, type Playground } from "playground";

export const caughtBy = ["re-add-while-processing"];

export default async function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const podInformer = factory.core().v1().pods();
  const lister = podInformer.lister();
  const controller = workqueue.newController({
    workers: 2,
    reconcile: async (key: string) => {
      const [namespace, name] = cache.splitMetaNamespaceKey(key);
      try {
        const pod = lister.pods(namespace).get(name);
        log(`reconcile ${key} version=${pod.metadata.labels?.["version"] ?? "?"}`);
      } catch (err) {
        if (!errors.isNotFound(err)) throw err;
        log(`gone ${key}`);
      }
    },
  });
  const enqueue = (obj: unknown) => controller.queue.add(cache.deletionHandlingMetaNamespaceKeyFunc(obj));
  podInformer.informer().addEventHandler({ addFunc: enqueue, updateFunc: (_o: Pod, n: Pod) => enqueue(n), deleteFunc: enqueue });
  factory.start(stop);
  if (!(await cache.waitForCacheSync(stop, () => podInformer.informer().hasSynced()))) return;
  controller.run(stop);
}
