// Shortcut: reconcile calls the lister's get (the read is traced) but logs the version of the object the
// update handler passed along with the key, which can be older than the cache by the time the worker runs.
import { cache, errors, informers, workqueue, type Pod, type Playground } from "playground";

export const caughtBy = ["level-triggered"];

export default async function main({ clientset, stop, log, sleep }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const podInformer = factory.core().v1().pods();
  const lister = podInformer.lister();
  const queuedWith = new Map<string, Pod>();
  const controller = workqueue.newController({
    workers: 2,
    reconcile: async (key: string) => {
      const [namespace, name] = cache.splitMetaNamespaceKey(key);
      try {
        lister.pods(namespace).get(name);
      } catch (err) {
        if (!errors.isNotFound(err)) throw err;
        log(`gone ${key}`);
        return;
      }
      const pod = queuedWith.get(key)!;
      log(`reconcile ${key} version=${pod.metadata.labels?.["version"] ?? "?"}`);
      await sleep(300);
    },
  });
  const enqueue = (pod: Pod) => {
    const key = cache.metaNamespaceKeyFunc(pod);
    // keep the first object queued for a key: the queue dedups keys, so later objects are dropped too
    if (!queuedWith.has(key)) queuedWith.set(key, pod);
    controller.queue.add(key);
  };
  podInformer.informer().addEventHandler({
    addFunc: enqueue,
    updateFunc: (_old: Pod, pod: Pod) => enqueue(pod),
    deleteFunc: (obj: unknown) => controller.queue.add(cache.deletionHandlingMetaNamespaceKeyFunc(obj)),
  });
  factory.start(stop);
  if (!(await cache.waitForCacheSync(stop, () => podInformer.informer().hasSynced()))) return;
  controller.run(stop);
}
