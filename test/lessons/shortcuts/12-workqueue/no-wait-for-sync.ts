// Shortcut (sweep 28): run the controller right after factory.start, without waitForCacheSync.
import { cache, errors, informers, workqueue, type Pod, type Playground } from "playground";

export const caughtBy = ["sync-before-work"];

// Lesson 11's program with the slow work moved out of handler #0 into two workers behind a workqueue.
export default async function main({ clientset, stop, log, sleep }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const podInformer = factory.core().v1().pods();
  const lister = podInformer.lister();

  // The workers: the slow push, of the pod as the cache holds it now.
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

  // Handler #0: trivial now. It only enqueues the pod's key.
  const enqueue = (obj: unknown) => controller.queue.add(cache.deletionHandlingMetaNamespaceKeyFunc(obj));
  podInformer.informer().addEventHandler({
    addFunc: (pod: Pod) => enqueue(pod),
    updateFunc: (_old: Pod, pod: Pod) => enqueue(pod),
    deleteFunc: (obj: unknown) => enqueue(obj),
  });

  // Handler #1: the dashboard, as in lesson 11.
  podInformer.informer().addEventHandler({
    addFunc: (pod: Pod) => log(`dashboard: ${pod.metadata.name}`),
  });

  factory.start(stop);
  controller.run(stop);
}
